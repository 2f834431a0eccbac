/* test_extract_header.c — the document header (extract_doc_header.c) of every kind of administrative
 * document in the layout of Nghị định 30/2020/NĐ-CP, through ex_document on documents written here: one
 * header per kind (the kind from its line, from the number's symbol, or Công văn from "V/v"), the issuing
 * body as a name (the council of the province, or the agency under it; never a line fragment), a
 * hyphenated province and an OCR-damaged one (within an edit), and a number written by hand (blank or
 * unreadable after "Số:"): no number, number_note "handwritten", the printed part kept as its source.
 * Also an OCR'd page as parplan-ocr stores it (lines with confidences, both columns on one line, a
 * stamp's low-confidence lines after the subject), read like the real Quảng Ngãi scans, and a number
 * inked by hand that the OCR engine read with a confidence far below the print's (word boxes). */
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


/* A document of one page: text (method 'text'), or, with conf, OCR'd lines ("\n"-separated text, one
 * confidence per line) as parplan-ocr stores a scan.  Its id, -1 on failure. */
static int64_t add_doc(const char *source, const char *text, const double *conf)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->h, "INSERT INTO documents (source, hash, format, bytes, page_count) "
                                  "VALUES (?1, ?1, ?2, ?3, 1)", -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(q, 2, conf ? "pdf" : "text", -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, (int64_t)strlen(text));
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(db->h);
    if (sqlite3_prepare_v2(db->h, "INSERT INTO pages (document_id, number, hash, method, text) "
                                  "VALUES (?1, 1, 'h', ?2, ?3)", -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, conf ? "ocr" : "text", -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 3, text, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE || !conf)
        return rc == SQLITE_DONE ? id : -1;
    int64_t page = sqlite3_last_insert_rowid(db->h);
    if (sqlite3_prepare_v2(db->h, "INSERT INTO lines (page_id, number, text, confidence) VALUES (?1, ?2, ?3, ?4)",
                           -1, &q, NULL) != SQLITE_OK)
        return -1;
    const char *s = text;
    for (int n = 1; *s; n++) {
        const char *e = strchr(s, '\n');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        sqlite3_bind_int64(q, 1, page);
        sqlite3_bind_int(q, 2, n);
        sqlite3_bind_text(q, 3, s, (int)len, SQLITE_TRANSIENT);
        sqlite3_bind_double(q, 4, conf[n - 1]);
        rc = sqlite3_step(q);
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            break;
        s += len + (e != NULL);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? id : -1;
}

static int extract(int64_t doc, pp_err *e)
{
    pp_err_clear(e);
    int n;
    if (db_begin(db, e))
        return e->code;
    if (ex_document(st, &rules, doc, 0, &n, e) || db_commit(db, e)) {
        db_rollback(db);
        ex_rolled_back(st);
        return e->code ? e->code : PP_EXIT_INTERNAL;
    }
    return PP_OK;
}

static const char *field(int64_t doc, const char *col)
{
    return q_str("SELECT %s FROM documents WHERE id = %lld", col, (long long)doc);
}

/* One header per kind (text, written for this test) and the fields it must give; NULL = none. */
static const struct hcase {
    const char *name, *text;
    const char *kind, *number, *note, *issuer, *province, *title;
} cases[] = {
    { "quyết định",
      "ỦY BAN NHÂN DÂN        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TỈNH SƠN HÀ        Độc lập - Tự do - Hạnh phúc\n"
      "Số: 31/QĐ-UBND        Sơn Hà, ngày 02 tháng 5 năm 2024\nQUYẾT ĐỊNH\n"
      "Về việc ban hành Quy chế làm việc\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN HÀ\n"
      "Căn cứ Luật Tổ chức chính quyền địa phương;\n",
      "Quyết định", "31/QĐ-UBND", NULL,
      "Ủy ban nhân dân tỉnh Sơn Hà", "Sơn Hà",
      "Về việc ban hành Quy chế làm việc" },
    { "chỉ thị, the kind glued",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH PHÚ YÊN Độc lập - Tự do - Hạnh phúc\n"
      "Số: 09/CT-UBND Phú Yên, ngày 11 tháng 6 năm 2021\n_ CHỈTHỊ -\n"
      "Về việc tăng cường kỷ cương hành chính\n"
      "Thời gian qua, các cơ quan đã thực hiện nghiêm các quy định về kỷ luật, kỷ cương hành chính.\n",
      "Chỉ thị", "09/CT-UBND", NULL,
      "Ủy ban nhân dân tỉnh Phú Yên", "Phú Yên",
      "Về việc tăng cường kỷ cương hành chính" },
    { "tờ trình, kind from the symbol",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH KON TUM Độc lập - Tự do - Hạnh phúc\n"
      "Số: 14/TTr-UBND Kon Tum, ngày 03 tháng 3 năm 2022\nVề việc đề nghị thông qua Đề án\n"
      "Kính gửi: Hội đồng nhân dân tỉnh\n",
      "Tờ trình", "14/TTr-UBND", NULL,
      "Ủy ban nhân dân tỉnh Kon Tum", "Kon Tum",
      NULL },
    { "công văn (V/v)",
      "UBND TỈNH ĐIỆN BIÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ NỘI VỤ Độc lập - Tự do - Hạnh phúc\n"
      "Số: 512/SNV-CCHC Điện Biên, ngày 09 tháng 8 năm 2023\nV/v báo cáo kết quả cải cách\n"
      "hành chính quý III\nKính gửi: Các sở, ban, ngành\n",
      "Công văn", "512/SNV-CCHC", NULL,
      "Sở Nội vụ", "Điện Biên",
      "báo cáo kết quả cải cách hành chính quý III" },
    { "thông báo",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH CÀ MAU Độc lập - Tự do - Hạnh phúc\n"
      "Số: 40/TB-UBND Cà Mau, ngày 19 tháng 2 năm 2024\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n\n"
      "Ngày 15/02/2024,\n",
      "Thông báo", "40/TB-UBND", NULL,
      "Ủy ban nhân dân tỉnh Cà Mau", "Cà Mau",
      "Kết luận của Chủ tịch UBND tỉnh" },
    { "báo cáo, agency under the council",
      "UBND TỈNH SÓC TRĂNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "SỞ TƯ PHÁP Độc lập - Tự do - Hạnh phúc\nSố: 77/BC-STP Sóc Trăng, ngày 12 tháng 12 năm 2023\n"
      "BÁO CÁO\nCông tác cải cách hành chính năm 2023\nI. KẾT QUẢ\n",
      "Báo cáo", "77/BC-STP", NULL,
      "Sở Tư pháp", "Sóc Trăng",
      "Công tác cải cách hành chính năm 2023" },
    { "nghị quyết (council)",
      "HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TỈNH TRÀ VINH Độc lập - Tự do - Hạnh phúc\nSố: 21/NQ-HĐND Trà Vinh, ngày 08 tháng 12 năm 2023\n"
      "NGHỊ QUYẾT\nVề biên chế công chức năm 2024\nHỘI ĐỒNG NHÂN DÂN TỈNH TRÀ VINH\n",
      "Nghị quyết", "21/NQ-HĐND", NULL,
      "Hội đồng nhân dân tỉnh Trà Vinh", "Trà Vinh",
      "Về biên chế công chức năm 2024" },
    { "giấy phép, subject on the kind's line",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LẠNG SƠN Độc lập - Tự do - Hạnh phúc\n"
      "Số: 88/GP-UBND Lạng Sơn, ngày 14 tháng 4 năm 2025\nGIẤY PHÉP XẢ NƯỚC THẢI VÀO NGUỒN NƯỚC\n\n"
      "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n",
      "Giấy phép", "88/GP-UBND", NULL,
      "Ủy ban nhân dân tỉnh Lạng Sơn", "Lạng Sơn",
      "XẢ NƯỚC THẢI VÀO NGUỒN NƯỚC" },
    { "công điện (city)",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "THÀNH PHỐ ĐÀ NẴNG Độc lập - Tự do - Hạnh phúc\n"
      "Số: 12/CĐ-UBND Đà Nẵng, ngày 26 tháng 10 năm 2024\nCÔNG ĐIỆN\n"
      "Về việc ứng phó với áp thấp nhiệt đới\n\n",
      "Công điện", "12/CĐ-UBND", NULL,
      "Ủy ban nhân dân thành phố Đà Nẵng", "Đà Nẵng",
      "Về việc ứng phó với áp thấp nhiệt đới" },
    { "kế hoạch, flattened one cell per line",
      "|\nỦY BAN NHÂN\nDÂN\nTỈNH HẬU GIANG\n--------\n|\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
      "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 56/KH-UBND\n|\nHậu Giang,\n"
      "ngày 04 tháng 3 năm 2025\n|\n\n\nKẾ HOẠCH\n\nTHỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2025\n\n"
      "Thực hiện Kế hoạch số 12/KH-UBND;\n",
      "Kế hoạch", "56/KH-UBND", NULL,
      "Ủy ban nhân dân tỉnh Hậu Giang", "Hậu Giang",
      "THỰC HIỆN CHUYỂN ĐỔI SỐ NĂM 2025" },
    { "hyphenated province",
      "UBND TỈNH BÀ RỊA - VŨNG TÀU CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "VĂN PHÒNG UBND TỈNH Độc lập - Tự do - Hạnh phúc\n"
      "Số: 301/VP-HCTC Bà Rịa - Vũng Tàu, ngày 05 tháng 01 năm 2024\nV/v rà soát thủ tục hành chính\n",
      "Công văn", "301/VP-HCTC", NULL,
      "Văn phòng UBND tỉnh", "Bà Rịa - Vũng Tàu",
      "rà soát thủ tục hành chính" },
    { "OCR-damaged province",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TĨNH BA RỊA -VŨNC TÀU Độc lập - Tự do - Hạnh phúc\n"
      "Số: 17 /KH-UBND Vũng Tàu, ngày 15 tháng 02 năm 2024\nKẾ HOẠCH\nCải cách hành chính năm 2024\n"
      "I. MỤC ĐÍCH\n",
      "Kế hoạch", "17/KH-UBND", NULL,
      "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu",
      "Cải cách hành chính năm 2024" },
    { "a district's council",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN SƠN TỊNH Độc lập - Tự do - Hạnh phúc\n"
      "Số: 45/KH-UBND Sơn Tịnh, ngày 10 tháng 3 năm 2024\nKẾ HOẠCH\nCải cách hành chính năm 2024\n\n",
      "Kế hoạch", "45/KH-UBND", NULL,
      "Ủy ban nhân dân huyện Sơn Tịnh", NULL,
      "Cải cách hành chính năm 2024" },
    { "handwritten number (blank)",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TỈNH QUẢNG TRỊ Độc lập - Tự do - Hạnh phúc\n"
      "Số:      /QĐ-UBND Quảng Trị, ngày 07 tháng 7 năm 2022\nQUYẾT ĐỊNH\n"
      "Về việc công bố thủ tục hành chính\n\n",
      "Quyết định", NULL, "handwritten",
      "Ủy ban nhân dân tỉnh Quảng Trị", "Quảng Trị",
      "Về việc công bố thủ tục hành chính" },
    { "OCR's blank line between the header's two lines: the agency under the council issues",
      "UBND TỈNH GIA LAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n"
      "SỞ CÔNG THƯƠNG Độc lập - Tự do - Hạnh phúc\n"
      "Số: 68 /KH-SCT Gia Lai, ngày 31 tháng 7 năm 2023\nKẾ HOẠCH\nThực hiện các giải pháp năm 2023\n\n",
      "Kế hoạch", "68/KH-SCT", NULL,
      "Sở Công Thương", "Gia Lai",
      "Thực hiện các giải pháp năm 2023" },
    { "handwritten number (ink the OCR could not read)",
      "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
      "TỈNH NINH THUẬN Độc lập - Tự do - Hạnh phúc\n"
      "Số:7†k /UBND-TH Ninh Thuận, ngày 21 tháng 9 năm 2023\nV/v triển khai Kế hoạch\n\n",
      "Công văn", NULL, "handwritten",
      "Ủy ban nhân dân tỉnh Ninh Thuận", "Ninh Thuận",
      "triển khai Kế hoạch" },
};

static void kinds(void)
{
    pp_err e;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const struct hcase *c = &cases[i];
        char src[64];
        snprintf(src, sizeof src, "header-%zu.txt", i);
        int64_t doc = add_doc(src, c->text, NULL);
        CHECK(doc > 0 && extract(doc, &e) == PP_OK, "%s: extracted: %s", c->name, e.msg);
        CHECK_STR(field(doc, "kind"), c->kind, "%s: kind", c->name);
        CHECK_STR(field(doc, "number"), c->number, "%s: number", c->name);
        CHECK_STR(field(doc, "number_note"), c->note, "%s: number_note", c->name);
        CHECK_STR(field(doc, "issuer"), c->issuer, "%s: issuer", c->name);
        CHECK_STR(field(doc, "province"), c->province, "%s: province", c->name);
        if (c->title)
            CHECK_STR(field(doc, "title"), c->title, "%s: title", c->name);
    }
    /* the handwritten number's source is what is printed */
    const char *s = q_str("SELECT rule || '|' || text FROM sources WHERE field = 'number_note' AND document_id = "
                          "(SELECT id FROM documents WHERE source = 'header-13.txt')");
    CHECK(s && strncmp(s, "so_blank|Số:", strlen("so_blank|Số:")) == 0 && strstr(s, "/QĐ-UBND"),
          "the note's source: the printed \"Số: /QĐ-UBND\" (%s)", s ? s : "none");
    CHECK_STR(q_str("SELECT rule FROM sources WHERE field = 'issuer' AND document_id = "
                    "(SELECT id FROM documents WHERE source = 'header-0.txt')"),
              "header_column", "the issuer's source: the body's column");
}

