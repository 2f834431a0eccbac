/* ocr/tablelink.h (prefix tablelink_) — the tables of one loaded document given column names: each
 * table's header row is found and named through match/columns.h, and a table that continues one from
 * the previous page takes that table's names. */
#ifndef PARPLAN_OCR_TABLELINK_H
#define PARPLAN_OCR_TABLELINK_H

#include "match/columns.h"
#include "scan/page.h"

/* Finds the header row of each table of a document's pages (the first of its top three rows in which at
 * least two cells name distinct fields) and names its columns; a table at the top of a page without a
 * header, after a page that ended with a table of as many columns at the same places, continues that
 * table and takes its column names.  `c` may be NULL (no names, continuation still found). */
void tablelink_doc(pp_columns *c, pp_page *pages, int npages);

#endif
