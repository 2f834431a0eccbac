/* extract/extract_doc.c (prefix ex_) — extracting one document (extract_doc.h): its lines read from the
 * database and segmented, its fields found, an earlier extraction's rows removed, then every item's rows
 * and the extraction row written in the caller's transaction.  The pieces are in extract_doc_*.c
 * (extract-ll.h).
 *
 * Fields are found on the folded text and cut out of the original through the fold map, so a value is
 * always the text as written (diacritics, case, OCR damage and all) and its source span points at it.
 * Labels ("Mục tiêu:", "Đơn vị chủ trì:", "Thời gian hoàn thành:") slice an item's body into regions;
 * target, points and baseline rules run in the target region, bodies are split and resolved against
 * rules/bodies.txt in the lead / support regions.  Table rows take their regions from their cells. */
#include "extract/extract-ll.h"
#include "core/lines.h"
#include "db/db.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* the sources' names of the document fields, in D_ order (extract-ll.h) */
static const char *const ex_dnames[D_N] = { "kind", "number", "date", "issuer", "province", "title", "period",
                                             "number_note" };

/* The lines of an OCR'd page, with their confidences. */
static int ex_load_page_lines(ex_doc *x, int64_t page_id, int page)
{
    sqlite3_stmt *q = x->st->lines;
    sqlite3_bind_int64(q, 1, page_id);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *s = (const char *)sqlite3_column_text(q, 1);
        size_t n = (size_t)sqlite3_column_bytes(q, 1);
        double conf = sqlite3_column_type(q, 2) == SQLITE_NULL ? -1 : sqlite3_column_double(q, 2);
        sg_doc_append(&x->d, s ? s : "", s ? n : 0, page, sqlite3_column_int(q, 0), conf);
    }
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? PP_OK : db_fail(x->st->db, x->e, "reading lines");
}

/* A text page's lines are its text split as the OCR stage split it (lines_next), so they are read
 * from the one page row rather than line by line; an OCR'd page's lines carry confidences and are read
 * from the lines table. */
static int ex_load_lines(ex_doc *x)
{
    sqlite3_stmt *q = x->st->pages;
    sqlite3_bind_int64(q, 1, x->doc_id);
    int rc, err = PP_OK;
    while (!err && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        int page = sqlite3_column_int(q, 1);
        if (!sqlite3_column_int(q, 2)) {
            err = ex_load_page_lines(x, sqlite3_column_int64(q, 0), page);
            continue;
        }
        const char *s = (const char *)sqlite3_column_text(q, 3), *line;
        const char *end = s ? s + sqlite3_column_bytes(q, 3) : NULL;
        size_t n;
        int number = 1;
        for (int first = 1; lines_next(&s, end, first, &line, &n); first = 0)
            sg_doc_append(&x->d, line, n, page, number++, -1);
    }
    sqlite3_reset(q);
    if (err)
        return err;
    if (rc != SQLITE_DONE)
        return db_fail(x->st->db, x->e, "reading pages");
    size_t bad;
    if (sg_doc_fold(&x->d, &bad))
        return pp_err_set(x->e, PP_EXIT_INPUT, "page %d line %d: not valid UTF-8", x->d.lines[bad].page,
                          x->d.lines[bad].number);
    return PP_OK;
}

static int ex_strp_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void ex_rolled_back(ex_stmts *s)
{
    assert(s->bodies_mark <= strmap_count(&s->bodies)); /* the map only grows while a document is written */
    strmap_truncate(&s->bodies, s->bodies_mark);
}

