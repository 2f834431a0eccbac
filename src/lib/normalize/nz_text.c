/* normalize/nz_text.c (prefix nz_) — see nz_text.h. */
#include "normalize/nz_text.h"
#include "core/err.h"
#include "text/fold.h"
#include "text/unorm.h"
#include "text/viet.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

double nz_marked_share(const char *s, size_t n)
{
    size_t words = 0, marked = 0;
    int in = 0, mk = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i <= n;) {
        utf8proc_int32_t c = ' ';
        utf8proc_ssize_t k = 1;
        if (i < n && (k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c)) < 0)
            k = 1;
        i += (size_t)k;
        int letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
        if (c >= 0xC0 && ((utf8proc_category(c) >= UTF8PROC_CATEGORY_LU && utf8proc_category(c) <= UTF8PROC_CATEGORY_LO) ||
                          utf8proc_category(c) == UTF8PROC_CATEGORY_MN)) { /* a combining mark: decomposed text */
            letter = 1;
            mk = 1;
        }
        if (letter) {
            in = 1;
            continue;
        }
        if (in) {
            words++;
            marked += (size_t)mk;
        }
        in = mk = 0;
    }
    return words ? (double)marked / (double)words : 0;
}

void nz_result_free(nz_result *r)
{
    free(r->text);
    free(r->key);
    sb_free(&r->conf);
    memset(r, 0, sizeof *r);
}

static int nz_letter_byte(char ch)
{
    unsigned char c = (unsigned char)ch;
    return c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

double nz_ocr_share(const char *s, size_t n)
{
    size_t words = 0, signs = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
            i++;
            continue;
        }
        size_t a = i;
        int alpha = 1;
        while (i < n && (((unsigned char)s[i] >= 'a' && (unsigned char)s[i] <= 'z') ||
                         ((unsigned char)s[i] >= '0' && (unsigned char)s[i] <= '9'))) {
            alpha &= s[i] >= 'a';
            i++;
        }
        /* only lower-case ASCII words standing alone (not a piece of a marked word, an acronym, a code) */
        if ((a > 0 && nz_letter_byte(s[a - 1])) || (i < n && nz_letter_byte(s[i])) ||
            (s[a] >= '0' && s[a] <= '9') || (s[i - 1] >= '0' && s[i - 1] <= '9'))
            continue;
        words++;
        if (!alpha || !viet_folded_ok(s + a, i - a))
            signs++;
    }
    return words ? (double)signs / (double)words : 0;
}

/* Decimal digits of v into buf; returns their count. */
static size_t nz_utoa(size_t v, char *buf)
{
    char t[24];
    size_t k = 0;
    do {
        t[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < k; i++)
        buf[i] = t[k - 1 - i];
    return k;
}

/* A confidence (0..1) as printf's "%.3f" writes it: a float times 1000 is exact in a double, and printf
 * rounds the exact value to nearest, ties to even.  One sb_addf per word was 12 % of restoration's
 * instructions. */
static size_t nz_conf3(float conf, char *buf)
{
    double x = (double)conf * 1000.0;
    if (!(x >= 0 && x <= 1e6)) /* never: confidences are shares */
        return (size_t)snprintf(buf, 40, "%.3f", (double)conf);
    double f = floor(x), frac = x - f;
    size_t v = (size_t)f;
    if (frac > 0.5 || (frac == 0.5 && (v & 1)))
        v++;
    size_t k = nz_utoa(v / 1000, buf);
    buf[k++] = '.';
    buf[k++] = (char)('0' + v / 100 % 10);
    buf[k++] = (char)('0' + v / 10 % 10);
    buf[k++] = (char)('0' + v % 10);
    return k;
}

int nz_text(const char *s, size_t n, int chan, const nz_opts *o, const lm_model *lm, int restore_ok,
            nz_result *r)
{
    memset(r, 0, sizeof *r);
    size_t len;
    char *t = unorm_text(s, n, o->style, &len);
    if (!t)
        return -1;
    if (o->restore && lm && restore_ok) {
        lm_word *w = NULL;
        size_t nw = 0, rl;
        int flags = chan == NZ_CHAN_OCR ? LM_OCR : chan == NZ_CHAN_VIE ? LM_VIE : 0;
        /* filter mode (text_only) reads neither the word list nor the key: making them was 15 % of typed
         * restoration's instructions there */
        char *rt = lm_restore(lm, t, len, flags, o->style, &rl, o->text_only ? NULL : &w, &nw);
        if (!rt) {
            free(t);
            return -1;
        }
        free(t);
        t = rt;
        len = rl;
        r->restored = 1;
        sb_grow(&r->conf, 24 * nw + 2);
        sb_addc(&r->conf, '[');
        for (size_t i = 0; i < nw; i++) {
            char buf[80];
            size_t k = 0;
            if (i)
                buf[k++] = ',';
            buf[k++] = '[';
            k += nz_utoa(w[i].off, buf + k);
            buf[k++] = ',';
            k += nz_utoa(w[i].len, buf + k);
            buf[k++] = ',';
            k += nz_conf3(w[i].conf, buf + k);
            buf[k++] = ',';
            k += nz_utoa((size_t)(w[i].changed != 0), buf + k);
            buf[k++] = ']';
            sb_add(&r->conf, buf, k);
            r->changed += w[i].changed;
        }
        sb_addc(&r->conf, ']');
        free(w);
    }
    r->text = t;
    r->len = len;
    if (o->text_only)
        return 0;
    r->key = fold_dup(t, len, (chan == NZ_CHAN_OCR && !r->restored) || chan == NZ_CHAN_VIE ? FOLD_OCR : FOLD_PLAIN);
    if (!r->key) {
        nz_result_free(r);
        return -1;
    }
    return 0;
}
