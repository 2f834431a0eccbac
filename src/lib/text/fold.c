/* text/fold.c (prefix fold_) — see fold.h.
 *
 * Speed (every page of the extraction stage goes through here, mostly in FOLD_OCR mode):
 *   - ASCII bytes are lower-cased and mapped one at a time.  Vietnamese switches between ASCII and
 *     accented letters every few bytes, so eight-byte ASCII blocks lost more at the switches than they
 *     saved;
 *   - other characters are decoded inline (fold_decode: utf8proc_iterate's rules, without the call), and
 *     code points below FOLD_CACHE_CP are looked up in a table folded once per mode (pthread_once).  An
 *     entry (at most 7 bytes) is copied as one fixed 8-byte block; utf8proc itself is consulted only for
 *     rare characters;
 *   - s and map are allocated once for the input plus FOLD_SLACK: only a character that folds to more
 *     bytes than it takes (½ is "1⁄2", U+FDFA a whole phrase) can make them grow;
 *   - the OCR pass skips to digits and p's eight bytes at a time, and looks only at the words holding
 *     one (all other words are left alone by the rules anyway).
 * Tried and dropped: a branch-free decoder (3x slower: the next character's position then waits on a
 * table load, where the branchy loop speculates past it). */
#include "text/fold.h"
#include "core/err.h"
#include "text/viet.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define FOLD_CACHE_CP 0x3000 /* Latin, Greek, Cyrillic, punctuation, symbols: all of Vietnamese text */
#define FOLD_MAX_CP 32       /* longest expansion we keep (U+FDFA expands to 18 code points) */

typedef struct fold_entry {
    char s[7];
    uint8_t len; /* bytes in s; FOLD_UNCACHED when the expansion did not fit */
} fold_entry;

#define FOLD_UNCACHED 0xff
_Static_assert(sizeof(fold_entry) == 8, "fold_run copies entries as 8-byte blocks");

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
    size_t len, cap; /* s and map both hold cap elements */
} fold_out;

/* Out of memory exits (xrealloc): a fold is never worth a half-done answer.  Makes room for extra
 * more elements after o->len. */
static void fold_grow(fold_out *o, size_t extra)
{
    if (o->cap - o->len >= extra)
        return;
    /* s and map share one capacity, so PP_GROW's one-array form does not fit; the sums are checked
     * the same way (an overflow is out of memory, never a short buffer). */
    size_t cap = o->cap > SIZE_MAX / 2 ? SIZE_MAX : o->cap * 2;
    if (extra > SIZE_MAX - o->len)
        cap = SIZE_MAX; /* xreallocarray below then fails as out of memory */
    else if (cap < o->len + extra)
        cap = o->len + extra;
    o->s = xreallocarray(o->s, cap, 1);
    o->map = xreallocarray(o->map, cap, sizeof *o->map);
    o->cap = cap;
}

