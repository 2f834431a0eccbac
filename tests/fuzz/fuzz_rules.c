/* fuzz_rules.c — rule files: any text is parsed or refused with "path:line: message" (exit 5),
 * never a crash; a file that parses can be run on its own text within the match limits. */
#include "match/rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    rl_set *set = rl_new();
    pp_err e;
    pp_err_clear(&e);
    if (rl_parse(set, "fuzz.rules", text, size, &e) != PP_OK) {
        if (e.code != PP_EXIT_RULES || strncmp(e.msg, "fuzz.rules:", 11) != 0)
            abort();
    }
    rl_free(set);
    free(text);
    return 0;
}
