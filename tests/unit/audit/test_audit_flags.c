/* test_audit_flags.c — each flag of audit_flags.h on a small database made here with SQL, read through the
 * records builder as the audit reads it: an inferred code, a value from a table's leftovers and one from the
 * column's prior rows, a low OCR confidence, a body whose canonical name differs from the words written, an
 * item without a lead (a section without one is not flagged), a target whose number was not parsed; the
 * restored flag from an item's as-written text; and a clean item with no flag at all.  Also a rejected
 * item: left out of the records, kept with rec_keep_rejected, taken back by a later acceptance.  And the
 * orientation flag: a value read from a page whose orientation the OCR stage was unsure of (pages.
 * orientation_unsure), through af_item and through af_source (the report's path). */
#include "check.h"
#include "audit/audit_flags.h"
#include "db/db.h"
#include "records/recbuild.h"
#include "records/review.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char fixture[] =
    "INSERT INTO documents(id, source, hash, format, bytes, page_count) VALUES (1, 'a.txt', 'h1', 'text', 1, 1);"
    "INSERT INTO extractions(document_id, rules_hash, version, items) VALUES (1, 'r', 'v', 4);"
    "INSERT INTO bodies(id, name) VALUES (1, 'Sở Nội vụ'), (2, 'Sở Khoa học và Công nghệ');"
    /* 11 clean; 12 inferred code, leftover support, prior deadline, low title; 13 canonical lead, bad target;
     * 14 no lead; 15 a section without lead */
    "INSERT INTO items(id, document_id, seq, kind, level, code, code_inferred, title, deadline, evidence) VALUES"
    " (11, 1, 1, 'item', 1, '1.', 0, 'Một', NULL, json('[[\"title\",1,\"heading\",null,1,1,0,null,null,95]]')),"
    " (12, 1, 2, 'item', 1, '2.', 1, 'Hai', '2025', json('[[\"code.inferred\",1,\"inferred\",\"2.\",1,2,0,null,"
    "null,null],[\"title\",1,\"heading\",null,1,2,0,null,null,41.5],[\"support\",1,\"columns.leftover\",\"Sở X\","
    "1,2,0,null,null,90],[\"deadline\",1,\"columns.prior\",\"2025\",1,2,0,null,null,90]]')),"
    " (13, 1, 3, 'item', 1, '3.', 0, 'Ba', NULL, NULL),"
    " (14, 1, 4, 'row', 2, '4.', 0, 'Bốn', NULL, NULL),"
    " (15, 1, 5, 'section', 0, 'II', 0, 'Phần', NULL, NULL);"
    "INSERT INTO targets(item_id, seq, text, value, unit) VALUES (11, 1, '100%', 100, '%'), (13, 1, 'đa số', NULL, NULL);"
    "INSERT INTO item_bodies(item_id, role, seq, body_id, text) VALUES (11, 'lead', 1, 1, 'Sở Nội vụ'),"
    " (12, 'lead', 1, 1, 'Sở Nội vụ'), (12, 'support', 1, 1, 'Sở X'), (13, 'lead', 1, 2, 'Sở KH&CN');";

/* A scan of two pages, the first read with its orientation unsure; an item on each. */
static const char fixture_orient[] =
    "INSERT INTO documents(id, source, hash, format, bytes, page_count) VALUES (2, 'b.png', 'h2', 'png', 1, 2);"
    "INSERT INTO extractions(document_id, rules_hash, version, items) VALUES (2, 'r', 'v', 2);"
    "INSERT INTO pages(document_id, number, hash, method, text, orientation, orientation_conf, orientation_unsure)"
    " VALUES (2, 1, 'p1', 'ocr', '', 0, 5.8, 1), (2, 2, 'p2', 'ocr', '', 0, 30.5, 0);"
    "INSERT INTO items(id, document_id, seq, kind, level, code, code_inferred, title, evidence) VALUES"
    " (21, 2, 1, 'item', 1, '1.', 0, 'Một', json('[[\"title\",1,\"heading\",null,1,1,0,null,null,95]]')),"
    " (22, 2, 2, 'item', 1, '2.', 0, 'Hai', json('[[\"title\",1,\"heading\",null,2,1,0,null,null,95]]'));"
    "INSERT INTO item_bodies(item_id, role, seq, body_id, text) VALUES (21, 'lead', 1, 1, 'Sở Nội vụ'),"
    " (22, 'lead', 1, 1, 'Sở Nội vụ');";

