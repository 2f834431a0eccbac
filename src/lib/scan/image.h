/* scan/image.h (prefix image_) — Leptonica preprocessing of a page before OCR: grayscale, orientation,
 * background normalisation where the paper is uneven, deskew, and the upscaling of low-resolution scans.
 * The result stays gray: Tesseract binarises internally (Otsu on the gray image), and doing it here as well
 * would throw away the information its own thresholding uses.  Every step that changes the page is named
 * in pp_prep.steps, which parplan-ocr stores per page (pages.prep). */
#ifndef PARPLAN_IMAGE_H
#define PARPLAN_IMAGE_H

#include <leptonica/allheaders.h>

typedef struct pp_prep {
    int width, height;  /* of the source page */
    int dpi;            /* from the file, else estimated from an A4 width */
    int skew_found;     /* 1 when the skew search was confident */
    float skew;         /* degrees; the page was rotated back by this much */
    float skew_conf;
    int colour;         /* 1 when the source page is in colour (32 bpp or a colour map) */
    int bg_spread;      /* paper tone range (5th to 95th percentile of the background map, 0..255) */
    int bgnorm;         /* 1 when background normalisation ran (bg_spread over IMAGE_BG_SPREAD) */
    int orient;         /* 0, 90, 180 or 270: clockwise degrees the page was turned by to stand upright */
    float orient_conf;  /* Leptonica's confidence for that orientation (pixOrientDetect, 0 to ~50) */
    int orient_unsure;  /* 1: no orientation was clearly better; the page was left as it came */
    int deskewed;       /* 1: the page was rotated back by `skew` */
    char steps[128];    /* what was done, e.g. "gray,deskew,bgnorm" */
} pp_prep;

/* Returns a new 8-bit, upright (turned by a multiple of 90 degrees when its text says so), deskewed PIX (background-normalised where the paper is uneven), or NULL on
 * failure.  `src` is not changed.  Boxes found on the result are in its frame. */
PIX *image_prepare(PIX *src, pp_prep *info);
/* Pages whose coloured ink (seals, signatures, stamps: scan/ink.h) covers less than this share of the
 * page are not read a second time without it. */
#define IMAGE_INK_MIN_SHARE 0.0005
/* The colour page `src` prepared as image_prepare prepared it into `info` (the same grey, orientation and
 * deskew, so the frame is the same), with its coloured ink painted in the paper's tone first (scan/ink.h);
 * *share is the share of the page painted.  NULL when the page is not in colour, has less coloured ink
 * than IMAGE_INK_MIN_SHARE, or on failure. */
PIX *image_prepare_without_ink(PIX *src, const pp_prep *info, double *share);
/* The factor a page prepared at `dpi` is scaled up by before recognition (1 when none): pages under
 * IMAGE_MIN_DPI are brought up to IMAGE_MIN_DPI.  See image.c for the measurements. */
float image_upscale_factor(int dpi);
/* A new copy of the prepared gray `pix` scaled by `f` (linear interpolation), or NULL. */
PIX *image_upscale(PIX *pix, float f);
/* Sets Leptonica's own messages off: errors reach the user through parplan's messages instead. */
void image_quiet(void);

#endif
