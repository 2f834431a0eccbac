/* db/merge.c (prefix merge_) — see merge.h. */
#include "db/merge.h"

#include <string.h>

static const char *const copy_sql[] = {
    "INSERT INTO main.pages(document_id, number, hash, method, width, height, dpi, skew, confidence, text, raw, ocr_ms, "
    "prep, orientation, orientation_conf, orientation_unsure, text_source, prep_unsure) "
    "SELECT ?1, number, hash, method, width, height, dpi, skew, confidence, text, raw, ocr_ms, "
    "prep, orientation, orientation_conf, orientation_unsure, text_source, prep_unsure "
    "FROM src.pages WHERE document_id = ?2 ORDER BY number",
    "INSERT INTO main.lines(page_id, number, text, x0, y0, x1, y1, confidence) "
    "SELECT np.id, l.number, l.text, l.x0, l.y0, l.x1, l.y1, l.confidence FROM src.lines l "
    "JOIN src.pages sp ON sp.id = l.page_id JOIN main.pages np ON np.document_id = ?1 AND np.number = sp.number "
    "WHERE sp.document_id = ?2 ORDER BY sp.number, l.number",
    "INSERT INTO main.words(line_id, number, text, x0, y0, x1, y1, confidence) "
    "SELECT nl.id, w.number, w.text, w.x0, w.y0, w.x1, w.y1, w.confidence FROM src.words w "
    "JOIN src.lines sl ON sl.id = w.line_id JOIN src.pages sp ON sp.id = sl.page_id "
    "JOIN main.pages np ON np.document_id = ?1 AND np.number = sp.number "
    "JOIN main.lines nl ON nl.page_id = np.id AND nl.number = sl.number "
    "WHERE sp.document_id = ?2 ORDER BY sp.number, sl.number, w.number",
    /* Ruled tables: matched by page number and table number, cells by grid position. */
    "INSERT INTO main.tables(page_id, number, x0, y0, x1, y1, n_rows, n_cols, header_row, method, continues) "
    "SELECT np.id, t.number, t.x0, t.y0, t.x1, t.y1, t.n_rows, t.n_cols, t.header_row, t.method, t.continues "
    "FROM src.tables t JOIN src.pages sp ON sp.id = t.page_id "
    "JOIN main.pages np ON np.document_id = ?1 AND np.number = sp.number WHERE sp.document_id = ?2 "
    "ORDER BY sp.number, t.number",
    "INSERT INTO main.cells(table_id, row, col, row_span, col_span, x0, y0, x1, y1, text, confidence) "
    "SELECT nt.id, c.row, c.col, c.row_span, c.col_span, c.x0, c.y0, c.x1, c.y1, c.text, c.confidence "
    "FROM src.cells c JOIN src.tables t ON t.id = c.table_id JOIN src.pages sp ON sp.id = t.page_id "
    "JOIN main.pages np ON np.document_id = ?1 AND np.number = sp.number "
    "JOIN main.tables nt ON nt.page_id = np.id AND nt.number = t.number WHERE sp.document_id = ?2",
    "INSERT INTO main.table_columns(table_id, col, x0, x1, field, heading) "
    "SELECT nt.id, tc.col, tc.x0, tc.x1, tc.field, tc.heading "
    "FROM src.table_columns tc JOIN src.tables t ON t.id = tc.table_id JOIN src.pages sp ON sp.id = t.page_id "
    "JOIN main.pages np ON np.document_id = ?1 AND np.number = sp.number "
    "JOIN main.tables nt ON nt.page_id = np.id AND nt.number = t.number WHERE sp.document_id = ?2",
    "INSERT INTO main.cell_words(cell_id, word_id) "
    "SELECT nc.id, nw.id FROM src.cell_words cw "
    "JOIN src.cells c ON c.id = cw.cell_id JOIN src.tables t ON t.id = c.table_id "
    "JOIN src.words w ON w.id = cw.word_id JOIN src.lines sl ON sl.id = w.line_id "
    "JOIN src.pages sp ON sp.id = t.page_id "
    "JOIN main.pages np ON np.document_id = ?1 AND np.number = sp.number "
    "JOIN main.tables nt ON nt.page_id = np.id AND nt.number = t.number "
    "JOIN main.cells nc ON nc.table_id = nt.id AND nc.row = c.row AND nc.col = c.col "
    "JOIN main.lines nl ON nl.page_id = np.id AND nl.number = sl.number "
    "JOIN main.words nw ON nw.line_id = nl.id AND nw.number = w.number WHERE sp.document_id = ?2",
    /* A table continued from the previous page points at that page's copy. */
    "UPDATE main.tables SET continues_from = ("
    "  SELECT nt2.id FROM src.tables st JOIN src.pages sp ON sp.id = st.page_id "
    "  JOIN src.tables sf ON sf.id = st.continues_from JOIN src.pages sfp ON sfp.id = sf.page_id "
    "  JOIN main.pages np2 ON np2.document_id = ?1 AND np2.number = sfp.number "
    "  JOIN main.tables nt2 ON nt2.page_id = np2.id AND nt2.number = sf.number "
    "  WHERE sp.document_id = ?2 AND st.number = main.tables.number "
    "    AND sp.number = (SELECT number FROM main.pages WHERE id = main.tables.page_id)) "
    "WHERE page_id IN (SELECT id FROM main.pages WHERE document_id = ?1)",
};
#define NCOPY (sizeof copy_sql / sizeof copy_sql[0])

