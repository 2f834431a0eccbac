/* text/viet.h (prefix viet_) — Vietnamese syllable structure: which letter strings can be Vietnamese
 * syllables, how a syllable splits into onset, vowel nucleus, final and tone, and where its tone mark goes.
 *
 * Used by the folding module (to tell an OCR'd "PON" for "ĐƠN" from a real P word), by the encoding
 * detector (the candidate decoding with the most valid syllables wins), by Unicode normalization (marks
 * in any order, tone placed by style) and by restoration (candidate syllables). */
#ifndef PARPLAN_VIET_H
#define PARPLAN_VIET_H

#include <stddef.h>
#include <stdint.h>

#define VIET_MAX 8 /* letters in the longest syllable ("nghiêng" has 7) */

enum viet_tone { VIET_LEVEL = 0, VIET_ACUTE, VIET_GRAVE, VIET_HOOK, VIET_TILDE, VIET_DOT };
enum viet_style { VIET_STYLE_OLD = 0, VIET_STYLE_NEW = 1 }; /* hòa thủy / hoà thuỷ */

typedef struct viet_syl {
    int n;                   /* letters */
    int32_t ch[VIET_MAX];    /* lower-case letters without tone: a ă â b c d đ e ê g ... ô ơ ... ư ... */
    unsigned upper;          /* bit i set: letter i is upper case */
    int tone;                /* enum viet_tone */
} viet_syl;

/* 1 when the folded (ASCII, lower case, no diacritics, đ->d) string s[0..n) has the shape of a Vietnamese
 * syllable: onset + rime from the closed inventory of the language. */
int viet_folded_ok(const char *s, size_t n);

/* Parses one word given as code points, in any normalization form and with its combining marks in any
 * order (a + acute + circumflex is ấ).  Returns 0 when the word is letters with Vietnamese vowel marks and
 * at most one tone, -1 otherwise (the caller then leaves the word alone).  Says nothing about validity. */
int viet_parse(const int32_t *cp, size_t n, viet_syl *out);
/* 1 when a parsed syllable is valid Vietnamese: folded shape, vowel marks where the language puts them,
 * and a stop final (c ch p t) only with the acute or dot tone. */
int viet_valid(const viet_syl *s);
/* The folded letters (ASCII) into buf (at least VIET_MAX + 1 bytes); returns the length. */
size_t viet_fold(const viet_syl *s, char *buf);
/* The syllable as code points, decomposed: each letter precomposed with its vowel mark, the tone as a
 * combining mark after the letter that carries it in `style`.  Returns the count (at most 2 * VIET_MAX). */
size_t viet_render_cps(const viet_syl *s, int style, int32_t *out);
/* The syllable as NFC UTF-8 into buf (at least 8 * VIET_MAX + 1 bytes); returns the byte length. */
size_t viet_render(const viet_syl *s, int style, char *buf);

#endif