/* An OCR'd page laid out as the Quảng Ngãi scans read: both columns on one line, the number blank for
 * the pen, the subject over a stamp's low-confidence lines. */
static void scan(void)
{
    static const char text[] = "- ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHÚ NGHĨA VIỆT NAM\n"
                               "TINH QUANG NGAIT Độc lập - Tự do - Hạnh phúc\n"
                               "Số: 4# /CT-UBND Quảng Ngãi, ngày #0 tháng 3 năm 2018\n"
                               "CHỈ THỊ\n"
                               "mg ca «2<: Về việc tăng cường công tác hòa giải ở cơ sở\n"
                               "VTYUWIYVUO TAINN P9 @Œ 0109\n"
                               "trên địa bàn tỉnh\n"
                               "Thời gian qua, công tác hòa giải ở cơ sở đã đạt kết quả.\n";
    static const double conf[] = { 89, 91, 84, 97, 72, 37, 97, 94 };
    pp_err e;
    int64_t doc = add_doc("scan.pdf", text, conf);
    CHECK(doc > 0 && extract(doc, &e) == PP_OK, "scan: extracted: %s", e.msg);
    CHECK_STR(field(doc, "kind"), "Chỉ thị", "scan: kind");
    CHECK_STR(field(doc, "number"), NULL, "scan: no number guessed from \"4#\"");
    CHECK_STR(field(doc, "number_note"), "handwritten", "scan: number_note");
    CHECK_STR(field(doc, "date"), NULL, "scan: no date from an unreadable day");
    CHECK_STR(field(doc, "issuer"), "Ủy ban nhân dân tỉnh Quảng Ngãi",
              "scan: issuer, the damaged province within an edit");
    CHECK_STR(field(doc, "province"), "Quảng Ngãi", "scan: province");
    CHECK_STR(field(doc, "title"), "Về việc tăng cường công tác hòa giải ở cơ sở",
              "scan: subject from \"Về việc\", up to the stamp's line");
}

