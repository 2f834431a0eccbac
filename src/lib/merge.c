/* merge.c — see merge.h. */
#include "merge.h"

#include <string.h>

static const char *const copy_sql[] = {
    "INSERT INTO main.pages(document_id, number, hash, method, width, height, dpi, skew, confidence, text, raw, ocr_ms) "
    "SELECT ?1, number, hash, method, width, height, dpi, skew, confidence, text, raw, ocr_ms "
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
};
#define NCOPY (sizeof copy_sql / sizeof copy_sql[0])

static int check_source(pp_db *out, const char *in_path, pp_err *e)
{
    pp_db *in = NULL;
    /* Opening read-write migrates an older shard to our schema first; a newer one is refused. */
    if (db_open(in_path, DB_READWRITE, &in, e))
        return e->code;
    db_close(in);
    return PP_OK;
}

int merge_database(pp_db *out, const char *in_path, pp_merge_stats *st, pp_err *e)
{
    memset(st, 0, sizeof *st);
    if (check_source(out, in_path, e))
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
                   "issuer, number, date, title, period, loaded_at) SELECT source, hash, format, bytes, encoding, "
                   "page_count, kind, province, issuer, number, date, title, period, loaded_at "
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
        if (db_begin(out, e))
            goto done;
        sqlite3_bind_int64(ins_doc, 1, src_id);
        if (db_step_done(out, ins_doc, e, "copying a document")) {
            db_rollback(out);
            goto done;
        }
        sqlite3_int64 new_id = sqlite3_last_insert_rowid(out->h);
        for (size_t i = 0; i < NCOPY; i++) {
            sqlite3_bind_int64(copy[i], 1, new_id);
            sqlite3_bind_int64(copy[i], 2, src_id);
            if (db_step_done(out, copy[i], e, "copying pages, lines and words")) {
                db_rollback(out);
                goto done;
            }
        }
        if (db_commit(out, e))
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
