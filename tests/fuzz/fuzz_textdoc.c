/* fuzz_textdoc.c — text inputs: any bytes either load (pages and lines consistent with the bytes) or
 * are refused with a message; never a crash, leak or out-of-bounds read. */
#include "core/utf8.h"
#include "scan/textdoc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A private copy with no slack, so reads past the end are caught. */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    pp_textdoc td;
    pp_err e;
    pp_err_clear(&e);
    if (textdoc_load("fuzz.txt", buf, size, &td, &e) == PP_OK) {
        size_t raw = 0;
        for (int i = 0; i < td.npages; i++) {
            const pp_page *p = &td.pages[i];
            if (utf8_invalid_at(p->text, p->text_len) != p->text_len)
                abort(); /* every stored page must be valid UTF-8 */
            if (p->raw < buf || p->raw + p->raw_len > buf + size)
                abort();
            raw += p->raw_len;
        }
        if (raw > size)
            abort();
        textdoc_free(&td);
    } else if (!e.msg[0] || !strstr(e.msg, "fuzz.txt")) {
        abort(); /* a refusal must name the file */
    }
    free(buf);
    return 0;
}
