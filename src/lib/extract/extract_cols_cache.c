/* extract/extract_cols_cache.c (prefix xc_) — similarities of an item's leftover tokens to the vocabulary:
 * the run's memo of strings already compared, the item's table of word (and pair) against token, and the
 * similarities of the strings the vocabulary has no id for.
 *
 * Speed: per item, every vocabulary word (and run-together pair) is compared once with every token
 * (letter histograms bound the edit distance first); the best similarity of each word bounds what an
 * alias can score (xc_bound, extract_cols_align.c). */
#include "extract/extract-ll.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* ---- similarities of a string to the vocabulary, remembered ----
 * A document's leftover tokens ("phong", "cac", "don", "vi", "thuong") recur item after item and
 * document after document, and the vocabulary is the run's: each string's similarities to every name
 * word and run-together pair are computed once.  Only those that are not 0 are kept (most are 0: the
 * length and letter bounds of xc_sim_h).  The table is emptied when it holds XC_MEMO_MAX strings, so a
 * stream of distinct garbage cannot grow it without bound. */
#define XC_MEMO_MAX 65536

typedef struct xc_sims {
    int nw, np;    /* similarities to words (ids[0..nw)), then to pairs (ids[nw..nw+np)) */
    int *id;
    double *x;
} xc_sims;

typedef struct xc_memo {
    strmap index;  /* string -> its similarities in sims[] */
    xc_sims *sims;
    size_t n, alloc;
    /* the similarity table of xc_cache, kept zeroed between items: an item's table is mostly zeros, and
     * zeroing only the entries it wrote costs far less than allocating a cleared one */
    double *table;
    size_t table_n;
    size_t *dirty;
    size_t ndirty, adirty;
    /* the masks of xc_cache, cleared per item (a few kilobytes) */
    xc_bits *mask;
    size_t mask_n;
    /* the item's similarities of strings without an id (xc_loose_of), emptied per item, and its tokens'
     * letter histograms for them (computed with the first) */
    struct xc_loose *loose;
    size_t nloose;
    unsigned char (*thist)[XC_NHIST];
    /* xc_take's alignments, one per alias (kept: it runs twice per item) */
    xc_cand *cands;
    size_t ncands;
} xc_memo;

static void xc_memo_clear(xc_memo *mm)
{
    for (size_t i = 0; i < mm->n; i++) {
        free(mm->sims[i].id);
        free(mm->sims[i].x);
    }
    mm->n = 0;
    strmap_clear(&mm->index);
}

void xc_memo_free(xc_memo *mm)
{
    xc_memo_clear(mm);
    free(mm->sims);
    free(mm->table);
    free(mm->dirty);
    free(mm->mask);
    free(mm->loose);
    free(mm->thist);
    free(mm->cands);
    free(mm);
}

struct xc_memo *xc_memo_new(void)
{
    return xcalloc(1, sizeof(xc_memo));
}

xc_cand *xc_memo_cands(xc_memo *mm, size_t n)
{
    if (mm->ncands < n) {
        free(mm->cands);
        mm->cands = xmalloc(n * sizeof *mm->cands);
        mm->ncands = n;
    }
    return mm->cands;
}

/* Lengths near enough for a similarity of 0.5 (the lowest threshold used). */
static inline int xc_len_ok(size_t a, size_t b)
{
    return 2 * (a > b ? a - b : b - a) <= (a > b ? a : b);
}

/* The similarities of s[0..n) (n <= 2 * XC_TOKLEN) to every word and pair of v. */
static const xc_sims *xc_sims_of(const xc_vocab *v, const char *s, size_t n)
{
    xc_memo *mm = v->memo;
    int64_t at;
    if (strmap_get(&mm->index, s, n, &at))
        return &mm->sims[at];
    if (mm->n >= XC_MEMO_MAX)
        xc_memo_clear(mm);
    unsigned char h[XC_NHIST];
    xc_hist_of(s, n, h);
    int nw = 0, np = 0;
    int *id = NULL;
    double *x = NULL;
    size_t aid = 0, ax = 0; /* most strings have no similarity to keep: nothing is allocated for them */
    for (size_t pass = 0; pass < 2; pass++) {
        size_t count = pass ? v->npair : v->n;
        for (size_t w = 0; w < count; w++) {
            size_t wl = pass ? v->plen[w] : v->wlen[w];
            if ((pass && wl > XC_TOKLEN) || !xc_len_ok(wl, n))
                continue;
            double sim = pass ? xc_sim_h(v->pw[w], wl, v->phist[w], s, n, h)
                              : xc_sim_h(v->w[w], wl, v->hist[w], s, n, h);
            if (sim == 0)
                continue;
            PP_GROW(id, (size_t)(nw + np) + 1, aid, 16);
            PP_GROW(x, (size_t)(nw + np) + 1, ax, 16);
            id[nw + np] = (int)w;
            x[nw + np] = sim;
            if (pass)
                np++;
            else
                nw++;
        }
    }
    PP_GROW(mm->sims, mm->n + 1, mm->alloc, 1024);
    mm->sims[mm->n] = (xc_sims){ nw, np, id, x };
    strmap_put(&mm->index, s, n, (int64_t)mm->n);
    return &mm->sims[mm->n++];
}

