/* test_db.c — the database layer: a new database gets the current schema in WAL mode, an older one is
 * migrated forwards keeping its rows, a newer one and a non-database file are refused clearly. */
#include "check.h"
#include "db/db.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Undoes migrations 11 -> 12, 13 -> 14 and 14 -> 15 (the columns parplan-ocr's page facts and the
 * documents' absolute paths added), for the migration tests. */
#define DROP_OCR_V1                                                                                        \
    "ALTER TABLE pages DROP COLUMN prep_unsure;"                                                            \
    "ALTER TABLE pages DROP COLUMN prep; ALTER TABLE pages DROP COLUMN orientation;"                      \
    "ALTER TABLE pages DROP COLUMN orientation_conf; ALTER TABLE pages DROP COLUMN orientation_unsure;"   \
    "ALTER TABLE pages DROP COLUMN text_source;"                                                          \
    "DROP INDEX documents_source_abs; ALTER TABLE documents DROP COLUMN source_abs;" /* 14 -> 15 */

static int count(pp_db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static int tx_insert(void *ctx, pp_err *e)
{
    return db_exec(ctx, "INSERT INTO t_tx VALUES (1)", e);
}

static int tx_insert_fail(void *ctx, pp_err *e)
{
    if (db_exec(ctx, "INSERT INTO t_tx VALUES (2)", e))
        return e->code;
    return pp_err_set(e, PP_EXIT_INPUT, "refused");
}

static int tx_silent(void *ctx, pp_err *e)
{
    return PP_EXIT_FAILED;
}

int main(void)
{
    pp_db *db;
    pp_err e;
    pp_err_clear(&e);
    unlink("t.db");
    CHECK(db_open("sub/dir/t.db", DB_READWRITE, &db, &e) == PP_OK, "creates database and its directories: %s", e.msg);
    CHECK(db_user_version(db) == db_schema_version(), "new database at the current schema version %d",
          db_schema_version());
    CHECK(count(db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'") == 1, "WAL mode");
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE name IN ('documents','pages','lines','words','runs')") == 5,
          "core tables exist");
    int64_t run;
    CHECK(db_run_begin(db, "test", "--x", &run, &e) == PP_OK && run > 0, "run recorded");
    CHECK(count(db, "SELECT count(*) FROM runs WHERE status = 'running'") == 1, "a run under way is 'running'");
    CHECK(db_run_end(db, run, RUN_OK, 1, 2, 3, &e) == PP_OK, "run finished");
    CHECK(count(db, "SELECT skipped FROM runs") == 2, "run counts stored");
    CHECK(count(db, "SELECT count(*) FROM runs WHERE status = 'ok'") == 1, "RUN_OK is stored as 'ok'");
    CHECK(db_run_end(db, run, (run_status)99, 1, 2, 3, &e) == PP_EXIT_INTERNAL, "no status outside the enum");
    pp_err_clear(&e);

    /* A run left "running" by a process that is gone is "interrupted" when the next run begins; one whose
     * process lives (this one), or of another host, stays "running". */
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    waitpid(child, NULL, 0);
    char host[256] = "";
    gethostname(host, sizeof host - 1);
    char *sql = sqlite3_mprintf(
        "INSERT INTO runs(id, stage, version, options, pid, host) VALUES (101, 'ocr', 'v', '', %d, %Q),"
        " (102, 'ocr', 'v', '', %d, %Q), (103, 'ocr', 'v', '', %d, 'elsewhere'), (104, 'ocr', 'v', '', NULL, NULL)",
        (int)child, host, (int)getpid(), host, (int)child);
    CHECK(db_exec(db, sql, &e) == PP_OK, "runs left running: %s", e.msg);
    sqlite3_free(sql);
    CHECK(db_run_begin(db, "test", "", &run, &e) == PP_OK, "a new run");
    CHECK(count(db, "SELECT count(*) FROM runs WHERE (id = 101 AND status = 'interrupted') OR (id = 102 AND status = "
                    "'running') OR (id = 103 AND status = 'running') OR (id = 104 AND status = 'interrupted')") == 4,
          "dead process and pre-pid run interrupted; a live one and another host's left running");
    sql = sqlite3_mprintf("SELECT count(*) FROM runs WHERE id = %lld AND pid = %d AND host = %Q AND status = 'running'",
                          (long long)run, (int)getpid(), host);
    CHECK(count(db, sql) == 1, "the new run recorded with its process");
    sqlite3_free(sql);
    CHECK(db_exec(db, "DELETE FROM runs WHERE id > 100 OR id = (SELECT max(id) FROM runs)", &e) == PP_OK, "clean up");

    /* db_transaction: committed when fn succeeds, rolled back when it fails, with fn's error. */
    CHECK(db_exec(db, "CREATE TABLE t_tx (x INTEGER)", &e) == PP_OK, "scratch table");
    CHECK(db_transaction(db, tx_insert, db, &e) == PP_OK && count(db, "SELECT count(*) FROM t_tx") == 1,
          "a transaction commits");
    CHECK(db_transaction(db, tx_insert_fail, db, &e) == PP_EXIT_INPUT && !strcmp(e.msg, "refused") &&
              count(db, "SELECT count(*) FROM t_tx") == 1 && sqlite3_get_autocommit(db->h),
          "a failing one is rolled back with its error: %s", e.msg);
    pp_err_clear(&e);
    CHECK(db_transaction(db, tx_silent, db, &e) == PP_EXIT_INTERNAL && sqlite3_get_autocommit(db->h),
          "one failing without a message still fails: %s", e.msg);
    pp_err_clear(&e);
    CHECK(db_exec(db, "DROP TABLE t_tx", &e) == PP_OK, "drop the scratch table");
    db_close(db);

    /* Simulate a database written by the first released schema: later tables gone, version 1. */
    pp_err_clear(&e);
    CHECK(db_open("sub/dir/t.db", DB_READWRITE, &db, &e) == PP_OK, "reopens");
    CHECK(db_exec(db,
                  "INSERT INTO documents(source, hash, format, bytes, page_count) VALUES ('a.txt','h1','text',3,1);"
                  "ALTER TABLE documents DROP COLUMN number_note;" /* added by migration 7 -> 8 */
                  "ALTER TABLE documents DROP COLUMN ocr_key;"     /* added by migration 9 -> 10 */
                  "ALTER TABLE runs DROP COLUMN pid; ALTER TABLE runs DROP COLUMN host;" /* 10 -> 11 */
                  DROP_OCR_V1
                  "PRAGMA user_version = 1;", &e) == PP_OK, "set up an old database");
    sqlite3_stmt *st;
    /* Virtual (FTS) tables first: dropping one drops its shadow tables, which the IF EXISTS then skips. */
    sqlite3_prepare_v2(db->h, "SELECT type, name FROM sqlite_master WHERE type IN ('table','view') AND name NOT IN "
                              "('runs','documents','pages','lines','words','failures') AND name NOT LIKE 'sqlite_%' "
                              "ORDER BY type = 'view' DESC, sql LIKE 'CREATE VIRTUAL%' DESC", -1, &st, NULL);
    /* Collect first: a table cannot be dropped while a statement still reads the schema. */
    char *names[64];
    int dropped = 0;
    while (dropped < 64 && sqlite3_step(st) == SQLITE_ROW)
        names[dropped++] = sqlite3_mprintf("DROP %s IF EXISTS \"%w\"", strcmp((const char *)sqlite3_column_text(st, 0),
                                                                         "view") ? "TABLE" : "VIEW",
                                           (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    sqlite3_exec(db->h, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL);
    for (int i = 0; i < dropped; i++) {
        CHECK(sqlite3_exec(db->h, names[i], NULL, NULL, NULL) == SQLITE_OK, "%s", names[i]);
        sqlite3_free(names[i]);
    }
    db_close(db);
    pp_err_clear(&e);
    CHECK(db_open("sub/dir/t.db", DB_READWRITE, &db, &e) == PP_OK, "old database migrates: %s", e.msg);
    if (!db)
        return check_done();
    CHECK(db_user_version(db) == db_schema_version(), "migrated to version %d", db_schema_version());
    CHECK(count(db, "SELECT count(*) FROM documents WHERE hash = 'h1'") == 1, "rows survive the migration");
    CHECK(dropped > 0 && count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'items'") == 1,
          "later tables recreated (%d dropped)", dropped);

    /* Migration 6 -> 7: a version-6 database's source rows become its items' and extractions' evidence,
     * read back through the sources view with the same values, in the same order. */
    CHECK(db_exec(db,
                  "INSERT INTO items (id, document_id, seq, kind, level, code) VALUES (7, 1, 0, 'item', 1, '1.');"
                  "INSERT INTO extractions (document_id, rules_hash, version, items) VALUES (1, 'r', 'v', 1);"
                  "DROP VIEW sources;"
                  "ALTER TABLE items DROP COLUMN code_as_printed;"
                  "ALTER TABLE items DROP COLUMN evidence;"
                  "ALTER TABLE extractions DROP COLUMN evidence;"
                  "CREATE TABLE sources (id INTEGER PRIMARY KEY, document_id INTEGER NOT NULL, item_id INTEGER, "
                  "field TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0, rule TEXT, text TEXT NOT NULL, page INTEGER, "
                  "line INTEGER, char_start INTEGER, line_end INTEGER, char_end INTEGER, confidence REAL);"
                  "INSERT INTO sources VALUES (1, 1, NULL, 'number', 0, 'so', '12/KH', 1, 2, 3, 2, 8, NULL),"
                  " (2, 1, 7, 'title', 0, 'heading', 'Tăng \"điểm\"', 1, 5, 3, 6, 4, 91.25),"
                  " (3, 1, 7, 'code', 0, 'heading', '1.', 1, 5, 0, 5, 2, 90.5),"
                  " (4, 1, NULL, 'date', 0, 'place_date', 'ngày 5', 1, 3, 0, 3, 6, NULL);"
                  "ALTER TABLE documents DROP COLUMN number_note;"
                  "ALTER TABLE documents DROP COLUMN ocr_key;"
                  "ALTER TABLE runs DROP COLUMN pid; ALTER TABLE runs DROP COLUMN host;"
                  DROP_OCR_V1
                  "PRAGMA user_version = 6;", &e) == PP_OK, "set up a version-6 database: %s", e.msg);
    db_close(db);
    pp_err_clear(&e);
    CHECK(db_open("sub/dir/t.db", DB_READWRITE, &db, &e) == PP_OK, "version 6 migrates: %s", e.msg);
    if (!db)
        return check_done();
    CHECK(count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'sources'") == 0 &&
              count(db, "SELECT count(*) FROM sqlite_master WHERE type = 'view' AND name = 'sources'") == 1,
          "sources is a view");
    CHECK(count(db, "SELECT group_concat(id || ':' || field || ':' || text || ':' || char_end || ':' || "
                    "coalesce(confidence, '-'), '|') = '7168:title:Tăng \"điểm\":4:91.25|7169:code:1.:2:90.5' "
                    "FROM sources WHERE item_id = 7") == 1,
          "an item's sources, in their order, with their values");
    CHECK(count(db, "SELECT count(*) FROM sources WHERE document_id = 1 AND item_id IS NULL AND id = -2048 AND "
                    "field = 'number' AND text = '12/KH' AND line = 2 AND char_start = 3 AND confidence IS NULL") == 1,
          "a document field's source");
    CHECK(count(db, "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'number_note'") == 1,
          "migration 7 -> 8: documents.number_note");
    CHECK(count(db, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'code_as_printed'") == 1,
          "migration 8 -> 9: items.code_as_printed");
    CHECK(count(db, "SELECT count(*) FROM pragma_table_info('documents') WHERE name = 'ocr_key'") == 1 &&
              count(db, "SELECT count(*) FROM documents WHERE ocr_key IS NULL") == 1,
          "migration 9 -> 10: documents.ocr_key, NULL for what was loaded before");
    CHECK(count(db, "SELECT count(*) FROM sources") == 4, "no source lost or made up");
    CHECK(count(db, "SELECT group_concat(field, ',') = 'number,date' FROM (SELECT field FROM sources WHERE "
                    "item_id IS NULL ORDER BY id)") == 1,
          "a document's sources in the order they were found, by id");
    /* a title's text left null in the evidence is the item's title; another field's null stays null */
    CHECK(db_exec(db,
                  "INSERT INTO items (id, document_id, seq, kind, level, code, title, target_text, evidence) VALUES "
                  "(8, 1, 1, 'item', 1, '2.', 'Số hóa hồ sơ', 'Đạt 100%', '[[\"title\",0,\"heading\",null,1,9,3,9,15,null],"
                  "[\"target_text\",0,\"muc_tieu\",null,1,10,0,10,8,null],[\"deadline\",0,\"x\",null,1,11,0,11,4,null]]')",
                  &e) == PP_OK,
          "an item with evidence: %s", e.msg);
    CHECK(count(db, "SELECT group_concat(field || '=' || coalesce(text, '-'), '|') = "
                    "'title=Số hóa hồ sơ|target_text=Đạt 100%|deadline=-' FROM sources WHERE item_id = 8") == 1,
          "null texts of a title and a target text are the item's columns");

    /* A database from a newer parplan. */
    db_exec(db, "PRAGMA user_version = 999", &e);
    db_close(db);
    pp_err_clear(&e);
    CHECK(db_open("sub/dir/t.db", DB_READWRITE, &db, &e) == PP_EXIT_DB, "newer schema refused");
    CHECK(strstr(e.msg, "newer") && strstr(e.msg, "sub/dir/t.db"), "message names file and says newer: %s", e.msg);
    pp_err_clear(&e);
    CHECK(db_open("sub/dir/t.db", DB_READONLY, &db, &e) == PP_EXIT_DB, "newer schema refused read-only too");

    FILE *f = fopen("notadb.db", "w");
    fputs("this is not a database, just some text that is long enough to fill a header page....\n", f);
    fclose(f);
    pp_err_clear(&e);
    CHECK(db_open("notadb.db", DB_READWRITE, &db, &e) == PP_EXIT_DB, "a text file is refused as a database");
    CHECK(strstr(e.msg, "notadb.db") != NULL, "message names the file: %s", e.msg);
    return check_done();
}
