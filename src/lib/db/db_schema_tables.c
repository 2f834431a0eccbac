/* db/db_schema_tables.c (prefix pp_schema_) — the tables written by parplan-ocr for ruled tables on scanned
 * pages (the migration after the audit one in db_schema.c).  docs/tables.md documents them for readers.
 *
 *   tables         one per table per page: its box, grid size, header row, how its columns were found
 *                  ('ruled': every boundary is a drawn rule; 'whitespace': some came from aligned white
 *                  space), and the table it continues on the previous page (continues_from)
 *   cells          one per cell: grid position of its top-left corner, spans, box, text, confidence
 *   table_columns  one per column: its field (rules/columns.rules) and heading text, as found in the
 *                  header row or taken from the table it continues
 *   cell_words     which OCR words (words.id) a cell's text is made of, for crops in the audit
 *
 * Table rows are also lines of the page (cells joined by TABs), so stages that read lines see them. */
const char pp_schema_tables_v1[] =
    "CREATE TABLE tables (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,\n"
    "  number INTEGER NOT NULL,\n"
    "  x0 INTEGER NOT NULL, y0 INTEGER NOT NULL, x1 INTEGER NOT NULL, y1 INTEGER NOT NULL,\n"
    "  n_rows INTEGER NOT NULL,\n"
    "  n_cols INTEGER NOT NULL,\n"
    "  header_row INTEGER,\n"
    "  method TEXT NOT NULL CHECK (method IN ('ruled','whitespace')),\n"
    "  continues INTEGER NOT NULL DEFAULT 0,\n"
    "  continues_from INTEGER REFERENCES tables(id) ON DELETE SET NULL,\n"
    "  UNIQUE (page_id, number)\n"
    ");\n"
    "CREATE INDEX tables_continues_from ON tables(continues_from);\n"
    "CREATE TABLE cells (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,\n"
    "  row INTEGER NOT NULL,\n"
    "  col INTEGER NOT NULL,\n"
    "  row_span INTEGER NOT NULL DEFAULT 1,\n"
    "  col_span INTEGER NOT NULL DEFAULT 1,\n"
    "  x0 INTEGER NOT NULL, y0 INTEGER NOT NULL, x1 INTEGER NOT NULL, y1 INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  confidence REAL,\n"
    "  UNIQUE (table_id, row, col)\n"
    ");\n"
    "CREATE TABLE table_columns (\n"
    "  table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,\n"
    "  col INTEGER NOT NULL,\n"
    "  x0 INTEGER NOT NULL, x1 INTEGER NOT NULL,\n"
    "  field TEXT,\n"
    "  heading TEXT,\n"
    "  PRIMARY KEY (table_id, col)\n"
    ");\n"
    "CREATE TABLE cell_words (\n"
    "  cell_id INTEGER NOT NULL REFERENCES cells(id) ON DELETE CASCADE,\n"
    "  word_id INTEGER NOT NULL REFERENCES words(id) ON DELETE CASCADE,\n"
    "  PRIMARY KEY (cell_id, word_id)\n"
    ") WITHOUT ROWID;\n"
    "CREATE INDEX cell_words_word ON cell_words(word_id);\n";
