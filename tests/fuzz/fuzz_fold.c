/* fuzz_fold.c — folding: valid UTF-8 always folds, and the offset map is monotonic and inside the input. */
#include "core/utf8.h"
#include "text/fold.h"
#include "scan/textdoc.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    int valid = utf8_invalid_at(s, size) == size;
    for (int flags = FOLD_PLAIN; flags <= FOLD_OCR; flags++) {
        pp_fold f;
        int rc = fold_text(s, size, flags, &f);
        if (valid && rc != 0)
            abort();
        if (rc == 0) {
            if (f.map[f.len] != size)
                abort();
            for (size_t i = 0; i < f.len; i++)
                if (f.map[i] > size || (i && f.map[i] < f.map[i - 1]))
                    abort();
        }
        fold_free(&f);
    }
    return 0;
}
