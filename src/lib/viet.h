/* viet.h — Vietnamese syllable structure: which letter strings can be Vietnamese syllables, how a
 * syllable splits into onset, vowel nucleus, final and tone, and where its tone mark goes.
 *
 * Used by the folding module (to tell an OCR'd "PON" for "ĐƠN" from a real P word), by the encoding
 * detector (the candidate decoding with the most valid syllables wins) and by tone placement. */
#ifndef PARPLAN_VIET_H
#define PARPLAN_VIET_H

#include <stddef.h>
#include <stdint.h>

/* 1 when the folded (ASCII, lower case, no diacritics, đ->d) string s[0..n) has the shape of a Vietnamese
 * syllable: onset + rime from the closed inventory of the language. */
int viet_folded_ok(const char *s, size_t n);

#endif
