/* test_dbrows.c — batched multi-row INSERTs (dbrows.c): for 0, 1, 2, 31, 32, 33, 63 and 100 rows of
 * integers, doubles, texts (empty, Vietnamese, quotes, an embedded NUL) and NULLs, a flush inside a
 * transaction writes exactly those rows in that order with those values and types, using one statement
 * per batch size (32, then 16, 8, 4, 2, 1 for the rest); a rolled-back flush leaves nothing; pending
 * counts complete rows; discard writes nothing; the text arena is reused across flushes without the
 * second batch seeing the first's bytes; and a NOT NULL or UNIQUE violation makes the flush fail with a
 * message naming what was written, leaving nothing pending and the object usable. */
#include "check.h"
#include "db/dbrows.h"

#include <inttypes.h>
#include <stdint.h>
#include <unistd.h>

#define NCOLS 5 /* k (row index), i (integer), d (double), s (text), n (text or NULL) */
#define TEXT_MAX 1024

static pp_db *db;
static char dbdir[4096], dbpath[4200];

/* The text of column s for row r of batch b, into buf; returns its length (it may hold a NUL). */
static size_t text_of(int b, int r, char *buf)
{
    switch ((r + b) % 7) {
    case 0:
        return 0; /* empty text, not NULL */
    case 1:
        return (size_t)snprintf(buf, TEXT_MAX, "Đơn vị chủ trì: Sở Nội vụ (hàng %d, lô %d)", r, b);
    case 2:
        return (size_t)snprintf(buf, TEXT_MAX, "it's \"quoted\"; -- ');DROP TABLE t;-- %d", r);
    case 3:
        memcpy(buf, "a\0b", 3); /* the length given is honoured, not strlen */
        return 3;
    case 4: {
        /* a long text: the arena grows (and moves) while rows are gathered */
        size_t n = 0;
        for (int k = 0; k < 20; k++) /* at most 20 * 34 bytes */
            n += (size_t)snprintf(buf + n, TEXT_MAX - n, "Thời gian %d.%d – ", b, r);
        return n;
    }
    case 5:
        return (size_t)snprintf(buf, TEXT_MAX, "%c", 'A' + r % 26);
    default:
        return (size_t)snprintf(buf, TEXT_MAX, "Điểm ĐẠT ≥ 90%% — “Chỉ số PAR” 😀 %d/%d", b, r);
    }
}

static int64_t int_of(int b, int r)
{
    if (r % 11 == 3)
        return INT64_MAX - b;
    if (r % 11 == 4)
        return INT64_MIN + b;
    return (int64_t)r * 1000003 - 5000000000LL * (b + 1);
}

static double double_of(int b, int r)
{
    return r % 5 == 2 ? -0.0 - r * 1e-300 : r * 0.25 - b * 1e9 + 1.0 / 3;
}

/* Row r of batch b: column n is NULL on odd rows (alternately through dbrows_null and a NULL text),
 * otherwise the integer r * 7 (stored as text through dbrows_text, as the table has no affinity). */
static void add_row(dbrows *rows, int b, int r)
{
    char buf[TEXT_MAX];
    dbrows_int(rows, r);
    dbrows_int(rows, int_of(b, r));
    dbrows_double(rows, double_of(b, r));
    /* copied at once: the buffer is reused (and scribbled on) before the flush */
    size_t n = text_of(b, r, buf);
    dbrows_text(rows, buf, n);
    memset(buf, 'X', sizeof buf);
    if (r % 4 == 1)
        dbrows_null(rows);
    else if (r % 4 == 3)
        dbrows_text(rows, NULL, 5);
    else {
        snprintf(buf, sizeof buf, "%d", r * 7);
        dbrows_text(rows, buf, strlen(buf));
    }
}

/* Compares table t (rows in rowid order) to batch b's rows 0..n-1 starting at row `from` of the table.
 * Returns the number of rows that differ and describes the first difference in why. */
