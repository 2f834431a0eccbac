/* test_docrun.c — the per-document run loop: a current document is skipped, a failing one is rolled back and
 * recorded while the next one commits, a database error stops the run, and the runs row ends with the
 * stage's status and the counts; the status names are the ones databases hold. */
#include "check.h"
#include "db/docrun.h"

#include <stddef.h>
#include <string.h>
#include <unistd.h>

static long long num(pp_db *db, const char *sql)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    long long n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

/* The first column of the first row as text, in buf. */
static const char *text(pp_db *db, const char *sql, char *buf, size_t size)
{
    sqlite3_stmt *st;
    buf[0] = '\0';
    if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
        return "(bad SQL)";
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return buf;
}

/* A stage for the test: writes one row per document into t_out; documents named in `current` are
 * current, the one named `bad` fails after writing its row (which must be rolled back), `worse` fails
 * with a database error of its own making. */
typedef struct stage {
    pp_db *db;
    sqlite3_stmt *put;
    const char *current, *bad, *worse;
    int current_error; /* the current check fails */
    int works, rolled_back, done, reports;
    char last_report[1400];
} stage;

static int st_current(void *ctx, const docrun_doc *d, pp_err *e)
{
    stage *s = ctx;
    if (s->current_error)
        return -pp_err_set(e, PP_EXIT_DB, "%s: reading whether it is current: boom", d->source);
    return s->current && strstr(s->current, d->source) != NULL;
}

static int st_work(void *ctx, const docrun_doc *d, pp_err *e)
{
    stage *s = ctx;
    s->works++;
    sqlite3_bind_int64(s->put, 1, d->id);
    sqlite3_bind_int64(s->put, 2, d->run_id);
    if (db_step_done(s->db, s->put, e, "writing t_out"))
        return e->code;
    if (s->bad && !strcmp(d->source, s->bad))
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page 1: not valid text", d->source);
    if (s->worse && !strcmp(d->source, s->worse))
        return pp_err_set(e, PP_EXIT_DB, "t.db: writing: disk full");
    return PP_OK;
}

static void st_rolled_back(void *ctx, const docrun_doc *d)
{
    ((stage *)ctx)->rolled_back++;
}

static void st_done(void *ctx, const docrun_doc *d)
{
    ((stage *)ctx)->done++;
}

static void st_report(void *ctx, const char *source, const pp_err *failure)
{
    stage *s = ctx;
    s->reports++;
    snprintf(s->last_report, sizeof s->last_report, "%s|%d|%s", source, failure->code, failure->msg);
}

static const docrun_ops ops = { st_current, st_work, st_rolled_back, st_done };
static const docrun_ends ends = { RUN_OK, RUN_PARTIAL, RUN_ERROR };

static void run_start(docrun *r, pp_db *db, stage *s, const docrun_ends *en)
{
    pp_err e;
    pp_err_clear(&e);
    CHECK(docrun_begin(r, db, "test", "--x", en, &e) == PP_OK && r->run_id > 0, "run begins: %s", e.msg);
    r->report = st_report;
    r->report_ctx = s;
}

