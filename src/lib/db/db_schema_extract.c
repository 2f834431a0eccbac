/* db/db_schema_extract.c (prefix pp_schema_) — tables written by parplan-extract (migration 2 -> 3; see
 * db_schema.c).
 *
 *   extractions  one row per extracted document: the hash of the rules it was extracted with, so a
 *                rerun with the same rules skips it and a rule change redoes it.
 *   items        the hierarchy (parent_id) of sections, numbered items and table rows, with the
 *                single-valued fields (points, baseline, deadline, product).
 *   targets      the targets of an item, parsed (value, unit %/điểm/count, op =,>=,>,<=,increase>=, year).
 *   bodies       one canonical row per body per province (known = found in rules/bodies.txt).
 *   item_bodies  lead / support / monitor bodies of an item, with the text as written.
 *   sources      where every extracted value came from: page, line, character span (0-based, in
 *                characters, end exclusive, end on line_end), the rule, and the OCR confidence (NULL for
 *                text inputs).  item_id is NULL for document fields. */
const char pp_schema_extract_v1[] =
    "CREATE TABLE extractions (\n"
    "  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  rules_hash TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  items INTEGER NOT NULL,\n"
    "  run_id INTEGER REFERENCES runs(id),\n"
    "  extracted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))\n"
    ");\n"
    "CREATE TABLE bodies (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  province TEXT NOT NULL DEFAULT '',\n"
    "  name TEXT NOT NULL,\n"
    "  known INTEGER NOT NULL DEFAULT 0,\n"
    "  UNIQUE (province, name)\n"
    ");\n"
    "CREATE TABLE items (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  parent_id INTEGER REFERENCES items(id) ON DELETE CASCADE,\n"
    "  kind TEXT NOT NULL CHECK (kind IN ('section','item','row')),\n"
    "  level INTEGER NOT NULL,\n"
    "  code TEXT,\n"
    "  code_inferred INTEGER NOT NULL DEFAULT 0,\n"
    "  title TEXT,\n"
    "  target_text TEXT,\n"
    "  group_body_id INTEGER REFERENCES bodies(id),\n"
    "  points_target REAL, points_max REAL,\n"
    "  baseline_value REAL, baseline_unit TEXT, baseline_year INTEGER,\n"
    "  deadline TEXT, product TEXT,\n"
    "  page INTEGER, line INTEGER, confidence REAL,\n"
    "  UNIQUE (document_id, seq)\n"
    ");\n"
    "CREATE INDEX items_document ON items(document_id);\n"
    "CREATE TABLE targets (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,\n"
    "  seq INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  value REAL, unit TEXT, op TEXT, year INTEGER,\n"
    "  rule TEXT,\n"
    "  UNIQUE (item_id, seq)\n"
    ");\n"
    "CREATE TABLE item_bodies (\n"
    "  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,\n"
    "  role TEXT NOT NULL CHECK (role IN ('lead','support','monitor')),\n"
    "  seq INTEGER NOT NULL,\n"
    "  body_id INTEGER NOT NULL REFERENCES bodies(id),\n"
    "  text TEXT NOT NULL,\n"
    "  PRIMARY KEY (item_id, role, seq)\n"
    ");\n"
    "CREATE INDEX item_bodies_body ON item_bodies(body_id);\n"
    "CREATE TABLE sources (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  item_id INTEGER REFERENCES items(id) ON DELETE CASCADE,\n"
    "  field TEXT NOT NULL,\n"
    "  seq INTEGER NOT NULL DEFAULT 0,\n"
    "  rule TEXT,\n"
    "  text TEXT NOT NULL,\n"
    "  page INTEGER, line INTEGER, char_start INTEGER, line_end INTEGER, char_end INTEGER,\n"
    "  confidence REAL\n"
    ");\n"
    "CREATE INDEX sources_document ON sources(document_id);\n"
    "CREATE INDEX sources_item ON sources(item_id);\n";

/* Migration 5 -> 6: two indexes parplan-extract paid for on every row and nothing reads.
 *   items_document    repeats the first column of UNIQUE (document_id, seq), whose index serves every
 *                     lookup by document.
 *   item_bodies_body  keyed by body, so each document's rows landed in as many places of it as the
 *                     document names bodies: a tenth of the extract stage's time (tools/bench-extract.sh,
 *                     docs/extract.md).  Nothing in parplan looks item bodies up by body; a query that
 *                     does scans item_bodies (or SQLite builds an automatic index for the join), and a
 *                     database queried that way all day can have it back with
 *                     CREATE INDEX item_bodies_body ON item_bodies(body_id). */
