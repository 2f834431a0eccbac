/* audit/audit_page.h (prefix ap_) — the page images behind stored OCR: a document's page decoded again from
 * its source file and put through image_prepare, which is the exact image whose coordinates Tesseract's word
 * boxes (lines, words) are in; then crops of it around a value with its words outlined, written as PNG.
 *
 * The source file must still be the one that was loaded: its SHA-256 is checked against the
 * document's hash, so a crop never shows a different scan than the one the value came from. */
#ifndef PARPLAN_AUDIT_PAGE_H
#define PARPLAN_AUDIT_PAGE_H

#include <leptonica/allheaders.h>

#include "core/err.h"
#include "scan/image.h"

typedef struct ap_box {
    int x0, y0, x1, y1; /* end exclusive, in prepared-page pixels */
} ap_box;

/* Keeps the last prepared page, so the crops of one page cost one decode. */
typedef struct ap_pages {
    char *root;       /* directory relative sources are resolved against (NULL: the current one) */
    char *path;       /* resolved path of the open input */
    struct pp_input *in;
    int page;         /* 1-based number of `prepared`, 0 when none */
    PIX *prepared;
    pp_prep info;
} ap_pages;

void ap_init(ap_pages *p, const char *root);
void ap_free(ap_pages *p);
/* Returns (borrowed, valid until the next call) the prepared page `number` of the document stored from
 * `source` with content hash `hash`.  Fails with PP_EXIT_INPUT when the file is missing or changed. */
int ap_page(ap_pages *p, const char *source, const char *hash, int number, PIX **out, pp_err *e);
/* The part of the page a crop of `area` shows: the area grown by a margin, clipped to the page (empty,
 * x1 <= x0, when the area is outside it). */
ap_box ap_crop_box(PIX *page, ap_box area);
/* Writes a PNG of `area` (grown by a margin, clipped to the page) with every box of `marks` outlined,
 * scaled down to at most max_width pixels wide.  *w, *h receive the written size. */
int ap_write_crop(PIX *page, ap_box area, const ap_box *marks, int nmarks, int max_width, const char *png_path,
                  int *w, int *h, pp_err *e);

#endif