static int compare(int b, int n, int from, char *why, size_t whylen)
{
    sqlite3_stmt *q;
    int bad = 0;
    why[0] = '\0';
    if (sqlite3_prepare_v2(db->h,
                           "SELECT k, i, d, s, n, typeof(k), typeof(i), typeof(d), typeof(s), typeof(n) "
                           "FROM t ORDER BY rowid LIMIT -1 OFFSET ?",
                           -1, &q, NULL) != SQLITE_OK) {
        snprintf(why, whylen, "prepare: %s", sqlite3_errmsg(db->h));
        return 1;
    }
    sqlite3_bind_int(q, 1, from);
    int r = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        char want[TEXT_MAX], wn[32];
        size_t wlen = text_of(b, r, want);
        const char *s = (const char *)sqlite3_column_blob(q, 3);
        size_t slen = (size_t)sqlite3_column_bytes(q, 3);
        int ok = r < n;
        ok = ok && sqlite3_column_int64(q, 0) == r && !strcmp((const char *)sqlite3_column_text(q, 5), "integer");
        ok = ok && sqlite3_column_int64(q, 1) == int_of(b, r) &&
             !strcmp((const char *)sqlite3_column_text(q, 6), "integer");
        double d = sqlite3_column_double(q, 2), wd = double_of(b, r);
        ok = ok && memcmp(&d, &wd, sizeof d) == 0 && !strcmp((const char *)sqlite3_column_text(q, 7), "real");
        ok = ok && !strcmp((const char *)sqlite3_column_text(q, 8), "text") && slen == wlen &&
             (wlen == 0 || (s && memcmp(s, want, wlen) == 0));
        if (r % 2)
            ok = ok && sqlite3_column_type(q, 4) == SQLITE_NULL &&
                 !strcmp((const char *)sqlite3_column_text(q, 9), "null");
        else {
            snprintf(wn, sizeof wn, "%d", r * 7);
            const char *t = (const char *)sqlite3_column_text(q, 4);
            ok = ok && !strcmp((const char *)sqlite3_column_text(q, 9), "text") && t && !strcmp(t, wn);
        }
        if (!ok && !bad++)
            snprintf(why, whylen, "row %d (batch %d): k=%" PRId64 " i=%" PRId64 " d=%.17g s=%zu bytes", r, b,
                     (int64_t)sqlite3_column_int64(q, 0), (int64_t)sqlite3_column_int64(q, 1), d, slen);
        r++;
    }
    sqlite3_finalize(q);
    if (r != n) {
        if (!bad++)
            snprintf(why, whylen, "%d rows in the table, %d expected", r, n);
    }
    return bad;
}

static int count_of(const char *table)
{
    sqlite3_stmt *q;
    char sql[64];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
    if (sqlite3_prepare_v2(db->h, sql, -1, &q, NULL) != SQLITE_OK)
        return -1;
    int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
    sqlite3_finalize(q);
    return n;
}

static int count_rows(void)
{
    return count_of("t");
}

/* The prepared INSERT statements into `table` on the connection: runs[k] = how many times the one
 * inserting 32 >> k rows was stepped, -1 when it was never prepared.  Returns how many there are. */
static int insert_stmts(const char *table, int runs[6])
{
    char prefix[64];
    int nstmt = 0;
    snprintf(prefix, sizeof prefix, "INSERT OR FAIL INTO %s ", table);
    for (int k = 0; k < 6; k++)
        runs[k] = -1;
    for (sqlite3_stmt *q = sqlite3_next_stmt(db->h, NULL); q; q = sqlite3_next_stmt(db->h, q)) {
        const char *sql = sqlite3_sql(q);
        if (!sql || strncmp(sql, prefix, strlen(prefix)) != 0)
            continue;
        nstmt++;
        int groups = 0;
        for (const char *p = strstr(sql, "VALUES"); p && *p; p++)
            groups += *p == '(';
        int params = sqlite3_bind_parameter_count(q);
        for (int k = 0; k < 6; k++)
            if (groups == 32 >> k && params == groups * NCOLS)
                runs[k] = sqlite3_stmt_status(q, SQLITE_STMTSTATUS_RUN, 0);
    }
    return nstmt;
}

static void reset_table(void)
{
    pp_err e;
    pp_err_clear(&e);
    CHECK(db_exec(db, "DELETE FROM t", &e) == PP_OK && count_rows() == 0, "table emptied: %s", e.msg);
}

