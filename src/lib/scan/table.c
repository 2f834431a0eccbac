/* scan/table.c (prefix table_) — see table.h: the table data model's accessors, no image code. */
#include "scan/table.h"

#include <stdlib.h>

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
