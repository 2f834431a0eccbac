/* extract/extract_cols_align.c (prefix xc_) — one name aligned on an item's leftover tokens, in order, by
 * dynamic programming: every name word may match one token (or two split ones, or two name words one
 * run-together token) within a bounded edit distance, and tokens of other columns may stand between.
 * When the best alignment breaks the layout (a piece not contiguous on its line, lines too far apart) it
 * is tried again on either side of the break.
 *
 * Speed: aliases that cannot reach XC_ACCEPT by the best similarity of each word (xc_bound) are never
 * aligned.  An alignment visits only the cells whose token is similar to the row's word (a few per row;
 * the rest of a row is a running maximum), and gives up as soon as the rows left cannot bring the alias to
 * XC_ACCEPT (xc_align). */
#include "extract/extract-ll.h"

#include <assert.h>
#include <string.h>

enum { C_SKIP_A = 1, C_SKIP_S, C_ONE, C_SPLIT, C_JOIN };

/* What an alias can score at best: every word at its best similarity, or a pair run together. */
static double xc_bound(const xc_cache *cc, const xc_name *nm)
{
    double ub = 0, prev = 0;
    for (int i = 0; i < nm->k; i++) {
        double b = nm->wid[i] >= 0 ? cc->bw[nm->wid[i]] * nm->len[i] : (double)nm->len[i];
        ub += b;
        if (i) {
            double nn = (double)(nm->len[i - 1] + nm->len[i]);
            double jb = nm->pid[i] >= 0 ? cc->bp[nm->pid[i]] * nn : nn;
            if (jb > prev + b)
                ub += jb - prev - b;
        }
        prev = b;
    }
    return ub;
}

/* How many times a best alignment that breaks the layout rules (a name's piece contiguous on its line,
 * its lines near each other) is tried again on either side of the break. */
#define XC_RETRY 3

/* One row of an alignment: name word i (1-based) against the tokens, with what its cells need. */
typedef struct xc_row {
    const char *w;      /* the word, in the alias key */
    size_t nw, nn;      /* its length; with the word before it (run together), 0 for the first */
    int joins;          /* it may be read run together with the word before */
    const double *one, *split, *join; /* its rows of the cache (NULL: compare the strings) */
    xc_bits wlive, plive; /* the free tokens where one or split, where join, may not be 0 */
    xc_bits live;       /* either: the cells that may read a token (xc_align) */
} xc_row;

/* Cell jc (token j = lo + jc - 1, free) of row i: the best of skipping the word (the cell above,
 * preferred on ties), skipping the token (the cell before), and reading the token as the word, the word's
 * second piece, or the word run together with the one before.  dp[] are the rows' values; *how says
 * which was taken. */
static inline __attribute__((always_inline)) double
xc_cell(const xc_cache *cc, const xc_tok *t, const char *key, const xc_name *nm, const xc_row *rw, size_t i,
        double *const *dp, size_t j, size_t jc, unsigned char *how)
{
    const char *f = cc->d->f.buf;
    const double *prev = dp[i - 1], *cur = dp[i];
    size_t nw = rw->nw;
    double best = prev[jc];
    *how = C_SKIP_A;
    if (cur[jc - 1] > best) {
        best = cur[jc - 1];
        *how = C_SKIP_S;
    }
    const xc_tok *s = &t[j];
    double sm = rw->one ? rw->one[j] : xc_sim(rw->w, nw, f + s->a, s->b - s->a);
    if (sm >= XC_TOKEN_SIM && prev[jc - 1] + sm * (double)nw > best) {
        best = prev[jc - 1] + sm * (double)nw;
        *how = C_ONE;
    }
    /* one name word read as two pieces ("Phl.lc" for "Phục") */
    const xc_tok *r = jc >= 2 ? &t[j - 1] : NULL;
    if (r && !r->used && r->line == s->line && s->b - r->a <= XC_TOKLEN) {
        double sp;
        if (rw->split) {
            sp = rw->split[j];
        } else {
            char buf[XC_TOKLEN];
            size_t n1 = r->b - r->a, n2 = s->b - s->a;
            memcpy(buf, f + r->a, n1);
            memcpy(buf + n1, f + s->a, n2);
            sp = xc_sim(rw->w, nw, buf, n1 + n2);
        }
        if (sp >= XC_WORD_SIM && prev[jc - 2] + sp * (double)nw > best) {
            best = prev[jc - 2] + sp * (double)nw;
            *how = C_SPLIT;
        }
    }
    /* two name words run together ("donvi") */
    if (rw->joins) {
        size_t nn = rw->nn;
        double sj;
        if (rw->join) {
            sj = rw->join[j];
        } else {
            char buf[XC_TOKLEN];
            memcpy(buf, key + nm->off[i - 2], nm->len[i - 2]);
            memcpy(buf + nm->len[i - 2], rw->w, nw);
            sj = xc_sim(buf, nn, f + s->a, s->b - s->a);
        }
        if (sj >= XC_WORD_SIM && dp[i - 2][jc - 1] + sj * (double)nn > best) {
            best = dp[i - 2][jc - 1] + sj * (double)nn;
            *how = C_JOIN;
        }
    }
    return best;
}

