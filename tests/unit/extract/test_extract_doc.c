/* test_extract_doc.c — the extraction of one document (extract_doc*.c) through its API, on documents
 * written here and loaded into a fresh database as parplan-ocr stores a text input (a documents row and
 * a page row with method 'text'): the document fields of a plan's header (number without its spaces, ISO
 * date, issuer and province canonical or title-cased, the title after the kind line, the period), its
 * items (sections, numbered items and their parents), the targets, points and baseline of their
 * "Mục tiêu:" regions, the lead and support bodies of their labels (known names canonical, the text as
 * written kept, unknown names added unknown), deadlines (a damaged roman numeral rewritten), the sources
 * with their character offsets, and the extraction row.  Also: extracting again replaces the rows and
 * reuses the bodies; ex_is_current; a rolled-back document forgets the body ids it added
 * (ex_rolled_back); a page that is not UTF-8 fails the document; the province of a document's folders
 * (ex_province_of_path). */
#include "check.h"
#define EXTRACT_FIXTURE_TEXT_DOCS
#include "extract_fixture.h"
#include "db/db.h"
#include "extract/extract_doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* A source of an item: "text|rule|page:line:char_start-line_end:char_end". */
static const char *source_of(int64_t id, const char *field, int seq)
{
    return q_str("SELECT text || '|' || coalesce(rule, '-') || '|' || page || ':' || line || ':' || char_start "
                 "|| '-' || line_end || ':' || char_end FROM sources WHERE item_id = %lld AND field = %Q AND "
                 "seq = %d", (long long)id, field, seq);
}

static const char plan[] =
    "UBND TỈNH SƠN HÀ\n"                                                             /* 1 */
    "SỞ NỘI VỤ\n"                                                                    /* 2 */
    "Số: 45 /KH-SNV\n"                                                               /* 3 */
    "Sơn Hà, ngày 05 tháng 02 năm 2024\n"                                            /* 4 */
    "\n"                                                                             /* 5 */
    "KẾ HOẠCH\n"                                                                     /* 6 */
    "Nâng cao Chỉ số cải cách hành chính giai đoạn 2024-2025\n"                      /* 7 */
    "\n"                                                                             /* 8 */
    "I. MỤC TIÊU VÀ NHIỆM VỤ\n"                                                      /* 9 */
    "1. Giải quyết thủ tục hành chính đúng hạn\n"                                    /* 10 */
    "a) Mục tiêu: Tỷ lệ hồ sơ giải quyết đúng hạn năm 2025 đạt từ 90% trở lên; năm 2023 là 85,5%.\n"
    "b) Đơn vị chủ trì: Sở Nội vụ; đơn vị phối hợp: Sở Tư pháp, Văn phòng Ủy ban nhân dân tỉnh.\n"
    "c) Thời gian hoàn thành: Quý IIl năm 2024.\n"                                   /* 13 */
    "2. Số hóa hồ sơ\n"                                                              /* 14 */
    "a) Mục tiêu: Số hóa 100% kết quả giải quyết; đạt 1,5 điểm so tổng 2 điểm.\n"    /* 15 */
    "b) Đơn vị chủ trì: Sở Thông tin và Truyền thông; đơn vị phối hợp: Công an tỉnh; Ban Quản lý dự án số 3.\n"
    "c) Thời gian hoàn thành: Tháng 6 năm 2024.\n"                                   /* 17 */
    "2.1. Số hóa hồ sơ đất đai\n"                                                    /* 18 */
    "- Mục tiêu: Số hóa ít nhất 5000 hồ sơ.\n"                                       /* 19 */
    "II. TỔ CHỨC THỰC HIỆN\n";                                                       /* 20 */

