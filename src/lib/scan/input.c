/* scan/input.c (prefix input_) — see input.h. */
#include "scan/input.h"
#include "scan/pdf.h"
#include "scan/pdfimg.h"
#include "scan/tiffdir.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *input_format_name(enum pp_format f)
{
    switch (f) {
    case FMT_TEXT: return "text";
    case FMT_PNG: return "png";
    case FMT_JPEG: return "jpeg";
    case FMT_TIFF: return "tiff";
    case FMT_PDF: return "pdf";
    case FMT_OTHER_IMAGE: return "image";
    }
    return "?";
}

enum pp_format input_sniff(const unsigned char *h, size_t n)
{
    if (n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0)
        return FMT_PNG;
    if (n >= 3 && h[0] == 0xff && h[1] == 0xd8 && h[2] == 0xff)
        return FMT_JPEG;
    if (n >= 4 && (memcmp(h, "II*\0", 4) == 0 || memcmp(h, "MM\0*", 4) == 0))
        return FMT_TIFF;
    /* A PDF's header may follow other bytes (ISO 32000-1 annex H: readers look in the first 1024, as
     * Poppler does); white space only is taken here, which a PDF passed through a text tool gains and a
     * text quoting "%PDF-" does not begin with. */
    size_t ws = 0;
    while (ws < n && ws < PP_SNIFF_BYTES && (h[ws] == ' ' || h[ws] == '\t' || h[ws] == '\r' || h[ws] == '\n' ||
                                             h[ws] == '\f'))
        ws++;
    if (n - ws >= 5 && memcmp(h + ws, "%PDF-", 5) == 0)
        return FMT_PDF;
    /* Other formats Leptonica reads (BMP, PNM, GIF, WebP, JP2). */
    if ((n >= 2 && h[0] == 'B' && h[1] == 'M') || (n >= 6 && memcmp(h, "GIF8", 4) == 0) ||
        (n >= 12 && memcmp(h, "RIFF", 4) == 0 && memcmp(h + 8, "WEBP", 4) == 0) ||
        (n >= 2 && h[0] == 'P' && h[1] >= '1' && h[1] <= '6' && n >= 3 && (h[2] == '\n' || h[2] == ' ' || h[2] == '\r')) ||
        (n >= 12 && memcmp(h, "\0\0\0\x0cjP  ", 8) == 0))
        return FMT_OTHER_IMAGE;
    return FMT_TEXT;
}

static int check_size(const char *path, int page, long w, long h, long max_pixels, pp_err *e)
{
    if (w <= 0 || h <= 0)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: image has no pixels (corrupt header?)", path, page);
    if (w * h > max_pixels)
        return pp_err_set(e, PP_EXIT_NOMEM,
                          "%s: page %d: image is %ldx%ld pixels, over the limit of %ld pixels (--max-pixels)",
                          path, page, w, h, max_pixels);
    if (w < 8 || h < 8)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: image is only %ldx%ld pixels, too small to hold text",
                          path, page, w, h);
    return PP_OK;
}

int input_open(const char *path, enum pp_format format, long max_pixels, pp_input **out, pp_err *e)
{
    *out = NULL;
    pp_input *in = xcalloc(1, sizeof *in);
    in->path = xstrdup(path);
    in->format = format;
    in->max_pixels = max_pixels;
    int rc = PP_OK;
    if (format == FMT_PDF) {
        /* the images' declared sizes before Poppler decodes any (pdfimg.h) */
        rc = pdfimg_check(path, max_pixels, e);
        if (rc == PP_OK)
            rc = pdf_open(path, &in->pdf, &in->npages, e);
    } else if (format == FMT_TIFF) {
        /* the directory chain once: every page's size before any is decoded, and its offset so page i
         * is reached without walking the i before it (tiffdir.h) */
        rc = tiffdir_read(path, &in->tiff, e);
        if (rc == PP_OK && in->tiff.n > INT_MAX)
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: %zu pages is more than a document can hold", path, in->tiff.n);
        in->npages = rc == PP_OK ? (int)in->tiff.n : 0;
        for (int i = 0; rc == PP_OK && i < in->npages; i++)
            rc = check_size(path, i + 1, in->tiff.pages[i].w, in->tiff.pages[i].h, max_pixels, e);
    } else {
        l_int32 fmt, w = 0, h = 0, bps, spp, cmap;
        in->npages = 1;
        if (pixReadHeader(path, &fmt, &w, &h, &bps, &spp, &cmap) != 0)
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: unreadable %s header (truncated or corrupt image)", path,
                            input_format_name(format));
        else
            rc = check_size(path, 1, w, h, max_pixels, e);
        in->w = w;
        in->h = h;
    }
    if (rc) {
        input_close(in);
        return rc;
    }
    *out = in;
    return PP_OK;
}