/* Cells [from,to) of row cur, which read no token: each is the best of the cell above and the cell before
 * (the cell before ties: skipping the word is preferred, the value is the same).  The row above never
 * decreases, so from the first cell where it reaches the running best on, the row is the row above. */
static inline void xc_skip_run(double *cur, const double *prev, size_t from, size_t to)
{
    double v = cur[from - 1];
    size_t jj = from;
    for (; jj < to && v > prev[jj]; jj++)
        cur[jj] = v;
    for (; jj < to; jj++)
        cur[jj] = prev[jj];
}

/* The tokens [lo,hi) as a set. */
static void xc_bits_range(size_t lo, size_t hi, xc_bits out)
{
    for (size_t b = 0; b < XC_BITW; b++) {
        size_t a = b * 64, e = a + 64;
        size_t s = lo > a ? lo : a, z = hi < e ? hi : e;
        out[b] = s >= z ? 0 : (z - s == 64 ? ~0ull : ((1ull << (z - s)) - 1) << (s - a));
    }
}

/* The best of x[j] over the tokens j in `bits` (0 when none). */
static double xc_best_of(const double *x, const xc_bits bits)
{
    double best = 0;
    for (size_t b = 0; b < XC_BITW; b++)
        for (unsigned long long u = bits[b]; u; u &= u - 1) {
            double v = x[b * 64 + (size_t)__builtin_ctzll(u)];
            if (v > best)
                best = v;
        }
    return best;
}

/* rest[i] (i = 0..k): at most what rows i+1..k of an alignment (rw[1..k], xc_align) can add to a
 * score (in letters).  Each row adds at most its word at its best similarity on its free tokens (one
 * word or two pieces), or, read run together with the word before, that pair at its best instead of both
 * words: the best of these choices, row by row from the last. */
static void xc_rest_bound(const xc_row *rw, size_t k, double *rest)
{
    double word[XC_MAX_NAME + 2], pair[XC_MAX_NAME + 2], h[XC_MAX_NAME + 3];
    for (size_t r = 1; r <= k; r++) {
        const xc_row *x = &rw[r];
        word[r] = (double)x->nw;
        if (x->one) {
            double one = xc_best_of(x->one, x->wlive), split = xc_best_of(x->split, x->wlive);
            word[r] = (one > split ? one : split) * (double)x->nw;
        }
        pair[r] = !x->joins ? 0 : x->join ? xc_best_of(x->join, x->plive) * (double)x->nn : (double)x->nn;
    }
    pair[k + 1] = 0;
    /* h[r]: rows r..k, row r not run together with the row before it */
    h[k + 1] = h[k + 2] = 0;
    for (size_t r = k; r >= 1; r--) {
        double a = word[r] + h[r + 1], b = pair[r + 1] + h[r + 2];
        h[r] = a > b ? a : b;
    }
    for (size_t i = 0; i <= k; i++) {
        double b = i >= 1 && i < k ? pair[i + 1] + h[i + 2] : 0;
        rest[i] = h[i + 1] > b ? h[i + 1] : b;
    }
}

/* Row i (1-based) of an alignment of nm on the tokens `tok`.  The similarities of a word (or pair) without
 * an id are the item's (xc_loose_of); past what it keeps, the row's candidates are the tokens of a length
 * the word may match, compared cell by cell. */
