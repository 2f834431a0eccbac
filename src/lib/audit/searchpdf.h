/* audit/searchpdf.h (prefix spdf_) — a searchable PDF per scanned document, as archives keep them: each
 * page's image with an invisible text layer, made by Tesseract's own PDF renderer.  The page is decoded again
 * from the source file and prepared exactly as the OCR stage did (audit_page.h), then recognised again by an
 * engine of our own: the renderer needs Tesseract's full result (glyph baselines and font metrics), which the
 * stored words do not hold.  The image in the PDF is the prepared (deskewed, normalised) page, so the text
 * layer lies exactly over it. */
#ifndef PARPLAN_SEARCHPDF_H
#define PARPLAN_SEARCHPDF_H

#include "db/db.h"

/* Writes DIR/d<document id>.pdf for every document with OCR'd pages.  root: directory relative source
 * paths are under (NULL: current); lang, tessdata as for parplan-ocr (tessdata NULL: default). */
int spdf_write_all(pp_db *db, const char *dir, const char *root, const char *lang, const char *tessdata,
                   pp_err *e);

#endif