int main(void)
{
    /* the vocabulary */
    CHECK_STR(run_status_name(RUN_RUNNING), "running", "RUN_RUNNING");
    CHECK_STR(run_status_name(RUN_OK), "ok", "RUN_OK");
    CHECK_STR(run_status_name(RUN_PARTIAL), "partial", "RUN_PARTIAL");
    CHECK_STR(run_status_name(RUN_DONE), "done", "RUN_DONE");
    CHECK_STR(run_status_name(RUN_FAILED), "failed", "RUN_FAILED");
    CHECK_STR(run_status_name(RUN_ERROR), "error", "RUN_ERROR");
    CHECK(run_status_name((run_status)RUN_STATUS_COUNT) == NULL && run_status_name((run_status)-1) == NULL,
          "no name outside the enum");

    pp_err e;
    pp_err_clear(&e);
    unlink("docrun.db");
    pp_db *db;
    if (db_open("docrun.db", DB_READWRITE, &db, &e)) {
        CHECK(0, "open: %s", e.msg);
        return check_done();
    }
    char buf[512];
    CHECK(db_exec(db,
                  "CREATE TABLE t_out (doc INTEGER, run INTEGER);"
                  "INSERT INTO documents(source, hash, format, bytes, page_count) VALUES "
                  "('a.txt','h1','text',1,1), ('b.txt','h2','text',1,1), ('c.txt','h3','text',1,1), "
                  "('d.txt','h4','text',1,1);", &e) == PP_OK, "set up: %s", e.msg);
    stage s = { .db = db };
    CHECK(db_prepare(db, &s.put, "INSERT INTO t_out (doc, run) VALUES (?, ?)", &e) == PP_OK, "statement");

    /* The schema's default status while a run is under way is the enum's RUN_RUNNING. */
    docrun r;
    run_start(&r, db, &s, &ends);
    CHECK_STR(text(db, "SELECT status FROM runs ORDER BY id DESC LIMIT 1", buf, sizeof buf),
              run_status_name(RUN_RUNNING), "a run under way");

    /* b is current, c fails after writing, a and d commit. */
    s.current = "b.txt";
    s.bad = "c.txt";
    int rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(rc == PP_OK && e.code == PP_OK, "a document's failure is not the run's: %d %s", rc, e.msg);
    CHECK(r.ok == 2 && r.skipped == 1 && r.failed == 1, "counts: ok %d skipped %d failed %d", r.ok, r.skipped,
          r.failed);
    CHECK(s.works == 3 && s.done == 2 && s.rolled_back == 1, "work 3 (%d), done 2 (%d), rolled back 1 (%d)",
          s.works, s.done, s.rolled_back);
    CHECK_STR(text(db, "SELECT group_concat(doc, ',') FROM (SELECT doc FROM t_out ORDER BY doc)", buf, sizeof buf),
              "1,4", "the current document untouched, the failed one rolled back, the next one committed");
    CHECK(num(db, "SELECT count(*) FROM t_out WHERE run = (SELECT max(id) FROM runs)") == 2,
          "rows carry the run's id");
    CHECK_STR(text(db, "SELECT run_id || '|' || stage || '|' || source || '|' || code || '|' || message "
                       "FROM failures", buf, sizeof buf),
              "1|test|c.txt|3|c.txt: page 1: not valid text",
              "the failure recorded with its run, stage, code, message");
    CHECK_STR(s.last_report, "c.txt|3|c.txt: page 1: not valid text", "the failure reported through the stage");
    CHECK(docrun_end(&r, rc, &e) == PP_OK, "run ends: %s", e.msg);
    CHECK_STR(text(db, "SELECT status || '|' || ok || '|' || skipped || '|' || failed || '|' || "
                       "(finished_at IS NOT NULL) FROM runs WHERE id = 1", buf, sizeof buf),
              "partial|2|1|1|1", "runs row: partial, with the counts and the end time");

    /* Nothing fails: the stage's ok status; extract's names say done for both. */
    static const docrun_ends ex_ends = { RUN_DONE, RUN_DONE, RUN_FAILED };
    memset(&s.works, 0, sizeof s - offsetof(stage, works));
    s.current = "a.txt b.txt c.txt";
    s.bad = NULL;
    run_start(&r, db, &s, &ends);
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(docrun_end(&r, rc, &e) == PP_OK && r.ok == 1 && r.skipped == 3, "a rerun: 1 done, 3 current");
    CHECK_STR(text(db, "SELECT status FROM runs WHERE id = 2", buf, sizeof buf), "ok", "ok when nothing failed");
    s.current = NULL;
    s.bad = "a.txt";
    run_start(&r, db, &s, &ex_ends);
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(docrun_end(&r, rc, &e) == PP_OK && r.failed == 1 && r.ok == 3, "extract's ends: 3 ok, 1 failed");
    CHECK_STR(text(db, "SELECT status FROM runs WHERE id = 3", buf, sizeof buf), "done",
              "extract's run is done with a failed document");

    /* A database error stops the run: b's rows rolled back, c and d never tried, no failure row. */
    long long before = num(db, "SELECT count(*) FROM t_out"), fails = num(db, "SELECT count(*) FROM failures"),
              afails = num(db, "SELECT count(*) FROM failures WHERE source = 'a.txt'");
    memset(&s.works, 0, sizeof s - offsetof(stage, works));
    s.bad = NULL;
    s.worse = "b.txt";
    run_start(&r, db, &s, &ends);
    pp_err_clear(&e);
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(rc == PP_EXIT_DB && strstr(e.msg, "disk full"), "a database error is fatal: %d %s", rc, e.msg);
    CHECK(s.works == 2 && s.rolled_back == 1 && s.reports == 0, "stopped at b (work %d, reports %d)", s.works,
          s.reports);
    CHECK(num(db, "SELECT count(*) FROM t_out") == before + 1, "a committed, b rolled back");
    CHECK(afails >= 1 && num(db, "SELECT count(*) FROM failures WHERE source = 'a.txt'") == 0,
          "a, written now, has its failures of the run before cleared");
    CHECK(num(db, "SELECT count(*) FROM failures") == fails - afails, "a fatal error is not a document's failure");
    CHECK(docrun_end(&r, rc, &e) == PP_EXIT_DB && strstr(e.msg, "disk full"), "the end keeps the first error");
    CHECK_STR(text(db, "SELECT status || '|' || ok || '|' || failed FROM runs WHERE id = 4", buf, sizeof buf),
              "error|1|0", "runs row: the stage's fatal status");

    /* A real SQLite error inside the work (a trigger refuses c's row) is fatal the same way. */
    pp_err_clear(&e);
    s.worse = NULL;
    CHECK(db_exec(db, "CREATE TRIGGER no_c BEFORE INSERT ON t_out WHEN NEW.doc = 3 "
                      "BEGIN SELECT RAISE(ABORT, 'refused'); END;", &e) == PP_OK, "trigger");
    run_start(&r, db, &s, &ends);
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(rc == PP_EXIT_DB && strstr(e.msg, "writing t_out: refused") && r.ok == 2,
          "SQLite's error stops the run: %d ok %d failed %d: %s", rc, r.ok, r.failed, e.msg);
    docrun_end(&r, rc, &e);
    db_exec(db, "DROP TRIGGER no_c", &e);

    /* A failed current check is fatal. */
    pp_err_clear(&e);
    s.current_error = 1;
    run_start(&r, db, &s, &ends);
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(rc == PP_EXIT_DB && strstr(e.msg, "a.txt: reading whether") && r.ok + r.skipped + r.failed == 0,
          "a current check's error stops the run: %s", e.msg);
    docrun_end(&r, rc, &e);
    s.current_error = 0;

    /* A failure that cannot be recorded is fatal (after the document was counted and reported). */
    pp_err_clear(&e);
    s.bad = "a.txt";
    s.reports = 0;
    CHECK(db_exec(db, "CREATE TRIGGER no_fail BEFORE INSERT ON failures BEGIN SELECT RAISE(ABORT, 'full'); END;",
                  &e) == PP_OK, "trigger on failures");
    run_start(&r, db, &s, &ends);
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(rc == PP_EXIT_DB && strstr(e.msg, "recording a failure") && r.failed == 1 && s.reports == 1 && r.ok == 0,
          "an unrecordable failure stops the run: %s", e.msg);
    docrun_end(&r, rc, &e);
    db_exec(db, "DROP TRIGGER no_fail", &e);

    /* An end that cannot be recorded is the run's error, unless it already had one. */
    pp_err_clear(&e);
    s.bad = NULL;
    s.current = "a.txt b.txt c.txt d.txt";
    run_start(&r, db, &s, &ends);
    CHECK(db_exec(db, "CREATE TRIGGER no_end BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'full'); END;", &e) ==
              PP_OK, "trigger on runs");
    rc = docrun_documents(&r, &ops, &s, &e);
    CHECK(rc == PP_OK && r.skipped == 4, "all current");
    CHECK(docrun_end(&r, rc, &e) == PP_EXIT_DB && strstr(e.msg, "recording the end of the run"),
          "the end's error is returned: %s", e.msg);
    pp_err_clear(&e);
    pp_err_set(&e, PP_EXIT_INPUT, "first");
    CHECK(docrun_end(&r, PP_EXIT_INPUT, &e) == PP_EXIT_INPUT && !strcmp(e.msg, "first"),
          "after a fatal error the end's own error is dropped");
    db_exec(db, "DROP TRIGGER no_end", &(pp_err){ 0 });

    /* One document written by the caller's own loop (the OCR stage's writer). */
    pp_err_clear(&e);
    memset(&s.works, 0, sizeof s - offsetof(stage, works));
    s.current = NULL;
    s.bad = "x.txt";
    run_start(&r, db, &s, &ends);
    docrun_doc d = { 1, "a.txt", r.run_id };
    CHECK(docrun_write(&r, &d, &ops, &s, &e) == PP_OK && r.ok == 1 && s.done == 0, "docrun_write commits");
    docrun_doc x = { 2, "x.txt", r.run_id };
    CHECK(docrun_write(&r, &x, &ops, &s, &e) == DOCRUN_FAILED && r.failed == 1 && e.code == PP_OK,
          "docrun_write: a document's failure, e left clear");
    pp_err bad;
    pp_err_clear(&bad);
    pp_err_set(&bad, PP_EXIT_INPUT, "y.png: not an image");
    CHECK(docrun_fail(&r, "y.png", &bad, &e) == PP_OK && r.failed == 2, "docrun_fail counts");
    CHECK(num(db, "SELECT count(*) FROM failures WHERE run_id = (SELECT max(id) FROM runs)") == 2,
          "both failures recorded");
    CHECK(docrun_end(&r, PP_OK, &e) == PP_OK, "ends");
    CHECK_STR(text(db, "SELECT status || '|' || ok || '|' || failed FROM runs ORDER BY id DESC LIMIT 1", buf,
                   sizeof buf), "partial|1|2", "partial");

    /* Without a database: counts only. */
    docrun nodb;
    CHECK(docrun_begin(&nodb, NULL, "ocr", NULL, &ends, &e) == PP_OK && nodb.run_id == 0, "a run without a database");
    nodb.report = st_report;
    nodb.report_ctx = &s;
    CHECK(docrun_fail(&nodb, "z.png", &bad, &e) == PP_OK && nodb.failed == 1, "a failure counted");
    CHECK(docrun_end(&nodb, PP_OK, &e) == PP_OK && docrun_end(&nodb, PP_EXIT_INPUT, &e) == PP_EXIT_INPUT,
          "the end returns the run's result");

    sqlite3_finalize(s.put);
    db_close(db);
    return check_done();
}
