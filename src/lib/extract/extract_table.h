/* extract/extract_table.h (prefix et_) — the tables parplan-ocr read cell by cell (`tables`, `cells`,
 * `table_columns`; docs/tables.md) as segment.h sees them: each table row stored as one TAB-joined line of
 * the page is found among the document's lines and described by an sg_trow (header, group or body row, its
 * cells as folded spans of that line ordered code, title, then the other named columns), so sg_segment makes
 * one item per row from its cells and never reads the line as prose.
 *
 * A table is used when its columns are named (table_columns.field, from its header row or inherited by
 * a continuation): a code or title column and at least one other.  A cell that spans rows belongs to
 * every row it covers (its span points at the line of its first row). */
#ifndef PARPLAN_EXTRACT_TABLE_H
#define PARPLAN_EXTRACT_TABLE_H

#include <stdint.h>

#include "db/db.h"
#include "extract/segment.h"

typedef struct et_cell {
    sg_span sp;      /* folded span of the cell text in its row line */
    double conf;     /* the cell's OCR confidence, < 0 when none */
} et_cell;

typedef struct et_doc {
    sg_table *tables;
    size_t ntables;
    sg_trow *rows;
    size_t nrows;
    et_cell *cells;  /* sorted by span start */
    size_t ncells;
} et_doc;

/* The statements et_load reads with, prepared once per connection and kept for every document. */
typedef struct et_stmts {
    pp_db *db;
    sqlite3_stmt *tables, *columns, *cells;
} et_stmts;

int et_stmts_open(pp_db *db, et_stmts *q, pp_err *e);
void et_stmts_close(et_stmts *q);

/* Reads the tables of document doc_id and marks their row lines in d (sg_line.trow, 1-based; d->ttables and
 * d->trows point into *t, which must outlive d's use).  A document without tables leaves d unchanged. */
int et_load(et_stmts *q, int64_t doc_id, sg_doc *d, et_doc *t, pp_err *e);
/* The confidence of the cell holding folded span s; 0 when s is not inside one cell (or it has none). */
int et_conf(const et_doc *t, sg_span s, double *conf);
void et_free(et_doc *t);

#endif
