/* text/unorm.c (prefix unorm_) — see unorm.h.  One linear pass: decode, drop or map single characters,
 * decompose, then cut the text into words (a letter followed by letters and marks); a word that parses as a
 * Vietnamese syllable is written back with its tone placed by style, any other word is left to NFC.  A final
 * NFC pass over the whole text composes everything. */
#include "text/unorm.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "text/viet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Characters dropped outright: controls other than tab/newline/CR, zero-width and bidi marks, soft
 * hyphens, BOMs. */
static int unorm_drop(int32_t c)
{
    if (c < 0x20)
        return c != '\t' && c != '\n' && c != '\r';
    if (c >= 0x7F && c <= 0x9F)
        return 1;
    return c == 0x00AD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x2064) || c == 0xFEFF;
}

/* Look-alikes typed or converted in place of Vietnamese letters. */
static int32_t unorm_map(int32_t c)
{
    switch (c) {
    case 0x00D0: return 0x0110; /* Icelandic Ð for Đ */
    case 0x0189: return 0x0110; /* African Ɖ */
    case 0x00F0: return 0x0111; /* ð for đ */
    case 0x0340: return 0x0300; /* deprecated tone marks */
    case 0x0341: return 0x0301;
    default: return c;
    }
}

static int unorm_is_mark(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k == UTF8PROC_CATEGORY_MN || k == UTF8PROC_CATEGORY_MC || k == UTF8PROC_CATEGORY_ME;
}

static int unorm_is_letter(int32_t c)
{
    utf8proc_category_t k = utf8proc_category(c);
    return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

typedef struct unorm_vec {
    int32_t *v;
    size_t n, cap;
} unorm_vec;

static void unorm_push(unorm_vec *o, int32_t c)
{
    PP_GROW(o->v, o->n + 1, o->cap, 256);
    o->v[o->n++] = c;
}

static int unorm_is_vowel_mark(int32_t c)
{
    return c == 0x0302 || c == 0x0306 || c == 0x031B;
}

/* A word that is not a syllable (a name, a typo, "ấ" alone) still gets its vowel marks (circumflex,
 * breve, horn) put before any other mark on the same letter, which NFC cannot do because they share a
 * combining class with the tones. */
static void unorm_marks_in_order(unorm_vec *o, const int32_t *w, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t a = i++;
        while (i < n && unorm_is_mark(w[i]))
            i++;
        unorm_push(o, w[a]);
        for (size_t j = a + 1; j < i; j++)
            if (unorm_is_vowel_mark(w[j]))
                unorm_push(o, w[j]);
        for (size_t j = a + 1; j < i; j++)
            if (!unorm_is_vowel_mark(w[j]))
                unorm_push(o, w[j]);
    }
}

/* The full pass over s[0..n), appended to out: -1 when s is not valid UTF-8.  d and o are the caller's
 * scratch vectors, reused from one range to the next. */
static int unorm_range(const char *s, size_t n, int style, unorm_vec *d, unorm_vec *o, strbuf *out)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    d->n = o->n = 0;
    /* 1. decode, drop, map, decompose */
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (k < 0)
            return -1;
        i += (size_t)k;
        if (unorm_drop(c))
            continue;
        c = unorm_map(c);
        if (c < 0x80) {
            unorm_push(d, c);
            continue;
        }
        utf8proc_int32_t buf[32];
        int bc = UTF8PROC_BOUNDCLASS_START;
        utf8proc_ssize_t m = utf8proc_decompose_char(c, buf, 32, UTF8PROC_DECOMPOSE, &bc);
        if (m < 0 || m > 32) {
            unorm_push(d, c);
            continue;
        }
        for (utf8proc_ssize_t j = 0; j < m; j++)
            unorm_push(d, buf[j]);
    }
    /* 2. words: syllables get their marks in order and the tone where the style puts it */
    for (size_t i = 0; i < d->n;) {
        if (!unorm_is_letter(d->v[i])) {
            unorm_push(o, d->v[i++]);
            continue;
        }
        size_t a = i;
        while (i < d->n && (unorm_is_letter(d->v[i]) || unorm_is_mark(d->v[i])))
            i++;
        viet_syl syl;
        if (i - a <= 4 * VIET_MAX && viet_parse(d->v + a, i - a, &syl) == 0 && viet_valid(&syl)) {
            int32_t cps[2 * VIET_MAX];
            size_t k = viet_render_cps(&syl, style, cps);
            for (size_t j = 0; j < k; j++)
                unorm_push(o, cps[j]);
        } else {
            unorm_marks_in_order(o, d->v + a, i - a);
        }
    }
    /* 3. compose: utf8proc_map decomposes, orders and composes again, so ê + dot below becomes ệ */
    /* (with U+034F after every UNORM_MAX_NONSTARTERS marks in a row, see unorm_stream_safe) */
    char *tmp = xmalloc(o->n * 4 + o->n / UNORM_MAX_NONSTARTERS * 2 + 1);
    size_t tl = 0, run = 0;
    for (size_t j = 0; j < o->n; j++) {
        if (utf8proc_get_property(o->v[j])->combining_class == 0) {
            run = 0;
        } else if (++run > UNORM_MAX_NONSTARTERS) {
            tl += (size_t)utf8proc_encode_char(UNORM_CGJ, (utf8proc_uint8_t *)tmp + tl);
            run = 1;
        }
        tl += (size_t)utf8proc_encode_char(o->v[j], (utf8proc_uint8_t *)tmp + tl);
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)tmp, (utf8proc_ssize_t)tl, &nfc,
                                      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    free(tmp);
    if (m < 0)
        return -1;
    sb_add(out, nfc, (size_t)m);
    free(nfc);
    return 0;
}