/* n rows through a new dbrows, flushed in one transaction. */
static void rows_case(int n)
{
    char why[256];
    pp_err e;
    pp_err_clear(&e);
    reset_table();
    dbrows *rows = NULL;
    CHECK(dbrows_open(db, "t", "k, i, d, s, n", NCOLS, &rows, &e) == PP_OK && rows, "%d rows: opens", n);
    if (!rows)
        return;
    CHECK(dbrows_pending(rows) == 0, "%d rows: nothing pending at first", n);
    for (int r = 0; r < n; r++)
        add_row(rows, n, r);
    CHECK(dbrows_pending(rows) == (size_t)n, "%d rows: %zu pending", n, dbrows_pending(rows));
    CHECK(db_begin(db, &e) == PP_OK, "%d rows: begin", n);
    CHECK(dbrows_flush(rows, &e, "test rows") == PP_OK, "%d rows: flush: %s", n, e.msg);
    CHECK(dbrows_pending(rows) == 0, "%d rows: nothing pending after the flush", n);
    CHECK(db_commit(db, &e) == PP_OK, "%d rows: commit", n);
    CHECK(compare(n, n, 0, why, sizeof why) == 0, "%d rows: exactly those rows, in order, values and types %s", n,
          why);
    /* one statement per batch size: 32 for each full batch, then the binary digits of the rest */
    int runs[6], want[6], mismatch = 0;
    int nstmt = insert_stmts("t", runs);
    for (int k = 0; k < 6; k++) {
        int size = 32 >> k;
        want[k] = k == 0 ? n / 32 : ((n % 32) & size) ? 1 : 0;
        if (want[k] == 0)
            want[k] = -1; /* never prepared */
        mismatch += runs[k] != want[k];
    }
    CHECK(mismatch == 0, "%d rows: %d statements, runs of 32/16/8/4/2/1 = %d/%d/%d/%d/%d/%d (want %d/%d/%d/%d/%d/%d)",
          n, nstmt, runs[0], runs[1], runs[2], runs[3], runs[4], runs[5], want[0], want[1], want[2], want[3],
          want[4], want[5]);
    dbrows_close(rows);
    CHECK(insert_stmts("t", runs) == 0, "%d rows: close finalizes its statements", n);
}

/* The table emptied and a writer opened on it. */
static dbrows *open_t(void)
{
    pp_err e;
    pp_err_clear(&e);
    reset_table();
    dbrows *rows = NULL;
    dbrows_open(db, "t", "k, i, d, s, n", NCOLS, &rows, &e);
    return rows;
}

static void rollback_case(void)
{
    pp_err e;
    pp_err_clear(&e);
    dbrows *rows = open_t();
    for (int r = 0; r < 40; r++)
        add_row(rows, 1, r);
    CHECK(db_begin(db, &e) == PP_OK, "rollback: begin");
    CHECK(dbrows_flush(rows, &e, "test rows") == PP_OK, "rollback: flush: %s", e.msg);
    CHECK(count_rows() == 40, "rollback: the rows are visible inside the transaction (%d)", count_rows());
    db_rollback(db);
    CHECK(count_rows() == 0, "rollback: the flush belonged to the caller's transaction (%d rows left)", count_rows());
    /* nothing was kept: a second flush writes nothing */
    CHECK(dbrows_flush(rows, &e, "test rows") == PP_OK && count_rows() == 0, "rollback: nothing kept to write twice");
    dbrows_close(rows);
}

static void pending_and_discard(void)
{
    char why[256];
    pp_err e;
    pp_err_clear(&e);
    dbrows *rows = open_t();
    for (int r = 0; r < 10; r++)
        add_row(rows, 9, r);
    CHECK(dbrows_pending(rows) == 10, "pending: 10 rows (%zu)", dbrows_pending(rows));
    dbrows_int(rows, 10);
    dbrows_int(rows, 11);
    CHECK(dbrows_pending(rows) == 10, "pending: a row half added is not counted (%zu)", dbrows_pending(rows));
    dbrows_discard(rows);
    CHECK(dbrows_pending(rows) == 0, "discard: nothing pending (%zu)", dbrows_pending(rows));
    CHECK(dbrows_flush(rows, &e, "test rows") == PP_OK && count_rows() == 0, "discard: a flush after it writes nothing");
    /* after a discard, new rows start at the first column again and only they are written */
    for (int r = 0; r < 3; r++)
        add_row(rows, 4, r);
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "test rows") == PP_OK && db_commit(db, &e) == PP_OK,
          "discard: later rows flush: %s", e.msg);
    CHECK(compare(4, 3, 0, why, sizeof why) == 0, "discard: only the rows added after it are written %s", why);

    /* a flush writes the complete rows and drops a half-added one */
    reset_table();
    for (int r = 0; r < 5; r++)
        add_row(rows, 6, r);
    dbrows_int(rows, 99);
    dbrows_int(rows, 98);
    dbrows_double(rows, 0.5);
    CHECK(dbrows_pending(rows) == 5, "partial: 5 complete rows pending (%zu)", dbrows_pending(rows));
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "test rows") == PP_OK && db_commit(db, &e) == PP_OK,
          "partial: flush: %s", e.msg);
    CHECK(dbrows_pending(rows) == 0, "partial: nothing pending after the flush");
    CHECK(compare(6, 5, 0, why, sizeof why) == 0, "partial: the 5 complete rows written, the half row dropped %s", why);
    dbrows_close(rows);
}

