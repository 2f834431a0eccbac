/* ocr/versions.h (prefix versions_) — the --version text of every program: parplan's version, then the
 * version of each library it runs on as loaded at run time (Tesseract, Leptonica, PCRE2, SQLite,
 * utf8proc), so a bug report says which build read the page.  Here because the OCR stage is the one
 * layer that links all of them. */
#ifndef PARPLAN_VERSIONS_H
#define PARPLAN_VERSIONS_H

#include <stdio.h>

/* "PROG VERSION\n" then one "  library version" line each. */
void versions_print(FILE *out);

#endif
