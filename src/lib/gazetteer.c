/* gazetteer.c — see gazetteer.h.
 *
 * Lists are small (a few hundred aliases), so finding them is a memmem per alias over the key of a
 * cell or heading — never over a whole document. */
#include "gazetteer.h"
#include "fold.h"
#include "fsutil.h"
#include "textdoc.h"

#include <stdlib.h>
#include <string.h>

static int gz_is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

void gz_key_make(const char *f, size_t n, gz_key *k)
{
    k->s = xmalloc(n + 1);
    k->map = xmalloc((n + 1) * sizeof *k->map);
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        if (gz_is_word(c)) {
            if (space && o > 0) {
                k->s[o] = ' ';
                k->map[o++] = i;
            }
            space = 0;
            k->s[o] = (char)c;
            k->map[o++] = i;
        } else {
            space = 1;
        }
    }
    k->s[o] = '\0';
    k->map[o] = n;
    k->len = o;
}

void gz_key_free(gz_key *k)
{
    free(k->s);
    free(k->map);
    k->s = NULL;
    k->map = NULL;
}

char *gz_key_of(const char *s, size_t n)
{
    pp_fold f;
    if (fold_text(s, n, FOLD_OCR, &f) < 0)
        return NULL;
    gz_key k;
    gz_key_make(f.s, f.len, &k);
    fold_free(&f);
    free(k.map);
    return k.s;
}

void gz_free(gz_list *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n; i++) {
        free(g->e[i].name);
        free(g->e[i].target);
    }
    for (size_t i = 0; i < g->na; i++)
        free(g->a[i].key);
    free(g->e);
    free(g->a);
    free(g->path);
    free(g);
}

static char *gz_trim(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        n--;
    return xstrndup(s, n);
}

static int gz_add_alias(gz_list *g, const char *text, int entry, int line, pp_err *e)
{
    char *key = gz_key_of(text, strlen(text));
    if (!key)
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: not valid UTF-8", g->path, line);
    if (!*key) {
        free(key);
        return pp_err_set(e, PP_EXIT_RULES, "%s:%d: empty name", g->path, line);
    }
    if (g->na == g->aalloc) {
        g->aalloc = g->aalloc ? 2 * g->aalloc : 64;
        g->a = xrealloc(g->a, g->aalloc * sizeof *g->a);
    }
    g->a[g->na].key = key;
    g->a[g->na].len = strlen(key);
    g->a[g->na].entry = entry;
    g->na++;
    return PP_OK;
}

static int gz_alias_cmp(const void *x, const void *y)
{
    const gz_alias *a = x, *b = y;
    if (a->len != b->len)
        return a->len < b->len ? 1 : -1;
    return strcmp(a->key, b->key);
}

int gz_parse(const char *path, const char *text, size_t len, gz_list **out, pp_err *e)
{
    *out = NULL;
    if (utf8_invalid_at(text, len) != len)
        return pp_err_set(e, PP_EXIT_RULES, "%s:1: not valid UTF-8", path);
    gz_list *g = xcalloc(1, sizeof *g);
    g->path = xstrdup(path);
    int lineno = 0, rc = PP_OK;
    size_t i = 0;
    while (i < len && rc == PP_OK) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        lineno++;
        char *l = gz_trim(text + i, j - i);
        char *hash = strchr(l, '#');
        if (hash)
            *hash = '\0';
        char *t = gz_trim(l, strlen(l));
        free(l);
        if (*t == '|') {
            rc = pp_err_set(e, PP_EXIT_RULES, "%s:%d: a line must start with a canonical name", path, lineno);
        } else if (*t) {
            /* split on '|' */
            char *save = NULL, *part = strtok_r(t, "|", &save);
            char *first = part ? gz_trim(part, strlen(part)) : xstrdup("");
            char *arrow = strstr(first, "=>");
            char *target = NULL;
            if (arrow) {
                target = gz_trim(arrow + 2, strlen(arrow + 2));
                *arrow = '\0';
                char *nm = gz_trim(first, strlen(first));
                free(first);
                first = nm;
                if (!*target)
                    rc = pp_err_set(e, PP_EXIT_RULES, "%s:%d: nothing after =>", path, lineno);
            }
            if (rc == PP_OK && !*first)
                rc = pp_err_set(e, PP_EXIT_RULES, "%s:%d: a line must start with a canonical name", path, lineno);
            if (rc == PP_OK) {
                if (g->n == g->alloc) {
                    g->alloc = g->alloc ? 2 * g->alloc : 64;
                    g->e = xrealloc(g->e, g->alloc * sizeof *g->e);
                }
                g->e[g->n].name = first;
                g->e[g->n].target = target;
                g->e[g->n].line = lineno;
                first = NULL;
                target = NULL;
                int idx = (int)g->n++;
                rc = gz_add_alias(g, g->e[idx].name, idx, lineno, e);
                while (rc == PP_OK && (part = strtok_r(NULL, "|", &save))) {
                    char *al = gz_trim(part, strlen(part));
                    if (!*al)
                        rc = pp_err_set(e, PP_EXIT_RULES, "%s:%d: empty alias", path, lineno);
                    else
                        rc = gz_add_alias(g, al, idx, lineno, e);
                    free(al);
                }
            }
            free(first);
            free(target);
        }
        free(t);
        i = j + 1;
    }
    if (rc) {
        gz_free(g);
        return rc;
    }
    if (g->na)
        qsort(g->a, g->na, sizeof *g->a, gz_alias_cmp);
    *out = g;
    return PP_OK;
}

int gz_load(const char *path, gz_list **out, pp_err *e)
{
    char *buf;
    size_t len;
    if (fs_read_file(path, (size_t)16 << 20, &buf, &len, e))
        return e->code = PP_EXIT_RULES;
    int rc = gz_parse(path, buf, len, out, e);
    free(buf);
    return rc;
}

int gz_exact(const gz_list *g, const char *key, size_t len)
{
    for (size_t i = 0; i < g->na; i++)
        if (g->a[i].len == len && memcmp(g->a[i].key, key, len) == 0)
            return g->a[i].entry;
    return -1;
}

static int gz_hit_cmp(const void *x, const void *y)
{
    const gz_hit *a = x, *b = y;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    return 0;
}

size_t gz_find(const gz_list *g, const char *key, size_t len, gz_hit *hits, size_t max)
{
    size_t cap = 64, n = 0;
    gz_hit *all = xmalloc(cap * sizeof *all);
    for (size_t i = 0; i < g->na; i++) {
        const gz_alias *a = &g->a[i];
        const char *p = key, *end = key + len;
        while ((size_t)(end - p) >= a->len) {
            const char *q = memmem(p, (size_t)(end - p), a->key, a->len);
            if (!q)
                break;
            size_t s = (size_t)(q - key), t = s + a->len;
            if ((s == 0 || key[s - 1] == ' ') && (t == len || key[t] == ' ')) {
                if (n == cap) {
                    cap *= 2;
                    all = xrealloc(all, cap * sizeof *all);
                }
                all[n].start = s;
                all[n].end = t;
                all[n].entry = a->entry;
                n++;
            }
            p = q + 1;
        }
    }
    if (n)
        qsort(all, n, sizeof *all, gz_hit_cmp);
    size_t out = 0, pos = 0;
    for (size_t i = 0; i < n && out < max; i++) {
        if (all[i].start < pos)
            continue;
        hits[out++] = all[i];
        pos = all[i].end;
    }
    free(all);
    return out;
}
