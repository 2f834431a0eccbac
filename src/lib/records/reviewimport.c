/* records/reviewimport.c (prefix ri_) — see reviewimport.h. */
#include "records/reviewimport.h"

#include "core/csvread.h"
#include "core/strbuf.h"
#include "records/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bad rows named in the error, at most. */
#define RI_MAX_ERRORS 10

enum { C_HASH, C_CODE, C_OCC, C_FIELD, C_ACTION, C_VALUE, C_EXTRACTED, C_REVIEWER, C_N };
static const char *const col_names[C_N] = { "document_hash", "item_code", "occurrence", "field",
                                            "action",        "value",     "extracted",  "reviewer" };
/* C_EXTRACTED and C_REVIEWER may be missing. */
#define RI_REQUIRED 6

typedef struct ri_row {
    int line;
    int64_t item;
    char *field, *action, *value, *seen, *reviewer;
} ri_row;

static void row_free(ri_row *r)
{
    free(r->field);
    free(r->action);
    free(r->value);
    free(r->seen);
    free(r->reviewer);
}

static const char *cell(const strvec *f, const int *cols, int k)
{
    return cols[k] >= 0 && (size_t)cols[k] < f->n ? f->v[cols[k]] : "";
}

/* The id of the item of this key now, 0 when none. */
static int find_item(pp_db *db, sqlite3_stmt *q, const char *hash, const char *code, long occ, int64_t *id,
                     pp_err *e)
{
    *id = 0;
    sqlite3_bind_text(q, 1, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, code, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 3, occ - 1);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *id = sqlite3_column_int64(q, 0);
    else if (rc != SQLITE_DONE)
        db_fail(db, e, "finding an item by its key");
    sqlite3_reset(q);
    return e->code;
}

static void bad(strbuf *errs, int *nbad, int line, const char *fmt, const char *arg)
{
    if (++*nbad <= RI_MAX_ERRORS) {
        sb_addf(errs, "\n  line %d: ", line);
        sb_addf(errs, fmt, arg);
    }
}

static int lower_eq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if ((*a >= 'A' && *a <= 'Z' ? *a + 32 : *a) != *b)
            return 0;
    return !*a && !*b;
}