/* Word boxes of line `line` of document doc's page 1: "text:confidence" pairs. */
static int add_words(int64_t doc, int line, const char *const *w, const double *conf, int n)
{
    char *sql = sqlite3_mprintf("SELECT l.id FROM lines l JOIN pages p ON p.id = l.page_id WHERE p.document_id = %lld "
                                "AND p.number = 1 AND l.number = %d", (long long)doc, line);
    const char *id = q_str("%s", sql);
    sqlite3_free(sql);
    if (!id)
        return -1;
    int64_t lid = atoll(id);
    for (int i = 0; i < n; i++) {
        char *ins = sqlite3_mprintf("INSERT INTO words (line_id, number, text, x0, y0, x1, y1, confidence) "
                                    "VALUES (%lld, %d, %Q, 0, 0, 1, 1, %f)", (long long)lid, i + 1, w[i], conf[i]);
        int rc = sqlite3_exec(db->h, ins, NULL, NULL, NULL);
        sqlite3_free(ins);
        if (rc != SQLITE_OK)
            return -1;
    }
    return 0;
}

/* A number inked by hand into a signed scan: the OCR engine reads digits, but far less sure of them than
 * of the print around them (word boxes): no number, the note, the reading kept in the source.  Printed
 * digits read with the print's confidence stay the number. */
