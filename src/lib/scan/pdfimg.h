/* scan/pdfimg.h (prefix pdfimg_) — the pixel sizes a PDF declares for its images, read from the file's
 * bytes before Poppler decodes any of them.
 *
 * Poppler decodes an image XObject whole (poppler_page_get_image, or drawing the page) before parplan
 * sees its size: a 110 KB PDF declaring a 30000x30000 image took 3.8 GB before the page was refused.  An
 * image XObject is a stream, and streams are never inside object streams, so every image's dictionary
 * is in the file as written (compressed or not, the dictionary is plain): its /Width and /Height can be
 * read there, and resolved when they are references.  Inline images (BI ... ID ... EI) live inside
 * compressed content streams and are not seen here; the size check of the rendered page
 * (pdf_page_image) still bounds what rendering allocates for the page itself. */
#ifndef PARPLAN_PDFIMG_H
#define PARPLAN_PDFIMG_H

#include "core/err.h"

/* PP_OK when every image dictionary of the file at `path` declares at most max_pixels pixels;
 * PP_EXIT_NOMEM naming the object and its size when one declares more; PP_EXIT_INPUT when an image's
 * size cannot be read (a reference to no such object) or the file cannot be read. */
int pdfimg_check(const char *path, long max_pixels, pp_err *e);

#endif
