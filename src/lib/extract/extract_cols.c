/* extract/extract_cols.c (prefix xc_) — see extract_cols.h.
 *
 * Leftovers, per line of the item's block:
 *   - everything after the first '|' (the OCR's reading of a column rule);
 *   - the run of name-like words that ends the line (or ends just before its first '|'), when the line
 *     has a '|', overflows the prose width, or the run follows the end of a sentence;
 *   - a short line (at most 4 words) that is not a bullet and does not end a sentence.
 * A word is name-like when it is within edit distance of a vocabulary word (or two run together), or is
 * OCR debris (one or two characters, letters mixed with digits).  Names are then aligned on the
 * leftover tokens in order by dynamic programming; deadlines go first, then bodies, best score first,
 * each token used once.  A token read exactly as a name word (3+ letters) stands for no other word.
 * When the best alignment breaks the layout (a piece not contiguous on its line, lines too far apart)
 * it is tried again on either side of the break.
 *
 * Speed: per item, every vocabulary word (and run-together pair) is compared once with every token
 * (letter histograms bound the edit distance first); the best similarity of each word bounds what an
 * alias can score, and aliases that cannot reach XC_ACCEPT are never aligned.  An alignment visits only
 * the cells whose token is similar to the row's word (a few per row; the rest of a row is a running
 * maximum), and gives up as soon as the rows left cannot bring the alias to XC_ACCEPT (xc_align).
 *
 * Per document (xc_doc_read, at the end of this file): every item is read as above first; the leads read
 * there are the document's forms and say where its lead column stands, and an item left without a lead
 * has the cell left of its support read again against those forms alone, with a looser word test (a
 * skeleton: first and last letters kept).  One pass over the items, then a few short alignments per item
 * without a lead: no work grows with the square of the document. */
#include "extract/extract_cols.h"
#include "core/strmap.h"
#include "core/strsim.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define XC_MAX_TOK 160
#define XC_TOKLEN 32
#define XC_TOKEN_SIM 0.5  /* a name token matches a leftover token at or above this */
#define XC_WORD_SIM 0.6   /* a leftover word is name-like at or above this */
#define XC_ACCEPT 0.6     /* a name is found when this share of its letters matched */
#define XC_EXACT_OTHER 0.8 /* a token that is a name word matches another word only this well */
#define XC_SUPPORT 0.8    /* ... and a second non-group body when this share did */
/* A lead needs this many letters read: a short name or abbreviation matched loosely ("Ehong Toh" for
 * "Phòng HC-TC") is too little evidence, two damaged words match some short name by chance. */
#define XC_LEAD_LETTERS 8.0

typedef struct xc_tok {
    size_t a, b;  /* folded offsets */
    int line, seg; /* seg: '|'-separated part of the line */
    int used;
} xc_tok;

static int xc_is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static int xc_bucket(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '0' && c <= '9')
        return 26 + (c - '0');
    return c >= 0x80 ? 36 : 37;
}

static void xc_hist_of(const char *s, size_t n, unsigned char *h)
{
    memset(h, 0, XC_NHIST);
    for (size_t i = 0; i < n; i++)
        h[xc_bucket((unsigned char)s[i])]++;
}

