/* test_extract_doc_rows.c — the extraction of one document (extract_doc*.c) where its items come from
 * elsewhere than labelled prose: an appendix table exported one tab-led cell per line, with a header row
 * naming its columns (the table is the list of items: prose items with the same codes are not stored
 * again) or without one (columns by the widest row); agency group headings ("II. SỞ TƯ PHÁP") whose
 * items without a lead are that body's; and an OCR'd document, whose lines carry confidences that its
 * items and sources report (a line's, or the mean of the lines a span covers).  Documents are written
 * here and loaded into a fresh database as parplan-ocr stores them (pages, and lines for an OCR'd page). */
#include "check.h"
#include "extract_fixture.h"
#include "db/db.h"
#include "extract/extract_doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


static int64_t add_document(const char *source, int pages)
{
    char *sql = sqlite3_mprintf("INSERT INTO documents (source, hash, format, bytes, page_count) "
                                "VALUES (%Q, %Q, 'text', 0, %d)", source, source, pages);
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);
    sqlite3_free(sql);
    return rc == SQLITE_OK ? sqlite3_last_insert_rowid(db->h) : -1;
}

/* A text document of one page, as parplan-ocr stores a text input. */
static int64_t add_text(const char *source, const char *text)
{
    int64_t doc = add_document(source, 1);
    char *sql = sqlite3_mprintf("INSERT INTO pages (document_id, number, hash, method, text) "
                                "VALUES (%lld, 1, 'h', 'text', %Q)", (long long)doc, text);
    int rc = doc > 0 ? sqlite3_exec(db->h, sql, NULL, NULL, NULL) : SQLITE_ERROR;
    sqlite3_free(sql);
    return rc == SQLITE_OK ? doc : -1;
}

typedef struct ocr_line {
    int page;
    const char *text;
    double conf; /* < 0: NULL */
} ocr_line;

/* An OCR'd document: a page row (method 'ocr') for each page and its lines with their confidences. */
static int64_t add_ocr(const char *source, const ocr_line *l, size_t n)
{
    int64_t doc = add_document(source, l[n - 1].page), page_id = 0;
    int page = 0, number = 0, ok = doc > 0;
    for (size_t i = 0; i < n && ok; i++) {
        char *sql;
        if (l[i].page != page) {
            page = l[i].page;
            number = 0;
            sql = sqlite3_mprintf("INSERT INTO pages (document_id, number, hash, method, text) "
                                  "VALUES (%lld, %d, 'h', 'ocr', '')", (long long)doc, page);
            ok = sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK;
            sqlite3_free(sql);
            page_id = sqlite3_last_insert_rowid(db->h);
        }
        if (l[i].conf >= 0)
            sql = sqlite3_mprintf("INSERT INTO lines (page_id, number, text, confidence) VALUES (%lld, %d, %Q, %.2f)",
                                  (long long)page_id, ++number, l[i].text, l[i].conf);
        else
            sql = sqlite3_mprintf("INSERT INTO lines (page_id, number, text) VALUES (%lld, %d, %Q)",
                                  (long long)page_id, ++number, l[i].text);
        ok = ok && sqlite3_exec(db->h, sql, NULL, NULL, NULL) == SQLITE_OK;
        sqlite3_free(sql);
    }
    return ok ? doc : -1;
}

static int extract(int64_t doc, int *nitems, pp_err *e)
{
    pp_err_clear(e);
    *nitems = -1;
    if (db_begin(db, e))
        return e->code;
    if (ex_document(st, &rules, doc, 0, nitems, e) || db_commit(db, e)) {
        db_rollback(db);
        ex_rolled_back(st);
        return e->code ? e->code : PP_EXIT_INTERNAL;
    }
    return PP_OK;
}

static const char *col(int64_t id, const char *column)
{
    return q_str("SELECT %s FROM items WHERE id = %lld", column, (long long)id);
}

