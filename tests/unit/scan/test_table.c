/* test_table.c — ruled-table grid detection on drawn pages (table.h) and column naming (columns.h):
 * a grid with a group row spanning every column and a missing vertical rule found from white space, a
 * page of text without rules, the rule file's errors and headings in their damaged forms. */
#include "check.h"
#include "match/columns.h"
#include "scan/image.h"
#include "scan/table.h"
#include "scan/table_find.h"

#define DPI 300

static void rect(PIX *pix, int x, int y, int w, int h)
{
    BOX *b = boxCreate(x, y, w, h);
    pixSetInRectArbitrary(pix, b, 0);
    boxDestroy(&b);
}

/* "Words": dark blobs of text height and varying widths (so their gaps do not line up from one line to
 * the next, as in real text), lines of them from the left of a cell. */
static unsigned seed = 12345;
static int next_width(void)
{
    seed = seed * 1103515245u + 12345u;
    return 30 + (int)((seed >> 16) % 90);
}

static void words(PIX *pix, int x0, int y0, int width, int nlines)
{
    for (int l = 0; l < nlines; l++)
        for (int x = x0 + 15, w = next_width(); x + w < x0 + width - 15; x += w + 18, w = next_width())
            for (int k = x; k + 5 <= x + w; k += 12)
                rect(pix, k, y0 + 20 + l * 45, 5, 28); /* letters: strokes, never a long run of ink */
}

static void test_grid(void)
{
    PIX *pix = pixCreate(2000, 1400, 8);
    pixSetAll(pix);
    int xs[] = { 100, 300, 900, 1300, 1900 };  /* the rule at 1300 is never drawn */
    int ys[] = { 100, 200, 280, 480, 680, 880 };
    for (int i = 0; i < 6; i++)
        rect(pix, 100, ys[i] - 1, 1803, 3);
    for (int c = 0; c < 5; c++) {
        if (xs[c] == 1300)
            continue;
        for (int r = 0; r < 5; r++) {
            int inner = c > 0 && c < 4;
            if (inner && r == 1)
                continue; /* the group row spans every column */
            rect(pix, xs[c] - 1, ys[r], 3, ys[r + 1] - ys[r] + 1);
        }
    }
    for (int r = 0; r < 5; r++) {
        if (r == 1) {
            words(pix, 100, ys[r], 700, 1);
            continue;
        }
        for (int c = 0; c < 4; c++)
            words(pix, xs[c], ys[r], c == 2 ? 300 : xs[c + 1] - xs[c], r == 0 ? 1 : 3);
    }
    pp_table *t = NULL;
    PIX *clean = NULL;
    size_t n = table_find(pix, DPI, &t, &clean);
    CHECK(n == 1, "one table found (%zu)", n);
    if (n == 1) {
        CHECK(t[0].nrows == 5, "5 rows (%d)", t[0].nrows);
        CHECK(t[0].ncols == 4, "4 columns, one from white space (%d)", t[0].ncols);
        CHECK_STR(t[0].method, "whitespace", "method");
        const pp_cell *g = table_cell_at(&t[0], 1, 2);
        CHECK(g && g->row == 1 && g->col == 0 && g->colspan == 4 && g->rowspan == 1, "group row spans 4 columns");
        const pp_cell *c = table_cell_at(&t[0], 3, 3);
        CHECK(c && c->col == 3 && c->colspan == 1, "cell right of the missing rule is its own");
        CHECK(c && c->box.x0 > 1200 && c->box.x0 < 1330, "missing boundary placed in the gap (%d)", c ? c->box.x0 : -1);
        CHECK(t[0].ncells == 4 * 4 + 1, "17 cells (%zu)", t[0].ncells);
        CHECK(clean && pixGetWidth(clean) == 2000, "clean copy made");
        l_uint32 v = 0;
        pixGetPixel(clean, 100, 480, &v);
        CHECK(v > 200, "rules painted over in the clean copy (%u)", v);
    }
    table_free_all(t, n);
    pixDestroy(&clean);
    pixDestroy(&pix);
}

static void test_text_page(void)
{
    PIX *pix = pixCreate(2000, 1400, 8);
    pixSetAll(pix);
    for (int l = 0; l < 20; l++)
        words(pix, 100, 100 + l * 55, 1800, 1);
    rect(pix, 700, 1300, 400, 3); /* a short rule under a signature */
    pp_table *t = NULL;
    PIX *clean = NULL;
    size_t n = table_find(pix, DPI, &t, &clean);
    CHECK(n == 0 && !t && !clean, "no table on a text page");
    pixDestroy(&pix);
}

static void test_columns(void)
{
    pp_columns *c = NULL;
    pp_err e;
    pp_err_clear(&e);
    const char *bad = "# ok\ncolumn.lead lead 10 chu tri\ncolumn.lead x 10 (open\n";
    CHECK(columns_parse("t.rules", bad, strlen(bad), &c, &e) == PP_EXIT_RULES && !c, "bad pattern: exit 5");
    CHECK(strncmp(e.msg, "t.rules:3:", 10) == 0, "message names file:line (%s)", e.msg);
    pp_err_clear(&e);
    const char *other = "points p 10 diem\n";
    CHECK(columns_parse("t.rules", other, strlen(other), &c, &e) == PP_EXIT_RULES, "non-column field refused");
    pp_err_clear(&e);
    CHECK(columns_load("/nonexistent/columns.rules", &c, &e) == PP_OK && !c, "missing file: no names, no error");
    char path[4096];
    snprintf(path, sizeof path, "%s/rules/columns.rules", getenv("PARPLAN_ROOT") ? getenv("PARPLAN_ROOT") : ".");
    columns_load(path, &c, &e);
    CHECK(c != NULL, "rules/columns.rules loads (%s)", e.msg);
    if (!c)
        return;
    struct { const char *h, *f; } cases[] = {
        { "TT", "code" }, { "STT", "code" }, { "Số TT", "code" },
        { "Nhiệm vụ / Tiêu chí", "title" }, { "Nội dung", "title" }, { "Nhiem vu", "title" },
        { "Mục tiêu", "target" }, { "Chỉ tiêu", "target" }, { "Kết quả", "target" },
        { "Cơ quan theo dõi", "monitor" }, { "Đơn vị chủ trì", "lead" }, { "Cơ quan chủ trì", "lead" },
        { "Don vi chu trl", "lead" }, { "Đơn vị phối hợp", "support" }, { "Đơn vị phốí hợp", "support" },
        { "Thời gian hoàn thành", "deadline" }, { "Thời  gian thực\thiện", "deadline" }, { "Sản phẩm", "product" },
        { "Ghi chú", NULL },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_STR(columns_field(c, cases[i].h), cases[i].f, "heading \"%s\"", cases[i].h);
    columns_free(c);
}

int main(void)
{
    image_quiet();
    test_grid();
    test_text_page();
    test_columns();
    return check_done();
}
