/* normalize/nz_doc.c (prefix nz_) — see nz_doc.h. */
#include "normalize/nz_doc.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "text/encodings.h"
#include "text/viet.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct nz_stmts {
    pp_db *db;
    sqlite3_stmt *enc, *done, *pages, *lines, *del_pfts, *del_lfts, *put_doc, *put_page, *put_line,
        *put_pfts, *put_lfts;
};

static int nz_prepare(pp_db *db, nz_stmts *st, pp_err *e)
{
    return db_prepare(db, &st->enc, "SELECT encoding, ocr_key FROM documents WHERE id = ?", e) ||
           db_prepare(db, &st->done, "SELECT options FROM documents_norm WHERE document_id = ?", e) ||
           db_prepare(db, &st->pages, "SELECT id, number, method, text, raw, text_source IS 'pdf' FROM pages "
                                      "WHERE document_id = ? "
                                      "ORDER BY number", e) ||
           db_prepare(db, &st->lines, "SELECT id, number, text FROM lines WHERE page_id = ? ORDER BY number", e) ||
           db_prepare(db, &st->del_pfts, "DELETE FROM pages_fts WHERE rowid IN (SELECT id FROM pages "
                                         "WHERE document_id = ?1)", e) ||
           db_prepare(db, &st->del_lfts, "DELETE FROM lines_fts WHERE rowid IN (SELECT l.id FROM lines l "
                                         "JOIN pages p ON p.id = l.page_id WHERE p.document_id = ?1)", e) ||
           db_prepare(db, &st->put_doc, "INSERT OR REPLACE INTO documents_norm (document_id, encoding_detected, "
                                        "encoding_margin, options, run_id) VALUES (?, ?, ?, ?, ?)", e) ||
           db_prepare(db, &st->put_page, "INSERT OR REPLACE INTO pages_norm (page_id, text, key, encoding, "
                                         "tone_style, restored, changed) VALUES (?, ?, ?, ?, ?, ?, ?)", e) ||
           db_prepare(db, &st->put_line, "INSERT OR REPLACE INTO lines_norm (line_id, text, key, encoding, "
                                         "restored, changed, syllable_conf) VALUES (?, ?, ?, ?, ?, ?, ?)", e) ||
           db_prepare(db, &st->put_pfts, "INSERT INTO pages_fts (rowid, key) VALUES (?, ?)", e) ||
           db_prepare(db, &st->put_lfts, "INSERT INTO lines_fts (rowid, key) VALUES (?, ?)", e);
}

void nz_stmts_close(nz_stmts *st)
{
    if (!st)
        return;
    sqlite3_stmt *v[] = { st->enc,     st->done,     st->pages,    st->lines,    st->del_pfts, st->del_lfts,
                          st->put_doc, st->put_page, st->put_line, st->put_pfts, st->put_lfts };
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        sqlite3_finalize(v[i]);
    free(st);
}

int nz_stmts_open(pp_db *db, nz_stmts **out, pp_err *e)
{
    nz_stmts *st = xcalloc(1, sizeof *st);
    st->db = db;
    *out = NULL;
    if (nz_prepare(db, st, e)) {
        nz_stmts_close(st);
        return e->code;
    }
    *out = st;
    return PP_OK;
}

int nz_doc_current(nz_stmts *st, int64_t doc, const char *optstr, pp_err *e)
{
    sqlite3_bind_int64(st->done, 1, doc);
    int rc = sqlite3_step(st->done);
    const char *done = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st->done, 0) : NULL;
    int cur = done && !strcmp(done, optstr);
    /* an error is not "not current": the run stops (docrun), as at any other read */
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        cur = -1;
    else if (rc == SQLITE_ROW && !done && sqlite3_errcode(st->db->h) == SQLITE_NOMEM)
        cur = -1;
    if (cur < 0)
        db_fail(st->db, e, "reading what was normalized");
    sqlite3_reset(st->done);
    return cur;
}

