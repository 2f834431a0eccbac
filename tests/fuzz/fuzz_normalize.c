/* fuzz_normalize.c — Unicode normalization and diacritics restoration: any valid UTF-8 comes out valid
 * UTF-8, normalization is idempotent, and restoration's word spans stay inside its output. */
#include "core/utf8.h"
#include "text/lm.h"
#include "scan/textdoc.h"
#include "text/unorm.h"
#include "text/viet.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static lm_model *model;
static int tried;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    if (utf8_invalid_at(s, size) != size || size > 4096)
        return 0;
    if (!tried) {
        tried = 1;
        pp_err e;
        pp_err_clear(&e);
        const char *path = getenv("PARPLAN_LM");
        if (lm_open(path ? path : "build/release/lm/vi.lm", &model, &e) != PP_OK)
            model = NULL; /* restoration is skipped without a model; normalization still runs */
    }
    for (int style = VIET_STYLE_OLD; style <= VIET_STYLE_NEW; style++) {
        size_t n1 = 0, n2 = 0;
        char *a = unorm_text(s, size, style, &n1);
        if (!a)
            continue;
        if (utf8_invalid_at(a, n1) != n1)
            abort();
        char *b = unorm_text(a, n1, style, &n2);
        if (!b || n1 != n2 || memcmp(a, b, n1) != 0)
            abort(); /* normalizing twice changes nothing */
        free(b);
        free(a);
    }
    if (model) {
        size_t n = 0, nw = 0;
        lm_word *words = NULL;
        char *r = lm_restore(model, s, size, LM_OCR, VIET_STYLE_OLD, &n, &words, &nw);
        if (r) {
            if (utf8_invalid_at(r, n) != n)
                abort();
            for (size_t i = 0; i < nw; i++)
                if (words[i].off + words[i].len > n)
                    abort();
        }
        free(r);
        free(words);
    }
    return 0;
}
