/* store.c — see store.h. */
#include "store.h"
#include "strbuf.h"

#include <stdlib.h>

struct pp_store {
    pp_db *db;
    sqlite3_stmt *find_doc, *find_page, *del_hash, *del_source, *ins_doc, *ins_page, *ins_line, *ins_word,
        *copy_lines, *copy_words, *doc_text, *load_page;
};

int store_open(pp_db *db, pp_store **out, pp_err *e)
{
    pp_store *st = xcalloc(1, sizeof *st);
    st->db = db;
    *out = NULL;
    if (db_prepare(db, &st->find_doc, "SELECT id FROM documents WHERE hash = ?", e) ||
        db_prepare(db, &st->find_page, "SELECT id FROM pages WHERE hash = ? AND method = 'ocr' LIMIT 1", e) ||
        db_prepare(db, &st->del_hash, "DELETE FROM documents WHERE hash = ?", e) ||
        db_prepare(db, &st->del_source, "DELETE FROM documents WHERE source = ? AND hash <> ?", e) ||
        db_prepare(db, &st->ins_doc,
                   "INSERT INTO documents(source, hash, format, bytes, encoding, page_count, run_id) "
                   "VALUES (?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_page,
                   "INSERT INTO pages(document_id, number, hash, method, width, height, dpi, skew, confidence, "
                   "text, raw, ocr_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_line,
                   "INSERT INTO lines(page_id, number, text, x0, y0, x1, y1, confidence) VALUES (?,?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_word,
                   "INSERT INTO words(line_id, number, text, x0, y0, x1, y1, confidence) VALUES (?,?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->copy_lines,
                   "INSERT INTO lines(page_id, number, text, x0, y0, x1, y1, confidence) "
                   "SELECT ?1, number, text, x0, y0, x1, y1, confidence FROM lines WHERE page_id = ?2 ORDER BY number", e) ||
        db_prepare(db, &st->copy_words,
                   "INSERT INTO words(line_id, number, text, x0, y0, x1, y1, confidence) "
                   "SELECT nl.id, w.number, w.text, w.x0, w.y0, w.x1, w.y1, w.confidence "
                   "FROM words w JOIN lines ol ON w.line_id = ol.id JOIN lines nl ON nl.page_id = ?1 AND nl.number = ol.number "
                   "WHERE ol.page_id = ?2 ORDER BY w.id", e) ||
        db_prepare(db, &st->doc_text, "SELECT text FROM pages WHERE document_id = ? ORDER BY number", e) ||
        db_prepare(db, &st->load_page,
                   "SELECT width, height, dpi, skew, confidence, text FROM pages WHERE id = ?", e)) {
        store_close(st);
        return e->code;
    }
    *out = st;
    return PP_OK;
}

void store_close(pp_store *st)
{
    if (!st)
        return;
    sqlite3_stmt *all[] = { st->find_doc, st->find_page, st->del_hash, st->del_source, st->ins_doc, st->ins_page,
                            st->ins_line, st->ins_word, st->copy_lines, st->copy_words, st->doc_text, st->load_page };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    free(st);
}

static int find_id(pp_store *st, sqlite3_stmt *q, const char *hash, int64_t *id, pp_err *e)
{
    db_bind_text(q, 1, hash);
    int rc = sqlite3_step(q);
    int found = 0;
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(q, 0);
        found = 1;
    } else if (rc != SQLITE_DONE) {
        db_fail(st->db, e, "looking up a content hash");
        found = -1;
    }
    sqlite3_reset(q);
    return found;
}

int store_find_document(pp_store *st, const char *hash, int64_t *id, pp_err *e)
{
    return find_id(st, st->find_doc, hash, id, e);
}

int store_find_ocr_page(pp_store *st, const char *hash, int64_t *page_id, pp_err *e)
{
    return find_id(st, st->find_page, hash, page_id, e);
}

int store_replace_document(pp_store *st, const char *source, const char *hash, pp_err *e)
{
    db_bind_text(st->del_hash, 1, hash);
    if (db_step_done(st->db, st->del_hash, e, "removing the previous load"))
        return e->code;
    db_bind_text(st->del_source, 1, source);
    db_bind_text(st->del_source, 2, hash);
    return db_step_done(st->db, st->del_source, e, "removing an older version of the document");
}

int store_insert_document(pp_store *st, const pp_docmeta *m, int64_t *doc_id, pp_err *e)
{
    sqlite3_stmt *q = st->ins_doc;
    db_bind_text(q, 1, m->source);
    db_bind_text(q, 2, m->hash);
    db_bind_text(q, 3, m->format);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)m->bytes);
    db_bind_text(q, 5, m->encoding);
    sqlite3_bind_int(q, 6, m->page_count);
    if (m->run_id > 0)
        sqlite3_bind_int64(q, 7, m->run_id);
    else
        sqlite3_bind_null(q, 7);
    if (db_step_done(st->db, q, e, "inserting a document"))
        return e->code;
    *doc_id = sqlite3_last_insert_rowid(st->db->h);
    return PP_OK;
}

static void bind_int_or_null(sqlite3_stmt *q, int i, int has, long v)
{
    if (has)
        sqlite3_bind_int64(q, i, v);
    else
        sqlite3_bind_null(q, i);
}