/* Whether an OCR key (ocr/store.h store_ocr_key: "lang=vie;tessdata=...;prep=N", NULL for a document
 * loaded before the key existed, which was recognised with the default, vie) names a Vietnamese model:
 * vie, Debian's script model Vietnamese, or a combination with one of them (vie+eng). */
int nz_vie_model(const char *ocr_key)
{
    if (!ocr_key)
        return 1;
    const char *l = strstr(ocr_key, "lang=");
    if (!l)
        return 0;
    l += 5;
    size_t n = strcspn(l, ";");
    for (size_t i = 0; i < n;) {
        size_t k = strcspn(l + i, "+;");
        if (k > n - i)
            k = n - i;
        if ((k == 3 && !strncmp(l + i, "vie", 3)) || (k == 10 && !strncmp(l + i, "Vietnamese", 10)) ||
            (k == 17 && !strncmp(l + i, "script/Vietnamese", 17)))
            return 1;
        i += k + 1;
    }
    return 0;
}

/* documents.encoding: what the OCR stage found (a text file's encoding, or NULL for scans; caller frees),
 * and whether its scans were recognised with a Vietnamese model (nz_vie_model). */
static int nz_ocr_encoding(nz_stmts *st, int64_t doc, char **enc, int *vie, pp_err *e)
{
    *enc = NULL;
    *vie = 1;
    sqlite3_bind_int64(st->enc, 1, doc);
    int rc = sqlite3_step(st->enc);
    if (rc == SQLITE_ROW && sqlite3_column_type(st->enc, 0) != SQLITE_NULL)
        *enc = xstrdup((const char *)sqlite3_column_text(st->enc, 0));
    if (rc == SQLITE_ROW)
        *vie = nz_vie_model((const char *)sqlite3_column_text(st->enc, 1));
    sqlite3_reset(st->enc);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return db_fail(st->db, e, "reading documents");
    return PP_OK;
}

/* The bytes behind a Latin-1-style placeholder decode (code points < 256 -> bytes); NULL if it is not one. */
static char *nz_latin1_bytes(const char *s, size_t n, size_t *outlen)
{
    char *b = xmalloc(n + 1);
    size_t k = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (l < 0 || c > 0xFF) {
            free(b);
            return NULL;
        }
        b[k++] = (char)c;
        i += (size_t)l;
    }
    b[k] = '\0';
    *outlen = k;
    return b;
}

/* The encoding of a text document: from its pages' raw bytes (or the placeholder text), unless given. */
static int nz_doc_encoding(nz_stmts *st, int64_t doc, const char *ocr_enc, const nz_opts *o,
                           long *margin, pp_err *e)
{
    *margin = -1;
    if (o->from >= 0)
        return o->from;
    if (ocr_enc && strncmp(ocr_enc, "utf-16", 6) == 0)
        return ENC_UTF8; /* the OCR stage decoded UTF-16 itself: pages.text is right */
    strbuf sample = STRBUF_INIT;
    sqlite3_bind_int64(st->pages, 1, doc);
    int rc;
    /* a read that fails is an error, not the end of the pages: guessing from part of the sample stored
     * a wrong margin (found by the torture sweep, ioerr) */
    while ((rc = sqlite3_step(st->pages)) == SQLITE_ROW && sample.len < (256u << 10)) {
        const char *method = (const char *)sqlite3_column_text(st->pages, 2);
        if (!method || strcmp(method, "text") != 0)
            continue;
        const void *raw = sqlite3_column_blob(st->pages, 4);
        int rl = sqlite3_column_bytes(st->pages, 4);
        if (raw && rl > 0)
            sb_add(&sample, raw, (size_t)rl);
        sb_addc(&sample, '\n');
    }
    sqlite3_reset(st->pages);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        sb_free(&sample);
        db_fail(st->db, e, "reading the pages");
        return -1;
    }
    int enc = ENC_UTF8;
    if (sample.len > 0)
        enc = enc_detect(sb_str(&sample), sample.len, margin);
    sb_free(&sample);
    return enc;
}