/* Sets entry i of the similarity table, remembering it for xc_cache_release. */
static inline void xc_cache_set(xc_cache *cc, double *p, double x)
{
    xc_memo *mm = cc->v->memo;
    if (*p == 0) {
        PP_GROW(mm->dirty, mm->ndirty + 1, mm->adirty, 1024);
        mm->dirty[mm->ndirty++] = (size_t)(p - mm->table);
    }
    *p = x;
}

/* Zeroes what xc_cache_fill wrote, for the next item. */
void xc_cache_release(xc_cache *cc)
{
    xc_memo *mm = cc->v->memo;
    for (size_t i = 0; i < mm->ndirty; i++)
        mm->table[mm->dirty[i]] = 0;
    mm->ndirty = 0;
}

/* Similarities x[from..to) of sm at or above `min` into column j of `rows` (a row per word or pair id),
 * each raising its id's best in `best` and marking j in its mask. */
static void xc_cache_put(xc_cache *cc, const xc_sims *sm, int from, int to, double min, double *rows, double *best,
                         xc_bits *mask, size_t j)
{
    for (int i = from; i < to; i++) {
        double x = sm->x[i];
        if (x < min)
            continue;
        int id = sm->id[i];
        xc_cache_set(cc, &rows[(size_t)id * cc->m + j], x);
        mask[id][j / 64] |= 1ull << (j % 64);
        if (x > best[id])
            xc_cache_set(cc, &best[id], x);
    }
}

void xc_cache_fill(xc_cache *cc, const xc_tok *t)
{
    const xc_vocab *v = cc->v;
    size_t m = cc->m, nw = v->n, np = v->npair;
    const char *f = cc->d->f.buf;
    size_t all = (2 * nw + np) * m + nw + np;
    xc_memo *mm = v->memo;
    if (mm->table_n < all + 1) {
        free(mm->table);
        mm->table = xcalloc(all + 1, sizeof *mm->table);
        mm->table_n = all + 1;
    }
    cc->one = mm->table;
    cc->split = cc->one + nw * m;
    cc->join = cc->split + nw * m;
    cc->bw = cc->join + np * m;
    cc->bp = cc->bw + nw;
    if (mm->mask_n < nw + np) {
        free(mm->mask);
        mm->mask = xmalloc((nw + np) * sizeof *mm->mask);
        mm->mask_n = nw + np;
    }
    memset(mm->mask, 0, (nw + np) * sizeof *mm->mask);
    cc->wmask = mm->mask;
    cc->pmask = mm->mask + nw;
    mm->nloose = 0;
    memset(cc->bylen, 0, sizeof cc->bylen);
    memset(cc->bysplit, 0, sizeof cc->bysplit);
    char buf[2 * XC_TOKLEN];
    assert(m <= XC_MAX_TOK);
    for (size_t j = 0; j < m; j++) {
        const char *s = f + t[j].a;
        size_t n = t[j].b - t[j].a;
        assert(j == 0 || t[j - 1].b <= t[j].a); /* tokens in text order: j-1 and j may be one split word */
        if (n <= XC_TOKLEN)
            cc->bylen[n][j / 64] |= 1ull << (j % 64);
        if (j > 0 && t[j - 1].line == t[j].line && t[j].b - t[j - 1].a <= XC_TOKLEN)
            cc->bysplit[n + t[j - 1].b - t[j - 1].a][j / 64] |= 1ull << (j % 64);
        if (n > XC_TOKLEN)
            continue;
        const xc_sims *sm = xc_sims_of(v, s, n);
        /* a token read as a name word exactly is that word, not another one damaged ("phong" is not
         * "cong"; two letters are too few to tell: "to" may well be "tu") */
        int exact = 0;
        for (int i = 0; i < sm->nw; i++)
            exact |= sm->x[i] == 1.0 && n >= 3;
        xc_cache_put(cc, sm, 0, sm->nw, exact ? XC_EXACT_OTHER : 0, cc->one, cc->bw, cc->wmask, j);
        /* two name words run together ("donvi") */
        xc_cache_put(cc, sm, sm->nw, sm->nw + sm->np, XC_WORD_SIM, cc->join, cc->bp, cc->pmask, j);
        /* the token with the one before it on its line, one word read as two pieces ("Phl.lc") */
        if (j > 0 && t[j - 1].line == t[j].line && t[j].b - t[j - 1].a <= XC_TOKLEN) {
            size_t n1 = t[j - 1].b - t[j - 1].a;
            memcpy(buf, f + t[j - 1].a, n1);
            memcpy(buf + n1, s, n);
            const xc_sims *s2 = xc_sims_of(v, buf, n1 + n);
            xc_cache_put(cc, s2, 0, s2->nw, XC_WORD_SIM, cc->split, cc->bw, cc->wmask, j);
        }
    }
}