/* Letters two histograms have in common: the sum of the smaller counts. */
static unsigned xc_common(const unsigned char *ha, const unsigned char *hb)
{
#ifdef __SSE2__
    __m128i acc = _mm_setzero_si128();
    for (int c = 0; c < XC_NHIST; c += 16) {
        __m128i x = _mm_min_epu8(_mm_loadu_si128((const __m128i *)(const void *)(ha + c)),
                                 _mm_loadu_si128((const __m128i *)(const void *)(hb + c)));
        acc = _mm_add_epi64(acc, _mm_sad_epu8(x, _mm_setzero_si128()));
    }
    return (unsigned)_mm_cvtsi128_si32(acc) + (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
#else
    unsigned common = 0;
    for (int c = 0; c < XC_NHIST; c++)
        common += ha[c] < hb[c] ? ha[c] : hb[c];
    return common;
#endif
}

/* xc_sim with the letter histograms of both strings given (xc_hist_of).  Non-ASCII bytes share a
 * bucket, so the count of common letters is an upper bound, and the bound it gives on the distance a
 * lower one: pairs it lets through are measured exactly. */
static inline double xc_sim_h(const char *a, size_t na, const unsigned char *ha, const char *b, size_t nb,
                       const unsigned char *hb)
{
    if (!na || !nb || na > XC_TOKLEN || nb > XC_TOKLEN)
        return 0;
    size_t m = na > nb ? na : nb;
    /* the length difference alone keeps most pairs under the lowest threshold used (0.5) */
    if (2 * (na > nb ? na - nb : nb - na) > m)
        return 0;
    /* nor can pairs that share too few letters: the distance is at least the longer length less the
     * letters the two have in common (counted with multiplicity) */
    if (2 * xc_common(ha, hb) < m)
        return 0;
    /* a common prefix and suffix do not change the distance: measure what lies between */
    size_t p = 0, ea = na, eb = nb;
    while (p < na && p < nb && a[p] == b[p])
        p++;
    while (ea > p && eb > p && a[ea - 1] == b[eb - 1]) {
        ea--;
        eb--;
    }
    size_t rows[2 * (XC_TOKLEN + 1)];
    double v = 1.0 - (double)strsim_distance(a + p, ea - p, b + p, eb - p, rows) / (double)m;
    return v < XC_TOKEN_SIM ? 0 : v;
}

double xc_sim(const char *a, size_t na, const char *b, size_t nb)
{
    if (!na || !nb || na > XC_TOKLEN || nb > XC_TOKLEN)
        return 0;
    unsigned char ha[XC_NHIST], hb[XC_NHIST];
    xc_hist_of(a, na, ha);
    xc_hist_of(b, nb, hb);
    return xc_sim_h(a, na, ha, b, nb, hb);
}

/* ---------------- vocabulary ---------------- */

static int xc_strp_cmp(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int xc_u64_cmp(const void *x, const void *y)
{
    unsigned long long a = *(const unsigned long long *)x, b = *(const unsigned long long *)y;
    return a < b ? -1 : a > b;
}

static int xc_word_id(const xc_vocab *v, const char *s, size_t n);
static int xc_pair_id(const xc_vocab *v, int a, int b);
static void xc_name_make(const xc_vocab *v, const char *key, xc_name *x);

struct xc_memo;
static struct xc_memo *xc_memo_new(void);
static void xc_memo_free(struct xc_memo *mm);

void xc_vocab_build(xc_vocab *v, const gz_list *const *lists, size_t nlists)
{
    memset(v, 0, sizeof *v);
    v->memo = xc_memo_new();
    for (size_t l = 0; l < nlists; l++) {
        if (!lists[l])
            continue;
        for (size_t i = 0; i < lists[l]->na; i++) {
            const char *k = lists[l]->a[i].key;
            while (*k) {
                size_t n = strcspn(k, " ");
                if (n >= 2) {
                    if (v->n == v->alloc) {
                        v->alloc = v->alloc ? v->alloc * 2 : 128;
                        v->w = xrealloc(v->w, v->alloc * sizeof *v->w);
                    }
                    v->w[v->n++] = xstrndup(k, n);
                }
                k += n;
                while (*k == ' ')
                    k++;
            }
        }
    }
    if (!v->n)
        return;
    qsort(v->w, v->n, sizeof *v->w, xc_strp_cmp);
    size_t o = 1;
    for (size_t i = 1; i < v->n; i++) {
        if (strcmp(v->w[i], v->w[o - 1]))
            v->w[o++] = v->w[i];
        else
            free(v->w[i]);
    }
    v->n = o;
    /* the adjacent word pairs of every name, for the run-together case ("donvi") */
    size_t cap = 0;
    for (size_t l = 0; l < nlists; l++) {
        if (!lists[l])
            continue;
        for (size_t i = 0; i < lists[l]->na; i++) {
            int prev = -1;
            for (const char *k = lists[l]->a[i].key; *k;) {
                size_t n = strcspn(k, " ");
                int id = xc_word_id(v, k, n);
                if (prev >= 0 && id >= 0) {
                    if (v->npair == cap) {
                        cap = cap ? cap * 2 : 256;
                        v->pair = xrealloc(v->pair, cap * sizeof *v->pair);
                    }
                    v->pair[v->npair++] = (unsigned long long)prev << 32 | (unsigned)id;
                }
                prev = id;
                k += n;
                while (*k == ' ')
                    k++;
            }
        }
    }
    if (v->npair) {
        qsort(v->pair, v->npair, sizeof *v->pair, xc_u64_cmp);
        size_t q = 1;
        for (size_t i = 1; i < v->npair; i++)
            if (v->pair[i] != v->pair[q - 1])
                v->pair[q++] = v->pair[i];
        v->npair = q;
    }
    v->wlen = xmalloc(v->n);
    v->hist = xmalloc(v->n * sizeof *v->hist);
    for (size_t i = 0; i < v->n; i++) {
        size_t n = strlen(v->w[i]);
        v->wlen[i] = (unsigned char)(n < 255 ? n : 255);
        xc_hist_of(v->w[i], n, v->hist[i]);
    }
    v->pw = xmalloc((v->npair ? v->npair : 1) * sizeof *v->pw);
    v->plen = xmalloc(v->npair ? v->npair : 1);
    v->phist = xmalloc((v->npair ? v->npair : 1) * sizeof *v->phist);
    for (size_t p = 0; p < v->npair; p++) {
        size_t a = (size_t)(v->pair[p] >> 32), b = (size_t)(v->pair[p] & 0xffffffffu);
        v->pw[p] = xasprintf("%s%s", v->w[a], v->w[b]);
        size_t n = strlen(v->pw[p]);
        v->plen[p] = (unsigned char)(n < 255 ? n : 255);
        for (int c = 0; c < XC_NHIST; c++)
            v->phist[p][c] = (unsigned char)(v->hist[a][c] + v->hist[b][c]);
    }
    /* every alias as words with their ids, so that aligning it looks nothing up */
    for (size_t l = 0; l < nlists && v->nlists < sizeof v->list / sizeof v->list[0]; l++) {
        if (!lists[l])
            continue;
        xc_name *nm = xcalloc(lists[l]->na ? lists[l]->na : 1, sizeof *nm);
        for (size_t i = 0; i < lists[l]->na; i++)
            xc_name_make(v, lists[l]->a[i].key, &nm[i]);
        v->list[v->nlists] = lists[l];
        v->names[v->nlists++] = nm;
    }
}

void xc_vocab_free(xc_vocab *v)
{
    if (v->memo)
        xc_memo_free(v->memo);
    for (size_t i = 0; i < v->n; i++)
        free(v->w[i]);
    free(v->w);
    free(v->pair);
    free(v->wlen);
    free(v->hist);
    for (size_t p = 0; p < v->npair; p++)
        free(v->pw[p]);
    free(v->pw);
    free(v->plen);
    free(v->phist);
    for (size_t l = 0; l < v->nlists; l++)
        free(v->names[l]);
    memset(v, 0, sizeof *v);
}

static int xc_in_vocab(const xc_vocab *v, const char *s, size_t n)
{
    if (!n || n > XC_TOKLEN)
        return 0;
    unsigned char h[XC_NHIST];
    xc_hist_of(s, n, h);
    for (size_t i = 0; i < v->n; i++) {
        size_t m = v->wlen[i];
        /* lengths too far apart cannot reach the similarity */
        if ((double)(m > n ? m - n : n - m) > (1.0 - XC_WORD_SIM) * (double)(m > n ? m : n))
            continue;
        if (xc_sim_h(s, n, h, v->w[i], m, v->hist[i]) >= XC_WORD_SIM)
            return 1;
    }
    return 0;
}

static void xc_count(const char *s, size_t n, int *digits, int *letters)
{
    *digits = *letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            (*digits)++;
        else
            (*letters)++;
    }
}

/* OCR debris: one or two characters, or letters mixed with digits ("c4c", "46", "T0"). */
static int xc_debris(const char *s, size_t n)
{
    int digits, letters;
    xc_count(s, n, &digits, &letters);
    return n <= 2 || (digits && letters) || (digits && n != 4);
}

/* Name-like: a vocabulary word (or two run together, "donvi"), or OCR debris. */
static int xc_namelike(const xc_vocab *v, const char *s, size_t n)
{
    int digits, letters;
    xc_count(s, n, &digits, &letters);
    if (n <= 2 || (digits && letters))
        return 1;
    if (!letters)
        return n == 4 && (s[0] == '1' || s[0] == '2') && (s[1] == '9' || s[1] == '0'); /* a year */
    if (xc_in_vocab(v, s, n))
        return 1;
    for (size_t k = 2; k + 2 <= n; k++)
        if (xc_in_vocab(v, s, k) && xc_in_vocab(v, s + k, n - k))
            return 1;
    return 0;
}

/* ---------------- leftovers ---------------- */

int xc_width(const sg_doc *d)
{
    /* median length of the lines long enough to be wrapped prose */
    size_t cnt[256] = { 0 }, total = 0;
    for (size_t i = 0; i < d->n; i++) {
        size_t n = d->lines[i].f1 - d->lines[i].f0;
        if (n >= 40) {
            cnt[n < 255 ? n : 255]++;
            total++;
        }
    }
    if (total < 8)
        return 0;
    size_t acc = 0;
    for (int k = 0; k < 256; k++) {
        acc += cnt[k];
        if (acc * 2 >= total)
            return k;
    }
    return 255;
}

static int xc_sentence_end(const char *f, size_t a, size_t b)
{
    /* ". " "; " ": " between a and b (the gap before a run's first word) */
    for (size_t i = a; i < b; i++)
        if ((f[i] == '.' || f[i] == ';' || f[i] == ':') && f[i + 1] == ' ')
            return 1;
    return 0;
}

/* Appends the leftover tokens of line li (clipped to [a,b)). */
static size_t xc_line(const sg_doc *d, size_t li, size_t a, size_t b, int width, const xc_vocab *v, xc_tok *t,
                      size_t n)
{
    const char *f = d->f.buf;
    const sg_line *l = &d->lines[li];
    size_t s = l->f0 > a ? l->f0 : a, e = l->f1 < b ? l->f1 : b;
    if (s >= e)
        return n;
    xc_tok lt[XC_MAX_TOK];
    size_t nt = 0, bar = e;
    int seg = 0;
    for (size_t i = s; i < e && nt < XC_MAX_TOK;) {
        if (f[i] == '|') {
            if (bar == e)
                bar = i;
            seg++;
            i++;
            continue;
        }
        if (!xc_is_word((unsigned char)f[i])) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < e && xc_is_word((unsigned char)f[j]))
            j++;
        lt[nt] = (xc_tok){ i, j, (int)li, seg, 0 };
        nt++;
        i = j;
    }
    if (!nt)
        return n;
    /* the run of name-like words ending before the first '|' (or the line's end): past the prose width,
     * or after the end of a sentence (at most 4 words) */
    size_t before = 0;
    while (before < nt && lt[before].b <= bar)
        before++;
    size_t wmin = width > 0 ? (size_t)(width - width / 8) : 0;
    size_t sent = nt;
    for (size_t r = before; r > 0 && before - r <= 4; r--)
        if (r < before && xc_sentence_end(f, lt[r - 1].b, lt[r].a)) {
            sent = r;
            break;
        }
    /* past the prose width every word is a leftover, however damaged */
    size_t past = before;
    while (past > 0 && width > 0 && lt[past - 1].a - l->f0 >= wmin)
        past--;
    size_t tr = e;
    while (tr > s && (f[tr - 1] == ' ' || f[tr - 1] == '\t'))
        tr--;
    int ends_sentence = tr > s && (f[tr - 1] == '.' || f[tr - 1] == ';' || f[tr - 1] == ':');
    size_t ls = s;
    while (ls < e && (f[ls] == ' ' || f[ls] == '\t'))
        ls++;
    int bullet = ls < e && (f[ls] == '-' || f[ls] == '+' || f[ls] == '*');
    int overflow = width > 0 && (int)(l->f1 - l->f0) > width + width / 12;
    size_t first = nt; /* first leftover token */
    int namelike = 0;
    for (size_t k = 0; k < nt && nt <= 4 && !namelike; k++)
        namelike = xc_namelike(v, f + lt[k].a, lt[k].b - lt[k].a);
    if (bar == e && nt <= 4 && !ends_sentence && !bullet && namelike)
        first = 0; /* a short line of its own */
    else if (sent < before && before - sent <= 4 && (bar < e || !ends_sentence))
        first = sent;
    else if (bar < e || (overflow && !ends_sentence))
        first = past;
    if (bar < e && first > before)
        first = before; /* after the '|' everything is a leftover */
    for (size_t k = first; k < nt && n < XC_MAX_TOK; k++)
        t[n++] = lt[k];
    return n;
}

