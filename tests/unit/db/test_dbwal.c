/* test_dbwal.c — the log written a commit at a time (db/dbwal.h): a commit reaches the log file in one
 * write, another connection (through the platform's VFS, reading the file itself) sees every commit the
 * moment it returns, a process that dies right after a commit loses nothing, and a commit larger than
 * one write, spilled frames, a rollback and a log started over all leave a sound database. */
#include "check.h"
#include "db/db.h"
#include "db/dbwal.h"

#include <sys/wait.h>
#include <unistd.h>

/* n rows of random blobs of `bytes` bytes (generate_series is the shell's, not the library's) */
#define ROWS(n, bytes) "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < " #n ") " \
                       "SELECT randomblob(" #bytes ") FROM s"

static int count(sqlite3 *h, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

static int ok_sql(sqlite3 *h, const char *sql)
{
    return sqlite3_exec(h, sql, NULL, NULL, NULL) == SQLITE_OK;
}

static int integrity(sqlite3 *h)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
        return 0;
    int ok = sqlite3_step(st) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
    sqlite3_finalize(st);
    return ok;
}

/* Frames in the log after a commit, from SQLite's own count (the WAL hook). */
static int last_frames;
static int wal_hook(void *ctx, sqlite3 *h, const char *db, int frames)
{
    (void)ctx;
    (void)h;
    (void)db;
    last_frames = frames;
    return SQLITE_OK;
}

int main(void)
{
    pp_db *db;
    pp_err e;
    pp_err_clear(&e);
    unlink("w.db");
    unlink("w.db-wal");
    unlink("w.db-shm");
    CHECK(db_open("w.db", DB_READWRITE, &db, &e) == PP_OK, "opens: %s", e.msg);
    sqlite3_vfs *def = sqlite3_vfs_find(NULL);
    CHECK(def && strcmp(def->zName, "parplan-wal") == 0, "db_open makes the shim the default VFS");
    CHECK(dbw_install() == 0, "installing again is harmless");
    /* no checkpoint during the first checks: the hook below replaces the automatic one */
    sqlite3_wal_hook(db->h, wal_hook, NULL);
    CHECK(ok_sql(db->h, "CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB); CREATE INDEX t_v ON t(v)"), "table");

    /* another connection, through the platform's VFS: it reads the log file itself */
    sqlite3 *reader = NULL;
    CHECK(sqlite3_open_v2("w.db", &reader, SQLITE_OPEN_READONLY, "unix") == SQLITE_OK, "reader opens");

    /* 30 commits of 5 rows of 3 KB each (six or more frames a commit): one write each */
    int seen_all = 1, one_write = 1;
    for (int i = 0; i < 30; i++) {
        unsigned long before = dbw_real_writes();
        if (!ok_sql(db->h, "BEGIN; INSERT INTO t (v) " ROWS(5, 3000) "; COMMIT")) {
            seen_all = 0;
            break;
        }
        /* the first commit also writes the log's header; every later one is one write */
        if (i > 0 && dbw_real_writes() - before != 1)
            one_write = 0;
        if (count(reader, "SELECT count(*) FROM t") != 5 * (i + 1))
            seen_all = 0;
    }
    CHECK(seen_all, "the other connection sees each commit as soon as it returns");
    CHECK(one_write, "each commit reaches the log file in one write");
    CHECK(last_frames >= 6 * 30, "...for six frames or more a commit (%d frames in the log)", last_frames);

    /* a commit of 2 MB: more than one write (the platform writes 128 KB at most) and than is gathered */
    unsigned long before = dbw_real_writes();
    CHECK(ok_sql(db->h, "BEGIN; INSERT INTO t (v) " ROWS(500, 4000) "; COMMIT"),
          "a 2 MB commit");
    CHECK(dbw_real_writes() - before >= 16, "...goes out in pieces (%lu writes)", dbw_real_writes() - before);
    CHECK(count(reader, "SELECT count(*) FROM t") == 650, "...and the other connection sees it whole");
    CHECK(integrity(reader), "...read soundly from the log");

    /* spilled frames (a cache of 10 pages) that are rolled back, then a commit over them */
    CHECK(ok_sql(db->h, "PRAGMA cache_size = 10"), "a small cache");
    CHECK(ok_sql(db->h, "BEGIN; INSERT INTO t (v) " ROWS(200, 3000) ""),
          "a transaction that spills frames to the log");
    CHECK(ok_sql(db->h, "ROLLBACK"), "...rolled back");
    CHECK(ok_sql(db->h, "BEGIN; INSERT INTO t (v) " ROWS(100, 3000) "; COMMIT"),
          "a spilling commit after it");
    CHECK(count(reader, "SELECT count(*) FROM t") == 750, "the other connection sees 750 rows");
    CHECK(integrity(reader) && integrity(db->h), "both connections find the database sound");

    /* the log started over from its start (a checkpoint that truncates it): new header, new frames */
    sqlite3_close(reader);
    reader = NULL;
    CHECK(count(db->h, "PRAGMA wal_checkpoint(TRUNCATE)") == 0, "the log truncated");
    CHECK(sqlite3_open_v2("w.db", &reader, SQLITE_OPEN_READONLY, "unix") == SQLITE_OK, "reader opens again");
    CHECK(ok_sql(db->h, "INSERT INTO t (v) VALUES (x'01')"), "a commit into the new log");
    CHECK(count(reader, "SELECT count(*) FROM t") == 751, "...seen by the other connection");
    sqlite3_close(reader);
    db_close(db);

    /* a process that dies right after its commit returns (no close, no checkpoint) loses nothing */
    pid_t child = fork();
    if (child == 0) {
        pp_db *c;
        pp_err ce;
        pp_err_clear(&ce);
        if (db_open("w.db", DB_READWRITE, &c, &ce) != PP_OK)
            _exit(2);
        sqlite3_wal_autocheckpoint(c->h, 0);
        if (!ok_sql(c->h, "BEGIN; INSERT INTO t (v) " ROWS(7, 3000) "; COMMIT"))
            _exit(3);
        _exit(0); /* the log's file stays as the commit left it */
    }
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child committed and died");
    sqlite3 *after = NULL;
    CHECK(sqlite3_open_v2("w.db", &after, SQLITE_OPEN_READWRITE, "unix") == SQLITE_OK, "reopened");
    CHECK(count(after, "SELECT count(*) FROM t") == 758, "the dead process's commit is there (%d rows)",
          count(after, "SELECT count(*) FROM t"));
    CHECK(integrity(after), "...and the database is sound");
    sqlite3_close(after);
    return check_done();
}
