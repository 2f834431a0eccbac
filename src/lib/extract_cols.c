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
 * each token used once. */
#include "extract_cols.h"
#include "strsim.h"

#include <stdlib.h>
#include <string.h>

#define XC_MAX_TOK 160
#define XC_MAX_NAME 12
#define XC_TOKLEN 32
#define XC_TOKEN_SIM 0.5  /* a name token matches a leftover token at or above this */
#define XC_WORD_SIM 0.6   /* a leftover word is name-like at or above this */
#define XC_ACCEPT 0.6     /* a name is found when this share of its letters matched */
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

double xc_sim(const char *a, size_t na, const char *b, size_t nb)
{
    if (!na || !nb || na > XC_TOKLEN || nb > XC_TOKLEN)
        return 0;
    /* the length difference alone keeps most pairs under the lowest threshold used (0.5) */
    if (2 * (na > nb ? na - nb : nb - na) > (na > nb ? na : nb))
        return 0;
    /* nor can pairs that share too few letters: the distance is at least the longer length less the
     * letters the two have in common (counted with multiplicity) */
    unsigned char ha[256] = { 0 };
    size_t common = 0;
    for (size_t i = 0; i < na; i++)
        ha[(unsigned char)a[i]]++;
    for (size_t j = 0; j < nb; j++)
        if (ha[(unsigned char)b[j]]) {
            ha[(unsigned char)b[j]]--;
            common++;
        }
    if (2 * common < (na > nb ? na : nb))
        return 0;
    size_t rows[2 * (XC_TOKLEN + 1)];
    size_t m = na > nb ? na : nb;
    return 1.0 - (double)strsim_distance(a, na, b, nb, rows) / (double)m;
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
}

void xc_vocab_free(xc_vocab *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->w[i]);
    free(v->w);
    free(v->pair);
    memset(v, 0, sizeof *v);
}

static int xc_in_vocab(const xc_vocab *v, const char *s, size_t n)
{
    for (size_t i = 0; i < v->n; i++) {
        size_t m = strlen(v->w[i]);
        /* lengths too far apart cannot reach the similarity */
        if ((double)(m > n ? m - n : n - m) > (1.0 - XC_WORD_SIM) * (double)(m > n ? m : n))
            continue;
        if (xc_sim(s, n, v->w[i], m) >= XC_WORD_SIM)
            return 1;
    }
    return 0;
}

/* OCR debris: one or two characters, or letters mixed with digits ("c4c", "46", "T0"). */
static int xc_debris(const char *s, size_t n)
{
    int digits = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else
            letters++;
    }
    return n <= 2 || (digits && letters) || (digits && n != 4);
}

/* Name-like: a vocabulary word (or two run together, "donvi"), or OCR debris. */
static int xc_namelike(const xc_vocab *v, const char *s, size_t n)
{
    int digits = 0, letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9')
            digits++;
        else
            letters++;
    }
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
 * across aliases ("phong", "so", "tinh").  Rows are vocabulary words, columns tokens; < 0 = not yet. */
