/* audit/searchpdf.c (prefix spdf_) — see searchpdf.h. */
#include "audit/searchpdf.h"
#include "core/fsutil.h"

#include "audit/audit_page.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>
#include <unistd.h>

/* Puts the finished temporary PDF in its place: synced, then renamed over DIR/d<id>.pdf, so the name
 * only ever holds a whole PDF.  Tesseract's renderer writes the file it is given page by page, and a run
 * stopped half-way (Ctrl-C, kill, a failed page) left a 0-page or torn d<id>.pdf that looked finished. */
static int place(const char *tmp, const char *final, pp_err *e)
{
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0 || fsync(fd) != 0 || close(fd) != 0 || rename(tmp, final) != 0) {
        int err = errno;
        if (fd >= 0)
            close(fd);
        unlink(tmp);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write: %s", final, strerror(err));
    }
    return PP_OK;
}

/* One document: every OCR'd page, in order, into DIR/d<id>.pdf (written as DIR/.d<id>.<pid>.pdf first). */
static int one_document(pp_db *db, TessBaseAPI *api, ap_pages *pages, sqlite3_stmt *ps, int64_t doc,
                        const char *source, const char *hash, const char *dir, pp_err *e)
{
    /* the renderer appends ".pdf" to the base it is given */
    char *base = xasprintf("%s/.d%lld.%ld", dir, (long long)doc, (long)getpid());
    char *tmp = xasprintf("%s.pdf", base);
    char *final = xasprintf("%s/d%lld.pdf", dir, (long long)doc);
    TessResultRenderer *r = TessPDFRendererCreate(base, TessBaseAPIGetDatapath(api), 0);
    if (!r) {
        pp_err_set(e, PP_EXIT_ENV, "%s: Tesseract's PDF renderer could not be created", final);
        free(tmp);
        free(final);
        free(base);
        return e->code;
    }
    if (!TessResultRendererBeginDocument(r, source)) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write", final);
        goto done;
    }
    sqlite3_bind_int64(ps, 1, doc);
    int rc;
    while ((rc = sqlite3_step(ps)) == SQLITE_ROW) {
        int number = sqlite3_column_int(ps, 0);
        PIX *pix;
        if (ap_page(pages, source, hash, number, &pix, e))
            break;
        /* The renderer embeds the input image; with no input name it takes this PIX rather than
         * re-reading the (unprepared) source file.  Tesseract takes ownership of the input image
         * (it destroys it on the next page or at End), so it gets its own reference. */
        PIX *own = pixClone(pix);
        if (!own) {
            pp_err_set(e, PP_EXIT_NOMEM, "%s: page %d: out of memory", source, number);
            break;
        }
        TessBaseAPISetInputImage(api, own);
        TessBaseAPISetImage2(api, pix);
        TessBaseAPISetSourceResolution(api, pages->info.dpi);
        if (TessBaseAPIRecognize(api, NULL) != 0 || !TessResultRendererAddImage(r, api)) {
            pp_err_set(e, PP_EXIT_INTERNAL, "%s: page %d: recognition for the PDF failed", source, number);
            break;
        }
        TessBaseAPIClear(api);
    }
    sqlite3_reset(ps);
    if (!e->code && rc != SQLITE_DONE && rc != SQLITE_ROW)
        db_fail(db, e, "reading pages");
    if (!TessResultRendererEndDocument(r) && !e->code)
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write", final);
done:
    TessDeleteResultRenderer(r);
    if (e->code)
        unlink(tmp); /* the target keeps whatever whole PDF it held */
    else
        place(tmp, final, e);
    free(tmp);
    free(final);
    free(base);
    return e->code;
}

int spdf_write_all(pp_db *db, const char *dir, const char *root, const char *lang, const char *tessdata,
                   pp_err *e)
{
    if (fs_mkdirs(dir, PP_EXIT_INPUT, e))
        return e->code;
    sqlite3_stmt *ds = NULL, *ps = NULL;
    if (db_prepare(db, &ds, "SELECT id, source, hash FROM documents WHERE id IN (SELECT document_id FROM pages "
                            "WHERE method = 'ocr') ORDER BY id", e) ||
        db_prepare(db, &ps, "SELECT number FROM pages WHERE document_id = ?1 AND method = 'ocr' ORDER BY number", e)) {
        sqlite3_finalize(ds);
        return e->code;
    }
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api) {
        sqlite3_finalize(ds);
        sqlite3_finalize(ps);
        return pp_err_set(e, PP_EXIT_NOMEM, "cannot create a Tesseract engine");
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, tessdata, lang) != 0) {
        pp_err_set(e, PP_EXIT_ENV, "Tesseract model '%s' not found (install tesseract-ocr-%s or use --tessdata)",
                   lang, lang);
    } else {
        ap_pages pages;
        ap_init(&pages, root);
        int rc = SQLITE_DONE, n = 0;
        while (!e->code && (rc = sqlite3_step(ds)) == SQLITE_ROW) {
            if (!one_document(db, api, &pages, ps, sqlite3_column_int64(ds, 0),
                              (const char *)sqlite3_column_text(ds, 1), (const char *)sqlite3_column_text(ds, 2),
                              dir, e))
                n++;
        }
        if (!e->code && rc != SQLITE_DONE)
            db_fail(db, e, "reading documents");
        ap_free(&pages);
        if (!e->code)
            pp_info("%s: %d searchable PDF%s", dir, n, n == 1 ? "" : "s");
    }
    TessBaseAPIEnd(api);
    TessBaseAPIDelete(api);
    sqlite3_finalize(ds);
    sqlite3_finalize(ps);
    return e->code;
}