int ri_import(pp_db *db, const char *name, const char *csv, size_t len, const char *reviewer, ri_counts *n,
              pp_err *e)
{
    memset(n, 0, sizeof *n);
    csvr r;
    csvr_init(&r, csv, len);
    strvec f = STRVEC_INIT;
    int line, cols[C_N];
    int got = csvr_next(&r, &f, &line, e);
    if (got != 1) {
        sv_free(&f);
        if (got == 0)
            return pp_err_set(e, PP_EXIT_INPUT, "%s: empty file (no header)", name);
        char *m = xstrdup(e->msg);
        pp_err_clear(e);
        pp_err_set(e, PP_EXIT_INPUT, "%s: %s", name, m);
        free(m);
        return e->code;
    }
    for (int k = 0; k < C_N; k++) {
        cols[k] = -1;
        for (size_t i = 0; i < f.n; i++)
            if (!strcmp(f.v[i], col_names[k]))
                cols[k] = (int)i;
        if (k < RI_REQUIRED && cols[k] < 0) {
            sv_free(&f);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: line 1: no column '%s' (the header of parplan-audit's review.csv)",
                              name, col_names[k]);
        }
    }
    review_ctx *rv = NULL;
    sqlite3_stmt *q = NULL;
    ri_row *rows = NULL;
    size_t nrows = 0, cap = 0;
    strbuf errs = STRBUF_INIT;
    int nbad = 0;
    if (review_open(db, &rv, e) ||
        db_prepare(db, &q,
                   "SELECT i.id FROM items i JOIN documents d ON d.id = i.document_id WHERE d.hash = ?1 AND "
                   "coalesce(i.code, '') = ?2 ORDER BY i.seq LIMIT 1 OFFSET ?3", e))
        goto done;
    /* the rows of one item follow each other: its key is looked up once */
    char *last_key = NULL;
    int64_t last_id = 0;
    while (!e->code && (got = csvr_next(&r, &f, &line, e)) == 1) {
        if (f.n == 1 && !*f.v[0])
            continue; /* a blank line */
        n->rows++;
        char action[32]; /* trimmed: a spreadsheet keeps the spaces typed around a word */
        const char *a0 = cell(&f, cols, C_ACTION);
        while (*a0 == ' ')
            a0++;
        snprintf(action, sizeof action, "%s", a0);
        for (size_t k = strlen(action); k > 0 && action[k - 1] == ' ';)
            action[--k] = '\0';
        if (!*action)
            continue;
        const char *hash = cell(&f, cols, C_HASH), *code = csvr_untext(cell(&f, cols, C_CODE));
        const char *occs = cell(&f, cols, C_OCC), *field = cell(&f, cols, C_FIELD);
        const char *acts[] = { "accept", "correct", "reject", "unreject", NULL };
        const char *act = NULL;
        for (int k = 0; acts[k] && !act; k++)
            if (lower_eq(action, acts[k]))
                act = acts[k];
        char *end;
        long occ = strtol(occs, &end, 10);
        if (!act) {
            bad(&errs, &nbad, line, "unknown action '%s' (accept, correct, reject or unreject)", action);
            continue;
        }
        if (!*occs || *end || occ < 1) {
            bad(&errs, &nbad, line, "occurrence '%s' is not a number from 1", occs);
            continue;
        }
        int whole = !strcmp(act, "reject") || !strcmp(act, "unreject");
        if (!whole && review_field_index(field) < 0) {
            bad(&errs, &nbad, line, "unknown field '%s'", field);
            continue;
        }
        const char *value = csvr_untext(cell(&f, cols, C_VALUE));
        if (!strcmp(act, "correct") && !*value) {
            bad(&errs, &nbad, line, "a correction of %s needs its value in the value column", field);
            continue;
        }
        char *key = xasprintf("%s\x1f%s\x1f%ld", hash, code, occ);
        int64_t id = last_id;
        if (!last_key || strcmp(key, last_key)) {
            if (find_item(db, q, hash, code, occ, &id, e)) {
                free(key);
                break;
            }
            free(last_key);
            last_key = key;
            last_id = id;
        } else {
            free(key);
        }
        if (!id) {
            char *what = xasprintf("%.12s… %s #%ld", hash, *code ? code : "(no code)", occ);
            bad(&errs, &nbad, line, "no item %s in the database (document not loaded, or extraction changed)", what);
            free(what);
            continue;
        }
        PP_GROW(rows, nrows + 1, cap, 64);
        ri_row *w = &rows[nrows++];
        memset(w, 0, sizeof *w);
        w->line = line;
        w->item = id;
        w->field = xstrdup(field);
        w->action = xstrdup(act);
        w->value = xstrdup(value);
        w->seen = cols[C_EXTRACTED] >= 0 ? xstrdup(csvr_untext(cell(&f, cols, C_EXTRACTED))) : NULL;
        const char *who = cell(&f, cols, C_REVIEWER);
        w->reviewer = xstrdup(*who ? who : reviewer);
    }
    free(last_key);
    if (e->code) {
        if (got != 1 && e->code == PP_EXIT_INPUT) { /* a malformed record: the file is not CSV from here */
            char *m = xstrdup(e->msg);
            pp_err_clear(e);
            pp_err_set(e, PP_EXIT_INPUT, "%s: %s; nothing imported", name, m);
            free(m);
        }
        goto done;
    }
    if (nbad) {
        pp_err_set(e, PP_EXIT_USAGE, "%s: %d bad row%s, nothing imported:%s%s", name, nbad, nbad > 1 ? "s" : "",
                   sb_str(&errs), nbad > RI_MAX_ERRORS ? "\n  …" : "");
        goto done;
    }
    if (db_begin(db, e))
        goto done;
    for (size_t i = 0; i < nrows && !e->code; i++) {
        ri_row *w = &rows[i];
        char *note = xasprintf("imported from %s line %d", name, w->line);
        if (!strcmp(w->action, "reject") || !strcmp(w->action, "unreject"))
            review_reject(rv, w->item, !strcmp(w->action, "reject"), w->reviewer, note, e);
        else if (w->seen)
            review_record_seen(rv, w->item, w->field, w->action, w->value, w->seen, w->reviewer, note, e);
        else /* no extracted column: what extraction gives now is what was seen */
            review_record(rv, w->item, w->field, w->action, w->value, w->reviewer, note, e);
        if (e->code && e->code != PP_EXIT_DB) {
            char *m = xstrdup(e->msg);
            pp_err_clear(e);
            pp_err_set(e, PP_EXIT_USAGE, "%s: line %d: %s; nothing imported", name, w->line, m);
            free(m);
        }
        free(note);
    }
    if (e->code)
        db_rollback(db);
    else if (!db_commit(db, e))
        n->decisions = (int)nrows;
done:
    for (size_t i = 0; i < nrows; i++)
        row_free(&rows[i]);
    free(rows);
    sb_free(&errs);
    sv_free(&f);
    sqlite3_finalize(q);
    review_close(rv);
    return e->code;
}
