/* scan/image.c (prefix image_) — see image.h. */
#include "scan/image.h"

#include <math.h>

/* Below this, rotating costs more than it helps: Tesseract's line finder tolerates small skew. */
#define MIN_DESKEW_DEG 0.1f
/* Leptonica's skew confidence; below it the angle is a guess (blank pages, pictures). */
#define MIN_SKEW_CONF 3.0f

void image_quiet(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
}

static int guess_dpi(int width)
{
    /* A portrait A4 page is 8.27 in wide; clamp to what scanners produce. */
    int dpi = (int)lround(width / 8.27);
    return dpi < 100 ? 100 : dpi > 600 ? 600 : dpi;
}

PIX *image_prepare(PIX *src, pp_prep *info)
{
    info->width = pixGetWidth(src);
    info->height = pixGetHeight(src);
    int xres = pixGetXRes(src);
    info->dpi = xres >= 50 && xres <= 2400 ? xres : guess_dpi(info->width);
    info->skew_found = 0;
    info->skew = 0.0f;
    info->skew_conf = 0.0f;

    PIX *gray = pixGetDepth(src) == 8 && !pixGetColormap(src) ? pixClone(src) : pixConvertTo8(src, 0);
    if (!gray)
        return NULL;
    /* Evens out paper tint, stains and uneven lighting, so one global threshold fits the page. */
    PIX *norm = pixBackgroundNormSimple(gray, NULL, NULL);
    pixDestroy(&gray);
    if (!norm)
        return NULL;
    /* Finds the skew on a 2x-reduced binary copy and rotates the gray page by area mapping. */
    float angle = 0.0f, conf = 0.0f;
    PIX *binary = pixConvertTo1(norm, 160);
    if (binary && pixFindSkew(binary, &angle, &conf) == 0 && conf >= MIN_SKEW_CONF) {
        info->skew_found = 1;
        info->skew = angle;
        info->skew_conf = conf;
    }
    pixDestroy(&binary);
    if (info->skew_found && fabsf(angle) >= MIN_DESKEW_DEG) {
        PIX *rot = pixRotate(norm, angle * (float)(M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
        if (rot) {
            pixDestroy(&norm);
            norm = rot;
        }
    }
    pixSetResolution(norm, info->dpi, info->dpi);
    return norm;
}