static void xc_row_make(const xc_cache *cc, const xc_tok *t, const char *key, const xc_name *nm, size_t i,
                        const xc_bits tok, xc_row *r)
{
    size_t m = cc->m;
    int wid = nm->wid[i - 1], pid = nm->pid[i - 1];
    r->w = key + nm->off[i - 1];
    r->nw = nm->len[i - 1];
    r->nn = i >= 2 ? nm->len[i - 2] + r->nw : 0;
    r->joins = i >= 2 && r->nn <= XC_TOKLEN;
    const unsigned long long *wm = NULL, *pm = NULL;
    xc_bits wl, pl;
    if (wid >= 0) {
        r->one = cc->one + (size_t)wid * m;
        r->split = cc->split + (size_t)wid * m;
        wm = cc->wmask[wid];
    } else {
        const xc_loose *x = xc_loose_of(cc, t, r->w, r->nw, 1);
        r->one = x ? x->one : NULL;
        r->split = x ? x->split : NULL;
        if (x)
            wm = x->live;
        else
            xc_len_live(cc, r->nw, 1, wl);
    }
    r->join = NULL;
    if (r->joins && pid >= 0) {
        r->join = cc->join + (size_t)pid * m;
        pm = cc->pmask[pid];
    } else if (r->joins) {
        char buf[XC_TOKLEN];
        memcpy(buf, key + nm->off[i - 2], nm->len[i - 2]);
        memcpy(buf + nm->len[i - 2], r->w, r->nw);
        const xc_loose *x = xc_loose_of(cc, t, buf, r->nn, 0);
        r->join = x ? x->one : NULL;
        if (x)
            pm = x->live;
        else
            xc_len_live(cc, r->nn, 0, pl);
    }
    for (size_t b = 0; b < XC_BITW; b++) {
        r->wlive[b] = (wm ? wm[b] : wl[b]) & tok[b];
        r->plive[b] = !r->joins ? 0 : (pm ? pm[b] : pl[b]) & tok[b];
        r->live[b] = r->wlive[b] | r->plive[b];
    }
}

/* Best ordered alignment of a name's tokens on the free leftover tokens [lo,hi); fills c->tok, returns
 * the score.  `cut` (depth 0 only): a score under it is not worth a traceback, and 0 comes back with no
 * tokens (xc_take: a name that cannot be accepted now cannot be later, on fewer free tokens).
 *
 * dp[i][jj]: the best of word rows 1..i on the first jj tokens of [lo,hi), in letters matched.  Only the
 * cells whose token has a similarity to the row's word (or, run together, to it and the word before) can
 * read it (xc_cell); a row's other cells are the best of the cell above and the cell before, which the
 * rows' order makes a running maximum.  A row without such a cell is the row above (it is not copied).
 * Which way each cell was reached is not stored: the traceback, a path of at most k + hi - lo cells,
 * decides again as the fill did, on the same values. */