/* Two flushes through one dbrows: the second batch's (shorter) texts reuse the arena the first filled. */
static void reuse_case(void)
{
    char why[256];
    pp_err e;
    pp_err_clear(&e);
    dbrows *rows = open_t();
    int n1 = 70, n2 = 45;
    for (int r = 0; r < n1; r++)
        add_row(rows, 3, r);
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "first batch") == PP_OK && db_commit(db, &e) == PP_OK,
          "reuse: first flush: %s", e.msg);
    CHECK(compare(3, n1, 0, why, sizeof why) == 0, "reuse: first batch intact %s", why);
    reset_table();
    for (int r = 0; r < n2; r++)
        add_row(rows, 12, r);
    CHECK(dbrows_pending(rows) == (size_t)n2, "reuse: only the second batch pending (%zu)", dbrows_pending(rows));
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "second batch") == PP_OK && db_commit(db, &e) == PP_OK,
          "reuse: second flush: %s", e.msg);
    CHECK(compare(12, n2, 0, why, sizeof why) == 0, "reuse: second batch not corrupted by the first %s", why);
    /* and a third, without emptying the table: appended after the second */
    for (int r = 0; r < 33; r++)
        add_row(rows, 12, r);
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "third batch") == PP_OK && db_commit(db, &e) == PP_OK,
          "reuse: third flush: %s", e.msg);
    CHECK(compare(12, 33, n2, why, sizeof why) == 0 && count_rows() == n2 + 33,
          "reuse: third batch appended after the second %s", why);
    dbrows_close(rows);
}

/* A constraint violation in the n-th row: the flush fails naming `what`, nothing stays pending, the
 * caller's rollback leaves nothing, and the same dbrows writes the next rows correctly. */
static void error_case(const char *kind, int bad_row, int n)
{
    char why[256];
    pp_err e;
    pp_err_clear(&e);
    reset_table();
    CHECK(db_exec(db, "DELETE FROM u", &e) == PP_OK, "%s: u emptied", kind);
    dbrows *rows = NULL;
    dbrows_open(db, "u", "k, v", 2, &rows, &e);
    for (int r = 0; r < n; r++) {
        if (r == bad_row && !strcmp(kind, "NOT NULL"))
            dbrows_null(rows);
        else
            dbrows_int(rows, r == bad_row ? 0 : r); /* UNIQUE: row bad_row repeats row 0's key */
        dbrows_text(rows, "Sở Tư pháp", strlen("Sở Tư pháp"));
    }
    CHECK(db_begin(db, &e) == PP_OK, "%s: begin", kind);
    int rc = dbrows_flush(rows, &e, "the test's special rows");
    CHECK(rc != PP_OK, "%s: the flush fails (rc %d)", kind, rc);
    CHECK(rc == e.code && e.code == PP_EXIT_DB, "%s: with the database error code (%d, %d)", kind, rc, e.code);
    CHECK(strstr(e.msg, "the test's special rows") != NULL, "%s: the message names what was written: %s", kind, e.msg);
    CHECK(strstr(e.msg, kind) != NULL && strstr(e.msg, dbpath) != NULL,
          "%s: and says which constraint, in which database: %s", kind, e.msg);
    CHECK(dbrows_pending(rows) == 0, "%s: nothing left pending (%zu)", kind, dbrows_pending(rows));
    db_rollback(db);
    CHECK(count_of("u") == 0, "%s: nothing written after the rollback (%d rows)", kind, count_of("u"));
    /* still usable */
    pp_err_clear(&e);
    dbrows_close(rows);
    rows = NULL;
    dbrows_open(db, "t", "k, i, d, s, n", NCOLS, &rows, &e);
    for (int r = 0; r < 17; r++)
        add_row(rows, 5, r);
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "test rows") == PP_OK && db_commit(db, &e) == PP_OK,
          "%s: a later flush succeeds: %s", kind, e.msg);
    CHECK(compare(5, 17, 0, why, sizeof why) == 0, "%s: and writes its rows %s", kind, why);
    dbrows_close(rows);
}