/* ---------------- alignment ---------------- */

typedef struct xc_cand {
    int entry, list; /* list 0 bodies, 1 deadlines, 2 year */
    double score;
    size_t letters;
    int tok[XC_MAX_NAME * 2];
    unsigned char wlo[XC_MAX_NAME * 2], whi[XC_MAX_NAME * 2]; /* name words tok[k] stands for */
    int ntok;
    int year;
    int alias; /* in the list's aliases */
} xc_cand;

enum { C_SKIP_A = 1, C_SKIP_S, C_ONE, C_SPLIT, C_JOIN };

/* ---- similarities of a string to the vocabulary, remembered ----
 * A document's leftover tokens ("phong", "cac", "don", "vi", "thuong") recur item after item and
 * document after document, and the vocabulary is the run's: each string's similarities to every name
 * word and run-together pair are computed once.  Only those that are not 0 are kept (most are 0: the
 * length and letter bounds of xc_sim_h).  The table is emptied when it holds XC_MEMO_MAX strings, so a
 * stream of distinct garbage cannot grow it without bound. */
#define XC_MEMO_MAX 65536

/* A set of token indexes (< XC_MAX_TOK), one bit each. */
#define XC_BITW ((XC_MAX_TOK + 63) / 64)
typedef unsigned long long xc_bits[XC_BITW];