static double xc_align(xc_cache *cc, const xc_tok *t, const char *key, const xc_name *nm, size_t lo, size_t hi,
                       xc_cand *c, int depth, double cut)
{
    size_t k = (size_t)nm->k, letters = nm->letters;
    c->ntok = 0;
    c->letters = letters;
    if (!k || !letters || hi <= lo)
        return 0;
    static double rows[XC_MAX_NAME + 1][XC_MAX_TOK + 1]; /* rows[0] is never written: all 0 */
    assert(k <= XC_MAX_NAME && hi <= cc->m && cc->m <= XC_MAX_TOK); /* a row per word, a cell per token */
    double *dp[XC_MAX_NAME + 1];
    xc_row rw[XC_MAX_NAME + 1];
    size_t mm = hi - lo;
    /* the free tokens of [lo,hi) */
    xc_bits tok;
    xc_bits_range(lo, hi, tok);
    for (size_t b = 0; b < XC_BITW; b++)
        tok[b] &= cc->free[b];
    for (size_t i = 1; i <= k; i++)
        xc_row_make(cc, t, key, nm, i, tok, &rw[i]);
    /* Under the cut, give up as soon as what the rows filled scored plus what the rest can add falls
     * short of it (with a margin far above the rounding of these sums: giving up must be certain). */
    double rest[XC_MAX_NAME + 1], need = cut * (double)letters - 1e-6;
    int bounded = depth == 0 && cut > 0;
    if (bounded) {
        xc_rest_bound(rw, k, rest);
        if (rest[0] < need)
            return 0;
    }
    dp[0] = rows[0];
    for (size_t i = 1; i <= k; i++) {
        const xc_row *r = &rw[i];
        unsigned long long any = 0;
        for (size_t b = 0; b < XC_BITW; b++)
            any |= r->live[b];
        const double *prev = dp[i - 1];
        if (!any) {
            dp[i] = dp[i - 1]; /* every cell skips the word: the row above */
        } else {
            double *cur = dp[i] = rows[i];
            cur[0] = 0;
            size_t jj = 1; /* the next cell to fill */
            for (size_t b = lo / 64; b <= (hi - 1) / 64; b++)
                for (unsigned long long u = r->live[b]; u; u &= u - 1) {
                    size_t j = b * 64 + (size_t)__builtin_ctzll(u), jc = j - lo + 1;
                    xc_skip_run(cur, prev, jj, jc);
                    unsigned char how;
                    cur[jc] = xc_cell(cc, t, key, nm, r, i, dp, j, jc, &how);
                    jj = jc + 1;
                }
            xc_skip_run(cur, prev, jj, mm + 1);
        }
        if (bounded && dp[i][mm] + rest[i] < need)
            return 0;
    }
    if (depth == 0 && dp[k][mm] / (double)letters < cut)
        return 0;
    /* traceback: the tokens used, and how many name words matched */
    size_t i = k, jj = mm, words = 0;
    int head = 0; /* the first name word matched */
    while (i > 0 && jj > 0) {
        size_t j = lo + jj - 1;
        unsigned char how = dp[i][jj - 1] > dp[i - 1][jj] ? C_SKIP_S : C_SKIP_A;
        if (rw[i].live[j / 64] >> (j % 64) & 1)
            xc_cell(cc, t, key, nm, &rw[i], i, dp, j, jj, &how);
        switch (how) {
        case C_SKIP_A:
            i--;
            break;
        case C_SKIP_S:
            jj--;
            break;
        case C_ONE:
            c->wlo[c->ntok] = c->whi[c->ntok] = (unsigned char)(i - 1);
            c->tok[c->ntok++] = (int)j;
            words++;
            head |= i == 1;
            i--;
            jj--;
            break;
        case C_SPLIT:
            c->wlo[c->ntok] = c->whi[c->ntok] = (unsigned char)(i - 1);
            c->tok[c->ntok++] = (int)j;
            c->wlo[c->ntok] = c->whi[c->ntok] = (unsigned char)(i - 1);
            c->tok[c->ntok++] = (int)j - 1;
            words++;
            head |= i == 1;
            i--;
            jj -= 2;
            break;
        default: /* C_JOIN */
            c->wlo[c->ntok] = (unsigned char)(i - 2);
            c->whi[c->ntok] = (unsigned char)(i - 1);
            c->tok[c->ntok++] = (int)j;
            words += 2;
            head |= i == 2;
            i -= 2;
            jj--;
            break;
        }
    }
    const char *f = cc->d->f.buf;
    double score = dp[k][mm] / (double)letters;
    /* the head word ("Phòng", "Sở", "Các") may be unreadable, but something must stand in its place */
    if (k >= 2 && c->ntok && !head) {
        int first = c->tok[c->ntok - 1];
        const xc_tok *p = first > 0 ? &t[first - 1] : NULL;
        if (!p || p->line != t[first].line || p->used || !xc_debris(f + p->a, p->b - p->a))
            return 0;
    }
    /* one column's piece of a name is contiguous on its line (a stray speck aside), and a name spans a
     * few lines at most: the best alignment that breaks this is tried again without the break, on the
     * tokens up to its later side and on those after its earlier side */
    for (int a = c->ntok - 1; a > 0; a--) {
        const xc_tok *p = &t[c->tok[a]], *q = &t[c->tok[a - 1]];
        if ((p->line == q->line && c->tok[a - 1] - c->tok[a] > 2) || q->line - p->line > 3) {
            if (depth >= XC_RETRY)
                return 0;
            size_t pj = (size_t)c->tok[a], qj = (size_t)c->tok[a - 1];
            xc_cand c1 = *c, c2 = *c;
            double s1 = xc_align(cc, t, key, nm, lo, qj, &c1, depth + 1, 0);
            double s2 = xc_align(cc, t, key, nm, pj + 1, hi, &c2, depth + 1, 0);
            if (s1 > 0 && s1 >= s2) {
                *c = c1;
                return s1;
            }
            if (s2 > 0) {
                *c = c2;
                return s2;
            }
            return 0;
        }
    }
    /* a one-word name must be read exactly; longer ones need two words matched */
    if (k == 1 ? score < 1.0 : words < 2)
        return 0;
    return score;
}

/* Aligns alias i unless its bound says it cannot be accepted. */
void xc_cand_align(xc_cache *cc, const xc_tok *t, const gz_list *g, const xc_name *nm, size_t i, int list,
                   xc_cand *c)
{
    /* every field but the tokens (read up to ntok only): clearing the whole struct cost more than the
     * bound below, for the many aliases that stop there */
    c->entry = g->a[i].entry;
    c->alias = (int)i;
    c->list = list;
    c->score = 0;
    c->letters = nm->letters;
    c->ntok = 0;
    c->year = 0;
    double need = nm->k == 1 ? (double)nm->letters : XC_ACCEPT * (double)nm->letters;
    if (!nm->k || xc_bound(cc, nm) + 1e-9 < need)
        return;
    /* under `need` the alias is never taken (xc_take), now or on fewer free tokens */
    c->score = xc_align(cc, t, g->a[i].key, nm, 0, cc->m, c, 0, nm->k == 1 ? 1.0 : XC_ACCEPT);
}
