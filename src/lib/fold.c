/* fold.c — see fold.h.
 *
 * Speed: ASCII bytes go through a 128-entry table; other code points below FOLD_CACHE_CP are folded once
 * (pthread_once) into a small table per mode, so utf8proc is consulted only for rare characters.  The
 * OCR rules run afterwards as one linear pass over the folded words. */
#include "fold.h"
#include "err.h"
#include "viet.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_CACHE_CP 0x3000 /* Latin, Greek, Cyrillic, punctuation, symbols: all of Vietnamese text */
#define FOLD_MAX_CP 32       /* longest expansion we keep (U+FDFA expands to 18 code points) */

typedef struct fold_entry {
    uint8_t len; /* bytes in s; FOLD_UNCACHED when the expansion did not fit */
    char s[7];
} fold_entry;

#define FOLD_UNCACHED 0xff

static fold_entry fold_cache[2][FOLD_CACHE_CP];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static utf8proc_option_t fold_options(int flags)
{
    utf8proc_option_t o = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                          UTF8PROC_IGNORE;
    if (flags & FOLD_OCR)
        o |= UTF8PROC_LUMP;
    return o;
}

/* Folds one code point into buf (at least 4 * FOLD_MAX_CP bytes); returns the byte count, or -1 when
 * the expansion is too long to keep (the caller then copies the character unchanged). */
static int fold_cp_slow(int32_t cp, int flags, char *buf)
{
    switch (cp) {
    case 0x0110: case 0x0111: case 0x00D0: case 0x0189: /* Đ đ, Icelandic Ð, African Ɖ */
        buf[0] = 'd';
        return 1;
    case 0x00A2: /* ¢ read for c */
        if (flags & FOLD_OCR) { buf[0] = 'c'; return 1; }
        break;
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB: case 0x2033:
        if (flags & FOLD_OCR) { buf[0] = '"'; return 1; } /* utf8proc's LUMP leaves double quotes */
        break;
    case 0x201A: case 0x201B: case 0x2032:
        if (flags & FOLD_OCR) { buf[0] = '\''; return 1; }
        break;
    case 0x20AC: /* € read for e */
        if (flags & FOLD_OCR) { buf[0] = 'e'; return 1; }
        break;
    default:
        break;
    }
    utf8proc_int32_t cps[FOLD_MAX_CP];
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t k = utf8proc_decompose_char(cp, cps, FOLD_MAX_CP, fold_options(flags), &boundclass);
    if (k < 0 || k > FOLD_MAX_CP)
        return -1;
    int len = 0;
    for (utf8proc_ssize_t i = 0; i < k; i++) {
        int32_t c = cps[i];
        if (c == 0x0110 || c == 0x0111) /* decomposition never yields đ, but be safe */
            c = 'd';
        len += (int)utf8proc_encode_char(c, (utf8proc_uint8_t *)buf + len);
    }
    return len;
}

static void fold_init(void)
{
    char buf[4 * FOLD_MAX_CP];
    for (int f = 0; f < 2; f++)
        for (int32_t cp = 0; cp < FOLD_CACHE_CP; cp++) {
            fold_entry *e = &fold_cache[f][cp];
            int n = (cp >= 0xD800 && cp <= 0xDFFF) ? -1 : fold_cp_slow(cp, f, buf);
            if (n < 0 || n > (int)sizeof e->s) {
                e->len = FOLD_UNCACHED;
            } else {
                e->len = (uint8_t)n;
                memcpy(e->s, buf, (size_t)n);
            }
        }
}

static inline char fold_ascii_lower(unsigned char c)
{
    return (char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
}

typedef struct fold_out {
    char *s;
    size_t *map;
    size_t len, cap;
} fold_out;

/* Out of memory exits (xrealloc): a fold is never worth a half-done answer. */
static void fold_reserve(fold_out *o, size_t extra)
{
    if (o->len + extra + 1 <= o->cap)
        return;
    size_t cap = o->cap * 2;
    if (cap < o->len + extra + 1)
        cap = o->len + extra + 1;
    o->s = xrealloc(o->s, cap);
    if (o->map)
        o->map = xrealloc(o->map, (cap + 1) * sizeof *o->map);
    o->cap = cap;
}

static int fold_is_alpha(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int fold_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* 1 when the original character that produced folded byte i is a lower-case letter. */
static int fold_orig_lower(const char *orig, size_t n, const fold_out *o, size_t i)
{
    size_t at = o->map[i];
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)orig + at, (utf8proc_ssize_t)(n - at), &cp) < 0)
        return 0;
    return utf8proc_islower(cp);
}

static const char fold_digit_letter[10] = { 'o', 'l', 0, 0, 0, 0, 'o', 0, 0, 0 };