/* A plan whose appendix is the list of its tasks: the prose 1.1 is the row 1.1's narrative. */
static void appendix(void)
{
    static const char text[] =
        "KẾ HOẠCH\n"
        "Cải cách hành chính năm 2024\n"
        "I. NHIỆM VỤ\n"
        "1.1. Kiểm tra công tác cải cách hành chính\n"
        "- Mục tiêu: Kiểm tra 50% cơ quan\n"
        "- Đơn vị chủ trì: Sở Tư pháp\n"
        "1.3. Báo cáo kết quả\n"
        "- Đơn vị chủ trì: Sở Nội vụ\n"
        "II. PHỤ LỤC\n"
        "\tTT\n\tNội dung\n\tChỉ tiêu\n\tĐơn vị chủ trì\n\tĐơn vị phối hợp\n\tSản phẩm\n\tThời gian hoàn thành\n"
        "\n"
        "\t1.1.\n"                                       /* line 18 */
        "\tKiểm tra công tác cải cách hành chính\n"
        "\tKiểm tra tối thiểu 30% cơ quan\n"
        "\tSở Nội vụ\n"
        "\tSở Tư pháp; Văn phòng UBND tỉnh\n"            /* line 22 */
        "\tBáo cáo kết quả kiểm tra\n"
        "\tQuý lV năm 2024\n"
        "\t1.2.\n"
        "\tTuyên truyền\n"
        "\tĐạt từ 80% trở lên\n"
        "\tSở Thông tin và Truyền thông\n"
        "\t\n"
        "\tTin bài\n"
        "\tThường xuyên\n";
    pp_err e;
    int n;
    int64_t doc = add_text("appendix.txt", text);
    CHECK(extract(doc, &n, &e) == PP_OK, "extracts: %s", e.msg);
    CHECK(n == 5, "two sections, the prose 1.3 and two rows; the prose 1.1 not again (%d)", n);
    int64_t r1 = item(doc, "1.1"), r2 = item(doc, "1.2"), p3 = item(doc, "1.3"), s2 = item(doc, "II");
    CHECK(r1 > 0 && r2 > 0 && p3 > 0 && s2 > 0, "items 1.1, 1.2, 1.3, II");
    CHECK_STR(col(r1, "kind"), "row", "1.1 is the table's row");
    CHECK_STR(col(p3, "kind"), "item", "1.3, in no row, stays a prose item");
    CHECK(q_int("SELECT count(*) FROM targets t JOIN items i ON i.id = t.item_id WHERE i.document_id = %lld AND "
                "t.value = 50", (long long)doc) == 0,
          "the prose 1.1's target is not stored");
    CHECK(q_int("SELECT parent_id FROM items WHERE id = %lld", (long long)r1) == s2, "rows under their section");
    CHECK_STR(col(r1, "title"), "Kiểm tra công tác cải cách hành chính", "title: the second cell");
    CHECK_STR(col(r1, "target_text"), "Kiểm tra tối thiểu 30% cơ quan", "target text: the Chỉ tiêu cell");
    CHECK_STR(q_str("SELECT value || unit || op FROM targets WHERE item_id = %lld", (long long)r1), "30.0%>=",
              "its target: tối thiểu 30%%");
    CHECK_STR(bodies_of(r1, "lead"), "Sở Nội vụ=Sở Nội vụ/1", "lead: the Đơn vị chủ trì cell");
    CHECK_STR(bodies_of(r1, "support"), "Sở Tư pháp=Sở Tư pháp/1|Văn phòng UBND tỉnh=Văn phòng UBND tỉnh/1",
              "support: the Đơn vị phối hợp cell, split on ';'");
    CHECK_STR(col(r1, "product"), "Báo cáo kết quả kiểm tra", "product: the Sản phẩm cell");
    CHECK_STR(col(r1, "deadline"), "Quý IV năm 2024", "deadline: the Thời gian cell, its numeral written right");
    CHECK_STR(q_str("SELECT rule || '|' || line || ':' || char_start FROM sources WHERE item_id = %lld AND "
                    "field = 'title'", (long long)r1),
              "column|19:1", "a cell's source: rule column, after the line's tab");
    CHECK_STR(q_str("SELECT text || '|' || char_start || '-' || char_end FROM sources WHERE item_id = %lld AND "
                    "field = 'support' AND seq = 1", (long long)r1),
              "Văn phòng UBND tỉnh|13-32", "the second body of a cell, at its place in the line");
    CHECK(q_int("SELECT count(*) FROM item_bodies WHERE item_id = %lld AND role = 'support'", (long long)r2) == 0,
          "an empty cell: no support");
    CHECK_STR(col(r2, "deadline"), "Thường xuyên", "row 1.2's deadline");
    CHECK_STR(col(r2, "product"), "Tin bài", "row 1.2's product");
    CHECK_STR(bodies_of(p3, "lead"), "Sở Nội vụ=Sở Nội vụ/1", "the prose item keeps its label's lead");
}

