/* tablecells.c — see tablecells.h. */
#include "tablecells.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>

/* A cell with (almost) no dark pixels is not worth a Tesseract call. */
static int cell_has_ink(PIX *clean, const pp_box *b)
{
    if (b->x1 - b->x0 < 4 || b->y1 - b->y0 < 4)
        return 0;
    BOX *box = boxCreate(b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
    PIX *clip = box ? pixClipRectangle(clean, box, NULL) : NULL;
    boxDestroy(&box);
    PIX *bin = clip ? pixConvertTo1(clip, 128) : NULL;
    pixDestroy(&clip);
    l_int32 count = 0;
    if (bin)
        pixCountPixels(bin, &count, NULL);
    pixDestroy(&bin);
    return count >= 12;
}

/* The words [first, first + n) joined by spaces. */
static char *join_words(const pp_page *page, size_t first, size_t n, float *conf)
{
    strbuf sb = STRBUF_INIT;
    double sum = 0;
    for (size_t k = 0; k < n; k++) {
        if (k)
            sb_addc(&sb, ' ');
        sb_adds(&sb, page->words[first + k].text);
        sum += page->words[first + k].conf;
    }
    *conf = n ? (float)(sum / (double)n) : 0;
    return sb_detach(&sb, NULL);
}

/* Appends one line per non-empty table row (cells in column order, TAB-separated) to `rows`. */
static void row_lines(const pp_table *t, const pp_page *page, pp_line **rows, size_t *nrows, size_t *arows)
{
    size_t i = 0;
    for (int r = 0; r < t->nrows; r++) {
        size_t a = i;
        while (i < t->ncells && t->cells[i].row == r)
            i++;
        int any = 0;
        for (size_t k = a; k < i; k++)
            any |= t->cells[k].text && t->cells[k].text[0];
        if (!any)
            continue;
        if (*nrows == *arows) {
            *arows = *arows ? *arows * 2 : 32;
            *rows = xrealloc(*rows, *arows * sizeof **rows);
        }
        pp_line *l = &(*rows)[(*nrows)++];
        memset(l, 0, sizeof *l);
        strbuf sb = STRBUF_INIT;
        /* one TAB-separated field per grid column, so a reader can split the line by column; columns
         * covered by a spanning cell (or by a cell from the rows above) are empty fields */
        double conf = 0;
        l->first_word = (size_t)-1;
        size_t k = a;
        for (int col = 0; col < t->ncols; col++) {
            if (col)
                sb_addc(&sb, '\t');
            if (k < i && t->cells[k].col == col) {
                const pp_cell *c = &t->cells[k++];
                sb_adds(&sb, c->text ? c->text : "");
                if (c->nwords && l->first_word == (size_t)-1)
                    l->first_word = c->first_word;
                l->nwords += c->nwords;
                conf += c->conf * (double)c->nwords;
            }
        }
        if (l->first_word == (size_t)-1)
            l->first_word = page->nwords;
        l->text = sb_detach(&sb, &l->len);
        l->has_box = 1;
        l->box = (pp_box){ t->colx[0], t->rowy[r], t->colx[t->ncols], t->rowy[r + 1] };
        l->conf = l->nwords ? (float)(conf / (double)l->nwords) : 0;
    }
}

int tables_recognize(pp_engine *eng, PIX *clean, int dpi, pp_table *tabs, size_t nt,
                     pp_page *page, const char *path, pp_err *e)
{
    page->tables = tabs;
    page->ntables = nt;
    /* 1. the text around the tables */
    PIX *outside = pixCopy(NULL, clean);
    if (!outside)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: page %d: out of memory", path, page->number);
    /* blanked with the paper's grey (white on grey paper would upset Tesseract's threshold) */
    l_uint32 paper = 255;
    if (pixGetRankValue(clean, 4, 0.5, &paper) != 0)
        paper = 255;
    for (size_t i = 0; i < nt; i++) {
        const pp_box *b = &tabs[i].box;
        BOX *box = boxCreate(b->x0 - 4, b->y0 - 4, b->x1 - b->x0 + 9, b->y1 - b->y0 + 9);
        if (box)
            pixSetInRectArbitrary(outside, box, paper);
        boxDestroy(&box);
    }
    int rc = engine_recognize(eng, outside, dpi, page, path, e);
    pixDestroy(&outside);
    if (rc)
        return rc;
    size_t outside_words = page->nwords;
    /* 2. each cell alone; a cell's words are contiguous, and cells are in row-major order, so a row's
     *    words are contiguous too */
    engine_set_image(eng, clean, dpi);
    double conf_sum = page->conf * (double)outside_words;
    size_t conf_n = outside_words;
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tabs[i].ncells; k++) {
            pp_cell *c = &tabs[i].cells[k];
            c->first_word = page->nwords;
            c->nwords = 0;
            if (cell_has_ink(clean, &c->box) &&
                engine_recognize_rect(eng, &c->box, page, &c->first_word, &c->nwords) != PP_OK) {
                engine_clear(eng);
                return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: Tesseract could not recognise a table cell",
                                  path, page->number);
            }
            c->text = join_words(page, c->first_word, c->nwords, &c->conf);
            c->has_conf = c->nwords > 0;
            conf_sum += c->conf * (double)c->nwords;
            conf_n += c->nwords;
        }
    engine_clear(eng);
    /* 3. table rows among the other lines: before the first line that starts below the table's top */
    pp_line *rows = NULL;
    size_t nrows = 0, arows = 0;
    size_t *tab_at = xcalloc(nt + 1, sizeof *tab_at); /* first row line of each table */
    for (size_t i = 0; i < nt; i++) {
        tab_at[i] = nrows;
        row_lines(&tabs[i], page, &rows, &nrows, &arows);
    }
    tab_at[nt] = nrows;
    size_t total = page->nlines + nrows;
    pp_line *merged = xmalloc((total ? total : 1) * sizeof *merged);
    size_t m = 0, li = 0;
    for (size_t i = 0; i <= nt; i++) {
        while (li < page->nlines && (i == nt || page->lines[li].box.y0 < tabs[i].box.y0))
            merged[m++] = page->lines[li++];
        if (i < nt)
            for (size_t r = tab_at[i]; r < tab_at[i + 1]; r++)
                merged[m++] = rows[r];
    }
    free(tab_at);
    free(rows);
    free(page->lines);
    page->lines = merged;
    page->nlines = page->alines = total;
    page_join_text(page);
    page->has_conf = conf_n > 0;
    page->conf = conf_n ? conf_sum / (double)conf_n : 0;
    return PP_OK;
}