static void fields_and_items(void)
{
    pp_err e;
    int n;
    int64_t doc = add_doc("kh/ke-hoach.txt", plan, sizeof plan - 1);
    CHECK(doc > 0, "document loaded");
    CHECK(extract(doc, 0, &n, &e) == PP_OK, "extracts: %s", e.msg);
    CHECK(n == 5, "five items: two sections, three numbered (%d)", n);
    CHECK(q_int("SELECT count(*) FROM items WHERE document_id = %lld", (long long)doc) == 5, "five item rows");

    /* the document fields */
    CHECK_STR(q_str("SELECT kind FROM documents WHERE id = %lld", (long long)doc), "Kế hoạch", "kind, canonical");
    CHECK_STR(q_str("SELECT number FROM documents WHERE id = %lld", (long long)doc), "45/KH-SNV",
              "number without its spaces");
    CHECK_STR(q_str("SELECT date FROM documents WHERE id = %lld", (long long)doc), "2024-02-05", "date as ISO");
    CHECK_STR(q_str("SELECT issuer FROM documents WHERE id = %lld", (long long)doc), "Sở Nội vụ",
              "issuer: the agency line, canonical (rules/bodies.txt)");
    CHECK_STR(q_str("SELECT province FROM documents WHERE id = %lld", (long long)doc), "Sơn Hà",
              "province: not listed, taken as the header writes it in capitals, title-cased");
    CHECK_STR(q_str("SELECT title FROM documents WHERE id = %lld", (long long)doc),
              "Nâng cao Chỉ số cải cách hành chính giai đoạn 2024-2025", "title: the line after the kind");
    CHECK_STR(q_str("SELECT period FROM documents WHERE id = %lld", (long long)doc), "2024-2025", "period");
    CHECK_STR(q_str("SELECT text || '|' || line || ':' || char_start || '-' || char_end FROM sources WHERE "
                    "document_id = %lld AND item_id IS NULL AND field = 'number'", (long long)doc),
              "45 /KH-SNV|3:4-14", "the number's source is the text as written");
    CHECK(q_int("SELECT count(*) FROM sources WHERE document_id = %lld AND item_id IS NULL", (long long)doc) == 7,
          "a source for each of the seven document fields");

    /* the tree */
    int64_t s1 = item(doc, "I"), i1 = item(doc, "1"), i2 = item(doc, "2"), i21 = item(doc, "2.1"),
            s2 = item(doc, "II");
    CHECK(s1 > 0 && i1 > 0 && i2 > 0 && i21 > 0 && s2 > 0, "items I, 1, 2, 2.1, II");
    CHECK_STR(q_str("SELECT kind || ' ' || level || ' ' || title FROM items WHERE id = %lld", (long long)s1),
              "section 0 MỤC TIÊU VÀ NHIỆM VỤ", "a roman section");
    CHECK(q_int("SELECT parent_id FROM items WHERE id = %lld", (long long)i1) == s1, "1. is under section I");
    CHECK(q_int("SELECT parent_id FROM items WHERE id = %lld", (long long)i21) == i2, "2.1. is under 2.");
    CHECK(q_int("SELECT parent_id FROM items WHERE id = %lld", (long long)s2) == -1, "a section has no parent");
    CHECK(q_int("SELECT count(*) FROM items WHERE document_id = %lld AND seq = 0 AND id = %lld", (long long)doc,
                (long long)s1) == 1 &&
              q_int("SELECT seq FROM items WHERE id = %lld", (long long)s2) == 4,
          "items numbered in text order");
    CHECK_STR(q_str("SELECT title FROM items WHERE id = %lld", (long long)i1), "Giải quyết thủ tục hành chính đúng hạn",
              "an item's title: its heading after the code");
    CHECK(q_int("SELECT page * 100 + line FROM items WHERE id = %lld", (long long)i1) == 110, "item 1 at page 1 line 10");
    CHECK(q_int("SELECT confidence IS NULL FROM items WHERE id = %lld", (long long)i1) == 1,
          "a text input has no confidence");

    /* item 1: a target with its own year, the baseline after it, bodies, a damaged quarter */
    CHECK_STR(q_str("SELECT target_text FROM items WHERE id = %lld", (long long)i1),
              "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2025 đạt từ 90% trở lên; năm 2023 là 85,5%.",
              "target text: the Mục tiêu region as written");
    CHECK(q_int("SELECT count(*) FROM targets WHERE item_id = %lld", (long long)i1) == 1,
          "one target: the baseline is not a target");
    CHECK_STR(q_str("SELECT text || '|' || value || '|' || unit || '|' || op || '|' || coalesce(year, '-') FROM "
                    "targets WHERE item_id = %lld AND seq = 0", (long long)i1),
              "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2025 đạt từ 90% trở lên|90.0|%|>=|2025",
              "target: its clause, value, unit, comparison and year");
    CHECK_STR(q_str("SELECT baseline_value || '|' || baseline_unit || '|' || baseline_year FROM items WHERE id = %lld",
                    (long long)i1),
              "85.5|%|2023", "baseline: value with a decimal comma, unit, year");
    CHECK(q_int("SELECT points_target IS NULL AND points_max IS NULL FROM items WHERE id = %lld", (long long)i1) == 1,
          "no points");
    CHECK_STR(bodies_of(i1, "lead"), "Sở Nội vụ=Sở Nội vụ/1", "lead: a known body");
    CHECK_STR(bodies_of(i1, "support"), "Sở Tư pháp=Sở Tư pháp/1|Văn phòng Ủy ban nhân dân tỉnh=Văn phòng UBND tỉnh/1",
              "support: two known bodies, the second by its alias, the text as written kept");
    CHECK_STR(q_str("SELECT deadline FROM items WHERE id = %lld", (long long)i1), "Quý III năm 2024",
              "a deadline's damaged roman numeral written right");
    const char *dl = source_of(i1, "deadline", 0);
    CHECK(dl && !strncmp(dl, "Quý IIl năm 2024.|", strlen("Quý IIl năm 2024.|")) && strstr(dl, "+roman|"),
          "its source keeps the text as read and names the rewrite: %s", dl ? dl : "(none)");
    /* "b) Đơn vị chủ trì: " is 19 characters and 24 bytes: offsets count characters */
    CHECK_STR(source_of(i1, "lead", 0), "Sở Nội vụ|bodies.txt|1:12:19-12:28", "the lead's source, in characters");
    CHECK_STR(source_of(i1, "title", 0), "Giải quyết thủ tục hành chính đúng hạn|heading|1:10:3-10:41",
              "the title's source (stored as null, read back from the item's title)");
    CHECK(q_int("SELECT count(*) FROM items i, json_each(i.evidence) j WHERE i.id = %lld AND "
                "json_extract(j.value, '$[0]') = 'title' AND json_type(j.value, '$[3]') = 'null'", (long long)i1) == 1 &&
              q_int("SELECT count(*) FROM items i, json_each(i.evidence) j WHERE i.id = %lld AND "
                    "json_extract(j.value, '$[0]') = 'lead' AND json_extract(j.value, '$[3]') = 'Sở Nội vụ'",
                    (long long)i1) == 1,
          "the title's text is stored once (null in the evidence), a lead's in the evidence");
    CHECK_STR(source_of(i1, "target", 0),
              "Tỷ lệ hồ sơ giải quyết đúng hạn năm 2025 đạt từ 90% trở lên|tu_tro_len|1:11:13-11:72",
              "the target's source");
    const char *bl = source_of(i1, "baseline", 0);
    CHECK(bl && !strncmp(bl, "năm 2023 là 85,5%|", strlen("năm 2023 là 85,5%|")), "the baseline's source: %s",
          bl ? bl : "(none)");

    /* item 2: points out of a total, a body that is not in the list */
    CHECK_STR(q_str("SELECT points_target || '/' || points_max FROM items WHERE id = %lld", (long long)i2), "1.5/2.0",
              "points and the total they are out of");
    CHECK_STR(q_str("SELECT group_concat(value || unit || op, ',') FROM targets WHERE item_id = %lld", (long long)i2),
              "100.0%=", "the points are not a target");
    CHECK_STR(bodies_of(i2, "lead"), "Sở Thông tin và Truyền thông=Sở Thông tin và Truyền thông/1", "lead of item 2");
    CHECK_STR(bodies_of(i2, "support"), "Công an tỉnh=Công an tỉnh/1|Ban Quản lý dự án số 3=Ban Quản lý dự án số 3/0",
              "support: split on ';', an unknown name added as not known");
    CHECK_STR(q_str("SELECT deadline FROM items WHERE id = %lld", (long long)i2), "Tháng 6 năm 2024",
              "deadline without its full stop");
    const char *dl2 = source_of(i2, "deadline", 0);
    CHECK(dl2 && !strstr(dl2, "+roman"), "a deadline left as written names no rewrite: %s", dl2 ? dl2 : "(none)");

    /* item 2.1: a bulleted label; a count target; no bodies of its own */
    CHECK_STR(q_str("SELECT value || '|' || unit || '|' || op FROM targets WHERE item_id = %lld", (long long)i21),
              "5000.0|count|>=", "a count: 'ít nhất 5000 hồ sơ'");
    CHECK(q_int("SELECT count(*) FROM item_bodies WHERE item_id = %lld", (long long)i21) == 0,
          "an item without a chủ trì label has no bodies");
    CHECK(q_int("SELECT count(*) FROM items WHERE id IN (%lld, %lld) AND target_text IS NULL", (long long)s1,
                (long long)s2) == 2,
          "sections hold no targets");

    /* the extraction row */
    CHECK_STR(q_str("SELECT rules_hash FROM extractions WHERE document_id = %lld", (long long)doc), rules.rules->hash,
              "the extraction names the rules' hash");
    CHECK(q_int("SELECT items FROM extractions WHERE document_id = %lld", (long long)doc) == 5,
          "and the item count");
    CHECK(q_int("SELECT run_id IS NULL FROM extractions WHERE document_id = %lld", (long long)doc) == 1,
          "no run given: no run id");
    CHECK(q_int("SELECT count(*) FROM bodies WHERE province = 'Sơn Hà'") == 6,
          "six bodies, in the document's province");

    /* current with these rules; extracting again replaces the rows and reuses the bodies */
    CHECK(ex_is_current(st, doc, rules.rules->hash, &e) == 1, "current with the same rules");
    CHECK(ex_is_current(st, doc, "other", &e) == 0, "not current with other rules");
    int64_t run;
    pp_err_clear(&e);
    CHECK(db_run_begin(db, "extract", "", &run, &e) == PP_OK, "a run");
    CHECK(extract(doc, run, &n, &e) == PP_OK && n == 5, "extracts again: %s", e.msg);
    CHECK(q_int("SELECT count(*) FROM items") == 5, "the earlier items replaced");
    CHECK(q_int("SELECT count(*) FROM targets") == 3 && q_int("SELECT count(*) FROM item_bodies") == 6,
          "targets and bodies of the earlier extraction gone");
    CHECK(q_int("SELECT count(*) FROM targets WHERE item_id NOT IN (SELECT id FROM items)") == 0 &&
              q_int("SELECT count(*) FROM item_bodies WHERE item_id NOT IN (SELECT id FROM items)") == 0,
          "no target or body left without its item");
    CHECK_STR(bodies_of(item(doc, "1"), "support"),
              "Sở Tư pháp=Sở Tư pháp/1|Văn phòng Ủy ban nhân dân tỉnh=Văn phòng UBND tỉnh/1", "the same bodies");
    CHECK(q_int("SELECT count(*) FROM bodies") == 6, "no body added twice");
    CHECK(q_int("SELECT count(*) FROM extractions WHERE document_id = %lld", (long long)doc) == 1 &&
              q_int("SELECT run_id FROM extractions WHERE document_id = %lld", (long long)doc) == run,
          "one extraction row, naming the run");
    CHECK(q_int("SELECT count(*) FROM sources WHERE document_id = %lld AND item_id IS NULL", (long long)doc) == 7,
          "the document fields' sources not doubled");
}

