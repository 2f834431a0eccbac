/* ocr/versions.c (prefix versions_) — see versions.h. */
#include "ocr/versions.h"

#include "core/cli.h"
#include "core/err.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <leptonica/allheaders.h>
#include <pcre2.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <utf8proc.h>

void versions_print(FILE *out)
{
    fprintf(out, "%s %s\n", pp_progname(), PARPLAN_VERSION);
    fprintf(out, "  tesseract %s\n", TessVersion());
    char *lept = getLeptonicaVersion(); /* "leptonica-1.82.0" */
    fprintf(out, "  leptonica %s\n", lept ? lept + (strncmp(lept, "leptonica-", 10) ? 0 : 10) : "?");
    free(lept);
    char pcre[64] = "?";
    if (pcre2_config(PCRE2_CONFIG_VERSION, pcre) < 0)
        snprintf(pcre, sizeof pcre, "?");
    fprintf(out, "  pcre2 %s\n", pcre);
    fprintf(out, "  sqlite %s\n", sqlite3_libversion());
    fprintf(out, "  utf8proc %s\n", utf8proc_version());
}
