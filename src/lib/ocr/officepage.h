/* ocr/officepage.h (prefix op_) — a word-processor document (scan/office.h) as the pages the OCR stage
 * stores: paragraphs become lines, Word tables become pp_tables whose rows are also TAB-joined lines, as
 * ocr/tablecells.c writes a scanned table, so extraction and audit read both alike.
 *
 * Decoding: a run set in a legacy font (text/fontenc.h) is turned back into the bytes Word stored and
 * decoded with that font's encoding (text/encodings.h), capitals faces upper-cased; text with no font
 * hint goes through the usual detection (enc_detect over the document's 8-bit-looking text, then
 * paragraph by paragraph the decoding is kept only where it reads as more Vietnamese than the text as
 * stored, so Unicode paragraphs of a mixed file stay as they are).  Every page keeps its text as stored
 * (pages.raw, UTF-8) beside the decoded text; the document records the encodings it found. */
#ifndef PARPLAN_OCR_OFFICEPAGE_H
#define PARPLAN_OCR_OFFICEPAGE_H

#include "core/err.h"
#include "scan/office.h"
#include "scan/page.h"

typedef struct op_doc {
    pp_page *pages;
    int npages;
    size_t apages;
    char **raws;          /* npages texts as stored (pages[i].raw points here) */
    char encodings[96];   /* the encodings found, comma-separated: "tcvn3,utf-8" */
} op_doc;

int op_build(const od_doc *d, const char *path, op_doc *out, pp_err *e);
void op_free(op_doc *o);

#endif
