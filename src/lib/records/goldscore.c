/* records/goldscore.c (prefix gs_) — see goldscore.h.  The comparison rules are those tools/gold.c was
 * written with. */
#include "records/goldscore.h"
#include "core/strsim.h"

#include "core/err.h"
#include "match/gazetteer.h"
#include "core/strbuf.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const gs_fields[] = { "code", "title", "points", "lead", "support", "deadline", "monitor",
                                  "targets", "target_text", "product", NULL };

static char *key(const char *s)
{
    if (!s)
        return xstrdup("");
    char *k = gz_key_of(s, strlen(s));
    return k ? k : xstrdup("");
}

/* Similarity of two strings: 1 - edit distance / longer length. */
static double gs_similarity(const char *a, const char *b)
{
    return strsim_ratio(a, strlen(a), b, strlen(b));
}

static const char *jstr(json_t *o, const char *k)
{
    json_t *v = o ? json_object_get(o, k) : NULL;
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted folded comma/semicolon-separated parts of every string in a list, joined with '|'. */
static char *parts(json_t *list)
{
    size_t cap = 16, n = 0;
    char **v = xmalloc(cap * sizeof *v);
    size_t i;
    json_t *el;
    json_array_foreach(list, i, el)
    {
        if (!json_is_string(el))
            continue;
        char *copy = xstrdup(json_string_value(el)), *save = NULL;
        for (char *p = strtok_r(copy, ",;", &save); p; p = strtok_r(NULL, ",;", &save)) {
            char *pk = key(p);
            if (!*pk) {
                free(pk);
                continue;
            }
            if (n == cap) {
                cap *= 2;
                v = xrealloc(v, cap * sizeof *v);
            }
            v[n++] = pk;
        }
        free(copy);
    }
    qsort(v, n, sizeof *v, cmp_str);
    strbuf sb = STRBUF_INIT;
    for (size_t a = 0; a < n; a++) {
        if (a)
            sb_addc(&sb, '|');
        sb_adds(&sb, v[a]);
        free(v[a]);
    }
    free(v);
    return n ? sb_detach(&sb, NULL) : xstrdup("");
}

static int num_eq(json_t *a, json_t *b)
{
    int an = !json_is_number(a), bn = !json_is_number(b);
    if (an || bn)
        return an && bn;
    return fabs(json_number_value(a) - json_number_value(b)) < 1e-6;
}

/* Targets: the sorted multiset of (value, unit) pairs. */
static char *target_sig(json_t *list)
{
    size_t n = json_array_size(list), i;
    char **v = xcalloc(n + 1, sizeof *v);
    json_t *t;
    json_array_foreach(list, i, t)
    {
        json_t *val = json_object_get(t, "value");
        char *uk = key(jstr(t, "unit"));
        v[i] = json_is_number(val) ? xasprintf("%.6g %s", json_number_value(val), uk) : xasprintf("nan %s", uk);
        free(uk);
    }
    qsort(v, n, sizeof *v, cmp_str);
    strbuf sb = STRBUF_INIT;
    for (size_t k = 0; k < n; k++) {
        sb_adds(&sb, v[k]);
        sb_addc(&sb, ';');
        free(v[k]);
    }
    free(v);
    return n ? sb_detach(&sb, NULL) : xstrdup("");
}

static int field_eq(const char *f, json_t *g, json_t *x, char **gs, char **xs, int *g_has, int *x_has)
{
    if (!strcmp(f, "code")) {
        *gs = xstrdup(jstr(g, "code") ? jstr(g, "code") : "");
        *xs = xstrdup(jstr(x, "code") ? jstr(x, "code") : "");
        *g_has = **gs != 0;
        *x_has = **xs != 0;
        return x != NULL;
    }
    int eq;
    if (!strcmp(f, "title") || !strcmp(f, "deadline") || !strcmp(f, "target_text") || !strcmp(f, "product")) {
        *gs = key(jstr(g, f));
        *xs = key(jstr(x, f));
        eq = !strcmp(f, "title") ? gs_similarity(*gs, *xs) >= GS_TITLE_SIM : strcmp(*gs, *xs) == 0;
    } else if (!strcmp(f, "points")) {
        json_t *gp = json_object_get(g, "points"), *xp = x ? json_object_get(x, "points") : NULL;
        json_t *gt = json_object_get(gp, "target"), *gm = json_object_get(gp, "max");
        json_t *xt = json_object_get(xp, "target"), *xm = json_object_get(xp, "max");
        *gs = json_is_number(gt) || json_is_number(gm)
                  ? xasprintf("%g/%g", json_is_number(gt) ? json_number_value(gt) : NAN,
                              json_is_number(gm) ? json_number_value(gm) : NAN)
                  : xstrdup("");
        *xs = json_is_number(xt) || json_is_number(xm)
                  ? xasprintf("%g/%g", json_is_number(xt) ? json_number_value(xt) : NAN,
                              json_is_number(xm) ? json_number_value(xm) : NAN)
                  : xstrdup("");
        eq = num_eq(gt, xt) && num_eq(gm, xm);
    } else if (!strcmp(f, "targets")) {
        *gs = target_sig(json_object_get(g, "targets"));
        *xs = target_sig(x ? json_object_get(x, "targets") : NULL);
        eq = strcmp(*gs, *xs) == 0;
    } else {
        *gs = parts(json_object_get(g, f));
        *xs = parts(x ? json_object_get(x, f) : NULL);
        eq = strcmp(*gs, *xs) == 0;
    }
    *g_has = **gs != 0;
    *x_has = **xs != 0;
    return eq;
}

int gs_score(json_t *gitems, json_t *xitems, gs_result *r)
{
    memset(r, 0, sizeof *r);
    if (!json_is_array(gitems) || (xitems && !json_is_array(xitems)))
        return -1;
    r->ngold = json_array_size(gitems);
    r->nextracted = json_array_size(xitems);
    for (int k = 0; gs_fields[k]; k++) {
        size_t i;
        json_t *g;
        r->f[k].scored = k < 6; /* code title points lead support deadline, as tools/gold scores them */
        json_array_foreach(gitems, i, g) if (json_object_get(g, gs_fields[k])) r->f[k].scored = 1;
    }
    size_t cap = 0, gi;
    json_t *g;
    json_array_foreach(gitems, gi, g)
    {
        const char *code = jstr(g, "code");
        json_t *best = NULL, *x;
        double bs = -1;
        char *gt = key(jstr(g, "title"));
        size_t xi;
        json_array_foreach(xitems, xi, x)
        {
            if (!code || !jstr(x, "code") || strcmp(code, jstr(x, "code")))
                continue;
            char *xt = key(jstr(x, "title"));
            double s = gs_similarity(gt, xt);
            free(xt);
            if (s > bs) {
                bs = s;
                best = x;
            }
        }
        free(gt);
        r->nmatched += best != NULL;
        for (int k = 0; gs_fields[k]; k++) {
            if (!r->f[k].scored)
                continue;
            char *gs, *xs;
            int gh, xh;
            int eq = field_eq(gs_fields[k], g, best, &gs, &xs, &gh, &xh);
            r->f[k].equal += eq;
            r->f[k].gold_has += gh;
            r->f[k].got_has += xh;
            r->f[k].both += eq && gh && xh;
            if (eq) {
                free(gs);
                free(xs);
                continue;
            }
            PP_GROW(r->mm, r->nmm + 1, cap, 32);
            r->mm[r->nmm++] = (gs_mismatch){ gi, code, k, gs, xs, best };
        }
    }
    return 0;
}

void gs_result_free(gs_result *r)
{
    for (size_t i = 0; i < r->nmm; i++) {
        free(r->mm[i].gold);
        free(r->mm[i].got);
    }
    free(r->mm);
    memset(r, 0, sizeof *r);
}

static double ratio(int a, int b, double empty)
{
    return b ? (double)a / (double)b : empty;
}

void gs_print(FILE *f, const char *doc, const gs_result *r, int verbose)
{
    fprintf(f, "%s: %zu gold items, %zu matched by code, %zu extracted items\n", doc, r->ngold, r->nmatched,
            r->nextracted);
    for (int k = 0; gs_fields[k]; k++)
        if (r->f[k].scored)
            fprintf(f, "%-12s %.3f (%d/%zu) precision %.3f recall %.3f\n", gs_fields[k],
                    r->ngold ? (double)r->f[k].equal / (double)r->ngold : 1.0, r->f[k].equal, r->ngold,
                    ratio(r->f[k].both, r->f[k].got_has, 1.0), ratio(r->f[k].both, r->f[k].gold_has, 1.0));
    if (!verbose)
        return;
    fprintf(f, "mismatches:\n");
    for (size_t i = 0; i < r->nmm; i++)
        fprintf(f, "  %-6s %-11s gold: %.100s\n  %-6s %-11s got:  %.100s\n", r->mm[i].code ? r->mm[i].code : "?",
                gs_fields[r->mm[i].field], r->mm[i].gold, "", "", r->mm[i].got);
}

/* ---- item pairing (item precision and recall) and document fields: used by tools/eval ---------------- */

size_t gs_pair(json_t *gitems, json_t *xitems, unsigned char *paired)
{
    size_t nx = json_is_array(xitems) ? json_array_size(xitems) : 0, npairs = 0, gi, xi;
    unsigned char *used = paired ? paired : (nx ? xcalloc(nx, 1) : NULL);
    if (paired && nx)
        memset(paired, 0, nx);
    if (!json_is_array(gitems))
        goto done;
    json_t *g, *x;
    json_array_foreach(gitems, gi, g)
    {
        const char *code = jstr(g, "code");
        if (!code)
            continue;
        char *gt = key(jstr(g, "title"));
        double bs = -1;
        size_t best = nx;
        for (xi = 0; xi < nx; xi++) {
            x = json_array_get(xitems, xi);
            if (used[xi] || !jstr(x, "code") || strcmp(code, jstr(x, "code")))
                continue;
            char *xt = key(jstr(x, "title"));
            double s = gs_similarity(gt, xt);
            free(xt);
            if (s > bs) {
                bs = s;
                best = xi;
            }
        }
        free(gt);
        if (best < nx) {
            used[best] = 1;
            npairs++;
        }
    }
done:
    if (!paired)
        free(used);
    return npairs;
}

void gs_score_items(json_t *gitems, json_t *xitems, int count_sections, unsigned char *paired, gs_items *out)
{
    size_t nx = json_is_array(xitems) ? json_array_size(xitems) : 0;
    unsigned char *p = paired ? paired : (nx ? xcalloc(nx, 1) : NULL);
    out->pairs = gs_pair(gitems, xitems, p);
    out->gold = json_is_array(gitems) ? json_array_size(gitems) : 0;
    out->extracted = 0;
    for (size_t i = 0; i < nx; i++) {
        const char *kind = jstr(json_array_get(xitems, i), "kind");
        out->extracted += p[i] || count_sections || !kind || strcmp(kind, "section");
    }
    if (!paired)
        free(p);
}

const char *const gs_doc_fields[] = { "kind", "number", "date", "issuer", "province", "title", NULL };

int gs_doc_field_eq(const char *f, json_t *gold_doc, json_t *got_doc, char **gold_form, char **got_form)
{
    char *gs = key(jstr(gold_doc, f)), *xs = key(jstr(got_doc, f));
    int eq = !strcmp(f, "title") ? gs_similarity(gs, xs) >= GS_TITLE_SIM : strcmp(gs, xs) == 0;
    if (gold_form)
        *gold_form = gs;
    else
        free(gs);
    if (got_form)
        *got_form = xs;
    else
        free(xs);
    return eq;
}
