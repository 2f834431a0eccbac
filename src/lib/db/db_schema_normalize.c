/* db/db_schema_normalize.c (prefix pp_schema_) — tables written by parplan-normalize (migration 1 -> 2; see
 * db_schema.c).
 *
 * The original text (pages.text, pages.raw, lines.text) is never touched; the normalized (and, with
 * --restore, restored) text sits beside it with its folded search key.  docs/normalize.md describes the
 * columns. */
const char pp_schema_normalize_v1[] =
    "CREATE TABLE documents_norm (\n"
    "  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  encoding_detected TEXT NOT NULL,\n" /* utf-8, tcvn3, vni, viscii, cp1258, viqr, or what OCR said */
    "  encoding_margin INTEGER,\n"         /* detector's score lead over the runner-up; NULL if not run */
    "  options TEXT NOT NULL,\n"           /* the options that produced the rows (rerun check) */
    "  run_id INTEGER REFERENCES runs(id)\n"
    ");\n"
    "CREATE TABLE pages_norm (\n"
    "  page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,\n"
    "  text TEXT NOT NULL,\n"
    "  key TEXT NOT NULL,\n"               /* folded: no diacritics, đ -> d, lower case */
    "  encoding TEXT NOT NULL,\n"
    "  tone_style TEXT NOT NULL CHECK (tone_style IN ('old','new')),\n"
    "  restored INTEGER NOT NULL,\n"       /* 1 when diacritics restoration ran on this page */
    "  changed INTEGER NOT NULL\n"         /* syllables restoration changed */
    ");\n"
    "CREATE TABLE lines_norm (\n"
    "  line_id INTEGER PRIMARY KEY REFERENCES lines(id) ON DELETE CASCADE,\n"
    "  text TEXT NOT NULL,\n"
    "  key TEXT NOT NULL,\n"
    "  encoding TEXT NOT NULL,\n"
    "  restored INTEGER NOT NULL,\n"
    "  changed INTEGER NOT NULL,\n"
    "  syllable_conf TEXT\n"               /* JSON [[byte offset, length, confidence, changed], ...] */
    ");\n"
    "CREATE VIRTUAL TABLE pages_fts USING fts5(key, tokenize = 'unicode61 remove_diacritics 2');\n"
    "CREATE VIRTUAL TABLE lines_fts USING fts5(key, tokenize = 'unicode61 remove_diacritics 2');\n";
