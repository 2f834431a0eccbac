/* audit/audit_page.c (prefix ap_) — see audit_page.h. */
#include "audit/audit_page.h"

#include "core/hash.h"
#include "scan/input.h"
#include "scan/pageset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* White space kept around a value's lines so the reader sees the neighbouring text. */
#define CROP_MARGIN 24

void ap_init(ap_pages *p, const char *root)
{
    memset(p, 0, sizeof *p);
    p->root = root ? xstrdup(root) : NULL;
}

static void close_input(ap_pages *p)
{
    if (p->in)
        input_close(p->in);
    p->in = NULL;
    pixDestroy(&p->prepared);
    p->page = 0;
    free(p->path);
    p->path = NULL;
}

void ap_free(ap_pages *p)
{
    close_input(p);
    free(p->root);
    p->root = NULL;
}

static int open_source(ap_pages *p, const char *source, const char *hash, pp_err *e)
{
    char *path = source[0] == '/' || !p->root ? xstrdup(source) : xasprintf("%s/%s", p->root, source);
    char got[PP_HASH_HEX];
    size_t bytes;
    pp_err he;
    pp_err_clear(&he);
    if (pset_is_source(path)) { /* a document loaded as a page set (parplan-ocr --pageset) */
        strvec files = STRVEC_INIT;
        int rc = pset_files(path, &files, &he) || pset_hash(&files, got, &bytes, &he);
        if (rc)
            pp_err_set(e, PP_EXIT_INPUT, "%s: source images not readable (%s)", path, he.msg);
        else if (hash && strcmp(got, hash))
            pp_err_set(e, PP_EXIT_INPUT, "%s: the page set changed since it was loaded (hash differs)", path);
        else
            input_open_set(&files, PP_DEFAULT_MAX_PIXELS, &p->in, e);
        sv_free(&files);
        if (e->code) {
            free(path);
            return e->code;
        }
        p->path = path;
        return PP_OK;
    }
    if (hash_file(path, got, &bytes, &he)) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: source image not readable (%s)", path, he.msg);
        free(path);
        return e->code;
    }
    if (hash && strcmp(got, hash)) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: the file changed since it was loaded (hash differs)", path);
        free(path);
        return e->code;
    }
    unsigned char head[PP_SNIFF_BYTES] = { 0 };
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (f) {
        n = fread(head, 1, sizeof head, f);
        fclose(f);
    }
    enum pp_format fmt = input_sniff(head, n);
    if (fmt == FMT_TEXT) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: not an image", path);
        free(path);
        return e->code;
    }
    if (input_open(path, fmt, PP_DEFAULT_MAX_PIXELS, &p->in, e)) {
        free(path);
        return e->code;
    }
    p->path = path;
    return PP_OK;
}

int ap_page(ap_pages *p, const char *source, const char *hash, int number, PIX **out, pp_err *e)
{
    *out = NULL;
    char *want = source[0] == '/' || !p->root ? xstrdup(source) : xasprintf("%s/%s", p->root, source);
    int same = p->path && !strcmp(p->path, want);
    free(want);
    if (same && p->page == number && p->prepared) {
        *out = p->prepared;
        return PP_OK;
    }
    if (!same) {
        close_input(p);
        if (open_source(p, source, hash, e))
            return e->code;
    }
    if (number < 1 || number > p->in->npages)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: no page %d", p->path, number);
    PIX *raw = NULL;
    if (input_page(p->in, number - 1, &raw, e))
        return e->code;
    pixDestroy(&p->prepared);
    p->prepared = image_prepare(raw, &p->info);
    pixDestroy(&raw);
    if (!p->prepared)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: page %d: preparing the page image failed", p->path, number);
    p->page = number;
    *out = p->prepared;
    return PP_OK;
}

