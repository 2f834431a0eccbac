/* scan/image.h (prefix image_) — Leptonica preprocessing of a page before OCR: grayscale, background
 * normalisation and deskew.  The result stays gray: Tesseract binarises internally (Otsu on the gray image),
 * and doing it here as well would throw away the information its own thresholding uses. */
#ifndef PARPLAN_IMAGE_H
#define PARPLAN_IMAGE_H

#include <leptonica/allheaders.h>

typedef struct pp_prep {
    int width, height; /* of the source page */
    int dpi;           /* from the file, else estimated from an A4 width */
    int skew_found;    /* 1 when the skew search was confident */
    float skew;        /* degrees; the page was rotated back by this much */
    float skew_conf;
} pp_prep;

/* Returns a new 8-bit deskewed, background-normalised PIX (NULL on failure). `src` is not changed. */
PIX *image_prepare(PIX *src, pp_prep *info);
/* Sets Leptonica's own messages off: errors reach the user through parplan's messages instead. */
void image_quiet(void);

#endif