static int check_source(const char *in_path, pp_err *e)
{
    pp_db *in = NULL;
    /* Opening read-write migrates an older shard to our schema first; a newer one is refused. */
    if (db_open(in_path, DB_READWRITE, &in, e))
        return e->code;
    db_close(in);
    return PP_OK;
}

typedef struct copy_arg {
    pp_db *out;
    sqlite3_stmt *ins_doc, **copy;
    sqlite3_int64 src_id;
} copy_arg;

/* One shard document with its pages, lines, words and tables, in the transaction db_transaction holds. */
static int copy_document(void *ctx, pp_err *e)
{
    copy_arg *c = ctx;
    sqlite3_bind_int64(c->ins_doc, 1, c->src_id);
    if (db_step_done(c->out, c->ins_doc, e, "copying a document"))
        return e->code;
    sqlite3_int64 new_id = sqlite3_last_insert_rowid(c->out->h);
    for (size_t i = 0; i < NCOPY; i++) {
        sqlite3_bind_int64(c->copy[i], 1, new_id);
        sqlite3_bind_int64(c->copy[i], 2, c->src_id);
        if (db_step_done(c->out, c->copy[i], e, "copying pages, lines and words"))
            return e->code;
    }
    return PP_OK;
}

int merge_database(pp_db *out, const char *in_path, pp_merge_stats *st, pp_err *e)
{
    memset(st, 0, sizeof *st);
    if (check_source(in_path, e))
        return e->code;
    sqlite3_stmt *attach = NULL, *list = NULL, *exists = NULL, *ins_doc = NULL, *copy[NCOPY] = { 0 };
    int rc = PP_OK;
    if (db_prepare(out, &attach, "ATTACH DATABASE ? AS src", e))
        return e->code;
    db_bind_text(attach, 1, in_path);
    rc = db_step_done(out, attach, e, "attaching the shard");
    sqlite3_finalize(attach);
    if (rc)
        return rc;
    if (db_prepare(out, &list, "SELECT id, hash FROM src.documents ORDER BY id", e) ||
        db_prepare(out, &exists, "SELECT 1 FROM main.documents WHERE hash = ?", e) ||
        db_prepare(out, &ins_doc,
                   "INSERT INTO main.documents(source, hash, format, bytes, encoding, page_count, kind, province, "
                   "issuer, number, date, title, period, loaded_at, ocr_key, source_abs) SELECT source, hash, format, "
                   "bytes, encoding, page_count, kind, province, issuer, number, date, title, period, loaded_at, "
                   "ocr_key, source_abs "
                   "FROM src.documents WHERE id = ?", e))
        goto done;
    for (size_t i = 0; i < NCOPY; i++)
        if (db_prepare(out, &copy[i], copy_sql[i], e))
            goto done;
    int step;
    while ((step = sqlite3_step(list)) == SQLITE_ROW) {
        sqlite3_int64 src_id = sqlite3_column_int64(list, 0);
        db_bind_text(exists, 1, (const char *)sqlite3_column_text(list, 1));
        int dup = sqlite3_step(exists) == SQLITE_ROW;
        sqlite3_reset(exists);
        if (dup) {
            st->duplicates++;
            continue;
        }
        copy_arg c = { out, ins_doc, copy, src_id };
        if (db_transaction(out, copy_document, &c, e))
            goto done;
        st->copied++;
    }
    if (step != SQLITE_DONE)
        db_fail(out, e, "reading the shard's documents");
done:
    rc = e->code;
    sqlite3_finalize(list);
    sqlite3_finalize(exists);
    sqlite3_finalize(ins_doc);
    for (size_t i = 0; i < NCOPY; i++)
        sqlite3_finalize(copy[i]);
    sqlite3_exec(out->h, "DETACH DATABASE src", NULL, NULL, NULL);
    return rc;
}
