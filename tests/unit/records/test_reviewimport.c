/* test_reviewimport.c — a filled-in review.csv read back (reviewimport.h): rows found by key, the second of
 * two items of code "1." by its occurrence; columns by name in any order; rows without an action skipped;
 * the reviewer column over the importer's name; the extracted column recorded as what was accepted (an
 * acceptance of a value extraction has changed since is stale at once); a file with one bad row writes
 * nothing; a header without the key columns is refused. */
#include "check.h"
#include "db/db.h"
#include "records/review.h"
#include "records/reviewimport.h"

#include <string.h>
#include <unistd.h>

static int64_t item_id(pp_db *db, const char *title)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->h, "SELECT id FROM items WHERE title = ?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return id;
}

static int count(pp_db *db)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->h, "SELECT count(*) FROM reviews", -1, &st, NULL);
    int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

int main(void)
{
    char path[] = "/tmp/test_reviewimport.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    close(fd);
    unlink(path);
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    CHECK(db_open(path, DB_READWRITE, &db, &e) == 0, "open: %s", e.msg);
    CHECK(db_exec(db, "INSERT INTO documents(id, source, hash, format, bytes, page_count) VALUES (1, 'a.txt', 'h1', "
                      "'text', 1, 1);"
                      "INSERT INTO items(id, document_id, seq, kind, level, code, title, deadline) VALUES"
                      " (5, 1, 1, 'item', 1, '1.', 'A', 'Quý I'), (6, 1, 2, 'item', 1, '1.', 'B', 'Quý II'),"
                      " (7, 1, 3, 'item', 2, '1.1', 'C', 'Năm 2024');", &e) == 0, "fixture: %s", e.msg);
    ri_counts n;

    /* columns reordered, an extra one, a row without action */
    static const char good[] =
        "action,field,value,occurrence,item_code,document_hash,note,extracted,reviewer\r\n"
        "correct,deadline,Quý IV,2,1.,h1,x,Quý II,\r\n"
        ",title,,1,1.,h1,,A,\r\n"
        " accept ,deadline,,1,1.1,h1,,Năm 2023,dana\r\n"
        "accept,title,,1,1.,h1,,A,\r\n";
    CHECK(ri_import(db, "good.csv", good, sizeof good - 1, "ann", &n, &e) == 0, "import: %s", e.msg);
    CHECK(n.rows == 4 && n.decisions == 3, "4 rows, 3 decisions (%d, %d)", n.rows, n.decisions);
    review_ctx *rv;
    CHECK(review_open(db, &rv, &e) == 0, "review_open: %s", e.msg);
    review_state st;
    CHECK(review_lookup(rv, item_id(db, "B"), "deadline", &st, &e) == 0 && st.status == REVIEW_CORRECTED &&
              !strcmp(st.value, "Quý IV") && !strcmp(st.reviewer, "ann"),
          "the second '1.' corrected by ann");
    review_state_free(&st);
    CHECK(review_lookup(rv, item_id(db, "A"), "deadline", &st, &e) == 0 && st.status == REVIEW_NONE,
          "the first '1.' untouched");
    review_state_free(&st);
    CHECK(review_lookup(rv, item_id(db, "A"), "title", &st, &e) == 0 && st.status == REVIEW_ACCEPTED,
          "title of the first '1.' accepted");
    review_state_free(&st);
    CHECK(review_lookup(rv, item_id(db, "C"), "deadline", &st, &e) == 0 && st.status == REVIEW_STALE &&
              !strcmp(st.reviewer, "dana"),
          "accepted 'Năm 2023' while extraction says 'Năm 2024': stale, by the file's reviewer");
    review_state_free(&st);

    /* one bad row among good ones: nothing written */
    int before = count(db);
    static const char bad[] = "document_hash,item_code,occurrence,field,action,value\n"
                              "h1,1.,1,title,accept,\n"
                              "h1,1.,3,title,accept,\n";
    CHECK(ri_import(db, "bad.csv", bad, sizeof bad - 1, "ann", &n, &e) == PP_EXIT_USAGE &&
              strstr(e.msg, "line 3: no item"),
          "a key past the last '1.' refused: %s", e.msg);
    pp_err_clear(&e);
    CHECK(count(db) == before, "nothing written (%d, %d)", count(db), before);
    static const char nokey[] = "item_id,field,action,value\n5,title,accept,\n";
    CHECK(ri_import(db, "nokey.csv", nokey, sizeof nokey - 1, "ann", &n, &e) == PP_EXIT_INPUT &&
              strstr(e.msg, "no column 'document_hash'"),
          "a header without the key refused: %s", e.msg);
    pp_err_clear(&e);
    review_close(rv);
    db_close(db);
    unlink(path);
    char wal[64];
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
    return check_done();
}
