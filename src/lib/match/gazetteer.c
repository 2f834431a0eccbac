/* match/gazetteer.c (prefix gz_) — see gazetteer.h.
 *
 * Lists are small (a few hundred aliases), and finding them runs over the key of a cell or heading,
 * never over a whole document: at every word start, the aliases beginning with that byte are compared
 * (an index by first byte, built once per list). */
#include "match/gazetteer.h"
#include "text/fold.h"
#include "core/fsutil.h"
#include "core/utf8.h"

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
    free(g->byfirst);
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
    PP_GROW(g->a, g->na + 1, g->aalloc, 64);
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
                PP_GROW(g->e, g->n + 1, g->alloc, 64);
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
    /* counting sort by first byte keeps each group longest first */
    g->byfirst = xmalloc((g->na + 1) * sizeof *g->byfirst);
    memset(g->bucket, 0, sizeof g->bucket);
    for (size_t k = 0; k < g->na; k++)
        g->bucket[(unsigned char)g->a[k].key[0] + 1]++;
    for (int c = 0; c < 256; c++)
        g->bucket[c + 1] += g->bucket[c];
    size_t fill[256];
    memcpy(fill, g->bucket, sizeof fill);
    for (size_t k = 0; k < g->na; k++)
        g->byfirst[fill[(unsigned char)g->a[k].key[0]]++] = k;
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

int gz_at(const gz_list *g, const char *key, size_t len, size_t s, size_t *end)
{
    if (s >= len)
        return -1;
    unsigned char c = (unsigned char)key[s];
    for (size_t k = g->bucket[c]; k < g->bucket[c + 1]; k++) {
        const gz_alias *a = &g->a[g->byfirst[k]];
        if (a->len <= len - s && memcmp(key + s, a->key, a->len) == 0 && (s + a->len == len || key[s + a->len] == ' ')) {
            *end = s + a->len;
            return a->entry;
        }
    }
    return -1;
}

size_t gz_find(const gz_list *g, const char *key, size_t len, gz_hit *hits, size_t max)
{
    /* left to right over word starts; at each, the longest alias that ends on a word boundary */
    size_t out = 0;
    for (size_t s = 0; s < len && out < max;) {
        size_t t = 0;
        int entry = gz_at(g, key, len, s, &t);
        if (entry >= 0) {
            hits[out].start = s;
            hits[out].end = t;
            hits[out].entry = entry;
            out++;
            s = t;
        }
        /* next word start */
        while (s < len && key[s] != ' ')
            s++;
        while (s < len && key[s] == ' ')
            s++;
    }
    return out;
}
