/* fuzz_json.c — record writers: any valid UTF-8 string written as a JSON string parses back (jansson)
 * to the same string, and as a CSV field it is quoted so that it round-trips per RFC 4180. */
#include "core/utf8.h"
#include "core/csv.h"
#include "core/json.h"
#include "core/strbuf.h"
#include "scan/textdoc.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (utf8_invalid_at(s, size) != size || memchr(s, '\0', size))
        return 0;
    strbuf sb = STRBUF_INIT;
    sb_addc(&sb, '[');
    js_strn(&sb, s, size);
    sb_addc(&sb, ']');
    json_error_t err;
    json_t *v = json_loadb(sb.buf, sb.len, 0, &err);
    if (!v || !json_is_array(v) || json_array_size(v) != 1)
        abort();
    json_t *str = json_array_get(v, 0);
    if (!json_is_string(str) || json_string_length(str) != size || memcmp(json_string_value(str), s, size) != 0)
        abort();
    json_decref(v);

    /* CSV: unquote the field and compare. */
    sb_reset(&sb);
    char *z = strndup(s, size);
    if (!z)
        abort();
    csv_field(&sb, z, 1);
    const char *c = sb_str(&sb);
    size_t n = sb.len;
    strbuf back = STRBUF_INIT;
    if (n && c[0] == '"') {
        if (n < 2 || c[n - 1] != '"')
            abort();
        for (size_t i = 1; i + 1 < n; i++) {
            if (c[i] == '"') {
                if (c[i + 1] != '"')
                    abort();
                i++;
            }
            sb_addc(&back, c[i]);
        }
    } else {
        if (memchr(c, ',', n) || memchr(c, '"', n) || memchr(c, '\n', n) || memchr(c, '\r', n))
            abort();
        sb_add(&back, c, n);
    }
    if (strcmp(sb_str(&back), z) != 0)
        abort();
    free(z);
    sb_free(&back);
    sb_free(&sb);
    return 0;
}
