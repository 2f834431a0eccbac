/* ocr/tablelink.c (prefix tablelink_) — see tablelink.h. */
#include "ocr/tablelink.h"
#include "core/err.h"
#include "scan/table.h"

#include <stdlib.h>
#include <string.h>

/* The header row of a table: the first of its top three rows naming two distinct fields. */
static void find_header(pp_columns *c, pp_table *t)
{
    if (!c)
        return;
    int top = t->nrows < 3 ? t->nrows : 3;
    for (int r = 0; r < top; r++) {
        const char **f = xcalloc((size_t)t->ncols, sizeof *f);
        int named = 0;
        for (size_t i = 0; i < t->ncells; i++) {
            const pp_cell *cell = &t->cells[i];
            if (cell->row != r)
                continue;
            const char *field = columns_field(c, cell->text);
            if (!field)
                continue;
            int dup = 0;
            for (int k = 0; k < t->ncols; k++)
                dup |= f[k] && strcmp(f[k], field) == 0;
            if (!dup)
                named++;
            f[cell->col] = field;
        }
        if (named >= 2) {
            t->header_row = r;
            for (int k = 0; k < t->ncols; k++) {
                t->fields[k] = f[k] ? xstrdup(f[k]) : NULL;
                const pp_cell *cell = table_cell_at(t, r, k);
                t->headings[k] = cell && cell->col == k && cell->text ? xstrdup(cell->text) : NULL;
            }
            free(f);
            return;
        }
        free(f);
    }
}

/* Same number of columns at the same places (relative to the table's width, as the pages of one
 * document may be scanned at different resolutions). */
static int same_columns(const pp_table *a, const pp_table *b)
{
    if (a->ncols != b->ncols)
        return 0;
    double wa = a->colx[a->ncols] - a->colx[0], wb = b->colx[b->ncols] - b->colx[0];
    if (wa <= 0 || wb <= 0)
        return 0;
    for (int k = 1; k < a->ncols; k++) {
        double d = (a->colx[k] - a->colx[0]) / wa - (b->colx[k] - b->colx[0]) / wb;
        if (d > 0.03 || d < -0.03)
            return 0;
    }
    return 1;
}

void tablelink_doc(pp_columns *c, pp_page *pages, int npages)
{
    for (int p = 0; p < npages; p++)
        for (size_t i = 0; i < pages[p].ntables; i++)
            find_header(c, &pages[p].tables[i]);
    for (int p = 1; p < npages; p++) {
        pp_page *prev = &pages[p - 1], *cur = &pages[p];
        if (!cur->ntables || !prev->ntables)
            continue;
        pp_table *t = &cur->tables[0], *last = &prev->tables[prev->ntables - 1];
        if (t->header_row >= 0 || !same_columns(t, last))
            continue;
        t->continues = 1;
        for (int k = 0; k < t->ncols; k++) {
            free(t->fields[k]);
            free(t->headings[k]);
            t->fields[k] = last->fields[k] ? xstrdup(last->fields[k]) : NULL;
            t->headings[k] = last->headings[k] ? xstrdup(last->headings[k]) : NULL;
        }
    }
}
