/* audit/hocr.c (prefix hocr_) — see hocr.h. */
#include "audit/hocr.h"
#include "core/fsutil.h"
#include "core/strbuf.h"

#include "audit/audit_html.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct hc_page {
    const char *source;
    int number, width, height;
    /* how the stored boxes' frame (the prepared page) came from the image: turned `quads` quarter turns
     * clockwise (pixRotateOrth), then rotated by `skew` radians about its centre (pixRotate, area map)
     * when deskewed */
    int quads, deskewed;
    double skew;
} hc_page;

/* A box of the prepared page in the frame of the image as scanned, which the hOCR and ALTO name: the
 * deskew undone (Leptonica's area-map rotation takes a pixel d of the result from s = c + R(d - c) with
 * R = [cos a, sin a; -sin a, cos a], checked on a rotated square to 0.5 px), then the quarter turns
 * undone; the corners' bounding box, inside the image.  Before, a deskewed page's boxes pointed at the
 * skewed scan ~30 px off, and a page turned upright pointed at the wrong corner. */
static void to_image(const hc_page *p, int *x0, int *y0, int *x1, int *y1)
{
    int W = p->width, H = p->height;
    int ow = p->quads % 2 ? H : W, oh = p->quads % 2 ? W : H;
    double cx = ow / 2, cy = oh / 2, ca = cos(p->skew), sa = sin(p->skew);
    double bx[4] = { *x0, *x1, *x0, *x1 }, by[4] = { *y0, *y0, *y1, *y1 };
    double lx = 1e9, ly = 1e9, hx = -1e9, hy = -1e9;
    for (int k = 0; k < 4; k++) {
        double x = bx[k], y = by[k];
        if (p->deskewed) {
            double dx = x - cx, dy = y - cy;
            x = cx + dx * ca + dy * sa;
            y = cy + dy * ca - dx * sa;
        }
        double ix = x, iy = y;
        if (p->quads == 1) {
            ix = y;
            iy = H - x;
        } else if (p->quads == 2) {
            ix = W - x;
            iy = H - y;
        } else if (p->quads == 3) {
            ix = W - y;
            iy = x;
        }
        lx = fmin(lx, ix), ly = fmin(ly, iy), hx = fmax(hx, ix), hy = fmax(hy, iy);
    }
    *x0 = (int)fmax(0, floor(lx)), *y0 = (int)fmax(0, floor(ly));
    *x1 = (int)fmin(W, ceil(hx)), *y1 = (int)fmin(H, ceil(hy));
}

enum { FMT_HOCR, FMT_ALTO };