/* A document rolled back after adding a body: the body's id is forgotten with its row, so the next
 * document that names the body adds it again instead of pointing at a row that is not there. */
static void rolled_back(void)
{
    static const char text[] = "KẾ HOẠCH\nThử nghiệm\n1. Rà soát\n- Đơn vị chủ trì: Trung tâm Lưu trữ lịch sử\n";
    pp_err e;
    int n;
    int64_t doc = add_doc("rollback.txt", text, sizeof text - 1);
    pp_err_clear(&e);
    CHECK(db_begin(db, &e) == PP_OK, "begin");
    CHECK(ex_document(st, &rules, doc, 0, &n, &e) == PP_OK && n == 1, "extracted: %s", e.msg);
    CHECK(q_int("SELECT count(*) FROM bodies WHERE name = 'Trung tâm Lưu trữ lịch sử'") == 1,
          "the body added in the transaction");
    db_rollback(db);
    ex_rolled_back(st);
    CHECK(q_int("SELECT count(*) FROM bodies WHERE name = 'Trung tâm Lưu trữ lịch sử'") == 0, "rolled back");
    CHECK(extract(doc, 0, &n, &e) == PP_OK && n == 1, "extracted again: %s", e.msg);
    CHECK(q_int("SELECT count(*) FROM item_bodies ib JOIN items i ON i.id = ib.item_id JOIN bodies b ON "
                "b.id = ib.body_id WHERE i.document_id = %lld AND b.name = 'Trung tâm Lưu trữ lịch sử' AND "
                "b.known = 0", (long long)doc) == 1,
          "the lead points at a body row that exists");
}

