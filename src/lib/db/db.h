/* db/db.h (prefix db_) — the SQLite database every stage reads and writes: opening, schema migrations,
 * transactions, run bookkeeping and error translation.
 *
 * One connection per thread; the schema is versioned with PRAGMA user_version and migrated forwards on
 * open (db_schema.c).  A database made by a newer parplan is refused rather than guessed at. */
#ifndef PARPLAN_DB_H
#define PARPLAN_DB_H

#include <sqlite3.h>
#include <stdint.h>

#include "core/cli.h"
#include "core/err.h"
#include "db/db_schema.h"


typedef struct pp_db {
    sqlite3 *h;
    char *path;
    int txn;        /* inside db_begin .. db_commit/db_rollback */
    int committing; /* db_commit's own COMMIT is running */
} pp_db;

enum { DB_READWRITE = 0, DB_READONLY = 1 };

/* Opens (creating the file and its directory when needed) and migrates the schema. */
int db_open(const char *path, int mode, pp_db **out, pp_err *e);
void db_close(pp_db *db);

/* The version found in an open database (db_schema_version() is the one this build writes). */
int db_user_version(pp_db *db);

int db_exec(pp_db *db, const char *sql, pp_err *e);
int db_prepare(pp_db *db, sqlite3_stmt **st, const char *sql, pp_err *e);
/* Turns the last SQLite error into a pp_err naming the database file and what to do. */
int db_fail(pp_db *db, pp_err *e, const char *what);
/* sqlite3_step that expects SQLITE_DONE, then resets the statement. */
int db_step_done(pp_db *db, sqlite3_stmt *st, pp_err *e, const char *what);

/* BEGIN IMMEDIATE (waits for the busy timeout on a lock), COMMIT, ROLLBACK (never fails loudly). */
int db_begin(pp_db *db, pp_err *e);
int db_commit(pp_db *db, pp_err *e);
void db_rollback(pp_db *db);
/* One transaction around fn(ctx, e): BEGIN IMMEDIATE, fn, COMMIT; when fn or the commit fails, ROLLBACK.
 * fn writes and never begins or commits itself.  Returns PP_OK, or the error's code with its message in e
 * (fn's own, or PP_EXIT_DB for the database's). */
int db_transaction(pp_db *db, int (*fn)(void *ctx, pp_err *e), void *ctx, pp_err *e);

/* Bind helpers: NULL strings bind SQL NULL.  A bind that fails (SQLite could not copy the text: out of
 * memory, or over its length limit) leaves the parameter NULL and the next step would store or look up
 * NULL without a word, so the failure is kept (per thread) and the next db_step_done, db_commit or
 * db_check_binds reports it: a transaction holding a failed bind never commits. */
void db_bind_text(sqlite3_stmt *st, int i, const char *s);
void db_bind_textn(sqlite3_stmt *st, int i, const char *s, size_t n);
/* Reports (and forgets) a failed bind of this thread since the last report: PP_EXIT_NOMEM for memory or
 * a value over SQLite's limits, PP_EXIT_INTERNAL otherwise.  Read-only work (records, search) calls it
 * before it trusts what it read. */
int db_check_binds(pp_db *db, pp_err *e);

/* The values of runs.status: the one list of them.  The strings are what existing databases hold and what
 * tests and people query, so they never change; the stages differ in which they write (docrun.h,
 * docrun_ends), which is history, kept because rows already carry it. */
typedef enum run_status {
    RUN_RUNNING, /* "running": the schema's default (db_schema.c) until the run ends, or after a crash */
    RUN_OK,      /* "ok": ended, nothing failed (ocr, normalize) */
    RUN_PARTIAL, /* "partial": ended, some documents failed (ocr, normalize) */
    RUN_DONE,    /* "done": ended, failed documents or not (extract; runs.failed tells) */
    RUN_FAILED,  /* "failed": stopped by a fatal error (normalize, extract) */
    RUN_ERROR,   /* "error": stopped by a fatal error (ocr) */
    RUN_INTERRUPTED, /* "interrupted": its process ended without ending the run (killed, Ctrl-C, crash);
                        written by the next run on the database (db_run_begin) */
} run_status;
#define RUN_STATUS_COUNT (RUN_INTERRUPTED + 1)

/* The string stored for a status; NULL for a value outside the enum. */
const char *run_status_name(run_status s);

/* Every stage records what it ran in the runs table; failures name a source and why.  Stages that write
 * per document use these through docrun.h. */
/* db_run_begin first marks "interrupted" every run still "running" whose process is gone (same host, no
 * such pid; or no pid: a run of a parplan before migration 10 -> 11), then records this one with its pid
 * and host. */
int db_run_begin(pp_db *db, const char *stage, const char *options, int64_t *run_id, pp_err *e);
int db_run_end(pp_db *db, int64_t run_id, run_status status, int ok, int skipped, int failed, pp_err *e);
int db_record_failure(pp_db *db, int64_t run_id, const char *stage, const char *source,
                      const pp_err *failure, pp_err *e);
/* A document of that source was written by the stage: its failures rows of earlier runs no longer
 * describe the database, and go. */
int db_clear_failures(pp_db *db, const char *stage, const char *source, pp_err *e);
/* Whether the stage has any failures row (1 also when it cannot tell). */
int db_has_failures(pp_db *db, const char *stage);

#endif