int ex_document(ex_stmts *s, ex_rules *r, int64_t doc_id, int64_t run_id, int *nitems, pp_err *e)
{
    s->bodies_mark = strmap_count(&s->bodies); /* the documents before were committed */
    ex_doc x;
    memset(&x, 0, sizeof x);
    x.st = s;
    x.r = r;
    x.doc_id = doc_id;
    x.e = e;
    sg_doc_init(&x.d);
    ex_docf df;
    memset(&df, 0, sizeof df);
    int64_t *ids = NULL;
    int rc = ex_load_lines(&x);
    if (!rc)
        rc = et_load(&s->tables, doc_id, &x.d, &x.tt, e);
    if (!rc)
        rc = sg_relayout(&x.d, r->rules, e);
    if (!rc)
        rc = sg_segment(&x.d, r->rules, r->bodies, &x.t, e);
    if (rc)
        goto out;
    ex_docfields(&x, &df);
    if (!df.v[D_PROVINCE]) {
        sqlite3_bind_int64(s->source, 1, doc_id);
        if (sqlite3_step(s->source) == SQLITE_ROW)
            df.v[D_PROVINCE] = ex_province_of_path(r->provinces, (const char *)sqlite3_column_text(s->source, 0));
        sqlite3_reset(s->source);
        df.rule[D_PROVINCE] = "path"; /* no span in the text: no source row (ex_source skips empty spans) */
        assert(df.sp[D_PROVINCE].b <= df.sp[D_PROVINCE].a);
    }
    x.province = df.v[D_PROVINCE];
    x.width = xc_width(&x.d);
    x.labelled = -1;
    x.colon_labels = -1;
    /* an earlier extraction's rows go; a document never extracted has none (a bulk load's case) and
     * skips the deletes, whose "IN (SELECT ...)" each build a temporary table */
    sqlite3_bind_int64(s->has_items, 1, doc_id);
    int had = sqlite3_step(s->has_items);
    sqlite3_reset(s->has_items);
    if (had != SQLITE_ROW && had != SQLITE_DONE) {
        rc = db_fail(s->db, e, "reading items");
        goto out;
    }
    sqlite3_stmt *dq[] = { s->del_extraction, s->del_targets, s->del_item_bodies, s->del_items };
    for (int i = 0; i < (had == SQLITE_ROW ? 4 : 1) && !rc; i++) {
        sqlite3_bind_int64(dq[i], 1, doc_id);
        rc = db_step_done(s->db, dq[i], e, "removing an earlier extraction");
    }
    if (rc)
        goto out;
    if (sqlite3_step(s->max_item) != SQLITE_ROW) {
        rc = db_fail(s->db, e, "reading item ids");
        sqlite3_reset(s->max_item);
        goto out;
    }
    x.next_item = sqlite3_column_int64(s->max_item, 0) + 1;
    sqlite3_reset(s->max_item);
    sqlite3_bind_int64(s->upd_doc, 1, doc_id);
    /* the fields in D_ order are the statement's ?2 .. ?9 (ex_stmts_open) */
    _Static_assert(D_N == 8, "upd_doc sets eight document fields");
    for (int k = 0; k < D_N; k++)
        db_bind_text(s->upd_doc, k + 2, df.v[k]);
    if ((rc = db_step_done(s->db, s->upd_doc, e, "writing document fields")))
        goto out;
    /* when the document carries a coded table (its appendix), the table is the list of items: prose items
     * with the same codes are the plan's narrative of the same tasks */
    int ncols = 0;
    for (size_t i = 0; i < x.t.n; i++)
        if (x.t.v[i].kind == SG_ROW && x.t.v[i].ncells > ncols)
            ncols = x.t.v[i].ncells;
    ids = xcalloc(x.t.n + 1, sizeof *ids);
    int count = 0;
    /* the row codes, sorted, to look prose codes up in (a document can hold thousands of items) */
    /* (a row coded by its group's path, "I.1", is looked up by its printed code "1" as well) */
    const char **rows = xcalloc(2 * x.t.n + 1, sizeof *rows);
    size_t nrows = 0;
    for (size_t i = 0; i < x.t.n; i++)
        if (x.t.v[i].kind == SG_ROW) {
            rows[nrows++] = x.t.v[i].code;
            if (x.t.v[i].printed[0])
                rows[nrows++] = x.t.v[i].printed;
        }
    if (nrows)
        qsort(rows, nrows, sizeof *rows, ex_strp_cmp);
    for (size_t i = 0; i < x.t.n && !rc; i++) {
        if (nrows && x.t.v[i].kind == SG_ITEM) {
            const char *c = x.t.v[i].code;
            if (bsearch(&c, rows, nrows, sizeof *rows, ex_strp_cmp))
                continue;
        }
        rc = ex_item_store(&x, i, ids, ncols);
        count++;
    }
    free(rows);
    /* parents before children, though no foreign key is checked on the way (ex_stmts_open) */
    if (!rc)
        rc = dbrows_flush(s->items, e, "writing items");
    if (!rc)
        rc = dbrows_flush(s->targets, e, "writing targets");
    if (!rc)
        rc = dbrows_flush(s->item_bodies, e, "writing item bodies");
    /* the document fields' sources, in the extraction row */
    for (int k = 0; k < D_N && !rc; k++)
        if (df.v[k])
            rc = ex_source(&x, ex_dnames[k], 0, df.rule[k], df.sp[k]);
    if (rc)
        goto out;
    const char *ev;
    size_t nev;
    ex_sources_end(&x, &ev, &nev);
    sqlite3_bind_int64(s->ins_extraction, 1, doc_id);
    db_bind_text(s->ins_extraction, 2, r->rules->hash);
    db_bind_text(s->ins_extraction, 3, PARPLAN_VERSION);
    sqlite3_bind_int(s->ins_extraction, 4, count);
    if (run_id > 0)
        sqlite3_bind_int64(s->ins_extraction, 5, run_id);
    else
        sqlite3_bind_null(s->ins_extraction, 5);
    db_bind_textn(s->ins_extraction, 6, ev, nev);
    rc = db_step_done(s->db, s->ins_extraction, e, "writing the extraction");
    *nitems = count;
out:
    /* rows of a document that failed part-way are not written with the next one */
    dbrows_discard(s->items);
    dbrows_discard(s->targets);
    dbrows_discard(s->item_bodies);
    sb_free(&x.ev);
    for (int k = 0; k < D_N; k++)
        free(df.v[k]);
    free(ids);
    xc_doc_free(&x.xd);
    sg_tree_free(&x.t);
    sg_doc_free(&x.d);
    et_free(&x.tt);
    return rc;
}
