/* scan/pdf.c (prefix pdf_) — see pdf.h. */
#include "scan/pdf.h"

#include <cairo.h>
#include <math.h>
#include <poppler.h>
#include <pthread.h>
#include <stdlib.h>

struct pp_pdf {
    PopplerDocument *doc;
    char *path;
};

static pthread_mutex_t poppler_lock = PTHREAD_MUTEX_INITIALIZER;

int pdf_open(const char *path, pp_pdf **out, int *npages, pp_err *e)
{
    *out = NULL;
    GError *gerr = NULL;
    char *abs = g_canonicalize_filename(path, NULL);
    char *uri = g_filename_to_uri(abs, NULL, &gerr);
    g_free(abs);
    if (!uri) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot make a file URI: %s", path, gerr ? gerr->message : "?");
        g_clear_error(&gerr);
        return e->code;
    }
    pthread_mutex_lock(&poppler_lock);
    PopplerDocument *doc = poppler_document_new_from_file(uri, NULL, &gerr);
    pthread_mutex_unlock(&poppler_lock);
    g_free(uri);
    if (!doc) {
        int encrypted = gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED;
        pp_err_set(e, PP_EXIT_INPUT, "%s: %s", path,
                   encrypted ? "PDF is encrypted (password protected); decrypt it first"
                             : (gerr ? gerr->message : "not a readable PDF"));
        g_clear_error(&gerr);
        return e->code;
    }
    int n = poppler_document_get_n_pages(doc);
    if (n <= 0) {
        g_object_unref(doc);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: PDF has no pages", path);
    }
    pp_pdf *pdf = xcalloc(1, sizeof *pdf);
    pdf->doc = doc;
    pdf->path = xstrdup(path);
    *out = pdf;
    *npages = n;
    return PP_OK;
}

/* Cairo ARGB32/RGB24 surface to 8-bit gray PIX (luminance, alpha composited on white). */
static PIX *surface_to_gray(cairo_surface_t *s)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_format_t fmt = cairo_image_surface_get_format(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    if (!data || w <= 0 || h <= 0 || (fmt != CAIRO_FORMAT_ARGB32 && fmt != CAIRO_FORMAT_RGB24))
        return NULL;
    PIX *pix = pixCreate(w, h, 8);
    if (!pix)
        return NULL;
    l_uint32 *pdata = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        l_uint32 *line = pdata + (size_t)y * wpl;
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned a = fmt == CAIRO_FORMAT_ARGB32 ? p >> 24 : 255;
            unsigned r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
            /* Premultiplied: add the white that shows through. */
            unsigned lum = (r * 77 + g * 150 + b * 29) >> 8;
            lum += 255 - a;
            SET_DATA_BYTE(line, x, lum > 255 ? 255 : lum);
        }
    }
    return pix;
}

/* Whether the surface is in colour: more than 1 pixel in 1000 (sampled) with channels 24 apart.  A gray
 * scan comes out of Poppler as RGB with equal channels; a colour scan keeps its colour to the step that
 * reads seals and signatures away by it (scan/ink.h), as a colour JPEG does. */
static int surface_is_colour(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    long seen = 0, coloured = 0;
    for (int y = 0; data && y < h; y += 2) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x += 2, seen++) {
            int r = (row[x] >> 16) & 255, g = (row[x] >> 8) & 255, b = row[x] & 255;
            int mx = r > g ? (r > b ? r : b) : (g > b ? g : b), mn = r < g ? (r < b ? r : b) : (g < b ? g : b);
            coloured += mx - mn >= 24;
        }
    }
    return seen > 0 && coloured * 1000 > seen;
}