/* Rows without a header row: five cells are code, title, target, lead, support.  The heading above them
 * names a body: its items without a lead of their own are that body's. */
static void groups_and_bare_rows(void)
{
    static const char text[] =
        "KẾ HOẠCH\n"
        "Cải cách hành chính năm 2024\n"
        "II. SỞ TƯ PHÁP\n"
        "1. Rà soát văn bản quy phạm pháp luật\n"
        "- Mục tiêu: Rà soát 100% văn bản\n"
        "2. Tuyên truyền pháp luật\n"
        "- Đơn vị chủ trì: Công an tỉnh\n"
        "\t2.1.\n\tKiểm tra công tác cải cách hành chính\n\tĐạt 95%\n\tSở Nội vụ\n\tSở Tư pháp\n"
        "\t2.2.\n\tTuyên truyền cải cách hành chính\n\tĐạt từ 80% trở lên\n\tSở Thông tin và Truyền thông\n"
        "\tBáo Sơn Hà\n";
    pp_err e;
    int n;
    int64_t doc = add_text("groups.txt", text);
    CHECK(extract(doc, &n, &e) == PP_OK && n == 5, "extracts five items (%d): %s", n, e.msg);
    int64_t s = item(doc, "II"), i1 = item(doc, "1"), i2 = item(doc, "2"), r1 = item(doc, "2.1"),
            r2 = item(doc, "2.2");
    CHECK(s > 0 && i1 > 0 && i2 > 0 && r1 > 0 && r2 > 0, "items II, 1, 2, 2.1, 2.2");
    CHECK_STR(q_str("SELECT b.name FROM items i JOIN bodies b ON b.id = i.group_body_id WHERE i.id = %lld",
                    (long long)s),
              "Sở Tư pháp", "the heading's body is its agency group");
    CHECK(q_int("SELECT group_body_id IS NULL FROM items WHERE id = %lld", (long long)i1) == 1,
          "an item that names no body has no group of its own");
    CHECK_STR(bodies_of(i1, "lead"), "Sở Tư pháp=Sở Tư pháp/1", "an item without a lead: its group's body");
    CHECK_STR(bodies_of(i2, "lead"), "Công an tỉnh=Công an tỉnh/1", "an item with its own lead keeps it");
    CHECK_STR(col(r1, "kind"), "row", "tab-led cells without a header row are rows");
    CHECK(q_int("SELECT parent_id FROM items WHERE id = %lld", (long long)r1) == i2, "2.1 under 2.");
    CHECK_STR(col(r1, "target_text"), "Đạt 95%", "third cell: the target");
    CHECK_STR(q_str("SELECT value || unit || op FROM targets WHERE item_id = %lld", (long long)r1), "95.0%=",
              "its target");
    CHECK_STR(bodies_of(r1, "lead"), "Sở Nội vụ=Sở Nội vụ/1", "fourth cell: the lead");
    CHECK_STR(bodies_of(r1, "support"), "Sở Tư pháp=Sở Tư pháp/1", "fifth cell: the support");
    CHECK_STR(bodies_of(r2, "support"), "Báo Sơn Hà=Báo Sơn Hà/0", "a body not in the list, added unknown");
    CHECK(q_int("SELECT count(*) FROM bodies WHERE name = 'Sở Tư pháp' AND province = ''") == 1,
          "a body named three times is one row (no province: '')");
}

