/* scan/image.c (prefix image_) — see image.h.
 *
 * Measured on the two real pages with ground truth (../shared/external/scans/laocai-sct, 150 dpi colour
 * JPEG with seal and signature), character error rate of page 1 / page 2 with Tesseract's automatic page
 * segmentation and the vie+Vietnamese models, one step changed at a time:
 *
 *   gray, nothing else                        1.14 % / 0.75 %
 *   + background normalisation                1.30 % / 1.15 %   (it thins the strokes of tone marks)
 *   + deskew (area map)                       unchanged (skew under 0.1 degree)
 *   scaled 1.5x / 2x (pixScaleGrayLI)         1.56 % / 1.46 %, 1.98 % / 1.54 %
 *   colour given to Tesseract instead of gray 0.97 % on page 2 with vie (gray: 0.93 %)
 *
 * The same pages scaled down to 100 dpi read 2.34 % / 2.47 %, and 1.40 % / 1.85 % when scaled back up
 * to 150 dpi (2x: 1.46 % / 1.72 %, 3x: 1.82 % / 1.98 %); at 120 dpi 1.51 % / 2.29 %, up to 150 dpi
 * 1.14 % / 1.46 %.  So pages under 150 dpi are brought up to 150 dpi, and pages at or over it are not
 * scaled.  Background normalisation is needed on unevenly lit paper (a shadow from 110 to 255 across the
 * page: 40.8 % without, 1.25 % with) and costs marks on even paper; the aged samples (paper spread 17-27)
 * read 3 errors in 5,383 characters without it and 5 with it; a shadow of spread 48 read 1.56 % without
 * and 1.20 % with, one of 74 1.09 % and 1.25 %.  So it runs where the paper spread is over 40.  Mean word
 * confidence did not tell these cases apart (92-94 either way; the shadowed page lost whole lines, which
 * count in no mean), so the choice is made on the paper, not by reading the page twice. */
#include "scan/image.h"
#include "scan/ink.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Below this, rotating costs more than it helps: Tesseract's line finder tolerates small skew. */
#define MIN_DESKEW_DEG 0.1f
/* Leptonica's skew confidence; below it the angle is a guess (blank pages, pictures). */
#define MIN_SKEW_CONF 3.0f
/* Paper tone spread (0..255) over which the background is normalised; see above. */
#define IMAGE_BG_SPREAD 40
/* Pages under this resolution are scaled up to it; see above. */
#define IMAGE_MIN_DPI 150
/* Orientation (Leptonica pixOrientDetect: ascenders against descenders of the text, in both axes).  A
 * direction wins when its confidence is at least ORIENT_MIN_CONF (Leptonica's own minimum) and
 * ORIENT_MIN_RATIO times the other axis's.  Measured: upright pages of the samples and real scans give
 * 12-42 up against at most 6 across (the aged plan-01 page 2: 24.7 against 5.7, so Leptonica's default
 * ratio of 5 would call it unsure); a short last page (plan-04 page 4, a few lines) 5.8 against 4.0, which
 * stays unsure.  The same pages turned by 90, 180 and 270 degrees give the same figures on the other
 * axis or sign. */
#define ORIENT_MIN_CONF 8.0f
#define ORIENT_MIN_RATIO 2.5f
/* Tiles of the background map (pixels) and what counts as paper in them, as pixBackgroundNormSimple. */
#define BG_TILE 60
#define BG_THRESH 100
#define BG_MINCOUNT 50

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

static void add_step(pp_prep *info, const char *step)
{
    size_t n = strlen(info->steps);
    snprintf(info->steps + n, sizeof info->steps - n, "%s%s", n ? "," : "", step);
}

/* The spread of the paper's tone: 5th to 95th percentile of the background map, or -1 when it cannot be
 * measured (a page with too little paper). */
static int paper_spread(PIX *gray)
{
    PIX *map = NULL;
    if (pixGetBackgroundGrayMap(gray, NULL, BG_TILE, BG_TILE, BG_THRESH, BG_MINCOUNT, &map) != 0 || !map)
        return -1;
    NUMA *h = pixGetGrayHistogram(map, 1);
    pixDestroy(&map);
    if (!h)
        return -1;
    l_float32 lo = 0, hi = 0;
    int rc = numaHistogramGetValFromRank(h, 0.05f, &lo) | numaHistogramGetValFromRank(h, 0.95f, &hi);
    numaDestroy(&h);
    return rc ? -1 : (int)lroundf(hi - lo);
}

/* Finds the page's orientation on `gray` and returns it turned upright (a new PIX; a clone when upright or
 * unsure), or NULL on failure. */