/* Cairo ARGB32/RGB24 surface to a 32-bit RGB PIX (alpha composited on white). */
static PIX *surface_to_colour(cairo_surface_t *s)
{
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_format_t fmt = cairo_image_surface_get_format(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    PIX *pix = data && w > 0 && h > 0 ? pixCreate(w, h, 32) : NULL;
    if (!pix)
        return NULL;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            unsigned a = fmt == CAIRO_FORMAT_ARGB32 ? p >> 24 : 255;
            unsigned c[3] = { (p >> 16) & 255, (p >> 8) & 255, p & 255 };
            for (int k = 0; k < 3; k++) /* premultiplied: add the white that shows through */
                c[k] = c[k] + 255 - a > 255 ? 255 : c[k] + 255 - a;
            pixSetRGBPixel(pix, x, y, (l_int32)c[0], (l_int32)c[1], (l_int32)c[2]);
        }
    }
    return pix;
}

int pdf_page_image(pp_pdf *pdf, int index, long max_pixels, PIX **out, pp_err *e)
{
    *out = NULL;
    pthread_mutex_lock(&poppler_lock);
    PopplerPage *page = poppler_document_get_page(pdf->doc, index);
    if (!page) {
        pthread_mutex_unlock(&poppler_lock);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: cannot be read", pdf->path, index + 1);
    }
    double wpt = 0, hpt = 0;
    poppler_page_get_size(page, &wpt, &hpt);
    cairo_surface_t *surf = NULL;
    int dpi = 0;
    GList *maps = poppler_page_get_image_mapping(page);
    if (maps && !maps->next) {
        /* One image: a scan.  Take it as stored if it covers most of the page. */
        PopplerImageMapping *m = maps->data;
        double aw = m->area.x2 - m->area.x1, ah = m->area.y2 - m->area.y1;
        if (aw * ah >= 0.5 * wpt * hpt) {
            surf = poppler_page_get_image(page, m->image_id);
            if (surf && cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS && aw > 0)
                dpi = (int)lround(cairo_image_surface_get_width(surf) * 72.0 / fabs(aw));
        }
    }
    poppler_page_free_image_mapping(maps);
    if (!surf || dpi <= 0) {
        if (surf)
            cairo_surface_destroy(surf);
        dpi = PDF_RENDER_DPI;
        double pw = ceil(wpt * dpi / 72.0), ph = ceil(hpt * dpi / 72.0);
        if (pw < 1 || ph < 1 || pw * ph > (double)max_pixels || pw > 32767 || ph > 32767) {
            g_object_unref(page);
            pthread_mutex_unlock(&poppler_lock);
            return pp_err_set(e, PP_EXIT_NOMEM, "%s: page %d: %.0fx%.0f pixels at %d dpi is over the limit",
                              pdf->path, index + 1, pw, ph, dpi);
        }
        surf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)pw, (int)ph);
        cairo_t *cr = cairo_create(surf);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
        cairo_scale(cr, dpi / 72.0, dpi / 72.0);
        poppler_page_render_for_printing(page, cr);
        cairo_destroy(cr);
    }
    g_object_unref(page);
    pthread_mutex_unlock(&poppler_lock);
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surf);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: cannot decode the page image", pdf->path, index + 1);
    }
    long pixels = (long)cairo_image_surface_get_width(surf) * cairo_image_surface_get_height(surf);
    if (pixels > max_pixels) {
        cairo_surface_destroy(surf);
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: page %d: image of %ld pixels is over the limit of %ld",
                          pdf->path, index + 1, pixels, max_pixels);
    }
    cairo_surface_flush(surf);
    PIX *pix = surface_is_colour(surf) ? surface_to_colour(surf) : surface_to_gray(surf);
    cairo_surface_destroy(surf);
    if (!pix)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: unsupported page image", pdf->path, index + 1);
    pixSetResolution(pix, dpi, dpi);
    *out = pix;
    return PP_OK;
}

void pdf_close(pp_pdf *pdf)
{
    if (!pdf)
        return;
    pthread_mutex_lock(&poppler_lock);
    g_object_unref(pdf->doc);
    pthread_mutex_unlock(&poppler_lock);
    free(pdf->path);
    free(pdf);
}

struct _PopplerDocument *pdf_lock(pp_pdf *pdf)
{
    pthread_mutex_lock(&poppler_lock);
    return pdf->doc;
}

void pdf_unlock(void)
{
    pthread_mutex_unlock(&poppler_lock);
}
