/* db/db_schema_audit.c (prefix pp_schema_) — the table written by parplan-audit (the last migration in
 * db_schema.c).
 *
 *   reviews  every review decision, appended and never updated: an auditor accepting an item or a
 *            field as extracted, or correcting a field to a value.  The extracted tables are never
 *            written: exports read the latest decision beside the extracted value (review.h).
 *
 * Extraction reruns delete and recreate items with new ids, so a decision is keyed by what survives a
 * rerun: the document's content hash, the item's code and the occurrence of that code in the document
 * (codes such as "1." repeat under different sections).  item_id is kept only as a hint of the row
 * the auditor saw.  `extracted` is the field's value as shown when the decision was taken, so an
 * acceptance of a value that a later extraction changed is reported as stale, not trusted. */
const char pp_schema_audit_v1[] =
    "CREATE TABLE reviews (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_hash TEXT NOT NULL,\n"
    "  item_code TEXT NOT NULL,\n"
    "  item_occurrence INTEGER NOT NULL DEFAULT 1,\n"
    "  item_id INTEGER,\n"
    "  field TEXT NOT NULL,\n"
    "  action TEXT NOT NULL CHECK (action IN ('accept','correct')),\n"
    "  value TEXT,\n"
    "  extracted TEXT,\n"
    "  reviewer TEXT NOT NULL,\n"
    "  note TEXT,\n"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))\n"
    ");\n"
    "CREATE INDEX reviews_key ON reviews(document_hash, item_code, item_occurrence, field);\n";

/* 12 -> 13: a reviewer may reject an item (parplan-audit --serve: "delete a spurious item"), recorded as
 * action 'reject' on the field '*' (the whole item); a later 'accept' of '*' takes it back.  SQLite cannot
 * change a CHECK constraint, so the table is made again with its rows, ids and index. */
const char pp_schema_audit_v2[] =
    "CREATE TABLE reviews_v2 (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_hash TEXT NOT NULL,\n"
    "  item_code TEXT NOT NULL,\n"
    "  item_occurrence INTEGER NOT NULL DEFAULT 1,\n"
    "  item_id INTEGER,\n"
    "  field TEXT NOT NULL,\n"
    "  action TEXT NOT NULL CHECK (action IN ('accept','correct','reject')),\n"
    "  value TEXT,\n"
    "  extracted TEXT,\n"
    "  reviewer TEXT NOT NULL,\n"
    "  note TEXT,\n"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))\n"
    ");\n"
    "INSERT INTO reviews_v2 SELECT id, document_hash, item_code, item_occurrence, item_id, field, action, value, "
    "extracted, reviewer, note, at FROM reviews;\n"
    "DROP TABLE reviews;\n"
    "ALTER TABLE reviews_v2 RENAME TO reviews;\n"
    "CREATE INDEX reviews_key ON reviews(document_hash, item_code, item_occurrence, field);\n";
