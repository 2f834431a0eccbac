/* db/db.c (prefix db_) — see db.h.  Opening policy: WAL journal (readers never block the writer), NORMAL sync
 * (a crash loses at most the last transaction, never consistency), foreign keys on, and a busy timeout so a
 * second process waits for a lock instead of failing at once. */
#include "db/db.h"
#include "core/fsutil.h"
#include "db/dbfault.h"
#include "db/dbwal.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int db_migrate(pp_db *db, pp_err *e);

#define BUSY_TIMEOUT_MS 10000

int db_fail(pp_db *db, pp_err *e, const char *what)
{
    int rc = sqlite3_extended_errcode(db->h);
    const char *hint = "";
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: hint = " (locked by another process; try again when it has finished)"; break;
    case SQLITE_READONLY: hint = " (the database or its directory is read-only)"; break;
    case SQLITE_FULL: hint = " (the disk is full)"; break;
    case SQLITE_IOERR: hint = " (input/output error: disk full or failing?)"; break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: hint = " (not a parplan database, or corrupt)"; break;
    case SQLITE_CANTOPEN: hint = " (cannot open: check the path and permissions)"; break;
    case SQLITE_NOMEM:
        /* out of memory is the README's code 8 wherever it strikes, in SQLite or in parplan */
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: %s: out of memory", db->path, what);
    default: break;
    }
    return pp_err_set(e, PP_EXIT_DB, "%s: %s: %s%s", db->path, what, sqlite3_errmsg(db->h), hint);
}

int db_exec(pp_db *db, const char *sql, pp_err *e)
{
    if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "executing SQL");
    return PP_OK;
}

int db_prepare(pp_db *db, sqlite3_stmt **st, const char *sql, pp_err *e)
{
    if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
        *st = NULL;
        return db_fail(db, e, "preparing a statement");
    }
    return PP_OK;
}

/* The first bind of this thread that failed since it was last reported (db_check_binds). */
static _Thread_local int bind_failed;

static void bind_result(int rc)
{
    if (rc != SQLITE_OK && !bind_failed)
        bind_failed = rc;
}

int db_check_binds(pp_db *db, pp_err *e)
{
    int rc = bind_failed;
    if (rc == SQLITE_OK)
        return PP_OK;
    bind_failed = SQLITE_OK;
    if (rc == SQLITE_NOMEM || rc == SQLITE_TOOBIG)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: binding a value: %s", db->path, sqlite3_errstr(rc));
    return pp_err_set(e, PP_EXIT_INTERNAL, "%s: binding a value: %s", db->path, sqlite3_errstr(rc));
}

int db_step_done(pp_db *db, sqlite3_stmt *st, pp_err *e, const char *what)
{
    if (db_check_binds(db, e)) {
        sqlite3_reset(st);
        return e->code;
    }
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        db_fail(db, e, what);
        sqlite3_reset(st);
        return e->code;
    }
    sqlite3_reset(st);
    return PP_OK;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    bind_result(s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i));
}

void db_bind_textn(sqlite3_stmt *st, int i, const char *s, size_t n)
{
    bind_result(s ? sqlite3_bind_text64(st, i, s, n, SQLITE_TRANSIENT, SQLITE_UTF8) : sqlite3_bind_null(st, i));
}

/* SQLite rolls a transaction back by itself on some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM,
 * SQLITE_BUSY: "the transaction may or may not be rolled back automatically"), and a statement run after
 * that commits on its own.  Code that went on past such an error would then write half a document, one
 * statement at a time: the torture sweep found normalize storing a document's text without its encoding
 * margin so.  Every commit therefore passes this hook, which refuses (turns into a rollback) any commit
 * while db_begin's transaction is believed open but db_commit is not the one committing. */
static int commit_hook(void *arg)
{
    const pp_db *db = arg;
    return db->txn && !db->committing;
}

