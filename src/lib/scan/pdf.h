/* scan/pdf.h (prefix pdf_) — page images of scanned PDFs through Poppler's GLib API.
 *
 * A scanned page is one embedded image covering the page: we take that image at the scan's own
 * resolution (no resampling).  Pages that are not a single scan (vector text, several images) are
 * rendered at PDF_RENDER_DPI instead.  Poppler calls are serialised by one lock: pages are cheap to
 * fetch next to OCR, and Poppler's thread safety across documents is not promised. */
#ifndef PARPLAN_PDF_H
#define PARPLAN_PDF_H

#include <leptonica/allheaders.h>

#include "core/err.h"

#define PDF_RENDER_DPI 300

typedef struct pp_pdf pp_pdf;

int pdf_open(const char *path, pp_pdf **out, int *npages, pp_err *e);
/* Returns a PIX of page `index` (0-based) with its resolution set: 8-bit gray, or 32-bit RGB when the page
 * is in colour (seals and signatures are read away by their colour, scan/ink.h). */
int pdf_page_image(pp_pdf *pdf, int index, long max_pixels, PIX **out, pp_err *e);
void pdf_close(pp_pdf *pdf);
/* For scan/pdftext.c: the Poppler document, with the lock every Poppler call is made under taken;
 * pdf_unlock releases it. */
struct _PopplerDocument *pdf_lock(pp_pdf *pdf);
void pdf_unlock(void);

#endif