static int nz_put_text(pp_db *db, sqlite3_stmt *put, sqlite3_stmt *fts, int64_t id, const nz_result *r,
                       const char *enc, const nz_opts *o, int is_page, pp_err *e)
{
    sqlite3_bind_int64(put, 1, id);
    db_bind_textn(put, 2, r->text, r->len);
    db_bind_text(put, 3, r->key);
    db_bind_text(put, 4, enc);
    if (is_page) {
        db_bind_text(put, 5, o->style == VIET_STYLE_NEW ? "new" : "old");
        sqlite3_bind_int(put, 6, r->restored);
        sqlite3_bind_int(put, 7, r->changed);
    } else {
        sqlite3_bind_int(put, 5, r->restored);
        sqlite3_bind_int(put, 6, r->changed);
        db_bind_text(put, 7, r->restored ? sb_str(&r->conf) : NULL);
    }
    if (db_step_done(db, put, e, "storing normalized text"))
        return e->code;
    sqlite3_bind_int64(fts, 1, id);
    db_bind_text(fts, 2, r->key);
    return db_step_done(db, fts, e, "indexing the search key");
}

/* Decodes one stored text (a page or a line) for normalization. */
static char *nz_source_text(const char *text, size_t tlen, const void *raw, size_t rawlen, int enc,
                            const char *ocr_enc, size_t *len)
{
    if (raw && enc != ENC_UTF8)
        return enc_decode(enc, raw, rawlen, len);
    if (!raw && enc != ENC_UTF8 && ocr_enc && !strcmp(ocr_enc, "unknown-8bit")) {
        size_t bl;
        char *bytes = nz_latin1_bytes(text, tlen, &bl);
        if (bytes) {
            char *u = enc_decode(enc, bytes, bl, len);
            free(bytes);
            return u;
        }
    }
    char *c = xmalloc(tlen + 1);
    memcpy(c, text, tlen);
    c[tlen] = '\0';
    *len = tlen;
    return c;
}

