/* db/db_schema.c (prefix db_schema_) — the database schema, as an ordered list of migrations.
 *
 * Migration i takes a database from user_version i to i+1.  Never edit a released migration: append a
 * new one, so every older database upgrades along the same path.  README.md documents the tables. */
#include "db/db_schema.h"

#include <stddef.h>

/* Migrations owned by other modules live in their own files so each module's tables sit beside it. */
extern const char pp_schema_normalize_v1[]; /* db_schema_normalize.c */
extern const char pp_schema_extract_v1[];   /* db_schema_extract.c */
extern const char pp_schema_extract_v2[];   /* db_schema_extract.c */
extern const char pp_schema_extract_v3[];   /* db_schema_extract.c */
extern const char pp_schema_extract_v4[];   /* db_schema_extract.c */
extern const char pp_schema_extract_v5[];   /* db_schema_extract.c */
extern const char pp_schema_audit_v1[];     /* db_schema_audit.c */
extern const char pp_schema_audit_v2[];     /* db_schema_audit.c */
extern const char pp_schema_tables_v1[];    /* db_schema_tables.c */
extern const char pp_schema_ocr_v1[];       /* db_schema_ocr.c */
extern const char pp_schema_ocr_v2[];       /* db_schema_ocr.c */
extern const char pp_schema_ocr_v3[];       /* db_schema_ocr.c */
extern const char pp_schema_ocr_v4[];       /* db_schema_ocr.c */
extern const char pp_schema_runs_v1[];      /* db_schema_runs.c */

static const char *const migrations[] = {
    /* 0 -> 1: documents, pages, OCR lines and words, runs and failures. */
    "CREATE TABLE runs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  stage TEXT NOT NULL,\n"
    "  version TEXT NOT NULL,\n"
    "  options TEXT NOT NULL,\n"
    "  started_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),\n"
    "  finished_at TEXT,\n"
    "  status TEXT NOT NULL DEFAULT 'running',\n"
    "  ok INTEGER, skipped INTEGER, failed INTEGER\n"
    ");\n"
    "CREATE TABLE documents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  source TEXT NOT NULL,\n"
    "  hash TEXT NOT NULL UNIQUE,\n"
    "  format TEXT NOT NULL,\n"
    "  bytes INTEGER NOT NULL,\n"
    "  encoding TEXT,\n"
    "  page_count INTEGER NOT NULL,\n"
    "  kind TEXT, province TEXT, issuer TEXT, number TEXT, date TEXT, title TEXT, period TEXT,\n"
    "  run_id INTEGER REFERENCES runs(id),\n"
    "  loaded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))\n"
    ");\n"
    "CREATE INDEX documents_source ON documents(source);\n"
    "CREATE TABLE pages (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,\n"
    "  number INTEGER NOT NULL,\n"
    "  hash TEXT NOT NULL,\n"
    "  method TEXT NOT NULL CHECK (method IN ('ocr','text')),\n"
    "  width INTEGER, height INTEGER, dpi INTEGER,\n"
    "  skew REAL,\n"
    "  confidence REAL,\n"
    "  text TEXT NOT NULL,\n"
    "  raw BLOB,\n"
    "  ocr_ms INTEGER,\n"
    "  UNIQUE (document_id, number)\n"
    ");\n"
    "CREATE INDEX pages_hash ON pages(hash);\n"
    "CREATE TABLE lines (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  page_id INTEGER NOT NULL REFERENCES pages(id) ON DELETE CASCADE,\n"
    "  number INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  x0 INTEGER, y0 INTEGER, x1 INTEGER, y1 INTEGER,\n"
    "  confidence REAL,\n"
    "  UNIQUE (page_id, number)\n"
    ");\n"
    "CREATE TABLE words (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  line_id INTEGER NOT NULL REFERENCES lines(id) ON DELETE CASCADE,\n"
    "  number INTEGER NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  x0 INTEGER NOT NULL, y0 INTEGER NOT NULL, x1 INTEGER NOT NULL, y1 INTEGER NOT NULL,\n"
    "  confidence REAL NOT NULL,\n"
    "  UNIQUE (line_id, number)\n"
    ");\n"
    "CREATE TABLE failures (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  run_id INTEGER REFERENCES runs(id),\n"
    "  stage TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  code INTEGER NOT NULL,\n"
    "  message TEXT NOT NULL,\n"
    "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))\n"
    ");\n",
    /* 1 -> 2: normalized texts and search keys (parplan-normalize). */
    pp_schema_normalize_v1,
    /* 2 -> 3: items, targets, bodies and their sources (parplan-extract). */
    pp_schema_extract_v1,
    /* 3 -> 4: review decisions (parplan-audit). */
    pp_schema_audit_v1,
    /* 4 -> 5: ruled tables, their cells, columns and words (parplan-ocr). */
    pp_schema_tables_v1,
    /* 5 -> 6: two extract indexes that cost more to keep than they served. */
    pp_schema_extract_v2,
    /* 6 -> 7: sources kept with their item, read through a view. */
    pp_schema_extract_v3,
    /* 7 -> 8: why a document has no number (documents.number_note). */
    pp_schema_extract_v4,
    /* 8 -> 9: an item's code as printed beside its full path. */
    pp_schema_extract_v5,
    /* 9 -> 10: the OCR options a scan was recognised with (documents.ocr_key). */
    pp_schema_ocr_v1,
    /* 10 -> 11: the process of a run (runs.pid, runs.host), to tell an interrupted run. */
    pp_schema_runs_v1,
    /* 11 -> 12: what parplan-ocr did to each page: preprocessing, orientation, text source. */
    pp_schema_ocr_v2,
    /* 12 -> 13: reviews may reject an item (action 'reject', field '*'). */
    pp_schema_audit_v2,
    /* 13 -> 14: what parplan-ocr's preprocessing was unsure of on a page. */
    pp_schema_ocr_v3,
    /* 14 -> 15: the absolute path a document came from (documents.source_abs), its identity with its hash. */
    pp_schema_ocr_v4,
};

int db_schema_version(void)
{
    return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *db_schema_migration(int v)
{
    return v >= 0 && v < db_schema_version() ? migrations[v] : NULL;
}
