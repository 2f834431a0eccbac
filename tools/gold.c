/* gold.c — build/release/tools/gold: scores extracted records against a reference (gold) file.
 *
 *   gold GOLD.json RECORDS.jsonl [--verbose] [--all]
 *
 * GOLD.json holds {"doc": NAME, "items": [{code, title, points{target,max}, lead, support, deadline,
 * targets, target_text, monitor}]}; the record whose "source" ends with NAME is compared, or with --all
 * the items of every record in the file taken together (a plan scanned as one document per page).  Each gold
 * item is matched to the extracted item with the same code (the one with the most similar title when a
 * code repeats).  Per field, accuracy = fields equal / gold items; a field the gold item lacks must be
 * absent or empty in the extraction too.  Comparisons are on folded text (no diacritics, lower case,
 * punctuation ignored); titles match when their similarity (1 - edit distance / length) is at least
 * 0.85, which forgives OCR damage to a letter or two per word but not a different title; body lists
 * are compared as multisets of their comma-separated parts; numbers to 1e-6.  Prints one line per field
 * and the mismatches; exit 0, or 2 on bad input. */
#include "fold.h"
#include "gazetteer.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_SIM 0.85

static const char *const fields[] = { "code", "title", "points", "lead", "support", "deadline", "monitor",
                                      "targets", "target_text", NULL };

static char *key(const char *s)
{
    if (!s)
        return strdup("");
    char *k = gz_key_of(s, strlen(s));
    return k ? k : strdup("");
}