static void bind_box(sqlite3_stmt *q, int first, int has, const pp_box *b)
{
    bind_int_or_null(q, first, has, b->x0);
    bind_int_or_null(q, first + 1, has, b->y0);
    bind_int_or_null(q, first + 2, has, b->x1);
    bind_int_or_null(q, first + 3, has, b->y1);
}

int store_insert_page(pp_store *st, int64_t doc_id, const pp_page *p, pp_err *e)
{
    sqlite3_stmt *q = st->ins_page;
    int ocr = p->method[0] == 'o';
    sqlite3_bind_int64(q, 1, doc_id);
    sqlite3_bind_int(q, 2, p->number);
    db_bind_text(q, 3, p->hash);
    db_bind_text(q, 4, p->method);
    bind_int_or_null(q, 5, ocr, p->width);
    bind_int_or_null(q, 6, ocr, p->height);
    bind_int_or_null(q, 7, ocr, p->dpi);
    if (p->has_skew)
        sqlite3_bind_double(q, 8, p->skew);
    else
        sqlite3_bind_null(q, 8);
    if (p->has_conf)
        sqlite3_bind_double(q, 9, p->conf);
    else
        sqlite3_bind_null(q, 9);
    db_bind_textn(q, 10, p->text ? p->text : "", p->text_len);
    if (p->raw)
        sqlite3_bind_blob64(q, 11, p->raw, p->raw_len, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, 11);
    bind_int_or_null(q, 12, ocr, p->ms);
    if (db_step_done(st->db, q, e, "inserting a page"))
        return e->code;
    int64_t page_id = sqlite3_last_insert_rowid(st->db->h);

    if (p->reuse_page_id > 0) {
        sqlite3_bind_int64(st->copy_lines, 1, page_id);
        sqlite3_bind_int64(st->copy_lines, 2, p->reuse_page_id);
        sqlite3_bind_int64(st->copy_words, 1, page_id);
        sqlite3_bind_int64(st->copy_words, 2, p->reuse_page_id);
        if (db_step_done(st->db, st->copy_lines, e, "copying OCR lines") ||
            db_step_done(st->db, st->copy_words, e, "copying OCR words"))
            return e->code;
        return PP_OK;
    }
    for (size_t i = 0; i < p->nlines; i++) {
        const pp_line *l = &p->lines[i];
        q = st->ins_line;
        sqlite3_bind_int64(q, 1, page_id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i + 1);
        db_bind_textn(q, 3, l->text, l->len);
        bind_box(q, 4, l->has_box, &l->box);
        if (l->has_box)
            sqlite3_bind_double(q, 8, l->conf);
        else
            sqlite3_bind_null(q, 8);
        if (db_step_done(st->db, q, e, "inserting a line"))
            return e->code;
        int64_t line_id = sqlite3_last_insert_rowid(st->db->h);
        for (size_t k = 0; k < l->nwords; k++) {
            const pp_word *w = &p->words[l->first_word + k];
            q = st->ins_word;
            sqlite3_bind_int64(q, 1, line_id);
            sqlite3_bind_int64(q, 2, (sqlite3_int64)k + 1);
            db_bind_text(q, 3, w->text);
            bind_box(q, 4, 1, &w->box);
            sqlite3_bind_double(q, 8, w->conf);
            if (db_step_done(st->db, q, e, "inserting a word"))
                return e->code;
        }
    }
    return PP_OK;
}

char *store_document_text(pp_store *st, int64_t doc_id, pp_err *e)
{
    strbuf sb = STRBUF_INIT;
    sqlite3_stmt *q = st->doc_text;
    sqlite3_bind_int64(q, 1, doc_id);
    int rc, first = 1;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (!first)
            sb_addc(&sb, '\f');
        first = 0;
        sb_add(&sb, sqlite3_column_text(q, 0), (size_t)sqlite3_column_bytes(q, 0));
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE) {
        db_fail(st->db, e, "reading page text");
        sb_free(&sb);
        return NULL;
    }
    return sb_detach(&sb, NULL);
}

int store_load_page(pp_store *st, int64_t page_id, pp_page *p, pp_err *e)
{
    sqlite3_stmt *q = st->load_page;
    sqlite3_bind_int64(q, 1, page_id);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW) {
        if (rc == SQLITE_DONE)
            pp_err_set(e, PP_EXIT_INTERNAL, "page %lld vanished from the database", (long long)page_id);
        else
            db_fail(st->db, e, "reading a stored page");
        sqlite3_reset(q);
        return e->code;
    }
    p->width = sqlite3_column_int(q, 0);
    p->height = sqlite3_column_int(q, 1);
    p->dpi = sqlite3_column_int(q, 2);
    p->has_skew = sqlite3_column_type(q, 3) != SQLITE_NULL;
    p->skew = sqlite3_column_double(q, 3);
    p->has_conf = sqlite3_column_type(q, 4) != SQLITE_NULL;
    p->conf = sqlite3_column_double(q, 4);
    p->text_len = (size_t)sqlite3_column_bytes(q, 5);
    p->text = xstrndup((const char *)sqlite3_column_text(q, 5), p->text_len);
    p->reuse_page_id = page_id;
    sqlite3_reset(q);
    return PP_OK;
}
