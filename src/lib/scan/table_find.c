/* scan/table_find.c (prefix table_) — see table_find.h: finding ruled tables with Leptonica.
 *
 * Everything is measured on a binary copy reduced 2x with an OR (thin rules survive the reduction):
 *   1. Opening with a long horizontal brick keeps only horizontal rules; a page with fewer than two rules
 *      a quarter of the page wide has no table and costs nothing more.  A vertical brick gives the
 *      vertical rules.  The bricks are longer than any letter stroke and shorter than one row.
 *   2. Connected components of (horizontal | vertical) rules are table candidates; each keeps the rule
 *      segments inside it.  Rules are clustered by position into row and column boundaries.
 *   3. A column wide enough to hide two is searched for a vertical band of white that runs through the
 *      rows on both sides of which there is ink: a column boundary whose rule is missing ("whitespace").
 *   4. Every boundary is tested per grid position (is the rule drawn there, or for a whitespace boundary,
 *      is the band free of ink?); grid positions joined by an absent boundary are one cell, which gives
 *      group heading rows (spanning every column) and merged cells without special cases. */
#include "scan/table_find.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

typedef struct seg {
    int a, b;   /* extent along the rule */
    int pos;    /* centre across it */
} seg;

typedef struct segv {
    seg *v;
    size_t n, cap;
} segv;

typedef struct bound {
    int pos;
    int virt;   /* found from white space, not drawn */
} bound;

static void segv_push(segv *s, seg x)
{
    PP_GROW(s->v, s->n + 1, s->cap, 64);
    s->v[s->n++] = x;
}

/* Segments (components) of a rule mask at least `minlen` long. */
static void segments(PIX *mask, int horizontal, int minlen, segv *out)
{
    BOXA *boxa = pixConnComp(mask, NULL, 8);
    if (!boxa)
        return;
    int n = boxaGetCount(boxa);
    for (int i = 0; i < n; i++) {
        int x, y, w, h;
        if (boxaGetBoxGeometry(boxa, i, &x, &y, &w, &h))
            continue;
        if (horizontal && w >= minlen)
            segv_push(out, (seg){ x, x + w - 1, y + h / 2 });
        else if (!horizontal && h >= minlen)
            segv_push(out, (seg){ y, y + h - 1, x + w / 2 });
    }
    boxaDestroy(&boxa);
}

