/* test_engine.c — second readings of weak words (engine.h: engine_read_again, and its use by
 * engine_recognize and tables_recognize) on the aged samples whose "Quý III" Tesseract's first reading
 * gets wrong: plan-02's bilevel TIFF ("Quý II": a thin final I lost) and appendix-01's table cell
 * ("Quý IIl").  Also what engine_read_again keeps and drops on readings made up around the same line,
 * and that lines and cells still name contiguous words in reading order afterwards.  Skips when the
 * samples or the vie model are missing. */
#include "check.h"
#include "ocr/engine.h"
#include "scan/image.h"
#include "scan/input.h"
#include "scan/page.h"
#include "core/strbuf.h"
#include "scan/table.h"
#include "scan/table_find.h"
#include "ocr/tablecells.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The prepared (gray, deskewed) page `index` of `path`, or NULL. */
static PIX *prepared_page(const char *path, int index, pp_prep *prep)
{
    unsigned char head[16] = { 0 };
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    pp_err e;
    pp_err_clear(&e);
    pp_input *in = NULL;
    PIX *pix = NULL;
    if (input_open(path, input_sniff(head, n), PP_DEFAULT_MAX_PIXELS, &in, &e) ||
        input_page(in, index, &pix, &e)) {
        printf("# %s\n", e.msg);
        input_close(in);
        return NULL;
    }
    input_close(in);
    PIX *ready = image_prepare(pix, prep);
    pixDestroy(&pix);
    return ready;
}

/* The words [first, first + n) joined by spaces (caller frees). */
static char *joined(const pp_page *p, size_t first, size_t n)
{
    strbuf sb = STRBUF_INIT;
    for (size_t k = 0; k < n; k++) {
        if (k)
            sb_addc(&sb, ' ');
        sb_adds(&sb, p->words[first + k].text ? p->words[first + k].text : "(freed)");
    }
    return sb_detach(&sb, NULL);
}

/* Every line names its own words, contiguous and in line order, all of the page's words, and its text
 * is its words joined. */
static int lines_consistent(const pp_page *p)
{
    size_t next = 0;
    for (size_t i = 0; i < p->nlines; i++) {
        const pp_line *l = &p->lines[i];
        if (l->first_word != next)
            return 0;
        char *j = joined(p, l->first_word, l->nwords);
        int same = strcmp(j, l->text) == 0;
        free(j);
        if (!same)
            return 0;
        next += l->nwords;
    }
    for (size_t k = 0; k < p->nwords; k++)
        if (!p->words[k].text)
            return 0;
    return next == p->nwords;
}

static const pp_line *line_with(const pp_page *p, const char *text)
{
    for (size_t i = 0; i < p->nlines; i++)
        if (strcmp(p->lines[i].text, text) == 0)
            return &p->lines[i];
    return NULL;
}

/* A one-line page holding `n` made-up words. */
static void fake_line(pp_page *p, const pp_word *w, size_t n)
{
    page_clear(p);
    for (size_t k = 0; k < n; k++) {
        pp_word *d = page_add_word(p);
        *d = w[k];
        d->text = xstrdup(w[k].text);
    }
}

