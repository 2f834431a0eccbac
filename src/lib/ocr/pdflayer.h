/* ocr/pdflayer.h (prefix pdfl_) — a PDF page read from its own text layer (scan/pdftext.h) in place of
 * recognition, as OCRmyPDF's --skip-text: the layer's words, plus the text its annotations draw (a signature
 * field's number and date, an e-signing stamp), which Poppler's page text lacks and which is recognised
 * here; the verdict on the layer decides whether the page is recognised instead. */
#ifndef PARPLAN_PDFLAYER_H
#define PARPLAN_PDFLAYER_H

#include <leptonica/allheaders.h>

#include "ocr/engine.h"
#include "scan/page.h"
#include "scan/pdf.h"

/* Reads page `index` of `pdf` (the PDF at `path`) from its text layer into pg, `pix` being the page image
 * pdf_page_image gave: returns 1 when the page was read from it (or failed, pg->err set), 0 when it is to be
 * recognised, with *note (caller frees) saying why a layer present was not used
 * (",layer=partial:chars=90:cover=0.04") for pages.prep.  With `redo_ocr`, a layer lying over a page-sized
 * scan (a previous OCR's) is recognised again.  A layer judged near its threshold is flagged in pg->unsure. */
int pdfl_page(pp_engine *eng, pp_pdf *pdf, const char *path, int index, PIX *pix, int redo_ocr, pp_page *pg,
              char **note);

#endif