typedef struct xc_sims {
    int nw, np;    /* similarities to words (ids[0..nw)), then to pairs (ids[nw..nw+np)) */
    int *id;
    double *x;
} xc_sims;

static inline int xc_len_ok(size_t a, size_t b);

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
    struct xc_cand *cands;
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

static void xc_memo_free(xc_memo *mm)
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

static struct xc_memo *xc_memo_new(void)
{
    return xcalloc(1, sizeof(xc_memo));
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
    int cap = 16, nw = 0, np = 0;
    int *id = xmalloc((size_t)cap * sizeof *id);
    double *x = xmalloc((size_t)cap * sizeof *x);
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
            if (nw + np == cap) {
                cap *= 2;
                id = xrealloc(id, (size_t)cap * sizeof *id);
                x = xrealloc(x, (size_t)cap * sizeof *x);
            }
            id[nw + np] = (int)w;
            x[nw + np] = sim;
            if (pass)
                np++;
            else
                nw++;
        }
    }
    if (mm->n == mm->alloc) {
        mm->alloc = mm->alloc ? 2 * mm->alloc : 1024;
        mm->sims = xrealloc(mm->sims, mm->alloc * sizeof *mm->sims);
    }
    mm->sims[mm->n] = (xc_sims){ nw, np, id, x };
    strmap_put(&mm->index, s, n, (int64_t)mm->n);
    return &mm->sims[mm->n++];
}

/* Similarities of name words to the leftover tokens of one item, computed once: every alias of every
 * list is aligned on the same tokens (and aligned again as tokens are taken), and most name words recur
 * across aliases ("phong", "so", "tinh").  Rows are vocabulary words (or pairs), columns tokens; values
 * under the threshold they are used with are 0.  The best of every row bounds what an alias can score,
 * so most aliases are never aligned. */
typedef struct xc_cache {
    const xc_vocab *v;
    const sg_doc *d;
    size_t m;
    double *one;   /* the word against token j (>= XC_TOKEN_SIM) */
    double *split; /* the word against tokens j-1 and j read as one (>= XC_WORD_SIM) */
    double *join;  /* two adjacent words of a name (a pair of xc_vocab) against token j (>= XC_WORD_SIM) */
    double *bw;    /* per word: its best one or split similarity */
    double *bp;    /* per pair: its best join similarity */
    /* the tokens whose one or split entry is not 0, per word; whose join entry is not 0, per pair: the
     * alignment looks only at those (and the rest of a row is the best of the cells before it) */
    xc_bits *wmask, *pmask;
    xc_bits free;  /* the tokens not used (xc_take keeps it) */
    /* the tokens of each length, and those that make that length with the token before on their line: a
     * word without an id is compared (xc_sim) only with the tokens its length may match */
    xc_bits bylen[XC_TOKLEN + 1], bysplit[XC_TOKLEN + 1];
} xc_cache;

static int xc_pair_id(const xc_vocab *v, int a, int b)
{
    if (a < 0 || b < 0 || !v->npair)
        return -1;
    unsigned long long key = (unsigned long long)a << 32 | (unsigned)b;
    const unsigned long long *p = bsearch(&key, v->pair, v->npair, sizeof key, xc_u64_cmp);
    return p ? (int)(p - v->pair) : -1;
}