const char pp_schema_extract_v2[] =
    "DROP INDEX IF EXISTS items_document;\n"
    "DROP INDEX IF EXISTS item_bodies_body;\n";

/* Migration 6 -> 7: an item's sources in one column of the item (documents' in their extraction row),
 * read as rows through the sources view.
 *   items.evidence, extractions.evidence
 *                a JSON array with one [field, seq, rule, text, page, line, char_start, line_end, char_end,
 *                confidence] per value (NULL: none).  The sources table held one row per value, about 190
 *                per document: writing them was a quarter of parplan-extract's time (docs/extract.md).
 *                A title's or target text's text is null when it is the item's column byte for byte
 *                (most are): the view takes the column.
 *   sources      a view with the table's columns, in the order the values were found; id is the item's id
 *                * 1024 + the value's position (document fields: position - (document id + 1) * 1024, so
 *                negative and, like an item's, rising in the order the values were found),
 *                unique and stable while the item is.  A lookup by item_id or document_id reads only
 *                that item's or document's row: SQLite pushes the condition into each arm of the view.
 * The rows of the old table move into the columns in their order. */
const char pp_schema_extract_v3[] =
    "ALTER TABLE items ADD COLUMN evidence TEXT;\n"
    "ALTER TABLE extractions ADD COLUMN evidence TEXT;\n"
    "UPDATE items SET evidence = (SELECT json_group_array(json_array(field, seq, rule, text, page, line, "
    "char_start, line_end, char_end, confidence)) FROM (SELECT * FROM sources s WHERE s.item_id = items.id "
    "ORDER BY s.id)) WHERE id IN (SELECT item_id FROM sources);\n"
    "UPDATE extractions SET evidence = (SELECT json_group_array(json_array(field, seq, rule, text, page, "
    "line, char_start, line_end, char_end, confidence)) FROM (SELECT * FROM sources s WHERE s.document_id = "
    "extractions.document_id AND s.item_id IS NULL ORDER BY s.id)) "
    "WHERE document_id IN (SELECT document_id FROM sources WHERE item_id IS NULL);\n"
    "DROP TABLE sources;\n"
    "CREATE VIEW sources (id, document_id, item_id, field, seq, rule, text, page, line, char_start, line_end, "
    "char_end, confidence) AS\n"
    "  SELECT i.id * 1024 + v.key, i.document_id, i.id, v.value ->> 0, v.value ->> 1, v.value ->> 2, "
    "coalesce(v.value ->> 3, CASE v.value ->> 0 WHEN 'title' THEN i.title WHEN 'target_text' THEN i.target_text END), "
    "v.value ->> 4, v.value ->> 5, v.value ->> 6, v.value ->> 7, v.value ->> 8, v.value ->> 9\n"
    "  FROM items i, json_each(i.evidence) v\n"
    "  UNION ALL\n"
    "  SELECT v.key - (x.document_id + 1) * 1024, x.document_id, NULL, v.value ->> 0, v.value ->> 1, "
    "v.value ->> 2, v.value ->> 3, v.value ->> 4, v.value ->> 5, v.value ->> 6, v.value ->> 7, v.value ->> 8, "
    "v.value ->> 9\n"
    "  FROM extractions x, json_each(x.evidence) v;\n";

/* Migration 7 -> 8: why a document has no number.
 *   documents.number_note  "handwritten" when the header prints "Số:" and its symbol but the number was
 *                          left for the pen (blank, or ink an OCR engine cannot read): number is NULL then,
 *                          never a guess; the printed part is the note's source.  NULL otherwise. */
const char pp_schema_extract_v4[] = "ALTER TABLE documents ADD COLUMN number_note TEXT;\n";

/* Migration 8 -> 9: the code of an item as printed.
 *   items.code_as_printed  items.code is the item's full path, unique within its document: a table row
 *                          "1" under the group row "I." is "I.1"; this is "1", what the document prints
 *                          (equal to code where the two do not differ), NULL where the code was inferred
 *                          (a lost number, a task lettered 4.a under its heading) and in rows extracted
 *                          before. */
const char pp_schema_extract_v5[] = "ALTER TABLE items ADD COLUMN code_as_printed TEXT;\n";