typedef struct xc_cache {
    const xc_vocab *v;
    size_t m;
    double *one;  /* the word against token j */
    double *split; /* the word against tokens j-1 and j read as one */
    double *join;  /* two adjacent words of a name (a pair of xc_vocab) against token j */
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

static double xc_sim_one(xc_cache *cc, int wid, const char *w, size_t nw, const char *f, const xc_tok *s, size_t j)
{
    double *slot = wid >= 0 ? &cc->one[(size_t)wid * cc->m + j] : NULL;
    if (slot && *slot >= 0)
        return *slot;
    double v = xc_sim(w, nw, f + s->a, s->b - s->a);
    if (slot)
        *slot = v;
    return v;
}

/* Best ordered alignment of a name's tokens on the free leftover tokens; fills c->tok, returns score. */
static double xc_align(const sg_doc *d, const xc_tok *t, size_t m, const char *key, xc_cand *c, xc_cache *cc)
{
    const char *nt[XC_MAX_NAME];
    size_t nl[XC_MAX_NAME], k = 0, letters = 0;
    int wid[XC_MAX_NAME], pid[XC_MAX_NAME]; /* vocabulary word, and pair with the word before */
    for (const char *p = key; *p && k < XC_MAX_NAME;) {
        size_t n = strcspn(p, " ");
        nt[k] = p;
        nl[k] = n;
        wid[k] = xc_word_id(cc->v, p, n);
        pid[k] = k ? xc_pair_id(cc->v, wid[k - 1], wid[k]) : -1;
        letters += n;
        k++;
        p += n;
        while (*p == ' ')
            p++;
    }
    if (!k || !letters)
        return 0;
    static double dp[XC_MAX_NAME + 1][XC_MAX_TOK + 1];
    static unsigned char ch[XC_MAX_NAME + 1][XC_MAX_TOK + 1];
    const char *f = d->f.buf;
    for (size_t j = 0; j <= m; j++) {
        dp[0][j] = 0;
        ch[0][j] = j ? C_SKIP_S : C_NONE;
    }
    for (size_t i = 1; i <= k; i++) {
        dp[i][0] = 0;
        ch[i][0] = C_SKIP_A;
        for (size_t j = 1; j <= m; j++) {
            double best = dp[i - 1][j];
            unsigned char how = C_SKIP_A;
            if (dp[i][j - 1] > best) {
                best = dp[i][j - 1];
                how = C_SKIP_S;
            }
            const xc_tok *s = &t[j - 1];
            if (!s->used) {
                double sm = xc_sim_one(cc, wid[i - 1], nt[i - 1], nl[i - 1], f, s, j - 1);
                if (sm >= XC_TOKEN_SIM && dp[i - 1][j - 1] + sm * (double)nl[i - 1] > best) {
                    best = dp[i - 1][j - 1] + sm * (double)nl[i - 1];
                    how = C_ONE;
                }
                /* one name word read as two pieces ("Phl.lc" for "Phục") */
                const xc_tok *r = j >= 2 ? &t[j - 2] : NULL;
                if (r && !r->used && r->line == s->line && s->b - r->a <= XC_TOKLEN) {
                    double *slot = wid[i - 1] >= 0 ? &cc->split[(size_t)wid[i - 1] * m + j - 1] : NULL;
                    double sp;
                    if (slot && *slot >= 0) {
                        sp = *slot;
                    } else {
                        char buf[XC_TOKLEN];
                        size_t n1 = r->b - r->a, n2 = s->b - s->a;
                        memcpy(buf, f + r->a, n1);
                        memcpy(buf + n1, f + s->a, n2);
                        sp = xc_sim(nt[i - 1], nl[i - 1], buf, n1 + n2);
                        if (slot)
                            *slot = sp;
                    }
                    if (sp >= XC_WORD_SIM && dp[i - 1][j - 2] + sp * (double)nl[i - 1] > best) {
                        best = dp[i - 1][j - 2] + sp * (double)nl[i - 1];
                        how = C_SPLIT;
                    }
                }
                /* two name words run together ("donvi") */
                if (i >= 2 && nl[i - 2] + nl[i - 1] <= XC_TOKLEN) {
                    size_t nn = nl[i - 2] + nl[i - 1];
                    double *slot = pid[i - 1] >= 0 ? &cc->join[(size_t)pid[i - 1] * m + j - 1] : NULL;
                    double sj;
                    if (slot && *slot >= 0) {
                        sj = *slot;
                    } else {
                        char buf[XC_TOKLEN];
                        memcpy(buf, nt[i - 2], nl[i - 2]);
                        memcpy(buf + nl[i - 2], nt[i - 1], nl[i - 1]);
                        sj = xc_sim(buf, nn, f + s->a, s->b - s->a);
                        if (slot)
                            *slot = sj;
                    }
                    if (sj >= XC_WORD_SIM && dp[i - 2][j - 1] + sj * (double)nn > best) {
                        best = dp[i - 2][j - 1] + sj * (double)nn;
                        how = C_JOIN;
                    }
                }
            }
            dp[i][j] = best;
            ch[i][j] = how;
        }
    }
    /* traceback: the tokens used, and how many name words matched */
    size_t i = k, j = m, words = 0;
    int head = 0; /* the first name word matched */
    c->ntok = 0;
    while (i > 0 && j > 0) {
        switch (ch[i][j]) {
        case C_SKIP_A:
            i--;
            break;
        case C_SKIP_S:
            j--;
            break;
        case C_ONE:
            c->tok[c->ntok++] = (int)(j - 1);
            words++;
            head |= i == 1;
            i--;
            j--;
            break;
        case C_SPLIT:
            c->tok[c->ntok++] = (int)(j - 1);
            c->tok[c->ntok++] = (int)(j - 2);
            words++;
            head |= i == 1;
            i--;
            j -= 2;
            break;
        case C_JOIN:
            c->tok[c->ntok++] = (int)(j - 1);
            words += 2;
            head |= i == 2;
            i -= 2;
            j--;
            break;
        default:
            i = j = 0;
        }
    }
    c->letters = letters;
    double score = dp[k][m] / (double)letters;
    /* the head word ("Phòng", "Sở", "Các") may be unreadable, but something must stand in its place */
    if (k >= 2 && c->ntok && !head) {
        int first = c->tok[c->ntok - 1];
        const xc_tok *p = first > 0 ? &t[first - 1] : NULL;
        if (!p || p->line != t[first].line || p->used || !xc_debris(f + p->a, p->b - p->a))
            return 0;
    }
    /* one column's piece of a name is contiguous on its line (a stray speck aside), and a name spans a
     * few lines at most */
    for (int a = c->ntok - 1; a > 0; a--) {
        const xc_tok *p = &t[c->tok[a]], *q = &t[c->tok[a - 1]];
        if ((p->line == q->line && c->tok[a - 1] - c->tok[a] > 2) || q->line - p->line > 3)
            return 0;
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

/* Takes names one at a time, the best first, aligning the rest again on the tokens still free (a
 * name's words must not be taken by another that merely overlaps it).  Returns how many (<= max). */
static size_t xc_take(const sg_doc *d, xc_tok *t, size_t m, const gz_list *g, int list, xc_cand *out, size_t max,
                      xc_cache *cc)
{
    size_t n = 0;
    if (!g || !g->na)
        return 0;
    /* each alias's alignment stays best until a token it used is taken: only those are aligned again */
    xc_cand *cache = xcalloc(g->na, sizeof *cache);
    for (size_t i = 0; i < g->na; i++) {
        cache[i].entry = g->a[i].entry;
        cache[i].list = list;
        cache[i].score = xc_align(d, t, m, g->a[i].key, &cache[i], cc);
    }
    while (n < max) {
        size_t best = g->na;
        for (size_t i = 0; i < g->na; i++)
            if (cache[i].score >= XC_ACCEPT && (best == g->na || xc_better(&cache[i], &cache[best])))
                best = i;
        if (best == g->na)
            break;
        xc_cand took = cache[best];
        for (int k = 0; k < took.ntok; k++)
            t[took.tok[k]].used = 1;
        out[n++] = took;
        for (size_t i = 0; i < g->na; i++) {
            int stale = 0;
            for (int k = 0; k < cache[i].ntok && !stale; k++)
                stale = t[cache[i].tok[k]].used;
            if (stale) {
                memset(&cache[i], 0, sizeof cache[i]);
                cache[i].entry = g->a[i].entry;
                cache[i].list = list;
                cache[i].score = xc_align(d, t, m, g->a[i].key, &cache[i], cc);
            }
        }
    }
    free(cache);
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
    xc_cache cc = { v, m, NULL, NULL, NULL };
    size_t cells = v->n * m, all = (2 * v->n + v->npair) * m;
    cc.one = xmalloc((all + 1) * sizeof *cc.one);
    cc.split = cc.one + cells;
    cc.join = cc.split + cells;
    for (size_t i = 0; i < all; i++)
        cc.one[i] = -1;
    /* deadlines: the listed phrases, and "năm 2022" (năm read as "\am", "nim") */
    xc_cand c[8];
    size_t nc = xc_take(d, t, m, deadlines, 1, c, 1, &cc);
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
    nc = xc_take(d, t, m, bodies, 0, c, 8, &cc);
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