static int fold_is_alpha(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int fold_is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int fold_is_alnum(unsigned char c) { return fold_is_alpha(c) || fold_is_digit(c); }

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

/* The OCR rules for one folded word w = o->s[a..b) (ASCII letters and digits only).  Changes nothing
 * unless the word holds a digit or starts with p. */
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

/* 1 for the bytes that can make fold_ocr_word act: digits and p. */
static int fold_ocr_mark(unsigned char c) { return c == 'p' || fold_is_digit(c); }

/* The first i' >= i with fold_ocr_mark(w[i']), or len.  Eight bytes at a time: each test below works
 * on the low seven bits of a byte, where adding at most 0x7F cannot carry into the next byte, and drops
 * the bytes with the high bit set. */
static size_t fold_ocr_next(const unsigned char *w, size_t i, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, high = 0x80 * ones;
    for (; i + 8 <= len; i += 8) {
        uint64_t x;
        memcpy(&x, w + i, 8);
        uint64_t y = x & ~high;
        uint64_t digit = (y + (0x80 - '0') * ones) & ~(y + (0x80 - '9' - 1) * ones);
        uint64_t p = ~((y ^ 'p' * ones) + 0x7F * ones);
        if ((digit | p) & ~x & high)
            break;
    }
    while (i < len && !fold_ocr_mark(w[i]))
        i++;
    return i;
}

/* Words are maximal runs of [a-z0-9].  fold_ocr_word changes only words with a digit, or with a p at
 * the start that was an upper-case P, so the pass looks for those bytes alone and visits each such word
 * once, left to right. */
static void fold_ocr_pass(const char *orig, size_t n, fold_out *o)
{
    const unsigned char *w = (const unsigned char *)o->s;
    size_t len = o->len, i = 0;
    while ((i = fold_ocr_next(w, i, len)) < len) {
        /* a p that is no P for Đ (lower case, or inside its word) does not count: a digit further on
         * in the same word still brings the word in */
        if (w[i] == 'p' && orig[o->map[i]] != 'P') {
            i++;
            continue;
        }
        size_t a = i;
        while (a > 0 && fold_is_alnum(w[a - 1]))
            a--;
        size_t b = i + 1;
        int digit = fold_is_digit(w[i]);
        while (b < len && fold_is_alnum(w[b]))
            digit |= fold_is_digit(w[b++]);
        /* a P inside its word brings the word in only with a digit after it (one before it would have
         * brought it in already); either way the pass goes on after the word, so every word is looked
         * at once however many P's it holds */
        if (w[i] != 'p' || a == i || digit)
            fold_ocr_word(orig, n, o, a, b);
        i = b;
    }
}

/* Decodes the non-ASCII character at u[0..left) (left >= 1, u[0] >= 0x80) into *cp and returns its length,
 * or 0 when it is not valid UTF-8.  Exactly utf8proc_iterate's rules: lead byte C2..F4, continuation bytes
 * 80..BF, no overlong three- or four-byte forms, no surrogates, nothing past U+10FFFF, nothing cut short. */
static inline size_t fold_decode(const unsigned char *u, size_t left, int32_t *cp)
{
    unsigned c = u[0];
    if (c < 0xC2 || c > 0xF4)
        return 0;
    if (c < 0xE0) {
        if (left < 2 || (u[1] & 0xC0) != 0x80)
            return 0;
        *cp = (int32_t)((c & 0x1F) << 6 | (u[1] & 0x3Fu));
        return 2;
    }
    if (c < 0xF0) {
        if (left < 3 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 || (c == 0xE0 && u[1] < 0xA0) ||
            (c == 0xED && u[1] > 0x9F))
            return 0;
        *cp = (int32_t)((c & 0x0F) << 12 | (u[1] & 0x3Fu) << 6 | (u[2] & 0x3Fu));
        return 3;
    }
    if (left < 4 || (u[1] & 0xC0) != 0x80 || (u[2] & 0xC0) != 0x80 || (u[3] & 0xC0) != 0x80 ||
        (c == 0xF0 && u[1] < 0x90) || (c == 0xF4 && u[1] > 0x8F))
        return 0;
    *cp = (int32_t)((c & 0x07) << 18 | (u[1] & 0x3Fu) << 12 | (u[2] & 0x3Fu) << 6 | (u[3] & 0x3Fu));
    return 4;
}

/* Room kept past everything the rest of the input can produce one for one: a cached entry is copied as
 * a fixed 8-byte block whatever its true length (and the terminator needs one). */
#define FOLD_SLACK 8

/* Folds into o (always with a map: the OCR rules read the original case through it).  Returns 0 or -1
 * on invalid UTF-8, leaving o to be freed by the caller either way.
 *
 * Invariant at the top of the loop: o->cap - len >= (n - i) + FOLD_SLACK, len being d - o->s.  ASCII
 * and every character that folds to no more bytes than it takes keep it; the rare longer ones grow the
 * buffers again before the next character. */
static int fold_run(const char *s, size_t n, int flags, fold_out *o)
{
    pthread_once(&fold_once, fold_init);
    const fold_entry *cache = fold_cache[(flags & FOLD_OCR) ? 1 : 0];
    memset(o, 0, sizeof *o);
    o->cap = n + FOLD_SLACK;
    o->s = xmalloc(o->cap);
    o->map = xmalloc(o->cap * sizeof *o->map);
    const unsigned char *u = (const unsigned char *)s;
    char *d = o->s;       /* o->s + len, kept in locals: the stores below must not look like they */
    size_t *m = o->map;   /* could change o's fields */
    size_t i = 0;
    char slow[4 * FOLD_MAX_CP];
    while (i < n) {
        unsigned c = u[i];
        if (c < 0x80) {
            *d++ = fold_ascii_lower((unsigned char)c);
            *m++ = i++;
            continue;
        }
        int32_t cp;
        size_t k = fold_decode(u + i, n - i, &cp);
        if (k == 0)
            return -1;
        const fold_entry *e = cp < FOLD_CACHE_CP ? &cache[cp] : NULL;
        if (e && e->len != FOLD_UNCACHED) {
            memcpy(d, e, sizeof *e); /* s and the len byte: what lies past e->len is overwritten later */
            m[0] = i;
            for (int j = 1; j < e->len; j++)
                m[j] = i;
            d += e->len;
            m += e->len;
            i += k;
            if (e->len > k) {
                o->len = (size_t)(d - o->s);
                fold_grow(o, (n - i) + FOLD_SLACK);
                d = o->s + o->len;
                m = o->map + o->len;
            }
            continue;
        }
        int len = fold_cp_slow(cp, flags & FOLD_OCR, slow);
        const char *src = len < 0 ? s + i : slow;
        if (len < 0)
            len = (int)k;
        o->len = (size_t)(d - o->s);
        fold_grow(o, (size_t)len + (n - i - k) + FOLD_SLACK);
        d = o->s + o->len;
        m = o->map + o->len;
        memcpy(d, src, (size_t)len);
        for (int j = 0; j < len; j++)
            m[j] = i;
        d += len;
        m += len;
        i += k;
    }
    o->len = (size_t)(d - o->s);
    *d = '\0';
    *m = n;
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
