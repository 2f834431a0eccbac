/* test_extract_labels.c — what an item's text yields (extract_doc_labels.c, extract_doc_bodies.c,
 * extract_doc_item.c), through ex_document on documents written here: labelled lines in the wordings
 * plans use ("Đơn vị chủ trì (tham mưu) thực hiện", "Đơn vị thực hiện" as the lead beside "phối hợp" and
 * as support beside "chủ trì", "Đơn vị (phối hợp) thực hiện", italics marks, a label wrapped over a line),
 * values wrapped over lines and ended at a blank line or a sentence's end, body lists split on ',' and
 * 'và' only between bodies (groups and names with commas kept whole, qualifiers kept), one-sentence
 * assignments ("Giao … chủ trì, phối hợp với …"), deadlines in the sentence, and a quoted criterion as the
 * title. */
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


/* The rule of an item's source of `field` (seq 0). */
static const char *source_rule(int64_t id, const char *field)
{
    return q_str("SELECT rule FROM sources WHERE item_id = %lld AND field = %Q AND seq = 0", (long long)id, field);
}

/* The item's deadline, product or title. */
static const char *col_of(int64_t id, const char *col)
{
    return q_str("SELECT %s FROM items WHERE id = %lld", col, (long long)id);
}

static const char prose[] =
    "KẾ HOẠCH\n"
    "Thực hiện nhiệm vụ năm 2025\n"
    "\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n"
    "1. Rà soát,\n"
    "kiện toàn đội ngũ công chức\n"
    "\n"
    "- Thường xuyên rà soát đội ngũ công chức.\n"
    "\n"
    "Đơn vị chủ trì thực hiện: Các\n"
    "Sở, ngành, đơn vị, UBND cấp xã.\n"
    "\n"
    "Đơn vị phối hợp: Sở Nội\n"
    "vụ, Sở Tư pháp.\n"
    "\n"
    "Thời gian thực hiện: Thường\n"
    "xuyên.\n"
    "\n"
    "- Tổ chức tập huấn cho công chức.\n"
    "2. Tuyên truyền pháp luật\n"
    "Đơn vị chủ trì tham mưu thực\n"
    "hiện: Sở Tư pháp.\n"
    "Đơn vị (phối hợp) thực hiện: Báo và Phát thanh, Truyền hình tỉnh, Sở Văn hóa, Thể thao và Du lịch; "
    "các cơ quan, đơn vị, địa phương\n"
    "\n"
    "liên quan.\n"
    "3. Chế độ đặc thù\n"
    "Đơn vị thực hiện: Các cơ quan, đơn vị theo quy định.\n"
    "Đơn vị phối hợp: Sở Tài chính và Sở Tư pháp.\n"
    "4. Kiểm tra\n"
    "Đơn vị chủ trì: Sở Nội vụ.\n"
    "Đơn vị thực hiện: Sở Y tế, các doanh nghiệp, tổ chức, cá nhân.\n"
    "5. Xã hội hóa\n"
    "_Đơn vị chủ trì:_ Sở Tài chính; _Đơn vị phối hợp:_ Tỉnh đoàn; *Thời gian thực hiện:* Hằng năm.\n"
    "6. Tiêu chí thành phần “Tỷ lệ hồ sơ đúng hạn”\n"
    "Tỷ lệ đạt từ 98% trở lên. Giao Trung tâm Phục vụ hành chính công tỉnh chủ trì, phối hợp với Sở Nội vụ và "
    "các cơ quan, đơn vị, địa phương thực hiện; hoàn thành trước ngày 30/6/2025.\n"
    "7. Khảo sát hài lòng\n"
    "Sở Nội vụ chủ trì, phối hợp với Bưu điện tỉnh tổ chức khảo sát (thời gian: Quý III/2025).\n"
    "III. TỔ CHỨC THỰC HIỆN\n";