/* Walks the lines and words of a page and writes them in one of the two formats. */
static int write_page(pp_db *db, int64_t page_id, int fmt, strbuf *sb, pp_err *e)
{
    sqlite3_stmt *ps = NULL, *ls = NULL, *ws = NULL;
    pp_err old;
    pp_err_clear(&old);
    /* a database from before pages.prep and pages.orientation (migration 12), opened read-only so not
     * migrated: its boxes are written as stored */
    if ((db_prepare(db, &ps, "SELECT d.source, p.number, p.width, p.height, coalesce(p.orientation, 0), "
                             "coalesce(p.skew, 0), coalesce(instr(p.prep, 'deskew') > 0, 0) FROM pages p "
                             "JOIN documents d ON d.id = p.document_id WHERE p.id = ?1", &old) &&
         db_prepare(db, &ps, "SELECT d.source, p.number, p.width, p.height, 0, 0, 0 FROM pages p "
                             "JOIN documents d ON d.id = p.document_id WHERE p.id = ?1", e)) ||
        db_prepare(db, &ls, "SELECT id, number, x0, y0, x1, y1 FROM lines WHERE page_id = ?1 AND x0 IS NOT NULL "
                            "ORDER BY number", e) ||
        db_prepare(db, &ws, "SELECT text, x0, y0, x1, y1, confidence FROM words WHERE line_id = ?1 ORDER BY number",
                   e))
        goto done;
    sqlite3_bind_int64(ps, 1, page_id);
    if (sqlite3_step(ps) != SQLITE_ROW) {
        pp_err_set(e, PP_EXIT_DB, "%s: no page %lld", db->path, (long long)page_id);
        goto done;
    }
    hc_page p = { (const char *)sqlite3_column_text(ps, 0), sqlite3_column_int(ps, 1), sqlite3_column_int(ps, 2),
                  sqlite3_column_int(ps, 3), (sqlite3_column_int(ps, 4) / 90) & 3, sqlite3_column_int(ps, 6),
                  sqlite3_column_double(ps, 5) * M_PI / 180.0 };
    if (fmt == FMT_HOCR) {
        sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 "
                    "Transitional//EN\" \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n"
                    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"vi\" lang=\"vi\">\n<head>\n<title>");
        ah_esc(sb, p.source);
        sb_adds(sb, "</title>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
                    "<meta name=\"ocr-system\" content=\"parplan " PARPLAN_VERSION " (tesseract)\"/>\n"
                    "<meta name=\"ocr-capabilities\" content=\"ocr_page ocr_line ocrx_word ocrp_wconf\"/>\n"
                    "</head>\n<body>\n");
        sb_addf(sb, "<div class=\"ocr_page\" id=\"page_%d\" title=\"image &quot;", p.number);
        ah_esc(sb, p.source);
        sb_addf(sb, "&quot;; bbox 0 0 %d %d; ppageno %d\">\n", p.width, p.height, p.number - 1);
    } else {
        sb_adds(sb, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alto xmlns=\"http://www.loc.gov/standards/alto/ns-v4#\" "
                    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.loc.gov/"
                    "standards/alto/ns-v4# http://www.loc.gov/alto/v4/alto-4-2.xsd\">\n<Description>\n"
                    "<MeasurementUnit>pixel</MeasurementUnit>\n<sourceImageInformation><fileName>");
        ah_esc(sb, p.source);
        sb_adds(sb, "</fileName></sourceImageInformation>\n<OCRProcessing ID=\"ocr_0\"><ocrProcessingStep>"
                    "<processingSoftware><softwareName>parplan (tesseract)</softwareName><softwareVersion>"
                    PARPLAN_VERSION "</softwareVersion></processingSoftware></ocrProcessingStep></OCRProcessing>\n"
                    "</Description>\n<Layout>\n");
        sb_addf(sb, "<Page ID=\"page_%d\" PHYSICAL_IMG_NR=\"%d\" WIDTH=\"%d\" HEIGHT=\"%d\">\n"
                    "<PrintSpace HPOS=\"0\" VPOS=\"0\" WIDTH=\"%d\" HEIGHT=\"%d\">\n"
                    "<TextBlock ID=\"block_%d\">\n", p.number, p.number, p.width, p.height, p.width, p.height,
                p.number);
    }
    sqlite3_bind_int64(ls, 1, page_id);
    int rc;
    while ((rc = sqlite3_step(ls)) == SQLITE_ROW) {
        int ln = sqlite3_column_int(ls, 1);
        int x0 = sqlite3_column_int(ls, 2), y0 = sqlite3_column_int(ls, 3);
        int x1 = sqlite3_column_int(ls, 4), y1 = sqlite3_column_int(ls, 5);
        to_image(&p, &x0, &y0, &x1, &y1);
        if (fmt == FMT_HOCR)
            sb_addf(sb, "<span class=\"ocr_line\" id=\"line_%d_%d\" title=\"bbox %d %d %d %d\">", p.number, ln, x0, y0,
                    x1, y1);
        else
            sb_addf(sb, "<TextLine ID=\"line_%d_%d\" HPOS=\"%d\" VPOS=\"%d\" WIDTH=\"%d\" HEIGHT=\"%d\">\n", p.number,
                    ln, x0, y0, x1 - x0, y1 - y0);
        sqlite3_bind_int64(ws, 1, sqlite3_column_int64(ls, 0));
        int wn = 0, wrc;
        while ((wrc = sqlite3_step(ws)) == SQLITE_ROW) {
            const char *t = (const char *)sqlite3_column_text(ws, 0);
            int a = sqlite3_column_int(ws, 1), b = sqlite3_column_int(ws, 2);
            int cc = sqlite3_column_int(ws, 3), d = sqlite3_column_int(ws, 4);
            double conf = sqlite3_column_double(ws, 5);
            to_image(&p, &a, &b, &cc, &d);
            wn++;
            if (fmt == FMT_HOCR) {
                if (wn > 1)
                    sb_addc(sb, ' ');
                sb_addf(sb, "<span class=\"ocrx_word\" id=\"word_%d_%d_%d\" title=\"bbox %d %d %d %d; x_wconf %d\">",
                        p.number, ln, wn, a, b, cc, d, (int)(conf + 0.5));
                ah_esc(sb, t);
                sb_adds(sb, "</span>");
            } else {
                if (wn > 1)
                    sb_adds(sb, "<SP/>");
                sb_addf(sb, "<String ID=\"word_%d_%d_%d\" HPOS=\"%d\" VPOS=\"%d\" WIDTH=\"%d\" HEIGHT=\"%d\" "
                            "WC=\"%.2f\" CONTENT=\"", p.number, ln, wn, a, b, cc - a, d - b, conf / 100.0);
                ah_esc(sb, t);
                sb_adds(sb, "\"/>");
            }
        }
        sqlite3_reset(ws);
        if (wrc != SQLITE_DONE) {
            db_fail(db, e, "reading words");
            goto done;
        }
        sb_adds(sb, fmt == FMT_HOCR ? "</span>\n" : "\n</TextLine>\n");
    }
    if (rc != SQLITE_DONE) {
        db_fail(db, e, "reading lines");
        goto done;
    }
    sb_adds(sb, fmt == FMT_HOCR ? "</div>\n</body>\n</html>\n" : "</TextBlock>\n</PrintSpace>\n</Page>\n</Layout>\n</alto>\n");
done:
    sqlite3_finalize(ps);
    sqlite3_finalize(ls);
    sqlite3_finalize(ws);
    return e->code;
}

int hocr_write_all(pp_db *db, const char *dir, pp_err *e)
{
    if (fs_mkdirs(dir, PP_EXIT_INPUT, e))
        return e->code;
    sqlite3_stmt *st;
    if (db_prepare(db, &st, "SELECT id, document_id, number FROM pages WHERE method = 'ocr' ORDER BY document_id, number",
                   e))
        return e->code;
    int rc = SQLITE_DONE, n = 0;
    while (!e->code && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        int64_t pid = sqlite3_column_int64(st, 0);
        char name[96];
        for (int fmt = FMT_HOCR; fmt <= FMT_ALTO && !e->code; fmt++) {
            strbuf sb = STRBUF_INIT;
            snprintf(name, sizeof name, "d%lld-p%d.%s", (long long)sqlite3_column_int64(st, 1),
                     sqlite3_column_int(st, 2), fmt == FMT_HOCR ? "hocr" : "alto.xml");
            if (!write_page(db, pid, fmt, &sb, e))
                ah_write(dir, name, &sb, e);
            sb_free(&sb);
        }
        n++;
    }
    if (!e->code && rc != SQLITE_DONE)
        db_fail(db, e, "reading pages");
    sqlite3_finalize(st);
    if (!e->code)
        pp_info("%s: hOCR and ALTO of %d pages", dir, n);
    return e->code;
}