/* An OCR'd document: confidences of the lines reach the items and the sources. */
static void ocr_confidences(void)
{
    static const ocr_line lines[] = {
        { 1, "KẾ HOẠCH", 95 },
        { 1, "Kiểm tra cải cách hành chính", 90 },
        { 1, "1. Kiểm tra các cơ quan", 85 },
        { 1, "- Mục tiêu: Kiểm tra tối thiểu 30% cơ quan chuyên môn", 70 },
        { 1, "và 20% Ủy ban nhân dân cấp huyện.", 90 },
        { 1, "- Đơn vị chủ trì: Sở Nội vụ", -1 },
        { 2, "2. Báo cáo kết quả", 60.5 },
        { 2, "- Đơn vị chủ trì: Văn phòng UBND tỉnh", 75 },
    };
    pp_err e;
    int n;
    int64_t doc = add_ocr("scan.pdf", lines, sizeof lines / sizeof lines[0]);
    CHECK(doc > 0, "an OCR'd document of two pages");
    CHECK(extract(doc, &n, &e) == PP_OK && n == 2, "extracts two items (%d): %s", n, e.msg);
    int64_t i1 = item(doc, "1"), i2 = item(doc, "2");
    CHECK(i1 > 0 && i2 > 0, "items 1 and 2");
    CHECK_STR(col(i1, "confidence"), "85.0", "an item's confidence: its first line's");
    CHECK_STR(col(i2, "page || ':' || line || ':' || confidence"), "2:1:60.5",
              "an item on the second page: its page, line and confidence");
    CHECK_STR(col(i1, "target_text"), "Kiểm tra tối thiểu 30% cơ quan chuyên môn và 20% Ủy ban nhân dân cấp huyện.",
              "a target text over two lines, joined with a space");
    CHECK(q_int("SELECT count(*) FROM targets WHERE item_id = %lld", (long long)i1) == 2, "two targets");
    CHECK_STR(q_str("SELECT line || '-' || line_end || ':' || printf('%%.1f', confidence) FROM sources WHERE item_id = %lld AND "
                    "field = 'target_text'", (long long)i1),
              "4-5:80.0", "a source over two lines: the mean of their confidences");
    CHECK(q_int("SELECT confidence IS NULL FROM sources WHERE item_id = %lld AND field = 'lead'", (long long)i1) == 1,
          "a line without a confidence: a source without one");
    CHECK_STR(q_str("SELECT printf('%%.1f', confidence) FROM sources WHERE item_id = %lld AND field = 'lead'",
                    (long long)i2), "75.0",
              "the second page's lead: its line's confidence");
    CHECK_STR(q_str("SELECT text || '|' || printf('%%.1f', confidence) FROM sources WHERE document_id = %lld AND item_id IS NULL "
                    "AND field = 'kind'", (long long)doc),
              "KẾ HOẠCH|95.0", "a document field's source and its confidence");
}

int main(void)
{
    char dir[4096];
    fixture_rules_dir(dir, sizeof dir);
    pp_err e;
    pp_err_clear(&e);
    if (ex_rules_load(dir, &rules, &e) != PP_OK) {
        ex_rules_free(&rules);
        SKIP_ALL("no rules directory (run through tests/run.sh)");
    }
    unlink("extract_doc_rows.db");
    unlink("extract_doc_rows.db-wal");
    unlink("extract_doc_rows.db-shm");
    CHECK(db_open("extract_doc_rows.db", DB_READWRITE, &db, &e) == PP_OK, "a new database: %s", e.msg);
    CHECK(db && ex_stmts_open(db, &st, &e) == PP_OK, "statements prepared: %s", e.msg);
    if (db && st) {
        appendix();
        groups_and_bare_rows();
        ocr_confidences();
    }
    ex_stmts_close(st);
    db_close(db);
    ex_rules_free(&rules);
    return check_done();
}
