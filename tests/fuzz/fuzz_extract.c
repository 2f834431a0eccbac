/* fuzz_extract.c — extraction on text: any lines (split on newlines, pages on form feeds) segment into
 * items with the project's rules without crashing, leaking or running away. */
#include "extract/extract_doc.h"
#include "extract/segment.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ex_rules rules;
static int loaded;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!loaded) {
        pp_err e;
        pp_err_clear(&e);
        const char *dir = getenv("PARPLAN_RULES");
        if (ex_rules_load(dir ? dir : "rules", &rules, &e) != PP_OK)
            abort(); /* run from the project root, or set PARPLAN_RULES */
        loaded = 1;
    }
    sg_doc d;
    sg_doc_init(&d);
    const char *s = (const char *)data, *end = s + size;
    int page = 1, number = 1;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *stop = nl ? nl : end;
        const char *ff = memchr(s, '\f', (size_t)(stop - s));
        if (ff) {
            stop = ff;
            nl = ff;
        }
        sg_doc_add_line(&d, s, (size_t)(stop - s), page, number++, 90.0);
        if (ff)
            page++, number = 1;
        s = nl ? nl + 1 : end;
    }
    sg_tree t;
    memset(&t, 0, sizeof t);
    pp_err e;
    pp_err_clear(&e);
    if (sg_segment(&d, rules.rules, rules.bodies, &t, &e) == PP_OK)
        sg_tree_free(&t);
    sg_doc_free(&d);
    return 0;
}