static int xc_word_id(const xc_vocab *v, const char *s, size_t n)
{
    size_t lo = 0, hi = v->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(v->w[mid], s, n);
        if (!c)
            c = v->w[mid][n] ? 1 : 0;
        if (!c)
            return (int)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Lengths near enough for a similarity of 0.5 (the lowest threshold used). */
static inline int xc_len_ok(size_t a, size_t b)
{
    return 2 * (a > b ? a - b : b - a) <= (a > b ? a : b);
}

/* Sets entry i of the similarity table, remembering it for xc_cache_release. */
static inline void xc_cache_set(xc_cache *cc, double *p, double x)
{
    xc_memo *mm = cc->v->memo;
    if (*p == 0) {
        if (mm->ndirty == mm->adirty) {
            mm->adirty = mm->adirty ? 2 * mm->adirty : 1024;
            mm->dirty = xrealloc(mm->dirty, mm->adirty * sizeof *mm->dirty);
        }
        mm->dirty[mm->ndirty++] = (size_t)(p - mm->table);
    }
    *p = x;
}

/* Zeroes what xc_cache_fill wrote, for the next item. */
static void xc_cache_release(xc_cache *cc)
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

static void xc_cache_fill(xc_cache *cc, const xc_tok *t)
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
    for (size_t j = 0; j < m; j++) {
        const char *s = f + t[j].a;
        size_t n = t[j].b - t[j].a;
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

typedef struct xc_loose {
    char s[XC_TOKLEN];
    size_t n;
    int word;                 /* a name word (one and split), else two words run together (one: join) */
    double one[XC_MAX_TOK];   /* xc_sim of the string and token j, as xc_cell would compute it */
    double split[XC_MAX_TOK]; /* ... and tokens j-1 and j read as one (words) */
    xc_bits live;             /* the tokens where either is not 0 */
} xc_loose;

/* The tokens a string of n letters may be similar to (xc_sim is 0 for lengths too far apart), read
 * alone, or also with the token before (`split`), into out. */
static void xc_len_live(const xc_cache *cc, size_t n, int split, xc_bits out)
{
    memset(out, 0, sizeof(xc_bits));
    for (size_t l = 1; l <= XC_TOKLEN; l++)
        if (xc_len_ok(n, l))
            for (size_t b = 0; b < XC_BITW; b++)
                out[b] |= cc->bylen[l][b] | (split ? cc->bysplit[l][b] : 0);
}

/* The similarities of s[0..n) (a name word when `word`, else a pair run together) to the tokens t of the
 * item; NULL when XC_LOOSE_MAX strings are kept already. */
static const xc_loose *xc_loose_of(const xc_cache *cc, const xc_tok *t, const char *s, size_t n, int word)
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

static void xc_name_make(const xc_vocab *v, const char *key, xc_name *x)
{
    memset(x, 0, sizeof *x);
    for (const char *p = key; *p && x->k < XC_MAX_NAME;) {
        size_t n = strcspn(p, " ");
        if ((size_t)(p - key) > 255 || n > 255)
            break;
        x->off[x->k] = (unsigned char)(p - key);
        x->len[x->k] = (unsigned char)n;
        x->wid[x->k] = xc_word_id(v, p, n);
        x->pid[x->k] = x->k ? xc_pair_id(v, x->wid[x->k - 1], x->wid[x->k]) : -1;
        x->letters += n;
        x->k++;
        p += n;
        while (*p == ' ')
            p++;
    }
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

/* Ranks candidates: the most letters matched first (a long name read well before a short one that
 * shares its words), then the better share. */
static int xc_better(const xc_cand *a, const xc_cand *b)
{
    double la = a->score * (double)a->letters, lb = b->score * (double)b->letters;
    if (la != lb)
        return la > lb;
    return a->score > b->score;
}

static int xc_overlap(const xc_cand *a, const xc_cand *b)
{
    for (int i = 0; i < a->ntok; i++)
        for (int j = 0; j < b->ntok; j++)
            if (a->tok[i] == b->tok[j])
                return 1;
    return 0;
}

/* Whether a reading keeps the alias's word order within each line: a line of a table cell holds a run of
 * consecutive words of the name, so between two tokens read on one line no more name words are missing
 * than tokens lie between them.  "Phong Hanh" read as "Phòng Tổ chức - Hành chính" skips two words
 * between adjacent tokens: the cell was written "Phòng Hành chính – Tổ chức".  Tokens are in c->tok
 * back to front (as the traceback collects them). */
static int xc_contiguous(const xc_tok *t, const xc_cand *c)
{
    for (int k = c->ntok - 1; k > 0; k--) {
        int p = c->tok[k], q = c->tok[k - 1];
        if (t[p].line != t[q].line)
            continue;
        int skipped = (int)c->wlo[k - 1] - (int)c->whi[k] - 1, between = q - p - 1;
        if (skipped > between || skipped < -1) /* -1: a word read as two pieces */
            return 0;
    }
    return 1;
}

/* Aligns alias i unless its bound says it cannot be accepted. */
static void xc_cand_align(xc_cache *cc, const xc_tok *t, const gz_list *g, const xc_name *nm, size_t i, int list,
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

/* Takes names one at a time, the best first, aligning the rest again on the tokens still free (a
 * name's words must not be taken by another that merely overlaps it).  Of one body's aliases read on
 * the same tokens, the best read is taken (a long alias gains letters from words matched loosely), if it
 * reads enough letters to stand on its own (XC_LEAD_LETTERS).
 * Returns how many (<= max). */
static size_t xc_take(xc_tok *t, const gz_list *g, int list, xc_cand *out, size_t max, xc_cache *cc)
{
    size_t n = 0;
    if (!g || !g->na)
        return 0;
    const xc_name *names = NULL;
    xc_name *own = NULL;
    for (size_t l = 0; l < cc->v->nlists; l++)
        if (cc->v->list[l] == g)
            names = cc->v->names[l];
    if (!names) {
        own = xcalloc(g->na, sizeof *own);
        for (size_t i = 0; i < g->na; i++)
            xc_name_make(cc->v, g->a[i].key, &own[i]);
        names = own;
    }
    memset(cc->free, 0, sizeof cc->free);
    for (size_t j = 0; j < cc->m; j++)
        if (!t[j].used)
            cc->free[j / 64] |= 1ull << (j % 64);
    /* each alias's alignment stays best until a token it used is taken: only those are aligned again */
    xc_memo *mm = cc->v->memo;
    if (mm->ncands < g->na) {
        free(mm->cands);
        mm->cands = xmalloc(g->na * sizeof *mm->cands);
        mm->ncands = g->na;
    }
    xc_cand *cache = mm->cands;
    for (size_t i = 0; i < g->na; i++)
        xc_cand_align(cc, t, g, &names[i], i, list, &cache[i]);
    while (n < max) {
        size_t best = g->na;
        for (size_t i = 0; i < g->na; i++)
            if (cache[i].score >= XC_ACCEPT && (best == g->na || xc_better(&cache[i], &cache[best])))
                best = i;
        if (best == g->na)
            break;
        /* of equal reads, the alias that keeps the layout (xc_contiguous) is the one the document wrote:
         * the per-document prior (xc_doc_read) learns the form from it */
        size_t pick = best;
        int pick_cont = xc_contiguous(t, &cache[best]);
        for (size_t i = 0; i < g->na; i++) {
            if (i == pick || cache[i].entry != cache[best].entry || cache[i].score < cache[pick].score ||
                cache[i].score * (double)cache[i].letters < XC_LEAD_LETTERS || !xc_overlap(&cache[i], &cache[best]))
                continue;
            int cont = xc_contiguous(t, &cache[i]);
            if (cache[i].score > cache[pick].score || (cont && !pick_cont)) {
                pick = i;
                pick_cont = cont;
            }
        }
        xc_cand took = cache[pick];
        for (int k = 0; k < took.ntok; k++) {
            t[took.tok[k]].used = 1;
            cc->free[took.tok[k] / 64] &= ~(1ull << (took.tok[k] % 64));
        }
        out[n++] = took;
        for (size_t i = 0; i < g->na; i++) {
            int stale = 0;
            for (int k = 0; k < cache[i].ntok && !stale; k++)
                stale = t[cache[i].tok[k]].used;
            if (stale)
                xc_cand_align(cc, t, g, &names[i], i, list, &cache[i]);
        }
    }
    free(own);
    return n;
}

static sg_span xc_span(const xc_tok *t, const xc_cand *c)
{
    int lo = c->tok[0], hi = c->tok[0];
    for (int k = 1; k < c->ntok; k++) {
        if (c->tok[k] < lo)
            lo = c->tok[k];
        if (c->tok[k] > hi)
            hi = c->tok[k];
    }
    return (sg_span){ t[lo].a, t[hi].b };
}

static int xc_first(const xc_cand *c)
{
    int lo = c->tok[0];
    for (int k = 1; k < c->ntok; k++)
        if (c->tok[k] < lo)
            lo = c->tok[k];
    return lo;
}

/* A group of bodies ("Các sở, ban, ngành"), by its canonical name. */
static int xc_group(const gz_list *g, int entry)
{
    return strncmp(g->e[entry].name, "Các ", 4) == 0;
}

static int xc_cand_pos_cmp(const void *x, const void *y)
{
    return xc_first(x) - xc_first(y);
}

/* xc_item on the token buffer t (XC_MAX_TOK), which keeps the item's leftover tokens, *mout of them, with
 * the ones taken marked used: the per-document prior reads the lead column again on them. */
static int xc_item_t(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
                     const gz_list *deadlines, xc_result *out, xc_tok *t, size_t *mout)
{
    memset(out, 0, sizeof *out);
    out->deadline_entry = -1;
    *mout = 0;
    if (block.b <= block.a || !d->n)
        return 0;
    size_t m = 0;
    size_t l0 = sg_line_at(d, block.a), l1 = sg_line_at(d, block.b - 1);
    for (size_t li = l0; li <= l1 && m < XC_MAX_TOK; li++)
        m = xc_line(d, li, block.a, block.b, width, v, t, m);
    *mout = m;
    if (m < 2)
        return 0;
    const char *f = d->f.buf;
    xc_cache cc;
    memset(&cc, 0, sizeof cc);
    cc.v = v;
    cc.d = d;
    cc.m = m;
    xc_cache_fill(&cc, t);
    /* deadlines: the listed phrases, and "năm 2022" (năm read as "\am", "nim") */
    xc_cand c[8];
    size_t nc = xc_take(t, deadlines, 1, c, 1, &cc);
    for (size_t j = 1; j < m; j++) {
        const xc_tok *y = &t[j], *w = &t[j - 1];
        if (y->b - y->a == 4 && f[y->a] == '2' && f[y->a + 1] == '0' && w->line == y->line && !w->used &&
            xc_sim("nam", 3, f + w->a, w->b - w->a) >= XC_WORD_SIM) {
            /* "năm 2022" is read whole: it wins over a damaged phrase */
            if (nc)
                for (int k = 0; k < c[0].ntok; k++)
                    t[c[0].tok[k]].used = 0;
            memset(&c[0], 0, sizeof c[0]);
            c[0].entry = -1;
            c[0].list = 2;
            c[0].score = 1.0;
            c[0].tok[0] = (int)j;
            c[0].tok[1] = (int)j - 1;
            c[0].ntok = 2;
            c[0].year = atoi(f + y->a);
            t[j].used = t[j - 1].used = 1;
            nc = 1;
            break;
        }
    }
    int found = 0;
    if (nc) {
        out->deadline_entry = c[0].list == 1 ? c[0].entry : -1;
        out->deadline_year = c[0].year;
        out->deadline_sp = xc_span(t, &c[0]);
        found = 1;
    }
    nc = xc_take(t, bodies, 0, c, 8, &cc);
    xc_cache_release(&cc);
    if (!nc)
        return found;
    qsort(c, nc, sizeof *c, xc_cand_pos_cmp);
    /* The lead: the best read body that is not a group ("Các phòng, đơn vị" is the support column of
     * such tables) with enough letters read, else the first group when it was read well, unless unread
     * words stand before it in its column (the lead column was there but could not be read).  A further body must be read well to be a support. */
    int lead = -1;
    for (size_t i = 0; i < nc; i++)
        if (!xc_group(bodies, c[i].entry) && c[i].score * (double)c[i].letters >= XC_LEAD_LETTERS &&
            (lead < 0 || c[i].score > c[lead].score))
            lead = (int)i;
    if (lead < 0 && c[0].score >= XC_SUPPORT && xc_group(bodies, c[0].entry)) {
        int f0 = xc_first(&c[0]), unread = 0;
        lead = 0;
        for (int j = f0 - 1; j >= 0 && t[j].line == t[f0].line && t[j].seg == t[f0].seg; j--)
            if (!t[j].used && t[j].b - t[j].a >= 3 && ++unread >= 2) {
                lead = -1;
                break;
            }
    }
    for (size_t i = 0; i < nc; i++) {
        xc_body b;
        memset(&b, 0, sizeof b);
        b.entry = c[i].entry;
        b.alias = c[i].alias;
        b.contiguous = xc_contiguous(t, &c[i]);
        b.rule = "columns.leftover";
        b.sp = xc_span(t, &c[i]);
        b.score = c[i].score;
        /* tokens were collected back to front */
        for (int k = c[i].ntok; k-- > 0 && b.npiece < XC_MAX_PIECES;)
            b.piece[b.npiece++] = (sg_span){ t[c[i].tok[k]].a, t[c[i].tok[k]].b };
        if ((int)i == lead) {
            out->lead[out->nlead++] = b;
        } else if (out->nsupport < XC_MAX_BODIES && c[i].score >= XC_SUPPORT) {
            out->support[out->nsupport++] = b;
        } else {
            /* a read given up stands for nothing: its tokens are free for the prior (xc_doc_read) */
            for (int k = 0; k < c[i].ntok; k++)
                t[c[i].tok[k]].used = 0;
        }
    }
    return 1;
}

int xc_item(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
            const gz_list *deadlines, xc_result *out)
{
    static xc_tok t[XC_MAX_TOK];
    size_t m;
    return xc_item_t(d, block, width, v, bodies, deadlines, out, t, &m);
}

/* ---------------- the per-document prior ---------------- */

/* A token damaged inside a word but keeping its first and last letters: the marks of a word the English
 * model could not read come out as stray letters ("Hizlrllh" for "Hành"), so it may be up to twice as
 * long, and may have lost one letter.  Words of two letters are nothing but their first and last: they
 * must be read (xc_sim). */
static int xc_skeleton(const char *w, size_t nw, const char *s, size_t ns)
{
    return nw >= 3 && ns + 1 >= nw && ns <= 2 * nw && s[0] == w[0] && s[ns - 1] == w[nw - 1];
}

/* How the tokens [s,e) of one line read as the first words of a name, every token taken, in order: a word
 * as one token (within edit distance, or a skeleton), as two pieces, or two words run together.  Returns
 * how many words they make (0: they do not); *credit is the letters matched weighted by similarity (a
 * skeleton counts XC_TOKEN_SIM), *read the words read within XC_WORD_SIM. */
static int xc_prior_fit(const char *f, const xc_tok *t, int s, int e, const char *key, const xc_name *nm,
                        double *credit, int *read)
{
    enum { P = 2 * XC_MAX_NAME + 1, Q = XC_MAX_NAME + 1 };
    int np = e - s, k = nm->k;
    if (np <= 0 || np >= P || k <= 0)
        return 0;
    double cr[P][Q];
    int rd[P][Q];
    for (int p = 0; p <= np; p++)
        for (int q = 0; q <= k; q++)
            cr[p][q] = -1;
    cr[0][0] = 0;
    rd[0][0] = 0;
    for (int p = 0; p < np; p++)
        for (int q = 0; q < k; q++) {
            if (cr[p][q] < 0)
                continue;
            const char *w = key + nm->off[q];
            size_t nw = nm->len[q];
            const xc_tok *a = &t[s + p];
            size_t na = a->b - a->a;
            /* one token */
            double sm = xc_sim(w, nw, f + a->a, na), val = -1;
            int r = 0;
            if (sm >= XC_TOKEN_SIM) {
                val = sm * (double)nw;
                r = sm >= XC_WORD_SIM;
            } else if (xc_skeleton(w, nw, f + a->a, na)) {
                val = XC_TOKEN_SIM * (double)nw;
            }
            if (val >= 0 && cr[p][q] + val > cr[p + 1][q + 1]) {
                cr[p + 1][q + 1] = cr[p][q] + val;
                rd[p + 1][q + 1] = rd[p][q] + r;
            }
            /* two pieces of one word */
            if (p + 2 <= np) {
                const xc_tok *b = &t[s + p + 1];
                size_t nb = b->b - b->a;
                if (na + nb <= XC_TOKLEN) {
                    char buf[XC_TOKLEN];
                    memcpy(buf, f + a->a, na);
                    memcpy(buf + na, f + b->a, nb);
                    sm = xc_sim(w, nw, buf, na + nb);
                    if (sm >= XC_WORD_SIM && cr[p][q] + sm * (double)nw > cr[p + 2][q + 1]) {
                        cr[p + 2][q + 1] = cr[p][q] + sm * (double)nw;
                        rd[p + 2][q + 1] = rd[p][q] + 1;
                    }
                }
            }
            /* two words run together */
            if (q + 2 <= k) {
                size_t n2 = nm->len[q + 1];
                if (nw + n2 <= XC_TOKLEN) {
                    char buf[XC_TOKLEN];
                    memcpy(buf, w, nw);
                    memcpy(buf + nw, key + nm->off[q + 1], n2);
                    sm = xc_sim(buf, nw + n2, f + a->a, na);
                    if (sm >= XC_WORD_SIM && cr[p][q] + sm * (double)(nw + n2) > cr[p + 1][q + 2]) {
                        cr[p + 1][q + 2] = cr[p][q] + sm * (double)(nw + n2);
                        rd[p + 1][q + 2] = rd[p][q] + 2;
                    }
                }
            }
        }
    int best = 0;
    for (int q = 1; q <= k; q++)
        if (cr[np][q] >= 0 && (!best || cr[np][q] > cr[np][best]))
            best = q;
    if (best) {
        *credit = cr[np][best];
        *read = rd[np][best];
    }
    return best;
}

/* The earliest piece of a body. */
static size_t xc_body_start(const xc_body *b)
{
    size_t a = (size_t)-1;
    for (int k = 0; k < b->npiece; k++)
        if (b->piece[k].a < a)
            a = b->piece[k].a;
    return a;
}

/* Reads the lead column of an item without a lead against the document's forms (xc_doc above): the cell
 * is the run of free tokens just left of the support's first piece on its line, or its last tokens (prose
 * may stand before the cell); the longest run some form reads whole is taken.  Fills r->lead[0].  A group
 * ("Các phòng, đơn vị") the first reading took for the lead, for want of a lead read left of it, is the
 * support column it stands in when one is read there. */
static int xc_prior_lead(const xc_doc *x, const sg_doc *d, const xc_tok *t, size_t m, const gz_list *bodies,
                         const xc_name *forms, xc_result *r)
{
    const char *f = d->f.buf;
    int group = r->nlead > 0; /* xc_doc_read passes a lead only when it is a group */
    size_t a0 = group ? xc_body_start(&r->lead[0]) : (size_t)-1;
    for (int i = 0; i < r->nsupport; i++)
        for (int k = 0; k < r->support[i].npiece; k++)
            if (r->support[i].piece[k].a < a0)
                a0 = r->support[i].piece[k].a;
    int ja = -1;
    for (size_t j = 0; j < m && ja < 0; j++)
        if (t[j].a == a0)
            ja = (int)j;
    if (ja <= 0)
        return 0;
    int js = ja;
    while (js > 0 && t[js - 1].line == t[ja].line && !t[js - 1].used && ja - js < 2 * XC_MAX_NAME)
        js--;
    /* the longest run read whole by a form; a run two bodies' forms read alike is no evidence */
    int best = -1, bs = ja, ambiguous = 0;
    double bcredit = 0;
    for (int s = js; s < ja && best < 0; s++)
        for (size_t fi = 0; fi < x->nforms; fi++) {
            double credit = 0;
            int read = 0;
            const char *key = bodies->a[x->forms[fi]].key;
            int words = xc_prior_fit(f, t, s, ja, key, &forms[fi], &credit, &read);
            if (words < 2 || read < 1)
                continue;
            if (best >= 0 && bodies->a[x->forms[best]].entry != bodies->a[x->forms[fi]].entry)
                ambiguous = 1;
            if (best < 0 || credit > bcredit) {
                best = (int)fi;
                bs = s;
                bcredit = credit;
            }
        }
    if (best < 0 || ambiguous)
        return 0;
    if (group) {
        /* the group goes first among the supports (the column right of the lead); the last is dropped
         * when they are full, as the first reading drops bodies past XC_MAX_BODIES */
        int n = r->nsupport < XC_MAX_BODIES ? r->nsupport : XC_MAX_BODIES - 1;
        memmove(&r->support[1], &r->support[0], (size_t)n * sizeof r->support[0]);
        r->support[0] = r->lead[0];
        r->nsupport = n + 1;
    }
    xc_body *b = &r->lead[0];
    memset(b, 0, sizeof *b);
    b->alias = x->forms[best];
    b->entry = bodies->a[b->alias].entry;
    b->contiguous = 1;
    b->rule = "columns.prior";
    b->sp = (sg_span){ t[bs].a, t[ja - 1].b };
    b->score = forms[best].letters ? bcredit / (double)forms[best].letters : 0;
    for (int j = bs; j < ja && b->npiece < XC_MAX_PIECES; j++)
        b->piece[b->npiece++] = (sg_span){ t[j].a, t[j].b };
    r->nlead = 1;
    return 1;
}

typedef struct xc_pending {
    size_t i;    /* block */
    xc_tok *t;   /* its leftover tokens, as the first reading left them */
    size_t m;
} xc_pending;

void xc_doc_read(xc_doc *x, const sg_doc *d, const sg_span *blocks, size_t n, int width, const xc_vocab *v,
                 const gz_list *bodies, const gz_list *deadlines)
{
    memset(x, 0, sizeof *x);
    x->read = 1;
    x->n = n;
    x->res = xcalloc(n ? n : 1, sizeof *x->res);
    x->done = xcalloc(n ? n : 1, 1);
    xc_tok *t = xmalloc(XC_MAX_TOK * sizeof *t);
    xc_pending *pd = NULL;
    size_t npd = 0, apd = 0, aforms = 0;
    int before = 0, after = 0;
    for (size_t i = 0; i < n; i++) {
        if (blocks[i].b <= blocks[i].a)
            continue;
        x->done[i] = 1;
        xc_result r;
        size_t m;
        if (!xc_item_t(d, blocks[i], width, v, bodies, deadlines, &r, t, &m))
            continue;
        x->res[i] = xmalloc(sizeof r);
        *x->res[i] = r;
        if (r.nlead && !xc_group(bodies, r.lead[0].entry) && r.lead[0].contiguous) {
            /* a form the document writes (one per key: aliases differing in marks only are one) */
            const char *key = bodies->a[r.lead[0].alias].key;
            size_t k = 0;
            while (k < x->nforms && strcmp(bodies->a[x->forms[k]].key, key))
                k++;
            if (k == x->nforms) {
                if (x->nforms == aforms) {
                    aforms = aforms ? 2 * aforms : 8;
                    x->forms = xrealloc(x->forms, aforms * sizeof *x->forms);
                }
                x->forms[x->nforms++] = r.lead[0].alias;
            }
            /* where the lead column stands: left of the support on the line both were read on */
            if (r.nsupport) {
                size_t la = xc_body_start(&r.lead[0]), sa = xc_body_start(&r.support[0]);
                for (int s = 1; s < r.nsupport; s++)
                    if (xc_body_start(&r.support[s]) < sa)
                        sa = xc_body_start(&r.support[s]);
                if (sg_line_at(d, la) == sg_line_at(d, sa))
                    la < sa ? before++ : after++;
            }
        } else if (r.nlead ? xc_group(bodies, r.lead[0].entry) : r.nsupport > 0) {
            if (npd == apd) {
                apd = apd ? 2 * apd : 8;
                pd = xrealloc(pd, apd * sizeof *pd);
            }
            pd[npd].i = i;
            pd[npd].m = m;
            pd[npd].t = xmalloc((m ? m : 1) * sizeof *t);
            memcpy(pd[npd].t, t, m * sizeof *t);
            npd++;
        }
    }
    x->layout = before - after;
    if (x->nforms && x->layout >= XC_PRIOR_LAYOUT && npd) {
        xc_name *forms = xmalloc(x->nforms * sizeof *forms);
        for (size_t k = 0; k < x->nforms; k++)
            xc_name_make(v, bodies->a[x->forms[k]].key, &forms[k]);
        for (size_t p = 0; p < npd; p++)
            x->nprior += xc_prior_lead(x, d, pd[p].t, pd[p].m, bodies, forms, x->res[pd[p].i]);
        free(forms);
    }
    for (size_t p = 0; p < npd; p++)
        free(pd[p].t);
    free(pd);
    free(t);
}

int xc_doc_get(const xc_doc *x, size_t i, xc_result *out)
{
    memset(out, 0, sizeof *out);
    out->deadline_entry = -1;
    if (i >= x->n || !x->res[i])
        return 0;
    *out = *x->res[i];
    return 1;
}

static int xc_code_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int xc_doc_item(xc_doc *x, const sg_doc *d, const sg_tree *t, size_t idx, int width, const xc_vocab *v,
                const gz_list *bodies, const gz_list *deadlines, xc_result *out)
{
    if (!x->read) {
        /* the items extract_doc.c reads leftovers of; prose items repeating a table row's code it leaves
         * out (the table is the list of the same tasks), so their reads must not feed the prior */
        sg_span *blocks = xcalloc(t->n ? t->n : 1, sizeof *blocks);
        const char **rows = xcalloc(t->n ? t->n : 1, sizeof *rows);
        size_t nrows = 0;
        for (size_t i = 0; i < t->n; i++)
            if (t->v[i].kind == SG_ROW)
                rows[nrows++] = t->v[i].code;
        if (nrows)
            qsort(rows, nrows, sizeof *rows, xc_code_cmp);
        for (size_t i = 0; i < t->n; i++) {
            const sg_item *si = &t->v[i];
            const char *c = si->code;
            if (si->kind == SG_ITEM && !si->celled &&
                !(nrows && bsearch(&c, rows, nrows, sizeof *rows, xc_code_cmp)))
                blocks[i] = si->body;
        }
        xc_doc_read(x, d, blocks, t->n, width, v, bodies, deadlines);
        free(rows);
        free(blocks);
    }
    if (idx < x->n && x->done[idx])
        return xc_doc_get(x, idx, out);
    return idx < t->n ? xc_item(d, t->v[idx].body, width, v, bodies, deadlines, out) : 0;
}

void xc_doc_free(xc_doc *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->res[i]);
    free(x->res);
    free(x->done);
    free(x->forms);
    memset(x, 0, sizeof *x);
}