int db_begin(pp_db *db, pp_err *e)
{
    if (sqlite3_exec(db->h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return db_fail(db, e, "starting a transaction");
    db->txn = 1;
    return PP_OK;
}

int db_commit(pp_db *db, pp_err *e)
{
    if (db_check_binds(db, e)) { /* a row of this transaction may hold NULL for a value */
        db_rollback(db);
        return e->code;
    }
    if (db->txn && sqlite3_get_autocommit(db->h)) { /* SQLite rolled it back on an error: nothing to commit */
        db->txn = 0;
        return pp_err_set(e, PP_EXIT_DB, "%s: committing: the transaction was rolled back after an error", db->path);
    }
    db->committing = 1;
    int rc = sqlite3_exec(db->h, "COMMIT", NULL, NULL, NULL);
    db->committing = 0;
    if (rc != SQLITE_OK) {
        db_fail(db, e, "committing");
        db_rollback(db);
        return e->code;
    }
    db->txn = 0;
    return PP_OK;
}

void db_rollback(pp_db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    db->txn = 0;
}

int db_transaction(pp_db *db, int (*fn)(void *ctx, pp_err *e), void *ctx, pp_err *e)
{
    if (db_begin(db, e))
        return e->code;
    if (fn(ctx, e) || db_commit(db, e)) {
        if (e->code == PP_OK) /* fn failed without saying why */
            pp_err_set(e, PP_EXIT_INTERNAL, "%s: a transaction failed without a message", db->path);
        db_rollback(db);
        return e->code;
    }
    return PP_OK;
}

int db_user_version(pp_db *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
        return -1;
    int v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* Puts the database in WAL mode.  Changing the journal mode takes the database's exclusive lock and
 * SQLite answers SQLITE_BUSY at once, without the busy handler, while another connection holds a lock:
 * two processes opening a new database together (one still creating its tables) failed that way 3
 * times in 8.  Retried every 10 ms for up to the busy timeout, as every other statement waits. */
static int db_wal(pp_db *db, int timeout_ms, pp_err *e)
{
    for (int waited = 0;; waited += 10) {
        int rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            return PP_OK;
        if ((rc & 0xff) != SQLITE_BUSY || waited >= timeout_ms)
            return db_fail(db, e, "setting the journal mode");
        struct timespec ts = { 0, 10 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
}

/* SQLite's process-wide settings, made once before it initialises.  Memory statistics off: parplan never
 * asks SQLite how much memory it uses (no sqlite3_status, no heap limit), and keeping the count takes a
 * mutex and two updates on every allocation: 0.9 % of parplan-extract's instructions (callgrind, bench
 * corpus).  SQLite refuses the setting once initialised (a program that opened a database by itself
 * first): it then keeps its statistics, which changes nothing but the speed. */
static void db_configure_once(void)
{
    int rc = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)rc; /* SQLITE_MISUSE when SQLite was initialised already: see above */
}

static void db_configure(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, db_configure_once);
}

int db_open(const char *path, int mode, pp_db **out, pp_err *e)
{
    *out = NULL;
    /* SQLite takes "" for a private temporary database: everything written would vanish at exit */
    if (!path || !*path)
        return pp_err_set(e, PP_EXIT_USAGE, "--db: the database path is empty");
    if (mode == DB_READWRITE && fs_mkdir_parents(path, PP_EXIT_DB, e))
        return e->code;
    if (mode == DB_READWRITE && access(path, F_OK) == 0 && access(path, W_OK) != 0)
        return pp_err_set(e, PP_EXIT_DB, "%s: the database is read-only (no write permission)", path);
    db_configure();
#ifdef PP_FAULT
    dbf_install(); /* the torture build's failing allocator and VFS, before SQLite initialises */
#endif
    dbw_install(); /* the log written a commit at a time (dbwal.h); without it SQLite writes as usual */
    pp_db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    int flags = mode == DB_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    int orc = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
    if (orc != SQLITE_OK) {
        if (db->h)
            db_fail(db, e, "opening");
        else if (orc == SQLITE_NOMEM) /* no handle to ask: SQLite could not allocate it */
            pp_err_set(e, PP_EXIT_NOMEM, "%s: opening: out of memory", path);
        else
            pp_err_set(e, PP_EXIT_DB, "%s: cannot open database", path);
        db_close(db);
        return e->code;
    }
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_commit_hook(db->h, commit_hook, db);
    /* PARPLAN_BUSY_TIMEOUT_MS shortens the wait in tests; the default suits people sharing a database. */
    const char *bt = getenv("PARPLAN_BUSY_TIMEOUT_MS");
    sqlite3_busy_timeout(db->h, bt && atoi(bt) > 0 ? atoi(bt) : BUSY_TIMEOUT_MS);
    /* Reading the schema first tells a non-database file apart before we write anything to it. */
    int version = -1;
    if (db_exec(db, "PRAGMA foreign_keys = ON", e) || (version = db_user_version(db)) < 0) {
        if (e->code == PP_OK)
            db_fail(db, e, "reading");
        db_close(db);
        return e->code;
    }
    if (mode == DB_READWRITE) {
        if (db_wal(db, bt && atoi(bt) > 0 ? atoi(bt) : BUSY_TIMEOUT_MS, e) || db_exec(db, "PRAGMA synchronous = NORMAL", e) ||
            db_migrate(db, e)) {
            db_close(db);
            return e->code;
        }
    } else if (version > db_schema_version()) {
        pp_err_set(e, PP_EXIT_DB, "%s: database schema version %d is newer than this parplan understands (%d)",
                   path, version, db_schema_version());
        db_close(db);
        return e->code;
    }
    *out = db;
    return PP_OK;
}

void db_close(pp_db *db)
{
    if (!db)
        return;
    if (db->h)
        sqlite3_close_v2(db->h);
    free(db->path);
    free(db);
}

static const char *const run_status_names[RUN_STATUS_COUNT] = {
    [RUN_RUNNING] = "running", [RUN_OK] = "ok",         [RUN_PARTIAL] = "partial",
    [RUN_DONE] = "done",       [RUN_FAILED] = "failed", [RUN_ERROR] = "error",
    [RUN_INTERRUPTED] = "interrupted",
};

const char *run_status_name(run_status s)
{
    return (unsigned)s < RUN_STATUS_COUNT ? run_status_names[s] : NULL;
}

/* Runs left "running" by a process that no longer exists on this host become "interrupted". */
static int mark_interrupted(pp_db *db, const char *host, pp_err *e)
{
    sqlite3_stmt *q, *u;
    if (db_prepare(db, &q, "SELECT id, pid, host FROM runs WHERE status = 'running' AND finished_at IS NULL", e))
        return e->code;
    if (db_prepare(db, &u, "UPDATE runs SET status = 'interrupted' WHERE id = ?1 AND status = 'running'", e)) {
        sqlite3_finalize(q);
        return e->code;
    }
    int64_t *gone = NULL;
    size_t n = 0, alloc = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int nopid = sqlite3_column_type(q, 1) == SQLITE_NULL;
        long pid = (long)sqlite3_column_int64(q, 1);
        const char *h = (const char *)sqlite3_column_text(q, 2);
        int dead = nopid || (h && strcmp(h, host) == 0 && pid > 0 && kill((pid_t)pid, 0) != 0 && errno == ESRCH);
        if (dead) {
            PP_GROW(gone, n + 1, alloc, 8);
            gone[n++] = sqlite3_column_int64(q, 0);
        }
    }
    if (rc != SQLITE_DONE)
        db_fail(db, e, "reading the runs");
    sqlite3_finalize(q);
    for (size_t i = 0; !e->code && i < n; i++) {
        sqlite3_bind_int64(u, 1, gone[i]);
        db_step_done(db, u, e, "marking an interrupted run");
    }
    sqlite3_finalize(u);
    free(gone);
    return e->code;
}

int db_run_begin(pp_db *db, const char *stage, const char *options, int64_t *run_id, pp_err *e)
{
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    if (mark_interrupted(db, host, e))
        return e->code;
    sqlite3_stmt *st;
    if (db_prepare(db, &st, "INSERT INTO runs(stage, version, options, pid, host) VALUES (?,?,?,?,?)", e))
        return e->code;
    db_bind_text(st, 1, stage);
    db_bind_text(st, 2, PARPLAN_VERSION);
    db_bind_text(st, 3, options);
    sqlite3_bind_int64(st, 4, (sqlite3_int64)getpid());
    db_bind_text(st, 5, host);
    int rc = db_step_done(db, st, e, "recording the run");
    sqlite3_finalize(st);
    *run_id = sqlite3_last_insert_rowid(db->h);
    return rc;
}

int db_run_end(pp_db *db, int64_t run_id, run_status status, int ok, int skipped, int failed, pp_err *e)
{
    const char *name = run_status_name(status);
    if (!name)
        return pp_err_set(e, PP_EXIT_INTERNAL, "%s: recording the end of the run: no run status %d", db->path,
                          (int)status);
    sqlite3_stmt *st;
    if (db_prepare(db, &st,
                   "UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), status = ?, ok = ?, "
                   "skipped = ?, failed = ? WHERE id = ?", e))
        return e->code;
    db_bind_text(st, 1, name);
    sqlite3_bind_int(st, 2, ok);
    sqlite3_bind_int(st, 3, skipped);
    sqlite3_bind_int(st, 4, failed);
    sqlite3_bind_int64(st, 5, run_id);
    int rc = db_step_done(db, st, e, "recording the end of the run");
    sqlite3_finalize(st);
    return rc;
}

int db_record_failure(pp_db *db, int64_t run_id, const char *stage, const char *source,
                      const pp_err *failure, pp_err *e)
{
    sqlite3_stmt *st;
    if (db_prepare(db, &st, "INSERT INTO failures(run_id, stage, source, code, message) VALUES (?,?,?,?,?)", e))
        return e->code;
    sqlite3_bind_int64(st, 1, run_id);
    db_bind_text(st, 2, stage);
    db_bind_text(st, 3, source);
    sqlite3_bind_int(st, 4, failure->code);
    db_bind_text(st, 5, failure->msg);
    int rc = db_step_done(db, st, e, "recording a failure");
    sqlite3_finalize(st);
    return rc;
}

typedef struct migration {
    pp_db *db;
    int from; /* the version it starts from */
} migration;

/* One migration and the version it leads to, in the caller's transaction. */
static int migrate_one(void *arg, pp_err *e)
{
    const migration *m = arg;
    /* another process may have migrated the database between our reading its version and our write
     * lock (two runs starting on a new database): the version is read again under the lock */
    int now = db_user_version(m->db);
    if (now < 0)
        return db_fail(m->db, e, "reading the schema version");
    if (now != m->from)
        return PP_OK;
    char pragma[64];
    snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->from + 1);
    if (db_exec(m->db, db_schema_migration(m->from), e) || db_exec(m->db, pragma, e))
        return e->code;
    return PP_OK;
}

/* Applies the migrations from the database's version up to ours (db_schema.c); db_open calls it. */
static int db_migrate(pp_db *db, pp_err *e)
{
    int have = db_user_version(db);
    int want = db_schema_version();
    if (have < 0)
        return db_fail(db, e, "reading the schema version");
    if (have > want)
        return pp_err_set(e, PP_EXIT_DB,
                          "%s: database schema version %d is newer than this parplan understands (%d); "
                          "use a newer parplan", db->path, have, want);
    for (int v = have; v < want; v++) {
        migration m = { db, v };
        if (db_transaction(db, migrate_one, &m, e))
            return e->code;
    }
    return PP_OK;
}

int db_clear_failures(pp_db *db, const char *stage, const char *source, pp_err *e)
{
    sqlite3_stmt *st;
    if (db_prepare(db, &st, "DELETE FROM failures WHERE stage = ?1 AND source = ?2", e))
        return e->code;
    db_bind_text(st, 1, stage);
    db_bind_text(st, 2, source);
    int rc = db_step_done(db, st, e, "clearing the failures of a document now loaded");
    sqlite3_finalize(st);
    return rc;
}

int db_has_failures(pp_db *db, const char *stage)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, "SELECT 1 FROM failures WHERE stage = ?1 LIMIT 1", -1, &st, NULL) != SQLITE_OK)
        return 1; /* unknown: clear each time */
    db_bind_text(st, 1, stage);
    int yes = sqlite3_step(st) != SQLITE_DONE;
    sqlite3_finalize(st);
    return yes;
}
