/* scan/table.h (prefix table_) — a ruled table of a page as data: its grid of rows and columns, and
 * which cells span several grid positions (group heading rows, merged bodies).  No image code: finding
 * tables is table_find.h (Leptonica), recognising the cells' text ocr/tablecells.h, naming the columns
 * match/columns.h.  docs/tables.md describes the method. */
#ifndef PARPLAN_SCAN_TABLE_H
#define PARPLAN_SCAN_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "scan/box.h"

typedef struct pp_cell {
    int row, col;            /* 0-based grid position of its top-left corner */
    int rowspan, colspan;
    pp_box box;              /* inside the rules, page pixels */
    char *text;              /* recognised text, wrapped lines joined by spaces ("" when empty) */
    int has_conf;
    float conf;              /* mean word confidence */
    size_t first_word, nwords; /* its words in the page's word array */
} pp_cell;

typedef struct pp_table {
    pp_box box;              /* outer rules, page pixels */
    int nrows, ncols;
    int *rowy;               /* nrows + 1 row boundaries (y, page pixels) */
    int *colx;               /* ncols + 1 column boundaries (x) */
    const char *method;      /* "ruled": every column boundary is a drawn rule; "whitespace": some were
                                found from aligned white space instead */
    int header_row;          /* row holding the column headings, -1 when none (a continuation) */
    int continues;           /* 1: continues the last table of the previous page */
    char **fields;           /* ncols field names (columns.h), NULL when a column is not mapped */
    char **headings;         /* ncols heading texts, NULL when none */
    pp_cell *cells;          /* row-major order of their top-left corners */
    size_t ncells;
} pp_table;

struct pp_page;
/* Adds a line per non-empty row of each table (its cells' texts TAB-separated, one field per grid column,
 * the row's words) among the page's lines, before the first line starting below the table's top, and
 * sets the page text to its lines: a table's rows are lines of the page too. */
void table_rows_into_lines(pp_table *tabs, size_t nt, struct pp_page *page);
/* Frees the contents of n tables and the array. */
void table_free_all(pp_table *t, size_t n);
/* The cell covering grid position (row, col), or NULL. */
const pp_cell *table_cell_at(const pp_table *t, int row, int col);

#endif
