/* extract/extract_doc_open.c (prefix ex_) — what an extract run opens once and keeps for every document:
 * the rules and lists of the rules directory, and the statements and row batches it reads and writes
 * with (struct ex_stmts, extract-ll.h). */
#include "extract/extract-ll.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

/* ---------------- rules directory ---------------- */

int ex_rules_load(const char *dir, ex_rules *r, pp_err *e)
{
    memset(r, 0, sizeof *r);
    r->dir = xstrdup(dir);
    if (rl_load_dir(dir, &r->rules, e))
        return e->code;
    static const char *const names[] = { "bodies.txt", "provinces.txt", "kinds.txt", "indexes.txt",
                                         "deadlines.txt" };
    gz_list **dst[] = { &r->bodies, &r->provinces, &r->kinds, &r->indexes, &r->deadlines };
    for (int i = 0; i < 5; i++) {
        char *p = xasprintf("%s/%s", dir, names[i]);
        int rc = gz_load(p, dst[i], e);
        free(p);
        if (rc)
            return rc;
    }
    const gz_list *voc[] = { r->bodies, r->deadlines };
    xc_vocab_build(&r->vocab, voc, 2);
    return PP_OK;
}

void ex_rules_free(ex_rules *r)
{
    rl_free(r->rules);
    gz_free(r->bodies);
    gz_free(r->provinces);
    gz_free(r->kinds);
    gz_free(r->indexes);
    gz_free(r->deadlines);
    xc_vocab_free(&r->vocab);
    free(r->dir);
    memset(r, 0, sizeof *r);
}

/* ---------------- statements ---------------- */

int ex_stmts_open(pp_db *db, ex_stmts **out, pp_err *e)
{
    /* Every row this stage writes is a child of a row it wrote (or read) in the same transaction, so the
     * foreign keys hold by construction; checking them cost a tenth of the stage's time.  The deletes
     * below remove the children themselves instead of relying on ON DELETE CASCADE.  Other stages keep
     * enforcement on (db_open).
     * The same holds for the CHECK constraints (an item's kind, a body's role: this stage writes them
     * from constants).  Checking "role IN ('lead','support','monitor')" builds a temporary table for every
     * INSERT statement that runs it, and that was a seventh of the stage's instructions. */
    if (db_exec(db, "PRAGMA foreign_keys = OFF", e) || db_exec(db, "PRAGMA ignore_check_constraints = ON", e))
        return e->code;
    ex_stmts *s = xcalloc(1, sizeof *s);
    s->db = db;
    struct {
        sqlite3_stmt **st;
        const char *sql;
    } q[] = {
        /* the text restoration changed (pages_norm, lines_norm: parplan-normalize), else as written */
        { &s->pages, "SELECT id, number, method = 'text', coalesce((SELECT n.text FROM pages_norm n WHERE n.page_id "
                     "= p.id AND n.restored AND n.changed > 0), text) FROM pages p WHERE document_id = ?1 ORDER BY number" },
        { &s->lines, "SELECT number, coalesce((SELECT n.text FROM lines_norm n WHERE n.line_id = l.id AND n.restored "
                     "AND n.changed > 0), text), confidence FROM lines l WHERE page_id = ?1 ORDER BY number" },
        /* current: the same rules and program, and made after the document's last normalization (restored
         * text is what extraction reads, so a new normalization makes the extraction stale) */
        { &s->current, "SELECT rules_hash = ?2 AND version = ?3 AND coalesce(run_id, 0) >= coalesce((SELECT n.run_id FROM "
                       "documents_norm n WHERE n.document_id = ?1), 0) FROM extractions WHERE document_id = ?1" },
        /* foreign keys are not enforced on this connection (ex_stmts_open): the children go first */
        { &s->has_items, "SELECT 1 FROM items WHERE document_id = ?1 LIMIT 1" },
        { &s->del_targets, "DELETE FROM targets WHERE item_id IN (SELECT id FROM items WHERE document_id = ?1)" },
        { &s->del_item_bodies, "DELETE FROM item_bodies WHERE item_id IN (SELECT id FROM items WHERE document_id = ?1)" },
        { &s->del_items, "DELETE FROM items WHERE document_id = ?1" },
        { &s->del_extraction, "DELETE FROM extractions WHERE document_id = ?1" },
        { &s->ins_extraction, "INSERT INTO extractions (document_id, rules_hash, version, items, run_id, evidence) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6)" },
        { &s->upd_doc, "UPDATE documents SET kind = ?2, number = ?3, date = ?4, issuer = ?5, province = ?6, "
                       "title = ?7, period = ?8, number_note = ?9 WHERE id = ?1" },
        { &s->max_item, "SELECT coalesce(max(id), 0) FROM items" },
        { &s->body_find, "SELECT id FROM bodies WHERE province = ?1 AND name = ?2" },
        { &s->body_ins, "INSERT INTO bodies (province, name, known) VALUES (?1, ?2, ?3)" },
        { &s->source, "SELECT source FROM documents WHERE id = ?1" },
    };
    for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
        if (db_prepare(db, q[i].st, q[i].sql, e)) {
            ex_stmts_close(s);
            return e->code;
        }
    if (dbrows_open(db, "items",
                    "id, document_id, seq, parent_id, kind, level, code, code_inferred, title, target_text, "
                    "group_body_id, points_target, points_max, baseline_value, baseline_unit, baseline_year, "
                    "deadline, product, page, line, confidence, code_as_printed, evidence", 23, &s->items, e) ||
        dbrows_open(db, "targets", "item_id, seq, text, value, unit, op, year, rule", 8, &s->targets, e) ||
        dbrows_open(db, "item_bodies", "item_id, role, seq, body_id, text", 5, &s->item_bodies, e) ||
        et_stmts_open(db, &s->tables, e)) {
        ex_stmts_close(s);
        return e->code;
    }
    *out = s;
    return PP_OK;
}

void ex_stmts_close(ex_stmts *s)
{
    if (!s)
        return;
    sqlite3_stmt *all[] = { s->pages, s->lines, s->current, s->has_items, s->del_targets, s->del_item_bodies, s->del_items,
                            s->del_extraction, s->ins_extraction, s->upd_doc, s->max_item,
                            s->body_find, s->body_ins, s->source };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    dbrows *rows[] = { s->items, s->targets, s->item_bodies };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        dbrows_close(rows[i]);
    et_stmts_close(&s->tables);
    strmap_clear(&s->bodies);
    free(s);
}

int ex_is_current(ex_stmts *s, int64_t doc_id, const char *rules_hash, pp_err *e)
{
    sqlite3_bind_int64(s->current, 1, doc_id);
    db_bind_text(s->current, 2, rules_hash);
    db_bind_text(s->current, 3, PARPLAN_VERSION);
    int rc = sqlite3_step(s->current);
    int cur = rc == SQLITE_ROW && sqlite3_column_int(s->current, 0);
    sqlite3_reset(s->current);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return -db_fail(s->db, e, "reading extractions");
    return cur;
}
