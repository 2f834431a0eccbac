/* test_officepage.c — office documents into pages: legacy-font runs decoded by font (TCVN3, VNI, the
 * capitals faces upper-cased), text without a font hint decoded by detection only where it reads as
 * Vietnamese (a Unicode paragraph of the same file kept), the original kept in pages.raw, page breaks,
 * and a Word table as a pp_table with its spans and a TAB-joined row line. */
#include "check.h"
#include "ocr/officepage.h"
#include "scan/table.h"

/* A run holding bytes as Word stores them: byte b as U+00bb. */
static void add_bytes(od_para *p, const char *bytes, const char *font)
{
    char buf[512];
    size_t n = 0;
    for (const unsigned char *b = (const unsigned char *)bytes; *b && n + 2 < sizeof buf; b++) {
        if (*b < 0x80) {
            buf[n++] = (char)*b;
        } else {
            buf[n++] = (char)(0xC0 | (*b >> 6));
            buf[n++] = (char)(0x80 | (*b & 0x3F));
        }
    }
    od_para_add_run(p, buf, n, font);
}

int main(void)
{
    od_doc d;
    memset(&d, 0, sizeof d);
    /* TCVN3 "Số" = S 0xE8; "Kế hoạch" = K 0xD5 " ho" 0xB9 "ch"; capitals face: "ủy" bytes in .VnTimeH */
    od_para *p = od_add_para(&d);
    add_bytes(p, "S\xe8 1", ".VnTime");
    add_bytes(p, " \xf1y ban", ".VnTimeH");
    p = od_add_para(&d);
    add_bytes(p, "Pho\xf8ng", "VNI-Times"); /* VNI: "Phòng" is o + the grave mark byte 0xF8 */
    od_para_add_run(p, " Hà Nội", strlen(" Hà Nội"), ".VnTime"); /* Unicode typed in a legacy font */
    p = od_add_para(&d);
    od_para_add_run(p, "Hà Nội", strlen("Hà Nội"), "Times New Roman");
    p = od_add_para(&d);
    p->page_break = 1;
    add_bytes(p, "K\xd5 ho\xb9\x63h", NULL); /* no font: decoded by detection */
    p = od_add_para(&d);
    od_para_add_run(p, "và là có", strlen("và là có"), NULL); /* Unicode without a hint: kept */
    p = od_add_para(&d);
    add_bytes(p, "\xf1Y BAN NH\xa2N D\xa2N T\xd8NH", NULL); /* a .VnTimeH heading read without its font */
    p = od_add_para(&d);
    add_bytes(p, "T\xe6 ch\xf8" "c UBND T\xd8NH", NULL);
    od_table *t = od_add_table(&d);
    t->nrows = 2;
    t->ncols = 2;
    od_cell *c = od_table_add_cell(t, 0, 0, 2);
    add_bytes(od_cell_add_para(c), "\xa7\xacn v\xde", ".VnTime"); /* Đơn vị */
    c = od_table_add_cell(t, 1, 0, 1);
    od_para_add_run(od_cell_add_para(c), "a\tb", 3, NULL);
    c = od_table_add_cell(t, 1, 1, 1);
    od_para_add_run(od_cell_add_para(c), "x", 1, NULL);
    od_para_add_run(od_cell_add_para(c), "y", 1, NULL);

    op_doc o;
    pp_err e;
    pp_err_clear(&e);
    int rc = op_build(&d, "t.docx", &o, &e);
    CHECK(rc == PP_OK, "builds: %s", e.msg);
    if (rc == PP_OK) {
        CHECK(o.npages == 2, "a page break makes two pages (got %d)", o.npages);
        pp_page *p1 = &o.pages[0], *p2 = &o.pages[1];
        CHECK(p1->nlines == 3, "three lines on page 1");
        CHECK_STR(p1->lines[0].text, "Số 1 ỦY BAN", ".VnTime decoded, .VnTimeH in capitals");
        CHECK_STR(p1->lines[1].text, "Phòng Hà Nội", "VNI-Times decoded; Unicode typed in .VnTime kept");
        CHECK_STR(p1->lines[2].text, "Hà Nội", "a Unicode run kept");
        CHECK(p1->raw && strstr(p1->raw, "S\xc3\xa8 1"), "pages.raw keeps the text as stored");
        CHECK_STR(p2->lines[0].text, "Kế hoạch", "no font: TCVN3 found by detection");
        CHECK_STR(p2->lines[1].text, "và là có", "a Unicode paragraph of the same document kept");
        CHECK(p2->ntables == 1, "the table is on page 2");
        if (p2->ntables == 1) {
            pp_table *tb = &p2->tables[0];
            CHECK(tb->ncells == 3 && tb->cells[0].colspan == 2, "spans kept");
            CHECK_STR(tb->cells[0].text, "Đơn vị", "a cell decoded by its font");
            CHECK_STR(tb->cells[1].text, "a b", "a tab inside a cell becomes a space");
            CHECK_STR(tb->cells[2].text, "x y", "a cell's paragraphs joined by a space");
            CHECK(!strcmp(tb->method, "ruled") && tb->header_row == -1 && tb->fields && tb->headings,
                  "the table model as tablelink expects it");
        }
        CHECK(p2->nlines == 6, "four paragraphs and two row lines (got %zu)", p2->nlines);
        if (p2->nlines == 6) {
            CHECK_STR(p2->lines[2].text, "ỦY BAN NHÂN DÂN TỈNH", "capitals of a heading typed in a capitals face");
            CHECK_STR(p2->lines[3].text, "Tổ chức UBND TỈNH", "only capital words recased in a mixed line");
            CHECK_STR(p2->lines[4].text, "Đơn vị\t", "a row line: cells TAB-joined, a spanned column empty");
            CHECK_STR(p2->lines[5].text, "a b\tx y", "second row line");
        }
        CHECK(strstr(o.encodings, "tcvn3") && strstr(o.encodings, "vni") && strstr(o.encodings, "utf-8"),
              "encodings found recorded: %s", o.encodings);
        op_free(&o);
    }
    od_free(&d);
    return check_done();
}
