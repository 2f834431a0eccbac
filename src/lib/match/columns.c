/* match/columns.c (prefix columns_) — see columns.h. */
#include "match/columns.h"
#include "text/fold.h"
#include "core/fsutil.h"
#include "match/roles.h"
#include "match/rules.h"
#include "core/strbuf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct pp_columns {
    rl_set *set;
};

/* The rule file's fields: column.<role> for every role of roles.h, in its order (which is also the order
 * of trial when two fields' rules match a heading with the same priority). */
static const char *const col_fields[ROLE_N + 1] = {
#define COL_X_FIELD(id, name, body) "column." name,
    ROLE_TABLE(COL_X_FIELD)
#undef COL_X_FIELD
    NULL,
};

int columns_parse(const char *path, const char *text, size_t len, pp_columns **out, pp_err *e)
{
    *out = NULL;
    rl_set *set = rl_new();
    if (rl_parse(set, path, text, len, e)) {
        rl_free(set);
        return e->code;
    }
    /* only column fields belong here: anything else is a rule meant for parplan-extract */
    for (size_t i = 0; i < set->n; i++) {
        int known = 0;
        for (int k = 0; col_fields[k]; k++)
            known |= strcmp(set->v[i].field, col_fields[k]) == 0;
        if (!known) {
            strbuf list = STRBUF_INIT;
            for (int k = 0; col_fields[k]; k++)
                sb_addf(&list, "%s%s", k ? ", " : "", col_fields[k]);
            pp_err_set(e, PP_EXIT_RULES, "%s:%d: field \"%s\" is not a column field (%s)", set->v[i].file,
                       set->v[i].line, set->v[i].field, list.buf);
            sb_free(&list);
            rl_free(set);
            return e->code;
        }
    }
    pp_columns *c = xcalloc(1, sizeof *c);
    c->set = set;
    *out = c;
    return PP_OK;
}

int columns_load(const char *path, pp_columns **out, pp_err *e)
{
    *out = NULL;
    struct stat sb;
    if (stat(path, &sb) != 0 && errno == ENOENT)
        return PP_OK;
    char *buf;
    size_t len;
    if (fs_read_file(path, (size_t)1 << 20, &buf, &len, e))
        return e->code = PP_EXIT_RULES;
    int rc = columns_parse(path, buf, len, out, e);
    free(buf);
    return rc;
}

void columns_free(pp_columns *c)
{
    if (!c)
        return;
    rl_free(c->set);
    free(c);
}

const char *columns_field(pp_columns *c, const char *heading)
{
    if (!c || !heading)
        return NULL;
    char *f = fold_dup(heading, strlen(heading), FOLD_OCR);
    if (!f)
        return NULL;
    /* one space between words: headings wrap inside their cells */
    size_t n = 0;
    for (size_t i = 0; f[i]; i++) {
        char ch = f[i] == '\t' || f[i] == '\n' ? ' ' : f[i];
        if (ch == ' ' && (n == 0 || f[n - 1] == ' '))
            continue;
        f[n++] = ch;
    }
    while (n && f[n - 1] == ' ')
        n--;
    f[n] = '\0';
    const char *best = NULL;
    int best_prio = -100000;
    for (int k = 0; col_fields[k]; k++) {
        rl_match m;
        const rl_rule *r;
        size_t nr = rl_field(c->set, col_fields[k], &r);
        for (size_t i = 0; i < nr; i++) {
            if (r[i].priority <= best_prio)
                break; /* sorted by priority: nothing better in this field */
            if (rl_exec(c->set, &r[i], f, n, 0, 0, &m) == 1) {
                best = role_names[k];
                best_prio = r[i].priority;
                break;
            }
        }
    }
    free(f);
    return best;
}