/* The OCR rules for one folded word w = o->s[a..b) (ASCII letters and digits only). */
static void fold_ocr_word(const char *orig, size_t n, fold_out *o, size_t a, size_t b)
{
    char *w = o->s;
    size_t letters = 0, digits = 0;
    int ok_digits = 1;
    for (size_t i = a; i < b; i++) {
        if (fold_is_digit((unsigned char)w[i])) {
            digits++;
            if (!fold_digit_letter[w[i] - '0'] || (i > a && fold_is_digit((unsigned char)w[i - 1])))
                ok_digits = 0;
        } else {
            letters++;
        }
    }
    /* the original's case is looked up only for the few words that mix letters and digits */
    int lower = 0;
    if (digits && ok_digits && letters == 1 && b - a <= 7)
        for (size_t i = a; i < b && !lower; i++)
            if (!fold_is_digit((unsigned char)w[i]))
                lower = fold_orig_lower(orig, n, o, i);
    if (digits && ok_digits && letters && (lower || letters >= 2) && b - a <= 7) {
        char tmp[8];
        for (size_t i = a; i < b; i++)
            tmp[i - a] = fold_is_digit((unsigned char)w[i]) ? fold_digit_letter[w[i] - '0'] : w[i];
        if (viet_folded_ok(tmp, b - a))
            memcpy(w + a, tmp, b - a);
    }
    /* P for Đ: upper-case P at the word start, then a vowel, and "d..." is a Vietnamese syllable. */
    if (b - a >= 2 && w[a] == 'p' && orig[o->map[a]] == 'P' && strchr("aeiouy", w[a + 1]) &&
        b - a <= 7) {
        static const char *const real_p[] = { "pa", "pe", "pi", "pin", "po", NULL };
        for (int k = 0; real_p[k]; k++)
            if (strlen(real_p[k]) == b - a && memcmp(real_p[k], w + a, b - a) == 0)
                return;
        char tmp[8];
        memcpy(tmp, w + a, b - a);
        tmp[0] = 'd';
        if (viet_folded_ok(tmp, b - a))
            w[a] = 'd';
    }
}

static void fold_ocr_pass(const char *orig, size_t n, fold_out *o)
{
    size_t i = 0;
    while (i < o->len) {
        unsigned char c = (unsigned char)o->s[i];
        if (!fold_is_alpha(c) && !fold_is_digit(c)) {
            i++;
            continue;
        }
        size_t a = i;
        while (i < o->len && (fold_is_alpha((unsigned char)o->s[i]) || fold_is_digit((unsigned char)o->s[i])))
            i++;
        fold_ocr_word(orig, n, o, a, i);
    }
}

/* Folds into o (always with a map: the OCR rules read the original case through it).  Returns 0 or -1
 * on invalid UTF-8, leaving o to be freed by the caller either way. */
static int fold_run(const char *s, size_t n, int flags, fold_out *o)
{
    pthread_once(&fold_once, fold_init);
    int f = (flags & FOLD_OCR) ? 1 : 0;
    memset(o, 0, sizeof *o);
    o->cap = n + 16;
    o->s = xmalloc(o->cap);
    o->map = xmalloc((o->cap + 1) * sizeof *o->map);
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    char slow[4 * FOLD_MAX_CP];
    while (i < n) {
        /* Fast path: a run of ASCII bytes maps one for one; capacity covers it (output never outgrows
         * input by more than the reserves below). */
        if (u[i] < 0x80) {
            fold_reserve(o, n - i);
            char *d = o->s + o->len;
            size_t start = o->len;
            size_t *m = o->map + start;
            while (i < n && u[i] < 0x80) {
                *m++ = i;
                *d++ = fold_ascii_lower(u[i++]);
            }
            o->len = (size_t)(d - o->s);
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k < 0)
            return -1;
        const char *src;
        int len;
        if (cp < FOLD_CACHE_CP && fold_cache[f][cp].len != FOLD_UNCACHED) {
            src = fold_cache[f][cp].s;
            len = fold_cache[f][cp].len;
        } else {
            len = fold_cp_slow(cp, f, slow);
            src = len < 0 ? s + i : slow;
            if (len < 0)
                len = (int)k;
        }
        fold_reserve(o, (size_t)len + (n - i));
        for (int j = 0; j < len; j++) {
            o->s[o->len + (size_t)j] = src[j];
            o->map[o->len + (size_t)j] = i;
        }
        o->len += (size_t)len;
        i += (size_t)k;
    }
    o->s[o->len] = '\0';
    o->map[o->len] = n;
    if (flags & FOLD_OCR)
        fold_ocr_pass(s, n, o);
    return 0;
}

int fold_text(const char *s, size_t n, int flags, pp_fold *out)
{
    fold_out o;
    memset(out, 0, sizeof *out);
    if (fold_run(s, n, flags, &o) != 0) {
        free(o.s);
        free(o.map);
        return -1;
    }
    out->s = o.s;
    out->len = o.len;
    out->map = o.map;
    return 0;
}

void fold_free(pp_fold *f)
{
    if (!f)
        return;
    free(f->s);
    free(f->map);
    memset(f, 0, sizeof *f);
}

char *fold_dup(const char *s, size_t n, int flags)
{
    pp_fold f;
    if (fold_text(s, n, flags, &f) != 0)
        return NULL;
    free(f.map);
    return f.s;
}