/* Crops are written as 4-bit palette PNG: the page downscaled to at most max_width (Leptonica's area
 * mapping smooths the strokes), its grey quantised to 15 levels, and one palette slot of red for the
 * outlines, drawn after scaling so they stay 2 px whatever the scale.  Measured on the report of
 * samples/scans (143 row crops, 900 px wide at most): 4-bit palette PNG 1.83 MB, 8-bit grey PNG 4.78 MB,
 * JPEG quality 60 (RGB, for the red) 3.97 MB; the former one 24-bit RGB PNG per value averaged 39 KB a crop
 * (824 crops, 32 MB, on make run's report), 4-bit palette ones of the same crops 6.6 KB.  Side by side at
 * 100 % the 4-bit and the RGB crops read the same, tone marks included. */
#define CROP_LEVELS 15
#define OUT_WIDTH 2

ap_box ap_crop_box(PIX *page, ap_box area)
{
    int pw = pixGetWidth(page), ph = pixGetHeight(page);
    ap_box b = { area.x0 - CROP_MARGIN, area.y0 - CROP_MARGIN, area.x1 + CROP_MARGIN, area.y1 + CROP_MARGIN };
    b.x0 = b.x0 < 0 ? 0 : b.x0;
    b.y0 = b.y0 < 0 ? 0 : b.y0;
    b.x1 = b.x1 > pw ? pw : b.x1;
    b.y1 = b.y1 > ph ? ph : b.y1;
    return b;
}

int ap_write_crop(PIX *page, ap_box area, const ap_box *marks, int nmarks, int max_width, const char *png_path,
                  int *w, int *h, pp_err *e)
{
    ap_box cb = ap_crop_box(page, area);
    int x0 = cb.x0, y0 = cb.y0, x1 = cb.x1, y1 = cb.y1;
    if (x1 <= x0 || y1 <= y0)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: crop outside the page", png_path);
    BOX *b = boxCreate(x0, y0, x1 - x0, y1 - y0);
    PIX *crop = b ? pixClipRectangle(page, b, NULL) : NULL;
    boxDestroy(&b);
    PIX *gray = crop ? pixConvertTo8(crop, 0) : NULL;
    pixDestroy(&crop);
    if (!gray)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: cropping failed", png_path);
    float s = 1;
    if (max_width > 0 && pixGetWidth(gray) > max_width) {
        s = (float)max_width / (float)pixGetWidth(gray);
        PIX *small = pixScale(gray, s, s);
        pixDestroy(&gray);
        if (!small)
            return pp_err_set(e, PP_EXIT_NOMEM, "%s: scaling failed", png_path);
        gray = small;
    }
    PIX *outpix = pixThresholdTo4bpp(gray, CROP_LEVELS, 1);
    pixDestroy(&gray);
    if (!outpix || pixcmapAddColor(pixGetColormap(outpix), 220, 20, 20)) {
        pixDestroy(&outpix);
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: quantising the crop failed", png_path);
    }
    for (int i = 0; i < nmarks; i++) {
        /* Outlines sit just outside the word so they never cover its strokes. */
        int mx0 = (int)((float)(marks[i].x0 - x0) * s) - OUT_WIDTH - 1;
        int my0 = (int)((float)(marks[i].y0 - y0) * s) - OUT_WIDTH - 1;
        int mx1 = (int)((float)(marks[i].x1 - x0) * s + 0.999f) + OUT_WIDTH + 1;
        int my1 = (int)((float)(marks[i].y1 - y0) * s + 0.999f) + OUT_WIDTH + 1;
        BOX *m = boxCreate(mx0, my0, mx1 - mx0, my1 - my0);
        if (m)
            pixRenderBoxArb(outpix, m, OUT_WIDTH, 220, 20, 20);
        boxDestroy(&m);
    }
    *w = pixGetWidth(outpix);
    *h = pixGetHeight(outpix);
    int bad = pixWrite(png_path, outpix, IFF_PNG);
    pixDestroy(&outpix);
    if (bad)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write", png_path);
    return PP_OK;
}