static int cmp_seg_pos(const void *a, const void *b)
{
    const seg *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int cmp_bound(const void *a, const void *b)
{
    const bound *x = a, *y = b;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Clusters segments (sorted by pos) lying inside [lo, hi] across and [alo, ahi] along into boundary
 * positions whose summed length covers at least `mincover`. */
static size_t cluster(const segv *s, int lo, int hi, int alo, int ahi, int tol, int mincover, int *out, size_t max)
{
    size_t n = 0;
    long sum = 0, cnt = 0, cover = 0;
    int last = -1000000;
    for (size_t i = 0; i <= s->n; i++) {
        const seg *g = i < s->n ? &s->v[i] : NULL;
        assert(!g || i == 0 || s->v[i - 1].pos <= g->pos); /* sorted by pos, as the caller promises */
        int inside = g && g->pos >= lo && g->pos <= hi && g->b >= alo && g->a <= ahi;
        if (g && !inside)
            continue;
        if (!g || g->pos - last > tol) {
            if (cnt && cover >= mincover && n < max)
                out[n++] = (int)(sum / cnt);
            sum = cnt = cover = 0;
        }
        if (!g)
            break;
        int a = g->a < alo ? alo : g->a, b = g->b > ahi ? ahi : g->b;
        sum += g->pos;
        cnt++;
        cover += b - a + 1;
        last = g->pos;
    }
    return n;
}

static inline int bit(const l_uint32 *data, int wpl, int x, int y)
{
    return GET_DATA_BIT(data + (size_t)y * wpl, x);
}

/* Share (0..1) of the positions along a boundary where the mask has a pixel within +-band across it. */
static double drawn(PIX *mask, int vertical, int pos, int a, int b, int band)
{
    int w = pixGetWidth(mask), h = pixGetHeight(mask), wpl = pixGetWpl(mask);
    const l_uint32 *d = pixGetData(mask);
    int hit = 0, tot = 0;
    for (int t = a; t <= b; t++) {
        int any = 0;
        for (int k = pos - band; k <= pos + band && !any; k++) {
            int x = vertical ? k : t, y = vertical ? t : k;
            if (x >= 0 && y >= 0 && x < w && y < h && bit(d, wpl, x, y))
                any = 1;
        }
        hit += any;
        tot++;
    }
    return tot ? (double)hit / tot : 0;
}

/* Union-find over grid positions. */
static int uf_find(int *p, int i)
{
    while (p[i] != i) {
        p[i] = p[p[i]];
        i = p[i];
    }
    return i;
}

static void uf_join(int *p, int a, int b)
{
    a = uf_find(p, a);
    b = uf_find(p, b);
    if (a != b)
        p[a < b ? b : a] = a < b ? a : b; /* the top-left position stays the root */
}

/* Column boundaries hidden in white space inside column interval [x0, x1] (half resolution): a run of x
 * where (nearly) every inked row is blank, with ink on both sides in most rows.  Adds them to `out`. */
static void whitespace_cols(PIX *ink, const int *ys, int nrows, const int *skip, int x0, int x1, int dpi2,
                            bound *out, size_t *nout, size_t max)
{
    int w = x1 - x0 + 1;
    if (w < 3)
        return;
    int *empty = xcalloc((size_t)w, sizeof *empty);
    char *col = xmalloc((size_t)w);
    int inked = 0;
    int wpl = pixGetWpl(ink);
    const l_uint32 *d = pixGetData(ink);
    int *firstx = xmalloc((size_t)nrows * sizeof *firstx), *lastx = xmalloc((size_t)nrows * sizeof *lastx);
    for (int r = 0; r < nrows; r++) {
        firstx[r] = lastx[r] = -1;
        if (skip[r])
            continue;
        int ya = ys[r] + 4, yb = ys[r + 1] - 4;
        if (yb <= ya)
            continue;
        memset(col, 0, (size_t)w);
        int any = 0;
        for (int y = ya; y <= yb; y++)
            for (int x = 0; x < w; x++)
                if (!col[x] && bit(d, wpl, x0 + x, y))
                    col[x] = 1, any = 1;
        if (!any)
            continue;
        inked++;
        for (int x = 0; x < w; x++) {
            empty[x] += !col[x];
            if (col[x]) {
                if (firstx[r] < 0)
                    firstx[r] = x;
                lastx[r] = x;
            }
        }
    }
    int mingap = dpi2 / 25 > 4 ? dpi2 / 25 : 4;
    int pad = dpi2 / 40 > 2 ? dpi2 / 40 : 2;
    int tol = inked / 10;
    if (inked >= 3) {
        for (int x = 0; x < w;) {
            if (empty[x] < inked - tol) {
                x++;
                continue;
            }
            int g0 = x;
            while (x < w && empty[x] >= inked - tol)
                x++;
            int g1 = x - 1;
            if (g1 - g0 + 1 < mingap)
                continue;
            int left = 0, right = 0;
            for (int r = 0; r < nrows; r++) {
                left += firstx[r] >= 0 && firstx[r] < g0;
                right += lastx[r] > g1;
            }
            if (2 * left >= inked && 2 * right >= inked && *nout < max) {
                int gw = g1 - g0 + 1;
                out[(*nout)++] = (bound){ x0 + g1 - (pad < gw / 2 ? pad : gw / 2), 1 };
            }
        }
    }
    free(firstx);
    free(lastx);
    free(col);
    free(empty);
}

/* Builds one table from a candidate region (half-resolution box) or returns 0. */
static int build_table(PIX *hm, PIX *vm, PIX *ink, const segv *hs, const segv *vs, int bx, int by, int bw, int bh,
                       int dpi2, pp_table *t)
{
    enum { MAXB = 512 };
    int tol = 4;
    int ys[MAXB + 2];
    bound xs[MAXB + 2];
    int xi[MAXB + 2];
    size_t ny = cluster(hs, by - tol, by + bh + tol, bx, bx + bw, tol, (int)(bw * 0.3), ys, MAXB);
    size_t nx = cluster(vs, bx - tol, bx + bw + tol, by, by + bh, tol, (int)(bh * 0.25), xi, MAXB);
    if (ny < 2)
        return 0;
    /* open-sided tables: their outer edges are the ends of the horizontal rules */
    if (!nx || xi[0] > bx + 2 * tol) {
        memmove(xi + 1, xi, nx * sizeof *xi);
        xi[0] = bx;
        nx++;
    }
    if (xi[nx - 1] < bx + bw - 1 - 2 * tol)
        xi[nx++] = bx + bw - 1;
    for (size_t i = 0; i < nx; i++)
        xs[i] = (bound){ xi[i], 0 };
    int nrows = (int)ny - 1;
    /* group rows: no drawn inner column rule at all; they are left out of the white-space search */
    int *skip = xcalloc((size_t)nrows, sizeof *skip);
    for (int r = 0; r < nrows; r++) {
        int inner = 0;
        for (size_t b = 1; b + 1 < nx; b++)
            inner += drawn(vm, 1, xs[b].pos, ys[r] + 3, ys[r + 1] - 3, 3) >= 0.5;
        skip[r] = nx > 2 && inner == 0;
    }
    size_t nb = nx;
    int minw = dpi2 * 7 / 10; /* a column that can hold two is at least ~0.7 in wide */
    for (size_t c = 0; c + 1 < nx; c++)
        if (xs[c + 1].pos - xs[c].pos >= minw)
            whitespace_cols(ink, ys, nrows, skip, xs[c].pos + 4, xs[c + 1].pos - 4, dpi2, xs, &nb, MAXB);
    int virt = nb > nx;
    qsort(xs, nb, sizeof *xs, cmp_bound);
    int ncols = (int)nb - 1;
    if (ncols < 2 || nrows < 1) {
        free(skip);
        return 0;
    }

    /* which boundaries are there at each grid position */
    int n = nrows * ncols;
    int *parent = xmalloc((size_t)n * sizeof *parent);
    for (int i = 0; i < n; i++)
        parent[i] = i;
    for (int r = 0; r < nrows; r++)
        for (int b = 1; b < ncols; b++) {
            int ya = ys[r] + 3, yb = ys[r + 1] - 3;
            /* a group row spans its white-space boundaries as well as its missing rules */
            int present = xs[b].virt ? !skip[r] && drawn(ink, 1, xs[b].pos, ya, yb, 1) < 0.02
                                     : drawn(vm, 1, xs[b].pos, ya, yb, 3) >= 0.5;
            if (!present)
                uf_join(parent, r * ncols + b - 1, r * ncols + b);
        }
    for (int r = 1; r < nrows; r++)
        for (int c = 0; c < ncols; c++)
            if (drawn(hm, 0, ys[r], xs[c].pos + 3, xs[c + 1].pos - 3, 3) < 0.5)
                uf_join(parent, (r - 1) * ncols + c, r * ncols + c);

    memset(t, 0, sizeof *t);
    t->nrows = nrows;
    t->ncols = ncols;
    t->rowy = xmalloc((size_t)(nrows + 1) * sizeof *t->rowy);
    t->colx = xmalloc((size_t)(ncols + 1) * sizeof *t->colx);
    for (int r = 0; r <= nrows; r++)
        t->rowy[r] = 2 * ys[r];
    for (int c = 0; c <= ncols; c++)
        t->colx[c] = 2 * xs[c].pos;
    /* boundaries come out of cluster() in increasing order: every row and column has a positive size */
    for (int r = 0; r < nrows; r++)
        assert(t->rowy[r] < t->rowy[r + 1]);
    for (int c = 0; c < ncols; c++)
        assert(t->colx[c] < t->colx[c + 1]);
    t->box = (pp_box){ t->colx[0], t->rowy[0], t->colx[ncols], t->rowy[nrows] };
    t->method = virt ? "whitespace" : "ruled";
    t->header_row = -1;
    t->fields = xcalloc((size_t)ncols, sizeof *t->fields);
    t->headings = xcalloc((size_t)ncols, sizeof *t->headings);
    /* one cell per set, at its top-left position; its extent is the bounding grid rectangle */
    int *r1 = xmalloc((size_t)n * sizeof *r1), *c1 = xmalloc((size_t)n * sizeof *c1);
    for (int i = 0; i < n; i++)
        r1[i] = c1[i] = -1;
    for (int i = 0; i < n; i++) {
        int root = uf_find(parent, i);
        if (i / ncols > r1[root])
            r1[root] = i / ncols;
        if (i % ncols > c1[root])
            c1[root] = i % ncols;
    }
    t->cells = xcalloc((size_t)n, sizeof *t->cells);
    int m = 1; /* up to the rule (painted over in the clean copy): Tesseract wants a white margin */
    for (int i = 0; i < n; i++) {
        if (uf_find(parent, i) != i)
            continue;
        pp_cell *cell = &t->cells[t->ncells++];
        cell->row = i / ncols;
        cell->col = i % ncols;
        cell->rowspan = r1[i] - cell->row + 1;
        cell->colspan = c1[i] - cell->col + 1;
        /* a union-find set's root is its first grid position, so spans never reach back or out */
        assert(cell->rowspan >= 1 && cell->colspan >= 1 && cell->row + cell->rowspan <= nrows &&
               cell->col + cell->colspan <= ncols);
        cell->box = (pp_box){ t->colx[cell->col] + m, t->rowy[cell->row] + m, t->colx[c1[i] + 1] - m,
                              t->rowy[r1[i] + 1] - m };
        cell->text = NULL;
    }
    free(r1);
    free(c1);
    free(parent);
    free(skip);
    return 1;
}

size_t table_find(PIX *gray, int dpi, pp_table **out, PIX **clean)
{
    *out = NULL;
    *clean = NULL;
    if (!gray || pixGetDepth(gray) != 8)
        return 0;
    int dpi2 = (dpi > 0 ? dpi : 300) / 2;
    PIX *bin = pixConvertTo1(gray, 160);
    PIX *half = bin ? pixReduceRankBinary2(bin, 1, NULL) : NULL;
    pixDestroy(&bin);
    if (!half)
        return 0;
    int W = pixGetWidth(half);
    int hlen = dpi2 / 3, vlen = dpi2 / 6;   /* ~1/3 in: longer than strokes, shorter than a row */
    PIX *hm = pixOpenBrick(NULL, half, hlen, 1);
    segv hs = { 0 }, vs = { 0 };
    size_t nt = 0;
    pp_table *tabs = NULL;
    PIX *vm = NULL, *lines = NULL, *ink = NULL;
    if (!hm)
        goto done;
    segments(hm, 1, hlen, &hs);
    int longs = 0;
    for (size_t i = 0; i < hs.n; i++)
        longs += hs.v[i].b - hs.v[i].a + 1 >= W / 4;
    if (longs < 2)
        goto done; /* the cheap exit of every text page */
    vm = pixOpenBrick(NULL, half, 1, vlen);
    lines = vm ? pixOr(NULL, hm, vm) : NULL;
    if (!lines)
        goto done;
    segments(vm, 0, vlen, &vs);
    qsort(hs.v, hs.n, sizeof *hs.v, cmp_seg_pos);
    if (vs.n)
        qsort(vs.v, vs.n, sizeof *vs.v, cmp_seg_pos);
    /* text ink: the page without its rules (and their blurred edges) */
    PIX *wide = pixDilateBrick(NULL, lines, 5, 5);
    ink = wide ? pixSubtract(NULL, half, wide) : NULL;
    pixDestroy(&wide);
    PIX *joined = pixDilateBrick(NULL, lines, 3, 3);
    BOXA *regions = joined ? pixConnComp(joined, NULL, 8) : NULL;
    pixDestroy(&joined);
    if (!ink || !regions) {
        boxaDestroy(&regions);
        goto done;
    }
    int nr = boxaGetCount(regions);
    tabs = xcalloc((size_t)(nr ? nr : 1), sizeof *tabs);
    for (int i = 0; i < nr; i++) {
        int x, y, w, h;
        if (boxaGetBoxGeometry(regions, i, &x, &y, &w, &h) || w < W / 4 || h < 2 * vlen)
            continue;
        if (build_table(hm, vm, ink, &hs, &vs, x, y, w, h, dpi2, &tabs[nt]))
            nt++;
    }
    boxaDestroy(&regions);
    /* reading order: top to bottom */
    for (size_t i = 1; i < nt; i++)
        for (size_t k = i; k > 0 && tabs[k].box.y0 < tabs[k - 1].box.y0; k--) {
            pp_table tmp = tabs[k];
            tabs[k] = tabs[k - 1];
            tabs[k - 1] = tmp;
        }
    if (nt) {
        /* the rules painted white on a copy of the page, so cells are recognised without fragments */
        /* only rules inside tables: a tall letter elsewhere can pass the vertical opening */
        PIX *inside = pixCreateTemplate(lines);
        for (size_t i = 0; inside && i < nt; i++) {
            int x = tabs[i].box.x0 / 2 - 4, y = tabs[i].box.y0 / 2 - 4;
            int w = (tabs[i].box.x1 - tabs[i].box.x0) / 2 + 9, h = (tabs[i].box.y1 - tabs[i].box.y0) / 2 + 9;
            pixRasterop(inside, x, y, w, h, PIX_SRC, lines, x, y);
        }
        PIX *big = inside ? pixExpandBinaryPower2(inside, 2) : NULL;
        pixDestroy(&inside);
        PIX *mask = big ? pixDilateBrick(NULL, big, 5, 5) : NULL;
        PIX *copy = mask ? pixCopy(NULL, gray) : NULL;
        /* paint with the paper's grey, not white: a white stripe on grey paper would be darker-than-white
         * "ink" to the threshold Tesseract picks */
        l_uint32 paper = 255;
        if (pixGetRankValue(gray, 4, 0.5, &paper) != 0)
            paper = 255;
        if (copy && pixPaintThroughMask(copy, mask, 0, 0, paper) == 0) {
            *clean = copy;
        } else {
            pixDestroy(&copy);
            *clean = pixClone(gray);
        }
        pixDestroy(&big);
        pixDestroy(&mask);
    }
done:
    if (!nt) {
        free(tabs);
        tabs = NULL;
    }
    free(hs.v);
    free(vs.v);
    pixDestroy(&hm);
    pixDestroy(&vm);
    pixDestroy(&lines);
    pixDestroy(&ink);
    pixDestroy(&half);
    *out = tabs;
    return nt;
}
