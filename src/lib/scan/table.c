/* scan/table.c (prefix table_) — see table.h: the table data model's accessors, no image code. */
#include "scan/table.h"
#include "core/strbuf.h"
#include "scan/page.h"

#include <stdlib.h>
#include <string.h>

const pp_cell *table_cell_at(const pp_table *t, int row, int col)
{
    for (size_t i = 0; i < t->ncells; i++) {
        const pp_cell *c = &t->cells[i];
        if (row >= c->row && row < c->row + c->rowspan && col >= c->col && col < c->col + c->colspan)
            return c;
    }
    return NULL;
}

void table_free_all(pp_table *t, size_t n)
{
    for (size_t i = 0; t && i < n; i++) {
        for (size_t k = 0; k < t[i].ncells; k++)
            free(t[i].cells[k].text);
        for (int c = 0; c < t[i].ncols; c++) {
            free(t[i].fields ? t[i].fields[c] : NULL);
            free(t[i].headings ? t[i].headings[c] : NULL);
        }
        free(t[i].fields);
        free(t[i].headings);
        free(t[i].cells);
        free(t[i].rowy);
        free(t[i].colx);
    }
    free(t);
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
        PP_GROW(*rows, *nrows + 1, *arows, 32);
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

void table_rows_into_lines(pp_table *tabs, size_t nt, pp_page *page)
{
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
}
