/* audit/hocr.h (prefix hocr_) — standard OCR exports for archives from the stored lines and words (no new
 * recognition): hOCR 1.2 (XHTML with ocr_page / ocr_line / ocrx_word, bbox and x_wconf) and ALTO 4 XML, one
 * file of each per OCR'd page.  Coordinates are in the frame of the image they name (the page as scanned):
 * the stored boxes, in the prepared (upright, deskewed) page, are mapped back through the page's deskew
 * and orientation.
 * Text inputs have no boxes and are not exported. */
#ifndef PARPLAN_HOCR_H
#define PARPLAN_HOCR_H

#include "db/db.h"

/* Writes DIR/d<document id>-p<page>.hocr and .alto.xml for every OCR'd page. */
int hocr_write_all(pp_db *db, const char *dir, pp_err *e);

#endif
