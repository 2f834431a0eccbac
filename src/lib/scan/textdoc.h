/* scan/textdoc.h (prefix textdoc_) — plain-text inputs (legacy OCR output, born-digital text): the encoding
 * is detected, the bytes are split into pages on form feeds and kept exactly as they were, and each page is
 * decoded to UTF-8 for the later stages.  Binary data and files that mix encodings are refused with the line
 * at fault, rather than silently turned into mojibake. */
#ifndef PARPLAN_TEXTDOC_H
#define PARPLAN_TEXTDOC_H

#include <stddef.h>

#include "core/err.h"
#include "scan/page.h"

typedef struct pp_textdoc {
    const char *encoding; /* "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "unknown-8bit" */
    pp_page *pages;
    int npages;
    size_t apages;    /* capacity of pages */
} pp_textdoc;

/* Decodes `buf` (len bytes, the whole file; must stay alive while the textdoc is used, pages point
 * into it for their raw bytes).  `path` is only used in messages. */
int textdoc_load(const char *path, const char *buf, size_t len, pp_textdoc *out, pp_err *e);
void textdoc_free(pp_textdoc *td);

#endif