/* Runs of printable ASCII between spaces and newlines are their own normal form: no character to drop or
 * map, every word either no syllable (left as it is) or a syllable without marks (rendered back letter for
 * letter), and nothing composes with a space or a newline, so the full pass only has to see the rest.  It
 * sees ranges that start and end at such boundaries; a range goes on over clean runs shorter than
 * UNORM_CLEAN_RUN bytes so that marked text (where ASCII words such as "cho" come every few words) is not
 * cut into many small passes.  On stripped text the full pass was 32 % of restoration's instructions. */
#define UNORM_CLEAN_RUN 64

char *unorm_text(const char *s, size_t n, int style, size_t *outlen)
{
    unorm_vec d = { NULL, 0, 0 }, o = { NULL, 0, 0 };
    strbuf out = STRBUF_INIT;
    sb_grow(&out, n + 1);
    size_t done = 0, pend = SIZE_MAX, pend_end = 0; /* s[0..done) is written; s[pend..pend_end) waits */
    int bad = 0;
    for (size_t i = 0; i < n && !bad;) {
        if (s[i] == ' ' || s[i] == '\n') {
            i++;
            continue;
        }
        size_t a = i;
        int clean = 1;
        for (; i < n && s[i] != ' ' && s[i] != '\n'; i++) {
            unsigned char c = (unsigned char)s[i];
            clean &= c < 0x7F && (c >= 0x20 || c == '\t' || c == '\r');
        }
        if (!clean) {
            if (pend == SIZE_MAX) {
                sb_add(&out, s + done, a - done);
                pend = a;
            }
            pend_end = i;
        } else if (pend != SIZE_MAX && i - pend_end >= UNORM_CLEAN_RUN) {
            bad = unorm_range(s + pend, pend_end - pend, style, &d, &o, &out) != 0;
            done = pend_end;
            pend = SIZE_MAX;
        }
    }
    if (!bad && pend != SIZE_MAX) {
        bad = unorm_range(s + pend, pend_end - pend, style, &d, &o, &out) != 0;
        done = pend_end;
    }
    free(d.v);
    free(o.v);
    if (bad) {
        sb_free(&out);
        return NULL;
    }
    sb_add(&out, s + done, n - done);
    return sb_detach(&out, outlen);
}

char *unorm_stream_safe(const char *s, size_t n, size_t *outlen)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    strbuf out = STRBUF_INIT;
    size_t run = 0, done = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (k < 0) {
            i++; /* not UTF-8 here: a starter as far as ordering goes; the caller's decoder refuses it */
            run = 0;
            continue;
        }
        if (utf8proc_get_property(c)->combining_class == 0) {
            run = 0;
        } else if (++run > UNORM_MAX_NONSTARTERS) {
            utf8proc_uint8_t cgj[4];
            sb_add(&out, s + done, i - done);
            sb_add(&out, cgj, (size_t)utf8proc_encode_char(UNORM_CGJ, cgj));
            done = i;
            run = 1;
        }
        i += (size_t)k;
    }
    if (!out.buf) {
        *outlen = n;
        return NULL;
    }
    sb_add(&out, s + done, n - done);
    return sb_detach(&out, outlen);
}
