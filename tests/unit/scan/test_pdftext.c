/* test_pdftext.c — a PDF page's text layer (pdftext.c): a page written here with cairo (DejaVu Serif
 * embedded) reads back word for word, in lines by position (the two blocks of a letterhead on one line,
 * apart by spaces), with boxes in the 300 dpi page image, covering its ink; the verdicts on made-up
 * statistics (empty, garbage by replacement or foreign letters, partial, usable); which recognised
 * annotation words are kept, and which are read again as numbers. */
#include "check.h"
#include "scan/pdftext.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <unistd.h>

static int make_pdf(const char *path)
{
    cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    cairo_move_to(cr, 60, 80);
    cairo_show_text(cr, "ỦY BAN NHÂN DÂN");
    cairo_move_to(cr, 330, 81); /* the other block, a point lower */
    cairo_show_text(cr, "CỘNG HÒA XÃ HỘI");
    cairo_move_to(cr, 60, 120);
    cairo_show_text(cr, "Số: 112/KH-STNMT ngày 05 tháng 3 năm 2024 về cải cách hành chính");
    cairo_destroy(cr);
    cairo_surface_finish(s);
    int ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    return ok;
}

int main(void)
{
    setMsgSeverity(L_SEVERITY_NONE);
    char path[] = "/tmp/test_pdftext.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        SKIP_ALL("no temporary file");
    close(fd);
    if (!make_pdf(path))
        SKIP_ALL("cairo cannot write a PDF");
    pp_err e;
    pp_err_clear(&e);
    pp_pdf *pdf = NULL;
    int n = 0;
    CHECK(pdf_open(path, &pdf, &n, &e) == PP_OK && n == 1, "opened: %s", e.msg);
    PIX *pix = NULL;
    if (pdf)
        CHECK(pdf_page_image(pdf, 0, 150000000L, &pix, &e) == PP_OK && pixGetWidth(pix) == 2480, "rendered at 300 dpi");
    if (pix) {
        pp_page pg;
        memset(&pg, 0, sizeof pg);
        pdft_stats st;
        pp_box *annots = NULL;
        size_t na = 0;
        CHECK(pdft_read(pdf, path, 0, pix, &pg, &st, &annots, &na, &e) == PP_OK && na == 0, "read, no annotations");
        pdft_lines(&pg, pg.nwords);
        st.ink_cover = pdft_cover(pix, &pg);
        CHECK(pg.nlines == 2, "two lines by position: %zu", pg.nlines);
        CHECK(pg.nlines == 2 && strstr(pg.lines[0].text, "ỦY BAN NHÂN DÂN    ") &&
                  strstr(pg.lines[0].text, "    CỘNG HÒA XÃ HỘI"), "the letterhead's blocks on one line, apart: '%s'",
              pg.nlines ? pg.lines[0].text : "");
        CHECK(pg.nlines == 2 && !strcmp(pg.lines[1].text, "Số: 112/KH-STNMT ngày 05 tháng 3 năm 2024 về cải cách hành chính"),
              "the second line word for word: '%s'", pg.nlines > 1 ? pg.lines[1].text : "");
        CHECK(st.chars == 76 && st.bad == 0 && st.odd == 0, "76 characters, none bad or foreign (%d, %d, %d)", st.chars,
              st.bad, st.odd);
        int inside = 1;
        for (size_t i = 0; i < pg.nwords; i++)
            inside &= pg.words[i].box.x0 >= 240 && pg.words[i].box.x1 <= 2480 && pg.words[i].box.y0 >= 200 &&
                      pg.words[i].box.y1 <= 560;
        CHECK(pg.nwords == 21 && inside, "21 words with boxes where the text is (300 dpi)");
        CHECK(st.ink_cover > 0.95, "the words cover the page's ink: %.3f", st.ink_cover);
        CHECK(pdft_judge(&st) == PDFT_USABLE && !st.over_scan, "usable, not over a scan");
        page_clear(&pg);
        free(annots);
        pixDestroy(&pix);
    }
    pdf_close(pdf);
    remove(path);

    pdft_stats s = { 10, 0, 0, 1.0, 0 };
    CHECK(pdft_judge(&s) == PDFT_EMPTY, "10 characters: empty");
    s = (pdft_stats){ 500, 60, 0, 1.0, 0 };
    CHECK(pdft_judge(&s) == PDFT_GARBAGE, "12 %% replacement characters: garbage");
    s = (pdft_stats){ 500, 0, 20, 1.0, 0 };
    CHECK(pdft_judge(&s) == PDFT_GARBAGE, "4 %% foreign letters: garbage");
    s = (pdft_stats){ 500, 0, 4, 1.0, 0 };
    CHECK(pdft_judge(&s) == PDFT_USABLE, "4 foreign letters in 500: usable");
    s = (pdft_stats){ 500, 0, 0, 0.3, 0 };
    CHECK(pdft_judge(&s) == PDFT_PARTIAL, "30 %% of the ink: partial");
    CHECK(pdft_word_ok("TRUNG", 90) && pdft_word_ok("08", 85) && !pdft_word_ok("TRUNG", 70) && !pdft_word_ok("©", 90) &&
              !pdft_word_ok("ˆ", 90) && !pdft_word_ok("*", 95), "annotation words: confident and with a letter or digit");
    CHECK(pdft_digit_like("II") && pdft_digit_like("1l") && pdft_digit_like("05") && !pdft_digit_like("Số") &&
              !pdft_digit_like(""), "digit-like words");
    return check_done();
}
