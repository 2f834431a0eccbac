/* fuzz_encodings.c — legacy encodings: detection on any bytes returns a known encoding, and decoding any
 * bytes with any encoding gives valid UTF-8 (or a clean refusal), never a crash or overread. */
#include "core/utf8.h"
#include "text/encodings.h"
#include "scan/textdoc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    long margin = 0;
    int id = enc_detect(buf, size, &margin);
    if (id < 0 || id >= ENC_COUNT || !enc_name(id))
        abort();
    for (int e = 0; e < ENC_COUNT; e++) {
        size_t n = 0;
        char *out = enc_decode(e, buf, size, &n);
        if (out && utf8_invalid_at(out, n) != n)
            abort();
        free(out);
    }
    free(buf);
    return 0;
}