static double similarity(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (!n && !m)
        return 1;
    size_t *prev = calloc(m + 1, sizeof *prev), *cur = calloc(m + 1, sizeof *cur);
    if (!prev || !cur) {
        fprintf(stderr, "gold: out of memory\n");
        exit(8);
    }
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            cur[j] = d;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    double dist = (double)prev[m];
    free(prev);
    free(cur);
    return 1.0 - dist / (double)(n > m ? n : m);
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = json_object_get(o, k);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Sorted comma-separated parts of every string in a list, joined with '|'. */
static char *parts(json_t *list)
{
    size_t cap = 64, n = 0;
    char **v = malloc(cap * sizeof *v);
    if (!v)
        exit(8);
    size_t i;
    json_t *el;
    json_array_foreach(list, i, el)
    {
        if (!json_is_string(el))
            continue;
        char *k = key(json_string_value(el));
        /* the key has no commas left: split the original on commas instead */
        free(k);
        char *copy = strdup(json_string_value(el)), *save = NULL;
        for (char *p = strtok_r(copy, ",;", &save); p; p = strtok_r(NULL, ",;", &save)) {
            char *pk = key(p);
            if (!*pk) {
                free(pk);
                continue;
            }
            if (n == cap) {
                cap *= 2;
                v = realloc(v, cap * sizeof *v);
                if (!v)
                    exit(8);
            }
            v[n++] = pk;
        }
        free(copy);
    }
    for (size_t a = 1; a < n; a++)
        for (size_t b = a; b > 0 && strcmp(v[b - 1], v[b]) > 0; b--) {
            char *t = v[b];
            v[b] = v[b - 1];
            v[b - 1] = t;
        }
    size_t len = 1;
    for (size_t a = 0; a < n; a++)
        len += strlen(v[a]) + 1;
    char *out = calloc(1, len);
    if (!out)
        exit(8);
    for (size_t a = 0; a < n; a++) {
        if (a)
            strcat(out, "|");
        strcat(out, v[a]);
        free(v[a]);
    }
    free(v);
    return out;
}

static int num_eq(json_t *a, json_t *b)
{
    int an = !a || json_is_null(a), bn = !b || json_is_null(b);
    if (an || bn)
        return an && bn;
    return fabs(json_number_value(a) - json_number_value(b)) < 1e-6;
}

/* Targets: the multiset of (value, unit) pairs. */
static char *target_sig(json_t *list)
{
    char buf[4096] = "";
    size_t i;
    json_t *t;
    char items[64][64];
    int n = 0;
    json_array_foreach(list, i, t)
    {
        if (n >= 64)
            break;
        json_t *v = json_object_get(t, "value");
        const char *u = jstr(t, "unit");
        char *uk = key(u ? u : "");
        snprintf(items[n++], sizeof items[0], "%.6g %s", json_is_number(v) ? json_number_value(v) : NAN, uk);
        free(uk);
    }
    qsort(items, (size_t)n, sizeof items[0], (int (*)(const void *, const void *))strcmp);
    for (int k = 0; k < n; k++) {
        strncat(buf, items[k], sizeof buf - strlen(buf) - 2);
        strcat(buf, ";");
    }
    return strdup(buf);
}

static int field_eq(const char *f, json_t *g, json_t *x, char **gs, char **xs)
{
    *gs = *xs = NULL;
    if (!strcmp(f, "code")) {
        *gs = strdup(jstr(g, "code") ? jstr(g, "code") : "");
        *xs = strdup(x && jstr(x, "code") ? jstr(x, "code") : "");
        return x != NULL;
    }
    if (!strcmp(f, "title") || !strcmp(f, "deadline") || !strcmp(f, "target_text")) {
        *gs = key(jstr(g, f));
        *xs = key(x ? jstr(x, f) : NULL);
        if (!strcmp(f, "title"))
            return similarity(*gs, *xs) >= TITLE_SIM;
        return strcmp(*gs, *xs) == 0;
    }
    if (!strcmp(f, "points")) {
        json_t *gp = json_object_get(g, "points"), *xp = x ? json_object_get(x, "points") : NULL;
        json_t *gt = gp ? json_object_get(gp, "target") : NULL, *gm = gp ? json_object_get(gp, "max") : NULL;
        json_t *xt = xp ? json_object_get(xp, "target") : NULL, *xm = xp ? json_object_get(xp, "max") : NULL;
        char b[128];
        snprintf(b, sizeof b, "%g/%g", json_is_number(gt) ? json_number_value(gt) : NAN,
                 json_is_number(gm) ? json_number_value(gm) : NAN);
        *gs = strdup(b);
        snprintf(b, sizeof b, "%g/%g", json_is_number(xt) ? json_number_value(xt) : NAN,
                 json_is_number(xm) ? json_number_value(xm) : NAN);
        *xs = strdup(b);
        return num_eq(gt, xt) && num_eq(gm, xm);
    }
    if (!strcmp(f, "targets")) {
        *gs = target_sig(json_object_get(g, "targets"));
        *xs = target_sig(x ? json_object_get(x, "targets") : NULL);
        return strcmp(*gs, *xs) == 0;
    }
    /* body lists */
    *gs = parts(json_object_get(g, f));
    *xs = parts(x ? json_object_get(x, f) : NULL);
    return strcmp(*gs, *xs) == 0;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: gold GOLD.json RECORDS.jsonl [--verbose] [--all]\n");
        return 2;
    }
    int verbose = 0, all = 0;
    for (int a = 3; a < argc; a++) {
        if (!strcmp(argv[a], "--verbose"))
            verbose = 1;
        else if (!strcmp(argv[a], "--all"))
            all = 1;
        else {
            fprintf(stderr, "gold: unknown option %s\n", argv[a]);
            return 2;
        }
    }
    json_error_t je;
    json_t *gold = json_load_file(argv[1], 0, &je);
    if (!gold) {
        fprintf(stderr, "gold: %s:%d: %s\n", argv[1], je.line, je.text);
        return 2;
    }
    const char *doc = jstr(gold, "doc");
    json_t *gitems = json_object_get(gold, "items");
    if (!doc || !json_is_array(gitems)) {
        fprintf(stderr, "gold: %s: needs \"doc\" and \"items\"\n", argv[1]);
        return 2;
    }
    FILE *f = fopen(argv[2], "r");
    if (!f) {
        fprintf(stderr, "gold: %s: cannot open\n", argv[2]);
        return 2;
    }
    json_t *rec = NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int lineno = 0;
    while ((n = getline(&line, &cap, f)) > 0) {
        lineno++;
        json_t *r = json_loadb(line, (size_t)n, 0, &je);
        if (!r) {
            fprintf(stderr, "gold: %s:%d: %s\n", argv[2], lineno, je.text);
            return 2;
        }
        const char *src = jstr(r, "source");
        size_t sl = src ? strlen(src) : 0, dl = strlen(doc);
        if (all && rec) {
            /* pages loaded as separate documents: one list of items, in file order */
            json_t *into = json_object_get(rec, "items"), *more = json_object_get(r, "items");
            if (json_is_array(into) && json_is_array(more))
                json_array_extend(into, more);
            json_decref(r);
        } else if (all || (src && sl >= dl && !strcmp(src + sl - dl, doc))) {
            json_decref(rec);
            rec = r;
        } else {
            json_decref(r);
        }
    }
    free(line);
    fclose(f);
    if (!rec) {
        fprintf(stderr, "gold: %s: no record whose source ends with %s\n", argv[2], doc);
        return 2;
    }
    json_t *xitems = json_object_get(rec, "items");
    size_t ng = json_array_size(gitems);
    int ok[16] = { 0 }, scored[16] = { 0 };
    /* a field is scored only when the gold file gives it for some item (000 has no target_text, 001 no
     * parsed targets); code and title always are */
    for (int k = 0; fields[k]; k++) {
        size_t i2;
        json_t *g2;
        scored[k] = k < 6; /* code title points lead support deadline */
        json_array_foreach(gitems, i2, g2) if (json_object_get(g2, fields[k]) || !strcmp(fields[k], "code") ||
                                               !strcmp(fields[k], "title")) scored[k] = 1;
    }
    int used_count = 0;
    char *mism = NULL;
    size_t mlen = 0;
    FILE *ms = open_memstream(&mism, &mlen);
    if (!ms)
        return 8;
    size_t gi;
    json_t *g;
    json_array_foreach(gitems, gi, g)
    {
        const char *code = jstr(g, "code");
        json_t *best = NULL;
        double bs = -1;
        char *gt = key(jstr(g, "title"));
        size_t xi;
        json_t *x;
        json_array_foreach(xitems, xi, x)
        {
            if (!code || !jstr(x, "code") || strcmp(code, jstr(x, "code")))
                continue;
            char *xt = key(jstr(x, "title"));
            double s = similarity(gt, xt);
            free(xt);
            if (s > bs) {
                bs = s;
                best = x;
            }
        }
        free(gt);
        if (best)
            used_count++;
        for (int k = 0; fields[k]; k++) {
            if (!scored[k])
                continue;
            char *gs, *xs;
            int eq = field_eq(fields[k], g, best, &gs, &xs);
            if (eq)
                ok[k]++;
            else
                fprintf(ms, "  %-6s %-11s gold: %.100s\n  %-6s %-11s got:  %.100s\n", code ? code : "?", fields[k],
                        gs, "", "", xs);
            free(gs);
            free(xs);
        }
    }
    fclose(ms);
    printf("%s: %zu gold items, %d matched by code, %zu extracted items\n", doc, ng, used_count,
           json_array_size(xitems));
    for (int k = 0; fields[k]; k++)
        if (scored[k])
            printf("%-12s %.3f (%d/%zu)\n", fields[k], ng ? (double)ok[k] / (double)ng : 1.0, ok[k], ng);
    if (verbose)
        printf("mismatches:\n%s", mism ? mism : "");
    free(mism);
    json_decref(rec);
    json_decref(gold);
    return 0;
}