/* nz_document with the OCR stage's encoding of the document in hand. */
static int nz_doc_pages(nz_stmts *st, int64_t doc, const char *source, const char *ocr_enc, int vie,
                        const nz_opts *o, const char *optstr, const lm_model *lm, int64_t run, pp_err *e)
{
    pp_db *db = st->db;
    long margin;
    int enc = nz_doc_encoding(st, doc, ocr_enc, o, &margin, e);
    if (enc < 0)
        return e->code;
    const char *encname = enc_name(enc);
    sqlite3_bind_int64(st->del_pfts, 1, doc);
    sqlite3_bind_int64(st->del_lfts, 1, doc);
    if (db_step_done(db, st->del_pfts, e, "clearing the page index") ||
        db_step_done(db, st->del_lfts, e, "clearing the line index"))
        return e->code;
    sqlite3_bind_int64(st->pages, 1, doc);
    int rc;
    while ((rc = sqlite3_step(st->pages)) == SQLITE_ROW) {
        int64_t page = sqlite3_column_int64(st->pages, 0);
        int number = sqlite3_column_int(st->pages, 1);
        /* a page read from a PDF's text layer is typed text: no OCR confusions, no vie-model tones */
        int ocr = strcmp((const char *)sqlite3_column_text(st->pages, 2), "ocr") == 0 &&
                  !sqlite3_column_int(st->pages, 5);
        const char *text = (const char *)sqlite3_column_text(st->pages, 3);
        size_t tlen = (size_t)sqlite3_column_bytes(st->pages, 3);
        const void *raw = sqlite3_column_blob(st->pages, 4);
        size_t rawlen = (size_t)sqlite3_column_bytes(st->pages, 4);
        size_t len;
        char *src = nz_source_text(text ? text : "", tlen, ocr ? NULL : raw, rawlen, enc, ocr_enc, &len);
        nz_result r;
        int restore_ok = 1;
        if (src && o->restore && (!ocr || o->restore == NZ_RESTORE_AUTO) &&
            nz_marked_share(src, len) > NZ_CLEAN_SHARE)
            restore_ok = 0; /* written with diacritics: leave it */
        /* a text page of English-model OCR output (a .txt an archive kept) gets the OCR confusions too */
        int chan = ocr || (src && restore_ok && o->restore && nz_ocr_share(src, len) > NZ_OCR_SHARE);
        /* an OCR page with its marks, recognised with a Vietnamese model: only that model's dropped tone
         * marks are corrected (sô -> số, quyên -> quyền), where the language model is confident */
        if (ocr && !restore_ok && vie && o->restore) {
            chan = NZ_CHAN_VIE;
            restore_ok = 1;
        }
        if (!src || nz_text(src, len, chan, o, lm, restore_ok, &r)) {
            free(src);
            sqlite3_reset(st->pages);
            pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: not valid %s text", source, number, encname);
            return e->code;
        }
        free(src);
        int bad = nz_put_text(db, st->put_page, st->put_pfts, page, &r, encname, o, 1, e);
        nz_result_free(&r);
        if (bad) {
            sqlite3_reset(st->pages);
            return e->code;
        }
        sqlite3_bind_int64(st->lines, 1, page);
        while ((rc = sqlite3_step(st->lines)) == SQLITE_ROW) {
            int64_t line = sqlite3_column_int64(st->lines, 0);
            int lno = sqlite3_column_int(st->lines, 1);
            const char *lt = (const char *)sqlite3_column_text(st->lines, 2);
            size_t ll = (size_t)sqlite3_column_bytes(st->lines, 2);
            char *ls = nz_source_text(lt ? lt : "", ll, NULL, 0, ocr ? ENC_UTF8 : enc, ocr_enc, &len);
            if (!ls || nz_text(ls, len, chan, o, lm, restore_ok, &r)) {
                free(ls);
                sqlite3_reset(st->lines);
                sqlite3_reset(st->pages);
                pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: line %d: not valid %s text", source, number, lno,
                           encname);
                return e->code;
            }
            free(ls);
            bad = nz_put_text(db, st->put_line, st->put_lfts, line, &r, encname, o, 0, e);
            nz_result_free(&r);
            if (bad) {
                sqlite3_reset(st->lines);
                sqlite3_reset(st->pages);
                return e->code;
            }
        }
        sqlite3_reset(st->lines);
        if (rc != SQLITE_DONE) {
            sqlite3_reset(st->pages);
            db_fail(db, e, "reading lines");
            return e->code;
        }
    }
    sqlite3_reset(st->pages);
    if (rc != SQLITE_DONE) {
        db_fail(db, e, "reading pages");
        return e->code;
    }
    sqlite3_bind_int64(st->put_doc, 1, doc);
    db_bind_text(st->put_doc, 2, encname);
    if (margin >= 0)
        sqlite3_bind_int64(st->put_doc, 3, margin);
    else
        sqlite3_bind_null(st->put_doc, 3);
    db_bind_text(st->put_doc, 4, optstr);
    sqlite3_bind_int64(st->put_doc, 5, run);
    if (db_step_done(db, st->put_doc, e, "recording the document"))
        return e->code;
    return PP_OK;
}

int nz_document(nz_stmts *st, int64_t doc, const char *source, const nz_opts *o, const char *optstr,
                const lm_model *lm, int64_t run, pp_err *e)
{
    char *ocr_enc;
    int vie;
    if (nz_ocr_encoding(st, doc, &ocr_enc, &vie, e))
        return e->code;
    int rc = nz_doc_pages(st, doc, source, ocr_enc, vie, o, optstr, lm, run, e);
    free(ocr_enc);
    return rc;
}

