/* text/unorm.h (prefix unorm_) — Unicode normalization of Vietnamese text: NFC, stacked marks put in order (a
 * + acute + circumflex -> ấ, which NFC alone cannot do), look-alikes mapped (Ð U+00D0 -> Đ), zero-width and
 * control characters removed, and one tone-placement style (hòa/hoà) applied syllable by syllable. */
#ifndef PARPLAN_UNORM_H
#define PARPLAN_UNORM_H

#include <stddef.h>

/* Normalizes s[0..n) (UTF-8) with the tone style VIET_STYLE_OLD or VIET_STYLE_NEW.  Returns a new
 * NUL-terminated string (caller frees; *outlen its length), or NULL when s is not valid UTF-8. */
char *unorm_text(const char *s, size_t n, int style, size_t *outlen);

#endif
