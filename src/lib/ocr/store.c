/* ocr/store.c (prefix store_) — see store.h. */
#include "ocr/store.h"
#include "core/strbuf.h"
#include "scan/table.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct pp_store {
    pp_db *db;
    sqlite3_stmt *find_doc, *find_page, *del_hash, *del_source, *ins_doc, *ins_page, *ins_line, *ins_word,
        *copy_lines, *copy_words, *doc_text, *load_page, *ins_table, *ins_cell, *ins_column, *ins_cell_word,
        *copy_tables, *copy_cells, *copy_columns, *copy_cell_words, *link_tables;
    char *key, *default_key; /* store_set_ocr_key */
};

int store_open(pp_db *db, pp_store **out, pp_err *e)
{
    pp_store *st = xcalloc(1, sizeof *st);
    st->db = db;
    *out = NULL;
    st->key = store_ocr_key("vie", NULL);
    st->default_key = store_ocr_key("vie", NULL);
    /* a scan counts as loaded (and its pages as recognised) only with the same OCR options */
    if (db_prepare(db, &st->find_doc, "SELECT id FROM documents WHERE hash = ?1 AND "
                                      "(format IN ('text','docx','odt','doc') OR coalesce(ocr_key, ?3) = ?2)", e) ||
        db_prepare(db, &st->find_page, "SELECT p.id FROM pages p JOIN documents d ON d.id = p.document_id "
                                       "WHERE p.hash = ?1 AND p.method = 'ocr' AND coalesce(d.ocr_key, ?3) = ?2 "
                                       "LIMIT 1", e) ||
        db_prepare(db, &st->del_hash, "DELETE FROM documents WHERE hash = ?", e) ||
        /* the older version is the one from the same absolute path (documents.source_abs; a document
         * from before that column: the same source, when that was given absolute) */
        db_prepare(db, &st->del_source,
                   "DELETE FROM documents WHERE hash <> ?2 AND (source_abs = ?1 OR (source_abs IS NULL AND source = ?1))",
                   e) ||
        db_prepare(db, &st->ins_doc,
                   "INSERT INTO documents(source, hash, format, bytes, encoding, page_count, run_id, ocr_key, source_abs) "
                   "VALUES (?,?,?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_page,
                   "INSERT INTO pages(document_id, number, hash, method, width, height, dpi, skew, confidence, "
                   "text, raw, ocr_ms, prep, orientation, orientation_conf, orientation_unsure, text_source, prep_unsure) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", e) ||
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
                   "SELECT width, height, dpi, skew, confidence, text, prep, orientation, orientation_conf, "
                   "orientation_unsure, text_source, prep_unsure FROM pages WHERE id = ?", e) ||
        db_prepare(db, &st->ins_table,
                   "INSERT INTO tables(page_id, number, x0, y0, x1, y1, n_rows, n_cols, header_row, method, continues) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_cell,
                   "INSERT INTO cells(table_id, row, col, row_span, col_span, x0, y0, x1, y1, text, confidence) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_column,
                   "INSERT INTO table_columns(table_id, col, x0, x1, field, heading) VALUES (?,?,?,?,?,?)", e) ||
        db_prepare(db, &st->ins_cell_word, "INSERT INTO cell_words(cell_id, word_id) VALUES (?,?)", e) ||
        db_prepare(db, &st->copy_tables,
                   "INSERT INTO tables(page_id, number, x0, y0, x1, y1, n_rows, n_cols, header_row, method, continues) "
                   "SELECT ?1, number, x0, y0, x1, y1, n_rows, n_cols, header_row, method, continues "
                   "FROM tables WHERE page_id = ?2 ORDER BY number", e) ||
        db_prepare(db, &st->copy_cells,
                   "INSERT INTO cells(table_id, row, col, row_span, col_span, x0, y0, x1, y1, text, confidence) "
                   "SELECT nt.id, c.row, c.col, c.row_span, c.col_span, c.x0, c.y0, c.x1, c.y1, c.text, c.confidence "
                   "FROM cells c JOIN tables ot ON c.table_id = ot.id JOIN tables nt ON nt.page_id = ?1 AND nt.number = ot.number "
                   "WHERE ot.page_id = ?2 ORDER BY c.id", e) ||
        db_prepare(db, &st->copy_columns,
                   "INSERT INTO table_columns(table_id, col, x0, x1, field, heading) "
                   "SELECT nt.id, tc.col, tc.x0, tc.x1, tc.field, tc.heading "
                   "FROM table_columns tc JOIN tables ot ON tc.table_id = ot.id JOIN tables nt ON nt.page_id = ?1 AND nt.number = ot.number "
                   "WHERE ot.page_id = ?2", e) ||
        db_prepare(db, &st->copy_cell_words,
                   "INSERT INTO cell_words(cell_id, word_id) "
                   "SELECT nc.id, nw.id FROM cell_words cw "
                   "JOIN cells oc ON oc.id = cw.cell_id JOIN tables ot ON ot.id = oc.table_id "
                   "JOIN tables nt ON nt.page_id = ?1 AND nt.number = ot.number "
                   "JOIN cells nc ON nc.table_id = nt.id AND nc.row = oc.row AND nc.col = oc.col "
                   "JOIN words ow ON ow.id = cw.word_id JOIN lines ol ON ol.id = ow.line_id "
                   "JOIN lines nl ON nl.page_id = ?1 AND nl.number = ol.number "
                   "JOIN words nw ON nw.line_id = nl.id AND nw.number = ow.number "
                   "WHERE ot.page_id = ?2", e) ||
        /* a continuing table (the first on its page) points at the last table of the page before */
        db_prepare(db, &st->link_tables,
                   "UPDATE tables SET continues_from = (SELECT t2.id FROM tables t2 JOIN pages p2 ON p2.id = t2.page_id "
                   "  JOIN pages p1 ON p1.id = tables.page_id "
                   "  WHERE p2.document_id = p1.document_id AND p2.number = p1.number - 1 ORDER BY t2.number DESC LIMIT 1) "
                   "WHERE continues = 1 AND page_id IN (SELECT id FROM pages WHERE document_id = ?1)", e)) {
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
                            st->ins_line, st->ins_word, st->copy_lines, st->copy_words, st->doc_text, st->load_page,
                            st->ins_table, st->ins_cell, st->ins_column, st->ins_cell_word, st->copy_tables,
                            st->copy_cells, st->copy_columns, st->copy_cell_words, st->link_tables };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    free(st->key);
    free(st->default_key);
    free(st);
}

