/* test_nz_run.c — the normalize stage over a database (nz_run, nz_doc): documents normalized into
 * documents_norm, pages_norm, lines_norm and the FTS indexes; one that is not valid text fails alone and is
 * recorded; reruns skip what is current, --force and other options redo it; a database error stops the run
 * with normalize's status. */
#include "check.h"
#include "db/db.h"
#include "normalize/nz_doc.h"
#include "normalize/nz_run.h"
#include "text/viet.h"

#include <string.h>
#include <unistd.h>

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

static const char *last_run(pp_db *db, char *buf, size_t size)
{
    return text(db, "SELECT stage || '|' || status || '|' || ok || '|' || skipped || '|' || failed FROM runs "
                    "ORDER BY id DESC LIMIT 1", buf, size);
}

int main(void)
{
    const char *path = "nzrun.db";
    unlink(path);
    pp_db *db;
    pp_err e;
    pp_err_clear(&e);
    if (db_open(path, DB_READWRITE, &db, &e)) {
        CHECK(0, "open: %s", e.msg);
        return check_done();
    }
    CHECK(db_exec(db,
                  "INSERT INTO documents(id, source, hash, format, bytes, page_count, encoding) VALUES "
                  "(1, 'u.txt', 'h1', 'text', 10, 1, 'utf-8'), (2, 'bad.txt', 'h2', 'text', 3, 1, 'utf-8'), "
                  "(3, 'scan.png', 'h3', 'png', 10, 1, NULL);"
                  "INSERT INTO pages(id, document_id, number, hash, method, text, raw) VALUES "
                  "(1, 1, 1, 'p1', 'text', 'Hoà bình\nĐơn vị chủ trì', CAST('Hoà bình\nĐơn vị chủ trì' AS BLOB)), "
                  "(2, 2, 1, 'p2', 'text', CAST(x'41ff42' AS TEXT), NULL), "
                  "(3, 3, 1, 'p3', 'ocr', 'Thuỷ lợi', NULL);"
                  "INSERT INTO lines(id, page_id, number, text) VALUES (1, 1, 1, 'Hoà bình'), "
                  "(2, 1, 2, 'Đơn vị chủ trì'), (3, 3, 1, 'Thuỷ lợi');", &e) == PP_OK, "set up: %s", e.msg);
    db_close(db);

    nz_opts o = { .style = VIET_STYLE_OLD, .from = -1, .quiet = 1 };
    char opt[128], buf[512];
    nz_options_string(&o, opt, sizeof opt);
    CHECK_STR(opt, "tone=old restore=0 from=auto", "the options string documents_norm keeps");
    o.restore = NZ_RESTORE_AUTO;
    nz_options_string(&o, opt, sizeof opt);
    CHECK_STR(opt, "tone=old restore=1 from=auto vie=1", "restoring: the vie channel named, so a rerun redoes");
    o.restore = NZ_RESTORE_OFF;
    CHECK(nz_vie_model(NULL) && nz_vie_model("lang=vie;tessdata=;prep=1") &&
              nz_vie_model("lang=eng+vie;tessdata=/x;prep=1") && nz_vie_model("lang=Vietnamese;tessdata=;prep=1") &&
              !nz_vie_model("lang=eng;tessdata=;prep=1") && !nz_vie_model("lang=video;tessdata=;prep=1") &&
              !nz_vie_model("tessdata=vie"),
          "Vietnamese OCR models told from others by documents.ocr_key");

    CHECK(nz_run(path, &o, NULL, "--db nzrun.db") == PP_EXIT_FAILED, "a failed document: exit 1");
    if (db_open(path, DB_READWRITE, &db, &e)) {
        CHECK(0, "reopen: %s", e.msg);
        return check_done();
    }
    CHECK_STR(last_run(db, buf, sizeof buf), "normalize|partial|2|0|1", "runs row: partial, 2 ok, 1 failed");
    CHECK_STR(text(db, "SELECT options || '|' || run_id || '|' || encoding_detected FROM documents_norm WHERE "
                       "document_id = 1", buf, sizeof buf),
              "tone=old restore=0 from=auto|1|utf-8", "documents_norm row with options, run and encoding");
    CHECK_STR(text(db, "SELECT text FROM pages_norm WHERE page_id = 1", buf, sizeof buf), "Hòa bình\nĐơn vị chủ trì",
              "page text normalized (old tone style)");
    CHECK_STR(text(db, "SELECT key FROM lines_norm WHERE line_id = 2", buf, sizeof buf), "don vi chu tri",
              "line key folded");
    CHECK_STR(text(db, "SELECT text || '|' || tone_style FROM pages_norm WHERE page_id = 3", buf, sizeof buf),
              "Thủy lợi|old", "an OCR page normalized too");
    CHECK_STR(text(db, "SELECT group_concat(rowid) FROM lines_fts WHERE lines_fts MATCH '\"don vi\"'", buf,
                   sizeof buf), "2", "line search index");
    CHECK_STR(text(db, "SELECT count(*) FROM pages_norm WHERE page_id = 2", buf, sizeof buf), "0",
              "the failed document left no rows");
    CHECK_STR(text(db, "SELECT stage || '|' || source || '|' || code || '|' || message FROM failures", buf, sizeof buf),
              "normalize|bad.txt|3|bad.txt: page 1: not valid utf-8 text", "the failure recorded");

    /* Reruns: current documents skipped, the failed one tried again. */
    CHECK(nz_run(path, &o, NULL, "--db nzrun.db") == PP_EXIT_FAILED, "rerun");
    CHECK_STR(last_run(db, buf, sizeof buf), "normalize|partial|0|2|1", "rerun: 2 current, 1 failed again");
    CHECK(db_exec(db, "UPDATE pages SET text = 'Điều 1' WHERE id = 2", &e) == PP_OK, "repair the document");
    CHECK(nz_run(path, &o, NULL, "--db nzrun.db") == PP_OK, "rerun after the repair: exit 0");
    CHECK_STR(last_run(db, buf, sizeof buf), "normalize|ok|1|2|0", "ok: the repaired one done, 2 current");
    nz_opts force = o;
    force.force = 1;
    CHECK(nz_run(path, &force, NULL, "--force") == PP_OK, "--force");
    CHECK_STR(last_run(db, buf, sizeof buf), "normalize|ok|3|0|0", "--force redoes every document");
    nz_opts neu = o;
    neu.style = VIET_STYLE_NEW;
    CHECK(nz_run(path, &neu, NULL, "--tone-style new") == PP_OK, "other options");
    CHECK_STR(last_run(db, buf, sizeof buf), "normalize|ok|3|0|0", "other options redo every document");
    CHECK_STR(text(db, "SELECT text || '|' || tone_style FROM pages_norm WHERE page_id = 3", buf, sizeof buf),
              "Thuỷ lợi|new", "the new tone style");
    CHECK_STR(text(db, "SELECT count(*) FROM pages_fts", buf, sizeof buf), "3", "one index row per page, not more");

    /* A database error stops the run: normalize's fatal status, exit 4. */
    CHECK(db_exec(db, "CREATE TRIGGER no3 BEFORE INSERT ON documents_norm WHEN NEW.document_id = 3 "
                      "BEGIN SELECT RAISE(ABORT, 'refused'); END;", &e) == PP_OK, "trigger");
    CHECK(nz_run(path, &force, NULL, "--force") == PP_EXIT_DB, "a database error: exit 4");
    CHECK_STR(last_run(db, buf, sizeof buf), "normalize|failed|2|0|0", "runs row: failed, 2 done before it");
    db_close(db);
    return check_done();
}
