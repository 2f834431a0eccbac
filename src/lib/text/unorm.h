/* text/unorm.h (prefix unorm_) — Unicode normalization of Vietnamese text: NFC, stacked marks put in order (a
 * + acute + circumflex -> ấ, which NFC alone cannot do), look-alikes mapped (Ð U+00D0 -> Đ), zero-width and
 * control characters removed, and one tone-placement style (hòa/hoà) applied syllable by syllable. */
#ifndef PARPLAN_UNORM_H
#define PARPLAN_UNORM_H

#include <stddef.h>

/* Normalizes s[0..n) (UTF-8) with the tone style VIET_STYLE_OLD or VIET_STYLE_NEW.  Returns a new
 * NUL-terminated string (caller frees; *outlen its length), or NULL when s is not valid UTF-8. */
char *unorm_text(const char *s, size_t n, int style, size_t *outlen);

/* Unicode's Stream-Safe Text Format (UAX #15, section 13): no more than 30 non-starters (combining marks)
 * in a row; U+034F COMBINING GRAPHEME JOINER, itself a starter, is put after every 30.  utf8proc orders a
 * run of marks by a bubble sort, quadratic in the run: 1 MB of one letter followed by alternating marks
 * never finished normalizing; Vietnamese needs two marks per letter.  unorm_text applies it itself; other
 * callers of utf8proc's decomposition on text from files use this: NULL when s has no such run (no copy),
 * else a new string of *outlen bytes. */
#define UNORM_MAX_NONSTARTERS 30
#define UNORM_CGJ 0x034F
char *unorm_stream_safe(const char *s, size_t n, size_t *outlen);

#endif