static unsigned flags_of(af_ctx *af, const rec_doc *d, int64_t id, unsigned f[REVIEW_NFIELDS])
{
    for (size_t i = 0; i < d->nitems; i++)
        if (d->items[i].id == id) {
            unsigned all = 0;
            pp_err e;
            pp_err_clear(&e);
            CHECK(af_item(af, &d->items[i], f, &all, &e) == 0, "af_item %lld: %s", (long long)id, e.msg);
            return all;
        }
    CHECK(0, "item %lld in the records", (long long)id);
    return 0;
}

int main(void)
{
    char path[] = "/tmp/test_audit_flags.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "temp file");
    close(fd);
    unlink(path);
    pp_db *db;
    pp_err e;
    pp_err_clear(&e);
    CHECK(db_open(path, DB_READWRITE, &db, &e) == 0, "open: %s", e.msg);
    CHECK(db_exec(db, fixture, &e) == 0, "fixture: %s", e.msg);
    rec_ctx *rc;
    af_ctx af;
    rec_doc d;
    CHECK(rec_open(db, &rc, &e) == 0 && af_init(&af, db, 70, &e) == 0, "open: %s", e.msg);
    CHECK(rec_load(rc, 1, &d, &e) == 0 && d.nitems == 5, "load: %s (%zu items)", e.msg, d.nitems);
    unsigned f[REVIEW_NFIELDS];
    CHECK(flags_of(&af, &d, 11, f) == 0, "a clean item has no flag");
    unsigned all = flags_of(&af, &d, 12, f);
    CHECK(f[REVIEW_F_CODE] == AF_INFERRED, "inferred code flagged on code (%#x)", f[REVIEW_F_CODE]);
    CHECK(f[REVIEW_F_SUPPORT] & AF_LEFTOVER, "table leftover flagged on support (%#x)", f[REVIEW_F_SUPPORT]);
    CHECK(f[REVIEW_F_DEADLINE] == AF_PRIOR, "prior column value flagged on deadline (%#x)", f[REVIEW_F_DEADLINE]);
    CHECK(f[REVIEW_F_TITLE] == AF_LOW, "low confidence flagged on title (%#x)", f[REVIEW_F_TITLE]);
    CHECK(f[REVIEW_F_SUPPORT] & AF_CANONICAL, "'Sở X' known as 'Sở Nội vụ' flagged canonical");
    CHECK(!(all & (AF_NOLEAD | AF_UNPARSED | AF_RESTORED)), "item 2 has no other flag (%#x)", all);
    all = flags_of(&af, &d, 13, f);
    CHECK(f[REVIEW_F_LEAD] == AF_CANONICAL, "'Sở KH&CN' beside its canonical name flagged (%#x)", f[REVIEW_F_LEAD]);
    CHECK(f[REVIEW_F_TARGETS] == AF_UNPARSED, "a target without a number flagged (%#x)", f[REVIEW_F_TARGETS]);
    CHECK(all == (AF_CANONICAL | AF_UNPARSED), "item 3: those two flags only (%#x)", all);
    all = flags_of(&af, &d, 14, f);
    CHECK(all == AF_NOLEAD && f[REVIEW_F_LEAD] == AF_NOLEAD, "a row without lead flagged on lead (%#x)", all);
    CHECK(flags_of(&af, &d, 15, f) == 0, "a section without lead is not flagged");
    /* restored: the as-written text differs from the value (recwritten.h fills it from lines_norm) */
    rec_item it = d.items[0];
    it.written.title = "Mot";
    unsigned ff[REVIEW_NFIELDS];
    all = 0;
    CHECK(af_item(&af, &it, ff, &all, &e) == 0 && ff[REVIEW_F_TITLE] == AF_RESTORED && all == AF_RESTORED,
          "restored title flagged (%#x)", all);
    strbuf sb = STRBUF_INIT;
    af_badges(&sb, AF_INFERRED | AF_UNPARSED);
    CHECK_STR(sb_str(&sb), "<span class=\"flag f-inferred\">inferred code</span><span class=\"flag f-unparsed\">"
                           "target not parsed</span>", "badges");
    sb_free(&sb);
    rec_doc_free(&d);

    /* A rejected item leaves the records (its key stays counted), comes back with a later acceptance. */
    review_ctx *rv;
    CHECK(review_open(db, &rv, &e) == 0, "review_open: %s", e.msg);
    CHECK(review_reject(rv, 13, 1, "t", NULL, &e) == 0, "reject: %s", e.msg);
    int rej = 0;
    CHECK(review_rejected(rv, 13, &rej, &e) == 0 && rej == 1, "item 13 rejected");
    CHECK(rec_load(rc, 1, &d, &e) == 0 && d.nitems == 4, "a rejected item is not in the records (%zu)", d.nitems);
    rec_doc_free(&d);
    rec_keep_rejected(rc, 1);
    CHECK(rec_load(rc, 1, &d, &e) == 0 && d.nitems == 5 && d.items[2].rejected, "kept, marked, with keep");
    rec_doc_free(&d);
    rec_keep_rejected(rc, 0);
    CHECK(review_reject(rv, 13, 0, "t", NULL, &e) == 0 && review_rejected(rv, 13, &rej, &e) == 0 && !rej,
          "a rejection taken back");
    CHECK(rec_load(rc, 1, &d, &e) == 0 && d.nitems == 5, "back in the records");
    rec_doc_free(&d);
    review_close(rv);

    CHECK(db_exec(db, fixture_orient, &e) == 0, "orientation fixture: %s", e.msg);
    CHECK(rec_load(rc, 2, &d, &e) == 0 && d.nitems == 2, "load the scan: %s", e.msg);
    all = flags_of(&af, &d, 21, f);
    CHECK(all == AF_ORIENT && f[REVIEW_F_TITLE] == AF_ORIENT, "a value on a page of unsure orientation flagged (%#x)",
          all);
    CHECK(flags_of(&af, &d, 22, f) == 0, "a value on an upright page is not");
    /* a page whose preprocessing was a guess (pages.prep_unsure, h15): its own flag */
    CHECK(db_exec(db, "UPDATE pages SET prep_unsure = 'ink' WHERE document_id = 2 AND number = 2", &e) == 0,
          "prep_unsure: %s", e.msg);
    all = flags_of(&af, &d, 22, f);
    CHECK(all == AF_UNSURE && f[REVIEW_F_TITLE] == AF_UNSURE, "a value on a page of unsure preprocessing flagged (%#x)",
          all);
    CHECK(db_exec(db, "UPDATE pages SET prep_unsure = NULL WHERE document_id = 2", &e) == 0, "prep_unsure reset");
    af_item_record(&d.items[0], ff);
    af_source(&af, ff, "title", "heading", 1, 95, AF_PAGE_ORIENT);
    CHECK(ff[REVIEW_F_TITLE] == AF_ORIENT, "af_source: the same flag from the page's state (%#x)", ff[REVIEW_F_TITLE]);
    af_item_record(&d.items[0], ff);
    af_source(&af, ff, "title", "heading", 1, 95, AF_PAGE_ORIENT | AF_PAGE_PREP);
    CHECK(ff[REVIEW_F_TITLE] == (AF_ORIENT | AF_UNSURE), "af_source: both page flags (%#x)", ff[REVIEW_F_TITLE]);
    af_item_record(&d.items[1], ff);
    af_source(&af, ff, "title", "heading", 1, 95, 0);
    CHECK(ff[REVIEW_F_TITLE] == 0, "af_source: none on an upright page");
    sb_reset(&sb);
    af_badges(&sb, AF_ORIENT);
    CHECK_STR(sb_str(&sb), "<span class=\"flag f-orient\">orientation unsure</span>", "orientation badge");
    sb_free(&sb);
    rec_doc_free(&d);
    af_free(&af);
    rec_close(rc);
    db_close(db);
    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    return check_done();
}