char *store_ocr_key(const char *lang, const char *tessdata)
{
    return xasprintf("lang=%s;tessdata=%s;prep=%d", lang ? lang : "vie", tessdata ? tessdata : "",
                     STORE_OCR_PREP_VERSION);
}

void store_set_ocr_key(pp_store *st, const char *key)
{
    free(st->key);
    st->key = xstrdup(key);
}

static int find_id(pp_store *st, sqlite3_stmt *q, const char *hash, int64_t *id, pp_err *e)
{
    db_bind_text(q, 1, hash);
    db_bind_text(q, 2, st->key);
    db_bind_text(q, 3, st->default_key);
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

int store_replace_document(pp_store *st, const char *source_abs, const char *hash, pp_err *e)
{
    db_bind_text(st->del_hash, 1, hash);
    if (db_step_done(st->db, st->del_hash, e, "removing the previous load"))
        return e->code;
    db_bind_text(st->del_source, 1, source_abs);
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
    /* text and word-processor files are read, not recognised: no OCR key */
    int read = m->format && (!strcmp(m->format, "text") || !strcmp(m->format, "docx") || !strcmp(m->format, "odt") ||
                             !strcmp(m->format, "doc"));
    db_bind_text(q, 8, read ? NULL : st->key);
    db_bind_text(q, 9, m->source_abs);
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

static void bind_box4(sqlite3_stmt *q, int first, const pp_box *b)
{
    sqlite3_bind_int(q, first, b->x0);
    sqlite3_bind_int(q, first + 1, b->y0);
    sqlite3_bind_int(q, first + 2, b->x1);
    sqlite3_bind_int(q, first + 3, b->y1);
}

/* The page's tables, cells, columns and cell words (word_ids: database id of every page word, 0 when the
 * word was not stored). */
static int store_tables(pp_store *st, int64_t page_id, const pp_page *p, const int64_t *word_ids, pp_err *e)
{
    for (size_t i = 0; i < p->ntables; i++) {
        const pp_table *t = &p->tables[i];
        sqlite3_stmt *q = st->ins_table;
        sqlite3_bind_int64(q, 1, page_id);
        sqlite3_bind_int64(q, 2, (sqlite3_int64)i + 1);
        bind_box4(q, 3, &t->box);
        sqlite3_bind_int(q, 7, t->nrows);
        sqlite3_bind_int(q, 8, t->ncols);
        bind_int_or_null(q, 9, t->header_row >= 0, t->header_row);
        db_bind_text(q, 10, t->method);
        sqlite3_bind_int(q, 11, t->continues);
        if (db_step_done(st->db, q, e, "inserting a table"))
            return e->code;
        int64_t table_id = sqlite3_last_insert_rowid(st->db->h);
        for (int c = 0; c < t->ncols; c++) {
            q = st->ins_column;
            sqlite3_bind_int64(q, 1, table_id);
            sqlite3_bind_int(q, 2, c);
            sqlite3_bind_int(q, 3, t->colx[c]);
            sqlite3_bind_int(q, 4, t->colx[c + 1]);
            db_bind_text(q, 5, t->fields ? t->fields[c] : NULL);
            db_bind_text(q, 6, t->headings ? t->headings[c] : NULL);
            if (db_step_done(st->db, q, e, "inserting a table column"))
                return e->code;
        }
        for (size_t k = 0; k < t->ncells; k++) {
            const pp_cell *c = &t->cells[k];
            q = st->ins_cell;
            sqlite3_bind_int64(q, 1, table_id);
            sqlite3_bind_int(q, 2, c->row);
            sqlite3_bind_int(q, 3, c->col);
            sqlite3_bind_int(q, 4, c->rowspan);
            sqlite3_bind_int(q, 5, c->colspan);
            bind_box4(q, 6, &c->box);
            db_bind_text(q, 10, c->text ? c->text : "");
            if (c->has_conf)
                sqlite3_bind_double(q, 11, c->conf);
            else
                sqlite3_bind_null(q, 11);
            if (db_step_done(st->db, q, e, "inserting a table cell"))
                return e->code;
            int64_t cell_id = sqlite3_last_insert_rowid(st->db->h);
            for (size_t w = 0; w < c->nwords; w++) {
                size_t wi = c->first_word + w;
                if (wi >= p->nwords || !word_ids || !word_ids[wi])
                    continue;
                q = st->ins_cell_word;
                sqlite3_bind_int64(q, 1, cell_id);
                sqlite3_bind_int64(q, 2, word_ids[wi]);
                if (db_step_done(st->db, q, e, "linking a cell to its words"))
                    return e->code;
            }
        }
    }
    return PP_OK;
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
    if (p->prep)
        db_bind_text(q, 13, p->prep);
    else
        sqlite3_bind_null(q, 13);
    bind_int_or_null(q, 14, p->has_orient, p->orient);
    if (p->has_orient)
        sqlite3_bind_double(q, 15, p->orient_conf);
    else
        sqlite3_bind_null(q, 15);
    bind_int_or_null(q, 16, p->has_orient, p->orient_unsure);
    db_bind_text(q, 17, p->text_source ? p->text_source : ocr ? "ocr" : "file");
    if (p->unsure[0])
        db_bind_text(q, 18, p->unsure);
    else
        sqlite3_bind_null(q, 18);
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
        sqlite3_stmt *tq[] = { st->copy_tables, st->copy_cells, st->copy_columns, st->copy_cell_words };
        for (size_t i = 0; i < sizeof tq / sizeof tq[0]; i++) {
            sqlite3_bind_int64(tq[i], 1, page_id);
            sqlite3_bind_int64(tq[i], 2, p->reuse_page_id);
            if (db_step_done(st->db, tq[i], e, "copying tables"))
                return e->code;
        }
        return PP_OK;
    }
    /* word ids, for linking table cells to their words */
    int64_t *word_ids = p->ntables ? xcalloc(p->nwords ? p->nwords : 1, sizeof *word_ids) : NULL;
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
            if (db_step_done(st->db, q, e, "inserting a word")) {
                free(word_ids);
                return e->code;
            }
            if (word_ids)
                word_ids[l->first_word + k] = sqlite3_last_insert_rowid(st->db->h);
        }
    }
    int rc = p->ntables ? store_tables(st, page_id, p, word_ids, e) : PP_OK;
    free(word_ids);
    return rc;
}

int store_link_tables(pp_store *st, int64_t doc_id, pp_err *e)
{
    sqlite3_bind_int64(st->link_tables, 1, doc_id);
    return db_step_done(st->db, st->link_tables, e, "linking tables across pages");
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
    if (sqlite3_column_type(q, 6) != SQLITE_NULL)
        p->prep = xstrdup((const char *)sqlite3_column_text(q, 6));
    p->has_orient = sqlite3_column_type(q, 7) != SQLITE_NULL;
    p->orient = sqlite3_column_int(q, 7);
    p->orient_conf = (float)sqlite3_column_double(q, 8);
    p->orient_unsure = sqlite3_column_int(q, 9);
    /* the stored source outlives the statement only as one of the three names */
    const char *src = (const char *)sqlite3_column_text(q, 10);
    p->text_source = !src ? NULL : !strcmp(src, "pdf") ? "pdf" : !strcmp(src, "file") ? "file" : "ocr";
    const char *unsure = (const char *)sqlite3_column_text(q, 11);
    snprintf(p->unsure, sizeof p->unsure, "%s", unsure ? unsure : "");
    p->reuse_page_id = page_id;
    sqlite3_reset(q);
    return PP_OK;
}