/* After a failed flush, the same dbrows (its statements kept) writes the next rows. */
static void error_then_reuse(void)
{
    pp_err e;
    pp_err_clear(&e);
    db_exec(db, "DELETE FROM u", &e);
    dbrows *rows = NULL;
    dbrows_open(db, "u", "k, v", 2, &rows, &e);
    for (int r = 0; r < 40; r++) {
        dbrows_int(rows, r % 35); /* row 35 repeats row 0 (in the 8-row statement after the 32-row one) */
        dbrows_text(rows, "x", 1);
    }
    db_begin(db, &e);
    CHECK(dbrows_flush(rows, &e, "u rows") == PP_EXIT_DB, "reuse after error: the duplicate fails: %s", e.msg);
    db_rollback(db);
    pp_err_clear(&e);
    for (int r = 0; r < 40; r++) {
        char v[16];
        snprintf(v, sizeof v, "v%d", r);
        dbrows_int(rows, 1000 + r);
        dbrows_text(rows, v, strlen(v));
    }
    CHECK(db_begin(db, &e) == PP_OK && dbrows_flush(rows, &e, "u rows") == PP_OK && db_commit(db, &e) == PP_OK,
          "reuse after error: the next flush succeeds: %s", e.msg);
    sqlite3_stmt *q;
    int good = 0, total = 0;
    sqlite3_prepare_v2(db->h, "SELECT k, v FROM u ORDER BY rowid", -1, &q, NULL);
    while (sqlite3_step(q) == SQLITE_ROW) {
        char v[16];
        snprintf(v, sizeof v, "v%d", total);
        good += sqlite3_column_int(q, 0) == 1000 + total && !strcmp((const char *)sqlite3_column_text(q, 1), v);
        total++;
    }
    sqlite3_finalize(q);
    CHECK(total == 40 && good == 40, "reuse after error: exactly the 40 new rows (%d, %d right)", total, good);
    dbrows_close(rows);
}

/* A statement that cannot be prepared (a column the table lacks) fails the flush, drops the rows. */
static void prepare_error(void)
{
    pp_err e;
    pp_err_clear(&e);
    reset_table();
    dbrows *rows = NULL;
    CHECK(dbrows_open(db, "t", "k, i, d, s, nosuch", NCOLS, &rows, &e) == PP_OK, "bad column: opens (prepared lazily)");
    for (int r = 0; r < 3; r++)
        add_row(rows, 2, r);
    int rc = dbrows_flush(rows, &e, "test rows");
    CHECK(rc == PP_EXIT_DB && strstr(e.msg, "nosuch"), "bad column: the flush fails naming it: %s", e.msg);
    CHECK(dbrows_pending(rows) == 0 && count_rows() == 0, "bad column: nothing pending, nothing written");
    dbrows_close(rows);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(dbdir, sizeof dbdir, "%s/parplan-dbrows.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dbdir)) {
        CHECK(0, "make a temporary directory %s", dbdir);
        return check_done();
    }
    snprintf(dbpath, sizeof dbpath, "%s/t.db", dbdir);
    pp_err e;
    pp_err_clear(&e);
    CHECK(db_open(dbpath, DB_READWRITE, &db, &e) == PP_OK, "opens a temporary database: %s", e.msg);
    if (!db)
        return check_done();
    /* columns without a declared type keep every value's own type (no affinity conversion) */
    CHECK(db_exec(db,
                  "CREATE TABLE t (k, i, d, s, n);"
                  "CREATE TABLE u (k INTEGER NOT NULL UNIQUE, v TEXT);",
                  &e) == PP_OK,
          "test tables: %s", e.msg);

    static const int counts[] = { 0, 1, 2, 31, 32, 33, 63, 100 };
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        rows_case(counts[i]);
    rollback_case();
    pending_and_discard();
    reuse_case();
    error_case("NOT NULL", 35, 40); /* in the 8-row statement, after a 32-row one succeeded */
    error_case("UNIQUE", 2, 3);     /* in the 1-row statement, after a 2-row one */
    error_then_reuse();
    prepare_error();

    db_close(db);
    char p[4300];
    static const char *const suffixes[] = { "", "-wal", "-shm" };
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", dbpath, suffixes[i]);
        unlink(p);
    }
    rmdir(dbdir);
    return check_done();
}
