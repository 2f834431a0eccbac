/* extract/extract_cols_leftover.c (prefix xc_) — which words of an item's lines are leftovers of other
 * columns, and the prose width they are told by.
 *
 * Leftovers, per line of the item's block:
 *   - everything after the first '|' (the OCR's reading of a column rule);
 *   - the run of name-like words that ends the line (or ends just before its first '|'), when the line
 *     has a '|', overflows the prose width, or the run follows the end of a sentence;
 *   - a short line (at most 4 words) that is not a bullet and does not end a sentence.
 * A word is name-like when it is within edit distance of a vocabulary word (or two run together), or is
 * OCR debris (one or two characters, letters mixed with digits). */
#include "extract/extract-ll.h"

#include <string.h>

static int xc_is_word(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
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
int xc_debris(const char *s, size_t n)
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
size_t xc_line(const sg_doc *d, size_t li, size_t a, size_t b, int width, const xc_vocab *v, xc_tok *t,
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