int input_open_set(const strvec *files, long max_pixels, pp_input **out, pp_err *e)
{
    *out = NULL;
    if (files->n == 0 || files->n > 100000)
        return pp_err_set(e, PP_EXIT_INPUT, "a page set of %zu files", files->n);
    pp_input *in = xcalloc(1, sizeof *in);
    in->path = xstrdup(files->v[0]);
    in->max_pixels = max_pixels;
    in->parts = xcalloc(files->n, sizeof *in->parts);
    for (size_t i = 0; i < files->n; i++) {
        unsigned char head[16] = { 0 };
        size_t n = 0;
        FILE *f = fopen(files->v[i], "rb");
        if (!f) {
            pp_err_set(e, PP_EXIT_INPUT, "%s: cannot open: %s", files->v[i], strerror(errno));
            input_close(in);
            return e->code;
        }
        n = fread(head, 1, sizeof head, f);
        fclose(f);
        enum pp_format fmt = input_sniff(head, n);
        if (fmt == FMT_TEXT || fmt == FMT_PDF) {
            pp_err_set(e, PP_EXIT_INPUT, "%s: a page set holds page images, not a %s", files->v[i],
                       fmt == FMT_PDF ? "PDF" : "text");
            input_close(in);
            return e->code;
        }
        if (input_open(files->v[i], fmt, max_pixels, &in->parts[i], e)) {
            input_close(in);
            return e->code;
        }
        in->nparts++;
        if (in->parts[i]->npages > 100000 - in->npages) {
            input_close(in);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: a page set of too many pages", files->v[0]);
        }
        in->npages += in->parts[i]->npages;
        if (i == 0)
            in->format = fmt;
    }
    *out = in;
    return PP_OK;
}

int input_page(pp_input *in, int index, PIX **out, pp_err *e)
{
    *out = NULL;
    if (index < 0 || index >= in->npages)
        return pp_err_set(e, PP_EXIT_INTERNAL, "%s: page %d out of range", in->path, index + 1);
    for (int k = 0; k < in->nparts; k++) {
        if (index < in->parts[k]->npages)
            return input_page(in->parts[k], index, out, e);
        index -= in->parts[k]->npages;
    }
    if (in->format == FMT_PDF)
        return pdf_page_image(in->pdf, index, in->max_pixels, out, e);
    PIX *pix;
    if (in->format == FMT_JPEG) {
        /* libjpeg fills a truncated file with gray and only warns: count the warnings and refuse. */
        l_int32 nwarn = 0;
        pix = pixReadJpeg(in->path, 0, 1, &nwarn, 0);
        if (pix && nwarn > 0) {
            pixDestroy(&pix);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: page 1: JPEG data is truncated or corrupt", in->path);
        }
    } else if (in->format == FMT_TIFF) {
        pix = tiffdir_pix(in->path, &in->tiff, (size_t)index);
    } else {
        pix = pixRead(in->path);
    }
    if (!pix)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: cannot decode the image (truncated or corrupt)",
                          in->path, index + 1);
    /* a decoder that gives other dimensions than the header's read something else than was checked
     * against the pixel limit: refused, never taken as the page */
    long w = in->format == FMT_TIFF ? in->tiff.pages[index].w : in->w;
    long h = in->format == FMT_TIFF ? in->tiff.pages[index].h : in->h;
    if ((in->format == FMT_PNG || in->format == FMT_JPEG || in->format == FMT_TIFF) &&
        (pixGetWidth(pix) != w || pixGetHeight(pix) != h)) {
        long gw = pixGetWidth(pix), gh = pixGetHeight(pix);
        pixDestroy(&pix);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: decoded as %ldx%ld pixels where its header says %ldx%ld "
                          "(corrupt image)", in->path, index + 1, gw, gh, w, h);
    }
    *out = pix;
    return PP_OK;
}

void input_close(pp_input *in)
{
    if (!in)
        return;
    pdf_close(in->pdf);
    for (int k = 0; k < in->nparts; k++)
        input_close(in->parts[k]);
    free(in->parts);
    tiffdir_free(&in->tiff);
    free(in->path);
    free(in);
}