/* A numbered heading that only heads the items under it is a group, recorded as a section; a heading
 * with a field of its own (here a lead) stays an item, and so do the tasks under both. */
static void group_headings(void)
{
    static const char text[] = "KẾ HOẠCH\nThử nghiệm nhóm\nII. NHIỆM VỤ CỤ THỂ\n1. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH\n"
                               "1.1. Ban hành kế hoạch năm\n- Đơn vị chủ trì: Sở Nội vụ\n"
                               "1.2. Kiểm tra định kỳ\n- Đơn vị chủ trì: Sở Tư pháp\n"
                               "2. Cải cách thể chế\n- Đơn vị chủ trì: Sở Tư pháp\n"
                               "2.1. Rà soát văn bản\n- Đơn vị chủ trì: Văn phòng UBND tỉnh\n";
    pp_err e;
    int n;
    int64_t doc = add_doc("groups.txt", text, sizeof text - 1);
    CHECK(extract(doc, 0, &n, &e) == PP_OK, "extracted: %s", e.msg);
    CHECK_STR(q_str("SELECT kind FROM items WHERE document_id = %lld AND title = 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH'",
                    (long long)doc), "section", "a heading with no field of its own over 1.1 and 1.2 is a group");
    CHECK_STR(q_str("SELECT kind FROM items WHERE document_id = %lld AND title = 'Cải cách thể chế'", (long long)doc),
              "item", "a heading with its own lead over 2.1 stays an item");
    CHECK(q_int("SELECT count(*) FROM items WHERE document_id = %lld AND kind = 'item' AND title IN "
                "('Ban hành kế hoạch năm', 'Kiểm tra định kỳ', 'Rà soát văn bản')", (long long)doc) == 3,
          "the tasks under both are items");
    CHECK(q_int("SELECT count(*) FROM items c JOIN items p ON p.id = c.parent_id WHERE c.document_id = %lld AND "
                "p.kind = 'section' AND p.title = 'CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH'", (long long)doc) == 2,
          "the group keeps its children");
}

