/* extract/extract_doc_targets.c (prefix ex_) — what the target region of an item says: its baseline ("năm
 * 2022 là 83,99%"), its points ("1,5 điểm"), and its targets ("đạt từ 90% trở lên"), each with its value,
 * unit, comparison, year and the clause it stands in. */
#include "extract/extract-ll.h"
#include "extract/fields.h"

#include <string.h>

/* The year of the first "năm 20NN" in s (folded), 0 when none. */
static int ex_year_in(ex_doc *x, sg_span s)
{
    const char *f = x->d.f.buf;
    for (size_t i = s.a; i + 8 <= s.b; i++)
        if (memcmp(f + i, "nam ", 4) == 0 && f[i + 4] == '2' && f[i + 5] == '0' && f[i + 6] >= '0' &&
            f[i + 6] <= '9' && f[i + 7] >= '0' && f[i + 7] <= '9')
            return 2000 + (f[i + 6] - '0') * 10 + (f[i + 7] - '0');
    return 0;
}

/* The clause around a match: between ';', '. ', a bulleted line start, or the region's ends. */
static sg_span ex_clause(ex_doc *x, sg_span region, size_t a, size_t b)
{
    const char *f = x->d.f.buf;
    size_t s = a, t = b;
    while (s > region.a) {
        char c = f[s - 1];
        if (c == ';' || (c == '.' && f[s] == ' ') || (c == '\n' && (f[s] == '-' || f[s] == '+')))
            break;
        if (c == ':' && s - region.a < 3)
            break;
        s--;
    }
    while (t < region.b) {
        char c = f[t];
        if (c == ';' || (c == '.' && (t + 1 >= region.b || f[t + 1] == ' ' || f[t + 1] == '\n')) ||
            (c == '\n' && t + 1 < region.b && (f[t + 1] == '-' || f[t + 1] == '+')))
            break;
        t++;
    }
    sg_span r = { s, t };
    r = sg_trim(&x->d, r);
    while (r.a < r.b && (f[r.a] == '-' || f[r.a] == '+' || f[r.a] == ' '))
        r.a++;
    return r;
}

static int ex_has_digit(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= '0' && s[i] <= '9')
            return 1;
    return 0;
}

int ex_value(ex_doc *x, const rl_match *m, const char *group, double *v, sg_span *sp)
{
    size_t a, b;
    if (!rl_group(m, group, &a, &b))
        return 0;
    sg_span s = { a, b };
    size_t o0, o1;
    sg_orig(&x->d, s, &o0, &o1);
    if (sp)
        *sp = s;
    return fl_number(x->d.text.buf + o0, o1 - o0, v);
}

static int ex_overlaps(size_t a, size_t b, size_t c, size_t d)
{
    return a < d && c < b;
}

/* Points figures of several criteria in one item (a score table, lettered sub-criteria each with its
 * own score): no single value is the item's.  Matches inside a baseline ("năm 2023 đạt 0.5 điểm") and
 * matches overlapping a higher-priority one do not count. */
static int ex_points_ambiguous(ex_doc *x, const sg_span *win, size_t nwin, const ex_hit *bh, size_t nb)
{
    ex_hit h[32];
    size_t n = ex_all_in(x, "points", win, nwin, h, 32, 0);
    double first = 0;
    int have = 0;
    for (size_t i = 0; i < n; i++) {
        int skip = 0;
        for (size_t j = 0; j < nb && !skip; j++)
            skip = ex_overlaps(h[i].a, h[i].b, bh[j].a, bh[j].b);
        for (size_t j = 0; j < i && !skip; j++)
            skip = h[j].m.rule != h[i].m.rule && ex_overlaps(h[i].a, h[i].b, h[j].a, h[j].b);
        double v;
        if (skip || !ex_value(x, &h[i].m, "value", &v, NULL))
            continue;
        if (have && v != first)
            return 1;
        first = v;
        have = 1;
    }
    return 0;
}

