/* ocr/tablecells.h (prefix tables_) — reading the cells of the tables found on a page (table.h) one by one,
 * and placing the table rows among the page's other lines in reading order. */
#ifndef PARPLAN_TABLECELLS_H
#define PARPLAN_TABLECELLS_H

#include <leptonica/allheaders.h>

#include "ocr/engine.h"
#include "scan/page.h"
#include "scan/table.h"

/* Recognises a page that holds tables: the page with the table areas blanked out first (the text around
 * the tables, in Tesseract's reading order), then every non-blank cell on its own rectangle of `clean`
 * (the page without its rules).  Each table row becomes one line of the page, its cells joined by TABs
 * (a cell's wrapped lines joined by spaces), placed before the first line below the table's top; the
 * line's words are its cells' words.  Takes ownership of `tabs` (page->tables). */
int tables_recognize(pp_engine *eng, PIX *clean, int dpi, pp_table *tabs, size_t nt,
                     pp_page *page, const char *path, pp_err *e);

#endif