static void labelled_lines(void)
{
    pp_err e;
    int n;
    int64_t doc = add_doc("kh/nhiem-vu.txt", prose, sizeof prose - 1);
    CHECK(doc > 0, "document loaded");
    CHECK(extract(doc, 0, &n, &e) == PP_OK, "extracts: %s", e.msg);
    int64_t i1 = item(doc, "1"), i2 = item(doc, "2"), i3 = item(doc, "3"), i4 = item(doc, "4"), i5 = item(doc, "5"),
            i6 = item(doc, "6"), i7 = item(doc, "7");
    CHECK(i1 > 0 && i2 > 0 && i3 > 0 && i4 > 0 && i5 > 0 && i6 > 0 && i7 > 0, "items 1 to 7");

    /* a value wrapped anywhere is one text; a group with commas stays whole; a known name after it is
     * its own body */
    CHECK_STR(bodies_of(i1, "lead"), "Các Sở, ngành, đơn vị=Các Sở, ngành, đơn vị/0|UBND cấp xã=UBND cấp xã/1",
              "lead: 'Các\\nSở, ngành, đơn vị' whole, then UBND cấp xã");
    CHECK_STR(bodies_of(i1, "support"), "Sở Nội vụ=Sở Nội vụ/1|Sở Tư pháp=Sở Tư pháp/1",
              "support: 'Sở Nội\\nvụ' unwrapped, split at the comma before a name");
    CHECK_STR(col_of(i1, "deadline"), "Thường xuyên", "deadline ends at the blank line before the next bullet");

    /* a label wrapped over a line; '(phối hợp) thực hiện'; names with commas; a blank line inside a
     * value that goes on in lower case */
    CHECK_STR(bodies_of(i2, "lead"), "Sở Tư pháp=Sở Tư pháp/1", "'chủ trì tham mưu thực\\nhiện:' is the lead");
    CHECK_STR(bodies_of(i2, "support"),
              "Báo và Phát thanh, Truyền hình tỉnh=Báo và Phát thanh, Truyền hình tỉnh/0|"
              "Sở Văn hóa, Thể thao và Du lịch=Sở Văn hóa, Thể thao và Du lịch/1|"
              "các cơ quan, đơn vị, địa phương liên quan=Các cơ quan, đơn vị, địa phương liên quan/1",
              "support: three bodies, each with its commas, the qualifier after the blank line kept");

    /* 'Đơn vị thực hiện' beside 'phối hợp' is the lead; a qualifier stays; 'và' between two names */
    CHECK_STR(bodies_of(i3, "lead"), "Các cơ quan, đơn vị theo quy định=Các cơ quan, đơn vị theo quy định/0",
              "'Đơn vị thực hiện:' is the lead, its qualifier kept, the period dropped");
    CHECK_STR(bodies_of(i3, "support"), "Sở Tài chính=Sở Tài chính/1|Sở Tư pháp=Sở Tư pháp/1", "split at 'và'");
    /* ... and beside 'chủ trì' the bodies that carry it out with the lead */
    CHECK_STR(bodies_of(i4, "lead"), "Sở Nội vụ=Sở Nội vụ/1", "'chủ trì' is the lead");
    CHECK_STR(bodies_of(i4, "support"),
              "Sở Y tế=Sở Y tế/1|các doanh nghiệp, tổ chức, cá nhân=các doanh nghiệp, tổ chức, cá nhân/0",
              "'Đơn vị thực hiện' beside 'chủ trì' is support; 'các …' starts a body, 'tổ chức' does not");

    /* italics marks around the labels */
    CHECK_STR(bodies_of(i5, "lead"), "Sở Tài chính=Sở Tài chính/1", "_Đơn vị chủ trì:_");
    CHECK_STR(bodies_of(i5, "support"), "Tỉnh đoàn=Tỉnh đoàn/0", "_Đơn vị phối hợp:_");
    CHECK_STR(col_of(i5, "deadline"), "Hằng năm", "*Thời gian thực hiện:*");

    /* the quoted criterion; a one-sentence assignment and its deadline */
    CHECK_STR(col_of(i6, "title"), "Tỷ lệ hồ sơ đúng hạn", "'Tiêu chí thành phần “…”': the quoted criterion");
    CHECK_STR(bodies_of(i6, "lead"), "Trung tâm Phục vụ hành chính công tỉnh=Trung tâm Phục vụ hành chính công tỉnh/1",
              "Giao <body> chủ trì");
    CHECK_STR(bodies_of(i6, "support"),
              "Sở Nội vụ=Sở Nội vụ/1|các cơ quan, đơn vị, địa phương=Các cơ quan, đơn vị, địa phương/1",
              "phối hợp với <bodies> up to the verb");
    CHECK_STR(col_of(i6, "deadline"), "trước ngày 30/6/2025", "hoàn thành trước …");
    CHECK(q_int("SELECT count(*) FROM targets WHERE item_id = %lld AND value = 98 AND op = '>='", (long long)i6) == 1,
          "the criterion's target");
    CHECK_STR(bodies_of(i7, "lead"), "Sở Nội vụ=Sở Nội vụ/1", "<Body> chủ trì, phối hợp với");
    CHECK_STR(bodies_of(i7, "support"), "Bưu điện tỉnh=Bưu điện tỉnh/1", "... up to 'tổ chức'");
    CHECK_STR(col_of(i7, "deadline"), "Quý III/2025", "(thời gian: …)");
    CHECK_STR(source_rule(i7, "deadline"), "paren_thoi_gian", "the deadline's source names its rule");
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
    unlink("extract_labels.db");
    unlink("extract_labels.db-wal");
    unlink("extract_labels.db-shm");
    CHECK(db_open("extract_labels.db", DB_READWRITE, &db, &e) == PP_OK, "a new database: %s", e.msg);
    CHECK(db && ex_stmts_open(db, &st, &e) == PP_OK, "statements prepared: %s", e.msg);
    if (db && st)
        labelled_lines();
    ex_stmts_close(st);
    db_close(db);
    ex_rules_free(&rules);
    return check_done();
}