static void bad_input(void)
{
    /* the third line is cut short in the middle of "ị" */
    static const char text[] = "KẾ HOẠCH\nThử nghiệm\nĐơn v\xe1\xbb chủ trì\n";
    pp_err e;
    int n;
    int64_t doc = add_doc("bad.txt", text, sizeof text - 1);
    int64_t before = q_int("SELECT count(*) FROM items");
    int rc = extract(doc, 0, &n, &e);
    CHECK(rc == PP_EXIT_INPUT, "a page that is not UTF-8 fails the document (%d)", rc);
    CHECK(strstr(e.msg, "page 1 line 3") != NULL, "naming its line: %s", e.msg);
    CHECK(q_int("SELECT count(*) FROM items") == before &&
              q_int("SELECT count(*) FROM extractions WHERE document_id = %lld", (long long)doc) == 0,
          "and writing nothing");
    /* a document of no lines extracts to nothing */
    doc = add_doc("empty.txt", "", 0);
    CHECK(extract(doc, 0, &n, &e) == PP_OK && n == 0, "an empty page: no items (%s)", e.msg);
    CHECK(q_int("SELECT items FROM extractions WHERE document_id = %lld", (long long)doc) == 0 &&
              q_int("SELECT kind IS NULL AND number IS NULL FROM documents WHERE id = %lld", (long long)doc) == 1,
          "an extraction row and no fields");
}

