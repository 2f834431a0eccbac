/* extract_cols.c — see extract_cols.h.
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
 * alias can score, and aliases that cannot reach XC_ACCEPT are never aligned. */
#include "extract_cols.h"
#include "strsim.h"

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

void xc_vocab_build(xc_vocab *v, const gz_list *const *lists, size_t nlists)
{
    memset(v, 0, sizeof *v);
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
    int ntok;
    int year;
} xc_cand;

enum { C_NONE, C_SKIP_A, C_SKIP_S, C_ONE, C_SPLIT, C_JOIN };

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

static void xc_cache_fill(xc_cache *cc, const xc_tok *t)
{
    const xc_vocab *v = cc->v;
    size_t m = cc->m, nw = v->n, np = v->npair;
    const char *f = cc->d->f.buf;
    size_t all = (2 * nw + np) * m + nw + np;
    cc->one = xcalloc(all + 1, sizeof *cc->one);
    cc->split = cc->one + nw * m;
    cc->join = cc->split + nw * m;
    cc->bw = cc->join + np * m;
    cc->bp = cc->bw + nw;
    unsigned char h[XC_NHIST], h2[XC_NHIST];
    char buf[2 * XC_TOKLEN];
    for (size_t j = 0; j < m; j++) {
        const char *s = f + t[j].a;
        size_t n = t[j].b - t[j].a;
        if (n > XC_TOKLEN)
            continue;
        xc_hist_of(s, n, h);
        int exact = 0;
        for (size_t w = 0; w < nw; w++) {
            if (!xc_len_ok(v->wlen[w], n))
                continue;
            double x = xc_sim_h(v->w[w], v->wlen[w], v->hist[w], s, n, h);
            cc->one[w * m + j] = x;
            exact |= x == 1.0 && n >= 3;
        }
        /* a token read as a name word exactly is that word, not another one damaged ("phong" is not
         * "cong"; two letters are too few to tell: "to" may well be "tu") */
        for (size_t w = 0; w < nw; w++) {
            double *x = &cc->one[w * m + j];
            if (exact && *x < XC_EXACT_OTHER)
                *x = 0;
            if (*x > cc->bw[w])
                cc->bw[w] = *x;
        }
        /* the token with the one before it on its line, one word read as two pieces ("Phl.lc") */
        if (j > 0 && t[j - 1].line == t[j].line && t[j].b - t[j - 1].a <= XC_TOKLEN) {
            size_t n1 = t[j - 1].b - t[j - 1].a;
            memcpy(buf, f + t[j - 1].a, n1);
            memcpy(buf + n1, s, n);
            xc_hist_of(f + t[j - 1].a, n1, h2);
            for (int c = 0; c < XC_NHIST; c++)
                h2[c] = (unsigned char)(h2[c] + h[c]);
            for (size_t w = 0; w < nw; w++) {
                if (!xc_len_ok(v->wlen[w], n1 + n))
                    continue;
                double x = xc_sim_h(v->w[w], v->wlen[w], v->hist[w], buf, n1 + n, h2);
                if (x < XC_WORD_SIM)
                    continue;
                cc->split[w * m + j] = x;
                if (x > cc->bw[w])
                    cc->bw[w] = x;
            }
        }
        /* two name words run together ("donvi") */
        for (size_t p = 0; p < np; p++) {
            size_t nn = v->plen[p];
            if (nn > XC_TOKLEN || !xc_len_ok(nn, n))
                continue;
            double x = xc_sim_h(v->pw[p], nn, v->phist[p], s, n, h);
            if (x < XC_WORD_SIM)
                continue;
            cc->join[p * m + j] = x;
            if (x > cc->bp[p])
                cc->bp[p] = x;
        }
    }
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

/* Best ordered alignment of a name's tokens on the free leftover tokens [lo,hi); fills c->tok, returns
 * the score. */
static double xc_align(xc_cache *cc, const xc_tok *t, const char *key, const xc_name *nm, size_t lo, size_t hi,
                       xc_cand *c, int depth)
{
    size_t k = (size_t)nm->k, letters = nm->letters;
    c->ntok = 0;
    c->letters = letters;
    if (!k || !letters || hi <= lo)
        return 0;
    static double dp[XC_MAX_NAME + 1][XC_MAX_TOK + 1];
    static unsigned char ch[XC_MAX_NAME + 1][XC_MAX_TOK + 1];
    const char *f = cc->d->f.buf;
    size_t m = cc->m, mm = hi - lo;
    for (size_t j = 0; j <= mm; j++) {
        dp[0][j] = 0;
        ch[0][j] = j ? C_SKIP_S : C_NONE;
    }
    for (size_t i = 1; i <= k; i++) {
        const char *w = key + nm->off[i - 1];
        size_t nw = nm->len[i - 1];
        int wid = nm->wid[i - 1], pid = nm->pid[i - 1];
        const double *one = wid >= 0 ? cc->one + (size_t)wid * m : NULL;
        const double *split = wid >= 0 ? cc->split + (size_t)wid * m : NULL;
        const double *join = pid >= 0 ? cc->join + (size_t)pid * m : NULL;
        size_t nn = i >= 2 ? nm->len[i - 2] + nw : 0;
        dp[i][0] = 0;
        ch[i][0] = C_SKIP_A;
        for (size_t jj = 1; jj <= mm; jj++) {
            size_t j = lo + jj - 1;
            double best = dp[i - 1][jj];
            unsigned char how = C_SKIP_A;
            if (dp[i][jj - 1] > best) {
                best = dp[i][jj - 1];
                how = C_SKIP_S;
            }
            const xc_tok *s = &t[j];
            if (!s->used) {
                double sm = one ? one[j] : xc_sim(w, nw, f + s->a, s->b - s->a);
                if (sm >= XC_TOKEN_SIM && dp[i - 1][jj - 1] + sm * (double)nw > best) {
                    best = dp[i - 1][jj - 1] + sm * (double)nw;
                    how = C_ONE;
                }
                /* one name word read as two pieces ("Phl.lc" for "Phục") */
                const xc_tok *r = jj >= 2 ? &t[j - 1] : NULL;
                if (r && !r->used && r->line == s->line && s->b - r->a <= XC_TOKLEN) {
                    double sp;
                    if (split) {
                        sp = split[j];
                    } else {
                        char buf[XC_TOKLEN];
                        size_t n1 = r->b - r->a, n2 = s->b - s->a;
                        memcpy(buf, f + r->a, n1);
                        memcpy(buf + n1, f + s->a, n2);
                        sp = xc_sim(w, nw, buf, n1 + n2);
                    }
                    if (sp >= XC_WORD_SIM && dp[i - 1][jj - 2] + sp * (double)nw > best) {
                        best = dp[i - 1][jj - 2] + sp * (double)nw;
                        how = C_SPLIT;
                    }
                }
                /* two name words run together ("donvi") */
                if (i >= 2 && nn <= XC_TOKLEN) {
                    double sj;
                    if (join) {
                        sj = join[j];
                    } else {
                        char buf[XC_TOKLEN];
                        memcpy(buf, key + nm->off[i - 2], nm->len[i - 2]);
                        memcpy(buf + nm->len[i - 2], w, nw);
                        sj = xc_sim(buf, nn, f + s->a, s->b - s->a);
                    }
                    if (sj >= XC_WORD_SIM && dp[i - 2][jj - 1] + sj * (double)nn > best) {
                        best = dp[i - 2][jj - 1] + sj * (double)nn;
                        how = C_JOIN;
                    }
                }
            }
            dp[i][jj] = best;
            ch[i][jj] = how;
        }
    }
    /* traceback: the tokens used, and how many name words matched */
    size_t i = k, jj = mm, words = 0;
    int head = 0; /* the first name word matched */
    while (i > 0 && jj > 0) {
        int j = (int)(lo + jj - 1);
        switch (ch[i][jj]) {
        case C_SKIP_A:
            i--;
            break;
        case C_SKIP_S:
            jj--;
            break;
        case C_ONE:
            c->tok[c->ntok++] = j;
            words++;
            head |= i == 1;
            i--;
            jj--;
            break;
        case C_SPLIT:
            c->tok[c->ntok++] = j;
            c->tok[c->ntok++] = j - 1;
            words++;
            head |= i == 1;
            i--;
            jj -= 2;
            break;
        case C_JOIN:
            c->tok[c->ntok++] = j;
            words += 2;
            head |= i == 2;
            i -= 2;
            jj--;
            break;
        default:
            i = jj = 0;
        }
    }
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
            double s1 = xc_align(cc, t, key, nm, lo, qj, &c1, depth + 1);
            double s2 = xc_align(cc, t, key, nm, pj + 1, hi, &c2, depth + 1);
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

/* Aligns alias i unless its bound says it cannot be accepted. */
static void xc_cand_align(xc_cache *cc, const xc_tok *t, const gz_list *g, const xc_name *nm, size_t i, int list,
                          xc_cand *c)
{
    memset(c, 0, sizeof *c);
    c->entry = g->a[i].entry;
    c->list = list;
    c->letters = nm->letters;
    double need = nm->k == 1 ? (double)nm->letters : XC_ACCEPT * (double)nm->letters;
    if (!nm->k || xc_bound(cc, nm) + 1e-9 < need)
        return;
    c->score = xc_align(cc, t, g->a[i].key, nm, 0, cc->m, c, 0);
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
    /* each alias's alignment stays best until a token it used is taken: only those are aligned again */
    xc_cand *cache = xmalloc(g->na * sizeof *cache);
    for (size_t i = 0; i < g->na; i++)
        xc_cand_align(cc, t, g, &names[i], i, list, &cache[i]);
    while (n < max) {
        size_t best = g->na;
        for (size_t i = 0; i < g->na; i++)
            if (cache[i].score >= XC_ACCEPT && (best == g->na || xc_better(&cache[i], &cache[best])))
                best = i;
        if (best == g->na)
            break;
        size_t pick = best;
        for (size_t i = 0; i < g->na; i++)
            if (cache[i].entry == cache[best].entry && cache[i].score > cache[pick].score &&
                cache[i].score * (double)cache[i].letters >= XC_LEAD_LETTERS && xc_overlap(&cache[i], &cache[best]))
                pick = i;
        xc_cand took = cache[pick];
        for (int k = 0; k < took.ntok; k++)
            t[took.tok[k]].used = 1;
        out[n++] = took;
        for (size_t i = 0; i < g->na; i++) {
            int stale = 0;
            for (int k = 0; k < cache[i].ntok && !stale; k++)
                stale = t[cache[i].tok[k]].used;
            if (stale)
                xc_cand_align(cc, t, g, &names[i], i, list, &cache[i]);
        }
    }
    free(cache);
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

int xc_item(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
            const gz_list *deadlines, xc_result *out)
{
    memset(out, 0, sizeof *out);
    out->deadline_entry = -1;
    if (block.b <= block.a || !d->n)
        return 0;
    static xc_tok t[XC_MAX_TOK];
    size_t m = 0;
    size_t l0 = sg_line_at(d, block.a), l1 = sg_line_at(d, block.b - 1);
    for (size_t li = l0; li <= l1 && m < XC_MAX_TOK; li++)
        m = xc_line(d, li, block.a, block.b, width, v, t, m);
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
    free(cc.one);
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
        b.sp = xc_span(t, &c[i]);
        b.score = c[i].score;
        /* tokens were collected back to front */
        for (int k = c[i].ntok; k-- > 0 && b.npiece < XC_MAX_PIECES;)
            b.piece[b.npiece++] = (sg_span){ t[c[i].tok[k]].a, t[c[i].tok[k]].b };
        if ((int)i == lead)
            out->lead[out->nlead++] = b;
        else if (out->nsupport < XC_MAX_BODIES && c[i].score >= XC_SUPPORT)
            out->support[out->nsupport++] = b;
    }
    return 1;
}