static void test_page(pp_engine *eng, const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/samples/scans/plan-02-aged.tif", root);
    pp_prep prep;
    PIX *ready = prepared_page(path, 1, &prep);
    CHECK(ready != NULL, "plan-02-aged.tif page 2 prepared");
    if (!ready)
        return;
    pp_page page;
    memset(&page, 0, sizeof page);
    page.number = 2;
    pp_err e;
    pp_err_clear(&e);
    CHECK(engine_recognize(eng, ready, prep.dpi, &page, path, &e) == PP_OK, "page recognised");
    /* the first reading gives "Quý II" (the word "II" at confidence 0); the stretched one keeps all three */
    const pp_line *l = line_with(&page, "Quý III năm 2023");
    CHECK(l != NULL, "plan-02 page 2 reads \"Quý III năm 2023\"");
    CHECK(line_with(&page, "Quý II năm 2023") == NULL, "and not \"Quý II năm 2023\"");
    CHECK(lines_consistent(&page), "lines name contiguous words in order, text = words joined");
    size_t len = 0;
    for (size_t i = 0; i < page.nlines; i++)
        len += page.lines[i].len + (i ? 1 : 0);
    CHECK(page.text && page.text_len == len, "page text is the lines joined");

    if (l && l->nwords == 4) {
        pp_box r = { l->box.x0 - 4, l->box.y0 - 4, l->box.x1 + 4, l->box.y1 + 4 };
        pp_word w[4];
        for (int k = 0; k < 4; k++)
            w[k] = page.words[l->first_word + (size_t)k];
        pp_page fake;
        memset(&fake, 0, sizeof fake);
        size_t first = 0, n = 4;

        /* nothing weak: no second reading at all */
        for (int k = 0; k < 4; k++)
            w[k].conf = 95;
        fake_line(&fake, w, 4);
        CHECK(engine_read_again(eng, ready, &r, prep.dpi, 7, &fake, &first, &n) == READ_AGAIN_SAME &&
                  fake.nwords == 4 && first == 0 && n == 4,
              "no weak word: SAME, nothing appended");

        /* the first reading's failure, as Tesseract gives it: the weak word takes its second reading */
        w[1].text = "II";
        w[1].conf = 0;
        fake_line(&fake, w, 4);
        int rc = engine_read_again(eng, ready, &r, prep.dpi, 7, &fake, &first, &n);
        CHECK(rc == READ_AGAIN_IN_PLACE && first == 0 && n == 4 && fake.nwords == 4, "weak \"II\": IN_PLACE");
        CHECK_STR(fake.words[1].text, "III", "the stroke lost is back");
        CHECK(fake.words[1].conf > 60, "with a confident reading (%.0f)", fake.words[1].conf);
        CHECK_STR(fake.words[0].text, "Quý", "the other words keep their reading");

        /* a number is never replaced by letters, however confident */
        w[1] = page.words[l->first_word + 1];
        w[2].text = "0000";
        w[2].conf = 0;
        fake_line(&fake, w, 4);
        first = 0, n = 4;
        engine_read_again(eng, ready, &r, prep.dpi, 7, &fake, &first, &n);
        CHECK_STR(fake.words[2].text, "0000", "a number stays a number");

        /* one weak word where the second reading finds four: the better whole replaces it, appended */
        pp_word one = { "QuýIIInăm2023", l->box, 5 };
        fake_line(&fake, &one, 1);
        first = 0, n = 1;
        rc = engine_read_again(eng, ready, &r, prep.dpi, 7, &fake, &first, &n);
        CHECK(rc == READ_AGAIN_MOVED && first == 1 && n == 4 && fake.nwords == 5 && !fake.words[0].text,
              "different words: MOVED to the end, the old word's text freed");
        char *j = joined(&fake, first, n);
        CHECK_STR(j, "Quý III năm 2023", "the second reading");
        free(j);
        int inside = 1;
        for (size_t k = first; k < first + n; k++)
            inside &= fake.words[k].box.x0 >= r.x0 - 2 && fake.words[k].box.x1 <= r.x1 + 2 &&
                      fake.words[k].box.x0 < fake.words[k].box.x1;
        CHECK(inside, "its boxes are back in page coordinates, inside the line");
        page_clear(&fake);
    }
    page_clear(&page);
    pixDestroy(&ready);
}

static void test_table(pp_engine *eng, const char *root)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/samples/tables/appendix-01.pdf", root);
    pp_prep prep;
    PIX *ready = prepared_page(path, 0, &prep);
    CHECK(ready != NULL, "appendix-01.pdf page 1 prepared");
    if (!ready)
        return;
    pp_table *tabs = NULL;
    PIX *clean = NULL;
    size_t nt = table_find(ready, prep.dpi, &tabs, &clean);
    CHECK(nt == 1 && clean, "one table found");
    if (nt != 1 || !clean) {
        table_free_all(tabs, nt);
        pixDestroy(&clean);
        pixDestroy(&ready);
        return;
    }
    pp_page page;
    memset(&page, 0, sizeof page);
    page.number = 1;
    pp_err e;
    pp_err_clear(&e);
    CHECK(tables_recognize(eng, clean, prep.dpi, tabs, nt, &page, path, &e) == PP_OK, "cells recognised");
    const pp_cell *c = table_cell_at(&page.tables[0], 4, 6);
    CHECK(c && c->text, "cell (4, 6) read");
    /* the first reading gives "Quý IIl năm 2024" */
    CHECK_STR(c ? c->text : NULL, "Quý III năm 2024", "the deadline cell keeps all three strokes");
    /* cells after the words outside the table, each contiguous, in row-major order, text = words joined */
    const pp_table *t = &page.tables[0];
    size_t next = t->ncells ? t->cells[0].first_word : 0;
    int ordered = 1, texts = 1;
    for (size_t k = 0; k < t->ncells; k++) {
        const pp_cell *x = &t->cells[k];
        if (x->nwords && x->first_word != next)
            ordered = 0;
        next = x->first_word + x->nwords;
        char *j = joined(&page, x->first_word, x->nwords);
        texts &= strcmp(j, x->text ? x->text : "") == 0;
        free(j);
    }
    CHECK(ordered && next == page.nwords, "cells' words contiguous in cell order, to the page's last word");
    CHECK(texts, "every cell's text is its words joined");
    int alive = 1;
    for (size_t k = 0; k < page.nwords; k++)
        alive &= page.words[k].text != NULL;
    CHECK(alive, "no replaced word left among the page's words");
    page_clear(&page); /* frees the tables too */
    pixDestroy(&clean);
    pixDestroy(&ready);
}

int main(void)
{
    const char *root = getenv("PARPLAN_ROOT") ? getenv("PARPLAN_ROOT") : ".";
    char probe[4096];
    snprintf(probe, sizeof probe, "%s/samples/scans/plan-02-aged.tif", root);
    FILE *f = fopen(probe, "rb");
    if (!f)
        SKIP_ALL("samples/scans missing");
    fclose(f);
    image_quiet();
    pp_engine *eng = NULL;
    pp_err e;
    pp_err_clear(&e);
    if (engine_new(NULL, "vie", &eng, &e) != PP_OK)
        SKIP_ALL("Tesseract model vie missing");
    test_page(eng, root);
    test_table(eng, root);
    engine_free(eng);
    return check_done();
}
