/* scan/ink.h (prefix ink_) — ink that is not text, removed by colour before recognition: red and blue seals,
 * signatures and incoming-mail stamps are coloured, the printed text black.  A pixel whose channels differ
 * by INK_CHROMA or more (max(r,g,b) - min(r,g,b): red seal ink ~150, blue pen ~110, yellowed paper under
 * 40, black text under 30) and whose brightest channel is INK_LIGHT or more (black text under a seal is
 * tinted red by JPEG, but stays dark in every channel) is coloured ink, and becomes paper.  On the
 * sideways ruled table with a red seal of tests/e2e/ocr_orient.sh: light 100 reads the cells at CER
 * 0.18 % against the upright table, 120 0.28 %, 140 and 160 lose a column rule (15 %, 17 %); chroma 80
 * leaves enough of the seal to lose it too (15 %).  Whether a page is read with or without it is
 * decided by reading both (image.c). */
#ifndef PARPLAN_INK_H
#define PARPLAN_INK_H

#include <leptonica/allheaders.h>

#define INK_CHROMA 60
#define INK_LIGHT 100

/* An 8-bit gray (luminance) copy of the colour page `rgb` (32 bpp, or colour-mapped) with its coloured ink
 * painted in the paper's tone; *share is the fraction of the page's pixels painted.  NULL on failure. */
PIX *ink_gray_without_colour(PIX *rgb, double *share);

#endif
