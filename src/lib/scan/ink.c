/* scan/ink.c (prefix ink_) — see ink.h. */
#include "scan/ink.h"

PIX *ink_gray_without_colour(PIX *rgb, double *share)
{
    *share = 0;
    PIX *src = pixGetDepth(rgb) == 32 ? pixClone(rgb) : pixConvertTo32(rgb);
    if (!src)
        return NULL;
    PIX *gray = pixConvertRGBToLuminance(src);
    PIX *mx = pixConvertRGBToGrayMinMax(src, L_CHOOSE_MAX);
    PIX *mn = pixConvertRGBToGrayMinMax(src, L_CHOOSE_MIN);
    pixDestroy(&src);
    PIX *chroma = mx && mn ? pixSubtractGray(NULL, mx, mn) : NULL;
    pixDestroy(&mn);
    /* coloured: pixThresholdToBinary marks what is under the threshold, so inverted */
    PIX *weak = chroma ? pixThresholdToBinary(chroma, INK_CHROMA) : NULL;
    pixDestroy(&chroma);
    PIX *mask = weak ? pixInvert(NULL, weak) : NULL;
    pixDestroy(&weak);
    /* but not dark: black text under a seal comes out of a JPEG tinted red (chroma over 60) with its
     * brightest channel under INK_LIGHT; the seal's own ink on paper keeps it over */
    PIX *dark = mx ? pixThresholdToBinary(mx, INK_LIGHT) : NULL;
    pixDestroy(&mx);
    if (!gray || !mask || !dark || !pixSubtract(mask, mask, dark)) {
        pixDestroy(&gray);
        pixDestroy(&mask);
        pixDestroy(&dark);
        return NULL;
    }
    pixDestroy(&dark);
    l_int32 n = 0;
    pixCountPixels(mask, &n, NULL);
    *share = (double)n / ((double)pixGetWidth(mask) * pixGetHeight(mask));
    /* painted with the paper's tone (the 80th percentile of the rest of the page): white on grey paper
     * leaves the seal's outline for the table finder and Tesseract's threshold */
    l_float32 paper = 255;
    if (n > 0) {
        PIX *rest = pixInvert(NULL, mask);
        if (!rest || pixGetRankValueMasked(gray, rest, 0, 0, 2, 0.8f, &paper, NULL) != 0)
            paper = 255;
        pixDestroy(&rest);
    }
    if (n > 0 && pixSetMasked(gray, mask, (l_uint32)paper) != 0) {
        pixDestroy(&gray);
        pixDestroy(&mask);
        return NULL;
    }
    pixDestroy(&mask);
    pixCopyResolution(gray, rgb);
    return gray;
}
