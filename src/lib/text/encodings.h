/* text/encodings.h (prefix enc_) — the legacy Vietnamese encodings found in archived files (TCVN3/ABC,
 * VNI-Windows, VISCII, CP1258, VIQR) and plain UTF-8: decoding to UTF-8, encoding back (for tests and tools),
 * and detecting which one a text is in by decoding it with each candidate and keeping the one whose words are
 * most often valid Vietnamese syllables. */
#ifndef PARPLAN_ENCODINGS_H
#define PARPLAN_ENCODINGS_H

#include <stddef.h>

enum enc_id { ENC_UTF8 = 0, ENC_TCVN3, ENC_VNI, ENC_VISCII, ENC_CP1258, ENC_VIQR, ENC_COUNT };

/* "utf-8", "tcvn3", "vni", "viscii", "cp1258", "viqr". */
const char *enc_name(int id);
/* The id for a name (case-insensitive; "abc" and "tcvn" are TCVN3, "utf8" UTF-8), -1 when unknown. */
int enc_from_name(const char *name);

/* Decodes s[0..n) to UTF-8 (not yet normalized: run unorm_text on it).  Returns a new NUL-terminated
 * string (*outlen its length), or NULL when iconv refuses the bytes (VISCII, CP1258).  Invalid UTF-8
 * bytes become U+FFFD. */
char *enc_decode(int id, const char *s, size_t n, size_t *outlen);
/* Encodes UTF-8 text into a legacy encoding; NULL when a character cannot be represented. */
char *enc_encode(int id, const char *s, size_t n, size_t *outlen);

/* How Vietnamese a UTF-8 text looks: +1 per valid syllable carrying a Vietnamese mark or đ, -2 per word
 * with non-ASCII letters that is not a valid syllable, -3 per control or replacement character. */
long enc_score(const char *s, size_t n);

/* The most likely encoding of s[0..n) (its first 256 KiB are examined).  Text whose non-ASCII bytes
 * are (nearly all, 8 to 1) valid UTF-8 sequences is UTF-8.  Otherwise every candidate decodes it and
 * the best enc_score wins; *margin (may be NULL) gets its lead over the runner-up, 0 when no candidate
 * finds Vietnamese (then UTF-8 for pure ASCII, else TCVN3, the commonest legacy encoding of official
 * files). */
int enc_detect(const char *s, size_t n, long *margin);

#endif