static PIX *orient_page(PIX *gray, pp_prep *info)
{
    l_float32 up = 0, left = 0;
    PIX *binary = pixConvertTo1(gray, 160);
    int rc = binary ? pixOrientDetect(binary, &up, &left, 0, 0) : 1;
    pixDestroy(&binary);
    if (rc != 0) {
        info->orient_unsure = 1;
        return pixClone(gray);
    }
    float au = fabsf(up), al = fabsf(left);
    float best = au > al ? au : al, other = au > al ? al : au;
    info->orient_conf = best;
    if (best < ORIENT_MIN_CONF || best < ORIENT_MIN_RATIO * other) {
        info->orient_unsure = 1;
        return pixClone(gray);
    }
    /* up < 0: upside down; left < 0: the text runs downwards (the page was turned a quarter clockwise),
     * so it is turned a quarter anticlockwise (270 clockwise) back; left > 0 the other way */
    int quads = au > al ? (up > 0 ? 0 : 2) : (left < 0 ? 3 : 1);
    info->orient = quads * 90;
    if (!quads)
        return pixClone(gray);
    PIX *rot = pixRotateOrth(gray, quads);
    if (rot) {
        char step[24];
        snprintf(step, sizeof step, "rotate=%d", info->orient);
        add_step(info, step);
    }
    return rot;
}

PIX *image_prepare(PIX *src, pp_prep *info)
{
    memset(info, 0, sizeof *info);
    info->width = pixGetWidth(src);
    info->height = pixGetHeight(src);
    int xres = pixGetXRes(src);
    info->dpi = xres >= 50 && xres <= 2400 ? xres : guess_dpi(info->width);

    PIXCMAP *cmap = pixGetColormap(src);
    l_int32 cmap_colour = 0;
    if (cmap)
        pixcmapHasColor(cmap, &cmap_colour);
    info->colour = pixGetDepth(src) == 32 || cmap_colour;
    PIX *norm = pixGetDepth(src) == 8 && !cmap ? pixClone(src) : pixConvertTo8(src, 0);
    if (!norm)
        return NULL;
    add_step(info, "gray");
    /* Evens out uneven lighting and stains, so one global threshold fits the page; on even paper it
     * only thins the strokes (see above). */
    info->bg_spread = paper_spread(norm);
    if (info->bg_spread > IMAGE_BG_SPREAD) {
        PIX *bg = pixBackgroundNormSimple(norm, NULL, NULL);
        if (!bg) {
            pixDestroy(&norm);
            return NULL;
        }
        pixDestroy(&norm);
        norm = bg;
        info->bgnorm = 1;
        add_step(info, "bgnorm");
    }
    PIX *upright = orient_page(norm, info);
    pixDestroy(&norm);
    if (!upright)
        return NULL;
    norm = upright;
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
            info->deskewed = 1;
            add_step(info, "deskew");
        }
    }
    pixSetResolution(norm, info->dpi, info->dpi);
    return norm;
}

PIX *image_prepare_without_ink(PIX *src, const pp_prep *info, double *share)
{
    *share = 0;
    if (!info->colour)
        return NULL;
    PIX *norm = ink_gray_without_colour(src, share);
    if (!norm || *share < IMAGE_INK_MIN_SHARE) {
        pixDestroy(&norm);
        return NULL;
    }
    /* the same steps, by the same amounts, as image_prepare took them on the page with its ink: the
     * boxes of either reading are in one frame */
    if (info->bgnorm) {
        PIX *bg = pixBackgroundNormSimple(norm, NULL, NULL);
        pixDestroy(&norm);
        norm = bg;
    }
    if (norm && info->orient) {
        PIX *rot = pixRotateOrth(norm, info->orient / 90);
        pixDestroy(&norm);
        norm = rot;
    }
    if (norm && info->deskewed) {
        PIX *rot = pixRotate(norm, info->skew * (float)(M_PI / 180.0), L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0);
        pixDestroy(&norm);
        norm = rot;
    }
    if (norm)
        pixSetResolution(norm, info->dpi, info->dpi);
    return norm;
}

float image_upscale_factor(int dpi)
{
    return dpi > 0 && dpi < IMAGE_MIN_DPI ? (float)IMAGE_MIN_DPI / (float)dpi : 1.0f;
}

PIX *image_upscale(PIX *pix, float f)
{
    /* linear interpolation without the unsharp mask pixScale adds */
    PIX *out = pixGetDepth(pix) == 8 ? pixScaleGrayLI(pix, f, f) : pixScale(pix, f, f);
    if (out) {
        int dpi = (int)lroundf((float)pixGetXRes(pix) * f);
        pixSetResolution(out, dpi, dpi);
    }
    return out;
}
