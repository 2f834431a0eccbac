/* core/utf8.c (prefix utf8_) — see utf8.h.  Decoding is utf8proc_iterate's; only the ASCII fast paths
 * are ours (most bytes of a Vietnamese text are ASCII, and a call per byte would dominate). */
#include "core/utf8.h"
#include "core/strbuf.h"

#include <utf8proc.h>

size_t utf8_seq_len_mb(const unsigned char *s, size_t n)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(s, (utf8proc_ssize_t)(n > 4 ? 4 : n), &cp);
    return k > 0 ? (size_t)k : 0;
}

size_t utf8_invalid_at(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq_len_mb(p + i, len - i);
        if (!k)
            return i;
        i += k;
    }
    return len;
}

void utf8_census(const char *s, size_t len, size_t *valid, size_t *invalid)
{
    const unsigned char *p = (const unsigned char *)s;
    *valid = *invalid = 0;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq_len_mb(p + i, len - i);
        if (k) {
            (*valid)++;
            i += k;
        } else {
            (*invalid)++;
            i++;
        }
    }
}

char *utf8_lenient(const char *s, size_t len, size_t *outlen)
{
    strbuf sb = STRBUF_INIT;
    sb_grow(&sb, len);
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && p[j] < 0x80)
            j++;
        sb_add(&sb, s + i, j - i);
        i = j;
        if (i == len)
            break;
        size_t k = utf8_seq_len_mb(p + i, len - i);
        if (k) {
            sb_add(&sb, s + i, k);
            i += k;
        } else {
            sb_adds(&sb, "\xef\xbf\xbd"); /* U+FFFD */
            i++;
        }
    }
    return sb_detach(&sb, outlen);
}