static void inked(void)
{
    static const char text[] = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                               "TỈNH QUẢNG NGÃI Độc lập - Tự do - Hạnh phúc\n"
                               "Số: 03 /TTr-UBND Quảng Ngãi, ngày 20 tháng 01 năm 2025\n"
                               "TỜ TRÌNH\n"
                               "Về việc bãi bỏ một số Nghị quyết\n";
    static const double conf[] = { 96, 91, 84, 97, 96 };
    static const char *const words[] = { "Số:", "03", "/TTr-UBND", "Quảng", "Ngãi,", "ngày" };
    static const double ink[] = { 90.9, 55.5, 82.5, 96.8, 93.3, 96.0 };
    static const double print[] = { 90.9, 93.1, 88.0, 96.8, 93.3, 96.0 };
    pp_err e;
    int64_t a = add_doc("inked.pdf", text, conf), b = add_doc("printed.pdf", text, conf);
    CHECK(a > 0 && b > 0 && add_words(a, 3, words, ink, 6) == 0 && add_words(b, 3, words, print, 6) == 0,
          "two scans with word boxes");
    CHECK(extract(a, &e) == PP_OK && extract(b, &e) == PP_OK, "extracted: %s", e.msg);
    CHECK_STR(field(a, "number"), NULL, "inked digits: no number");
    CHECK_STR(field(a, "number_note"), "handwritten", "inked digits: the note");
    CHECK_STR(q_str("SELECT rule || '|' || text FROM sources WHERE field = 'number_note' AND document_id = %lld",
                    (long long)a),
              "ink-confidence|Số: 03 /TTr-UBND", "the reading kept in the note's source");
    CHECK_STR(field(a, "kind"), "Tờ trình", "inked digits: the kind");
    CHECK_STR(field(b, "number"), "03/TTr-UBND", "printed digits: the number");
    CHECK_STR(field(b, "number_note"), NULL, "printed digits: no note");
    /* a typewriter's number in one word with its symbol, read unsurely for its letters: printed */
    static const char *const typed[] = { "Số:", "157/QĐ-NĐ-UB", "Cao", "Bằng," };
    static const double typed_conf[] = { 93, 37, 71, 97 };
    static const char text2[] = "UỶ BAN NHÂN DÂN CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                                "TỈNH CAO BẰNG Độc lập - Tự do - Hạnh phúc\n"
                                "Số: 157/QĐ-NĐ-UB Cao Bằng, ngày 22 tháng 2 năm 1999\n"
                                "QUYẾT ĐỊNH\n";
    static const double conf2[] = { 95, 94, 85, 93 };
    int64_t c = add_doc("typed.pdf", text2, conf2);
    CHECK(c > 0 && add_words(c, 3, typed, typed_conf, 4) == 0 && extract(c, &e) == PP_OK, "a typed scan: %s", e.msg);
    CHECK_STR(field(c, "number"), "157/QĐ-NĐ-UB", "typed digits in the symbol's word: the number");
    CHECK_STR(field(c, "number_note"), NULL, "typed digits: no note");
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
    unlink("extract_header.db");
    unlink("extract_header.db-wal");
    unlink("extract_header.db-shm");
    CHECK(db_open("extract_header.db", DB_READWRITE, &db, &e) == PP_OK, "a new database: %s", e.msg);
    CHECK(db && ex_stmts_open(db, &st, &e) == PP_OK, "statements prepared: %s", e.msg);
    if (db && st) {
        kinds();
        scan();
        inked();
    }
    ex_stmts_close(st);
    db_close(db);
    ex_rules_free(&rules);
    return check_done();
}
