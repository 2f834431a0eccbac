/* core/utf8.h (prefix utf8_) — the one UTF-8 scanner of the library: validity, sequence length, a census
 * of valid and invalid sequences, and a lenient decode.  Every module that walks UTF-8 by hand (JSON and
 * HTML escaping, text input checks, rule and list files, encoding detection) uses these, so "valid" means
 * the same everywhere: utf8proc's definition (no overlong forms, no surrogates, nothing past U+10FFFF). */
#ifndef PARPLAN_CORE_UTF8_H
#define PARPLAN_CORE_UTF8_H

#include <stddef.h>

/* Length (1..4) of the valid UTF-8 sequence at s, reading at most n bytes (n >= 1); 0 when the bytes
 * there do not start a valid sequence.  ASCII is answered inline; the rest goes to utf8proc. */
size_t utf8_seq_len_mb(const unsigned char *s, size_t n);
static inline size_t utf8_seq_len(const unsigned char *s, size_t n)
{
    return s[0] < 0x80 ? 1 : utf8_seq_len_mb(s, n);
}

/* Byte offset of the first invalid UTF-8 sequence in s, or len when all of it is valid. */
size_t utf8_invalid_at(const char *s, size_t len);

/* Counts the valid multi-byte sequences (*valid) and the bytes >= 0x80 that start or continue no valid
 * sequence (*invalid); ASCII bytes count in neither.  Encoding detection weighs one against the other. */
void utf8_census(const char *s, size_t len, size_t *valid, size_t *invalid);

/* A copy of s (len bytes) with every byte that is not part of a valid sequence replaced by U+FFFD, so one
 * bad byte costs one character, not the text.  NUL-terminated, length in *outlen; caller frees. */
char *utf8_lenient(const char *s, size_t len, size_t *outlen);

#endif