/* ---- strings without an id ----
 * A one-letter name word ("y" of "Sở Y tế") is no vocabulary word, nor is a pair holding one: the cache
 * has no row for them.  Their similarities to the item's tokens are computed the first time an alignment
 * needs them and kept for the item, like the cache's rows; past XC_LOOSE_MAX strings an alignment compares
 * the strings cell by cell (xc_cell). */
#define XC_LOOSE_MAX 16

/* The tokens a string of n letters may be similar to (xc_sim is 0 for lengths too far apart), read
 * alone, or also with the token before (`split`), into out. */
void xc_len_live(const xc_cache *cc, size_t n, int split, xc_bits out)
{
    memset(out, 0, sizeof(xc_bits));
    for (size_t l = 1; l <= XC_TOKLEN; l++)
        if (xc_len_ok(n, l))
            for (size_t b = 0; b < XC_BITW; b++)
                out[b] |= cc->bylen[l][b] | (split ? cc->bysplit[l][b] : 0);
}

/* The similarities of s[0..n) (a name word when `word`, else a pair run together) to the tokens t of the
 * item; NULL when XC_LOOSE_MAX strings are kept already. */
const xc_loose *xc_loose_of(const xc_cache *cc, const xc_tok *t, const char *s, size_t n, int word)
{
    xc_memo *mm = cc->v->memo;
    if (n > XC_TOKLEN)
        return NULL; /* no similarity: xc_sim is 0 (and cheap) */
    for (size_t i = 0; i < mm->nloose; i++)
        if (mm->loose[i].word == word && mm->loose[i].n == n && !memcmp(mm->loose[i].s, s, n))
            return &mm->loose[i];
    if (mm->nloose == XC_LOOSE_MAX)
        return NULL;
    const char *f = cc->d->f.buf;
    if (!mm->loose) {
        mm->loose = xmalloc(XC_LOOSE_MAX * sizeof *mm->loose);
        mm->thist = xmalloc(XC_MAX_TOK * sizeof *mm->thist);
    }
    if (!mm->nloose)
        for (size_t j = 0; j < cc->m; j++)
            xc_hist_of(f + t[j].a, t[j].b - t[j].a, mm->thist[j]);
    xc_loose *x = &mm->loose[mm->nloose++];
    memcpy(x->s, s, n);
    x->n = n;
    x->word = word;
    memset(x->one, 0, cc->m * sizeof *x->one);
    memset(x->split, 0, cc->m * sizeof *x->split);
    memset(x->live, 0, sizeof x->live);
    /* xc_sim, with the histograms computed once (a piece read with the one before it has the sum of
     * theirs) */
    unsigned char h[XC_NHIST];
    xc_hist_of(s, n, h);
    xc_bits cand;
    xc_len_live(cc, n, word, cand);
    for (size_t b = 0; b < XC_BITW; b++)
        for (unsigned long long u = cand[b]; u; u &= u - 1) {
            size_t j = b * 64 + (size_t)__builtin_ctzll(u);
            const xc_tok *q = &t[j];
            x->one[j] = xc_sim_h(s, n, h, f + q->a, q->b - q->a, mm->thist[j]);
            if (word && j > 0 && t[j - 1].line == q->line && q->b - t[j - 1].a <= XC_TOKLEN) {
                const xc_tok *r = &t[j - 1];
                char buf[XC_TOKLEN];
                unsigned char h2[XC_NHIST];
                size_t n1 = r->b - r->a, n2 = q->b - q->a;
                memcpy(buf, f + r->a, n1);
                memcpy(buf + n1, f + q->a, n2);
                for (int c = 0; c < XC_NHIST; c++)
                    h2[c] = (unsigned char)(mm->thist[j - 1][c] + mm->thist[j][c]);
                x->split[j] = xc_sim_h(s, n, h, buf, n1 + n2, h2);
            }
            if (x->one[j] != 0 || x->split[j] != 0)
                x->live[b] |= 1ull << (j % 64);
        }
    return x;
}