void ex_targets(ex_doc *x, sg_span region, ex_item *it)
{
    /* a baseline, points and every target are figures: a region without a digit holds none (most
     * titles, many task texts), and its scans are saved */
    if (region.b <= region.a || !ex_has_digit(x->d.f.buf + region.a, region.b - region.a))
        return;
    /* Every baseline, points and target rule reads its figure (the group value: digits), and a match
     * starts a few words before it and ends a few after ("tăng ít nhất 2% so với", "từ 90% ... trở lên"),
     * wrapped over a line at most: the rules run on the lines with a digit and one line either side
     * (rules/README.md says so of these fields).  Measured with callgrind on the extraction corpus: 1.5 %
     * of the stage's instructions saved, outputs the same. */
    sg_span win[32];
    size_t nwin = ex_windows(x, region, "0123456789", 1, 1, win, sizeof win / sizeof win[0]);
    rl_match m;
    /* baseline first: "năm 2022 là 83,99%" is a baseline, not a target */
    ex_hit bh[8];
    size_t nb = ex_all_in(x, "baseline", win, nwin, bh, 8, 0);
    for (size_t i = 0; i < nb && !it->has_base; i++) {
        double v;
        if (ex_value(x, &bh[i].m, "value", &v, NULL)) {
            it->has_base = 1;
            it->base = v;
            size_t a, b;
            it->base_unit = rl_group(&bh[i].m, "unit", &a, &b) ? fl_unit(x->d.f.buf + a, b - a) : "%";
            double y;
            it->base_year = ex_value(x, &bh[i].m, "year", &y, NULL) ? (int)y : 0;
            it->base_sp = (sg_span){ bh[i].a, bh[i].b };
            it->base_rule = bh[i].m.rule->name;
        }
    }
    if (!it->has_points && ex_first_in(x, "points", win, nwin, &m) == 1 && !ex_points_ambiguous(x, win, nwin, bh, nb)) {
        double v;
        if (ex_value(x, &m, "value", &v, NULL)) {
            it->has_points = 1;
            it->points = v;
            it->points_sp = (sg_span){ m.start, m.end };
            it->points_rule = m.rule->name;
            it->has_max = ex_value(x, &m, "max", &it->max, NULL);
        }
    }
    static const char *const tf[] = { "target.increase", "target.ge", "target.gt", "target.le", "target.eq" };
    static const char *const top[] = { "increase>=", ">=", ">", "<=", "=" };
    ex_hit h[64];
    int op[64];
    size_t n = 0;
    for (int k = 0; k < 5; k++) {
        size_t before = n;
        n = ex_all_in(x, tf[k], win, nwin, h, 64, n);
        for (size_t i = before; i < n; i++)
            op[i] = k;
    }
    /* earlier fields win over later ones on overlap (increase, then >=, ...) */
    int keep[64];
    for (size_t i = 0; i < n; i++) {
        keep[i] = 1;
        for (size_t j = 0; j < i && keep[i]; j++)
            if (keep[j] && ex_overlaps(h[i].a, h[i].b, h[j].a, h[j].b))
                keep[i] = 0;
        for (size_t j = 0; j < nb && keep[i]; j++)
            if (ex_overlaps(h[i].a, h[i].b, bh[j].a, bh[j].b))
                keep[i] = 0;
        if (it->has_points && keep[i] && ex_overlaps(h[i].a, h[i].b, it->points_sp.a, it->points_sp.b))
            keep[i] = 0;
    }
    /* in text order */
    for (;;) {
        size_t best = n;
        for (size_t i = 0; i < n; i++)
            if (keep[i] && (best == n || h[i].a < h[best].a))
                best = i;
        if (best == n || it->ntg >= EX_MAX_TARGETS)
            break;
        keep[best] = 0;
        ex_target *t = &it->tg[it->ntg];
        memset(t, 0, sizeof *t);
        t->has_value = ex_value(x, &h[best].m, "value", &t->value, &t->val);
        if (!t->has_value)
            continue;
        size_t a, b;
        t->unit = rl_group(&h[best].m, "unit", &a, &b) ? fl_unit(x->d.f.buf + a, b - a) : "count";
        t->op = top[op[best]];
        t->rule = h[best].m.rule->name;
        t->text = ex_clause(x, region, h[best].a, h[best].b);
        double y;
        t->year = ex_value(x, &h[best].m, "year", &y, NULL) ? (int)y : ex_year_in(x, t->text);
        it->ntg++;
    }
}