static void province_of_path(void)
{
    static const struct {
        const char *path, *want;
    } cases[] = {
        { "archive/gia-lai/2023/kh.pdf", "Gia Lai" },
        { "tai-lieu/Kon Tum/kh.txt", "Kon Tum" }, /* folded as list names are; the name before 2025 */
        { "ha-noi/lam-dong/kh.txt", "Lâm Đồng" },    /* the deepest folder wins */
        { "archive/misc/kh.txt", NULL },
        { "gia-lai.txt", NULL },                     /* a file's own name is not a folder */
        { "/gia-lai/kh.txt", "Gia Lai" },
        { "", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = ex_province_of_path(rules.provinces, cases[i].path);
        CHECK_STR(got, cases[i].want, "province of \"%s\"", cases[i].path);
        free(got);
    }
    CHECK(ex_province_of_path(rules.provinces, NULL) == NULL && ex_province_of_path(NULL, "gia-lai/x") == NULL,
          "no path or no list: none");

    /* a header that names no province: the folders' */
    static const char text[] = "KẾ HOẠCH\nThử nghiệm\n1. Rà soát\n- Đơn vị chủ trì: Sở Nội vụ\n";
    pp_err e;
    int n;
    int64_t doc = add_doc("archive/gia-lai/2024/kh.txt", text, sizeof text - 1);
    CHECK(extract(doc, 0, &n, &e) == PP_OK, "extracted: %s", e.msg);
    CHECK_STR(q_str("SELECT province FROM documents WHERE id = %lld", (long long)doc), "Gia Lai", "province from the path");
    CHECK(q_int("SELECT count(*) FROM sources WHERE document_id = %lld AND item_id IS NULL AND field = 'province'",
                (long long)doc) == 0,
          "no source: the province is in no line of the text");
    CHECK(q_int("SELECT count(*) FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id JOIN items i ON "
                "i.id = ib.item_id WHERE i.document_id = %lld AND b.province = 'Gia Lai' AND b.name = 'Sở Nội vụ'",
                (long long)doc) == 1,
          "its bodies are that province's");
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
    unlink("extract_doc.db");
    unlink("extract_doc.db-wal");
    unlink("extract_doc.db-shm");
    CHECK(db_open("extract_doc.db", DB_READWRITE, &db, &e) == PP_OK, "a new database: %s", e.msg);
    CHECK(db && ex_stmts_open(db, &st, &e) == PP_OK, "statements prepared: %s", e.msg);
    if (db && st) {
        fields_and_items();
        rolled_back();
        group_headings();
        bad_input();
        province_of_path();
    }
    ex_stmts_close(st);
    db_close(db);
    ex_rules_free(&rules);
    return check_done();
}
