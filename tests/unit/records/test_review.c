/* test_review.c — review decisions: accept and correct round-trip through review_lookup, the history
 * survives items recreated with new ids (as `parplan-extract --force` does), an acceptance of a value
 * extraction later changed turns stale, and nothing extraction wrote is modified. */
#include "check.h"
#include "db/db.h"
#include "records/review.h"

#include <unistd.h>

static void load(pp_db *db, const char *deadline, int seq_offset)
{
    /* Explicit ids: SQLite would reuse freed rowids, and a rerun must be seen with new ids.
     * Two items with code "1." (under different sections) and one "1.1", as extraction writes them. */
    char *sql = xasprintf(
        "DELETE FROM items WHERE document_id = 1;"
        "INSERT INTO items(id, document_id, seq, kind, level, code, title, deadline) VALUES"
        " (%d, 1, %d, 'item', 1, '1.', 'A', NULL), (%d, 1, %d, 'item', 1, '1.', 'B', '%s'),"
        " (%d, 1, %d, 'item', 2, '1.1', 'C', 'Năm 2024');",
        1 + seq_offset, 1 + seq_offset, 2 + seq_offset, 2 + seq_offset, deadline, 3 + seq_offset, 3 + seq_offset);
    pp_err e;
    pp_err_clear(&e);
    db_exec(db, sql, &e);
    free(sql);
}

static int64_t item_id(pp_db *db, const char *title)
{
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db->h, "SELECT id FROM items WHERE title = ?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, title, -1, SQLITE_STATIC);
    int64_t id = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return id;
}

int main(void)
{
    char path[] = "/tmp/test_review.XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 1;
    close(fd);
    unlink(path);
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    CHECK(db_open(path, DB_READWRITE, &db, &e) == 0, "open: %s", e.msg);
    db_exec(db, "INSERT INTO documents(id, source, hash, format, bytes, page_count) VALUES (1, 'a.txt', 'h1', 'text', 1, 1)", &e);
    load(db, "Quý I", 0);
    review_ctx *rv;
    CHECK(review_open(db, &rv, &e) == 0, "review_open: %s", e.msg);
    int64_t b = item_id(db, "B"), c = item_id(db, "C");

    review_key k;
    CHECK(review_key_of(rv, b, &k, &e) == 0 && !strcmp(k.code, "1.") && k.occurrence == 2 && !strcmp(k.hash, "h1"),
          "key of the second '1.' is (h1, 1., 2)");
    review_key_free(&k);

    review_state st;
    review_lookup(rv, b, "deadline", &st, &e);
    CHECK(st.status == REVIEW_NONE && st.value && !strcmp(st.value, "Quý I"), "unreviewed: extracted value");
    review_state_free(&st);

    CHECK(review_record(rv, b, NULL, "accept", NULL, "alice", NULL, &e) == 0, "accept item: %s", e.msg);
    CHECK(review_record(rv, c, "deadline", "correct", "Năm 2025", "bob", "typo", &e) == 0, "correct: %s", e.msg);
    pp_err e2;
    pp_err_clear(&e2);
    CHECK(review_record(rv, c, "nosuch", "correct", "x", "bob", NULL, &e2) == PP_EXIT_USAGE, "unknown field refused");
    pp_err_clear(&e2);
    CHECK(review_record(rv, c, "title", "correct", "x", "", NULL, &e2) == PP_EXIT_USAGE, "reviewer required");

    review_lookup(rv, b, "deadline", &st, &e);
    CHECK(st.status == REVIEW_ACCEPTED && !strcmp(st.reviewer, "alice"), "accepted field");
    review_state_free(&st);
    review_lookup(rv, c, "deadline", &st, &e);
    CHECK(st.status == REVIEW_CORRECTED && !strcmp(st.value, "Năm 2025"), "corrected value");
    review_state_free(&st);
    review_close(rv);

    /* Extraction reruns: new ids, same codes; item B's deadline now reads differently. */
    load(db, "Quý II", 10);
    review_open(db, &rv, &e);
    int64_t b2 = item_id(db, "B"), c2 = item_id(db, "C");
    CHECK(b2 != b && c2 != c, "items have new ids");
    review_lookup(rv, c2, "deadline", &st, &e);
    CHECK(st.status == REVIEW_CORRECTED && !strcmp(st.value, "Năm 2025"), "correction survives re-extraction");
    review_state_free(&st);
    review_lookup(rv, b2, "title", &st, &e);
    CHECK(st.status == REVIEW_ACCEPTED, "acceptance of an unchanged field survives");
    review_state_free(&st);
    review_lookup(rv, b2, "deadline", &st, &e);
    CHECK(st.status == REVIEW_STALE && !strcmp(st.value, "Quý II"), "acceptance of a changed value is stale");
    review_state_free(&st);
    review_lookup(rv, item_id(db, "A"), "title", &st, &e);
    CHECK(st.status == REVIEW_NONE, "the other '1.' is not reviewed");
    review_state_free(&st);
    char *x = NULL;
    review_extracted(rv, c2, "deadline", &x, &e);
    CHECK_STR(x, "Năm 2024", "extraction untouched by the correction");
    free(x);

    /* The field table: every column field reads its own column of items. */
    CHECK(REVIEW_NFIELDS == 14 && review_fields[REVIEW_NFIELDS] == NULL, "14 fields, NULL-terminated");
    int names_ok = 1;
    for (int i = 0; i < REVIEW_NFIELDS; i++)
        names_ok &= review_fields[i] && review_field_index(review_fields[i]) == i;
    CHECK(names_ok && review_field_index("nosuch") == -1 && review_field_index(NULL) == -1 &&
              review_field_index("deadline") == REVIEW_F_DEADLINE,
          "review_field_index is the inverse of review_fields");
    db_exec(db, "UPDATE items SET target_text = 'tt', points_target = 1.5, points_max = 2, baseline_value = 83.99, "
                "baseline_unit = '%', baseline_year = 2023, product = 'P' WHERE title = 'C'", &e);
    static const char *const want[REVIEW_NFIELDS] = {
        [REVIEW_F_CODE] = "1.1",          [REVIEW_F_TITLE] = "C",          [REVIEW_F_TARGET_TEXT] = "tt",
        [REVIEW_F_POINTS_TARGET] = "1.5", [REVIEW_F_POINTS_MAX] = "2",     [REVIEW_F_BASELINE_VALUE] = "83.99",
        [REVIEW_F_BASELINE_UNIT] = "%",   [REVIEW_F_BASELINE_YEAR] = "2023", [REVIEW_F_DEADLINE] = "Năm 2024",
        [REVIEW_F_PRODUCT] = "P",
    };
    for (int i = 0; i < REVIEW_NFIELDS; i++) {
        x = NULL;
        CHECK(review_extracted(rv, c2, review_fields[i], &x, &e) == 0, "extracted %s", review_fields[i]);
        CHECK_STR(x, want[i], "extracted %s: its column", review_fields[i]);
        free(x);
    }
    review_close(rv);
    db_close(db);

    /* A read-only database made before the reviews table: lookups find no decision. */
    CHECK(db_open(path, DB_READWRITE, &db, &e) == 0, "reopen");
    db_exec(db, "DROP TABLE reviews; PRAGMA user_version = 3", &e);
    db_close(db);
    CHECK(db_open(path, DB_READONLY, &db, &e) == 0, "open read-only: %s", e.msg);
    CHECK(review_open(db, &rv, &e) == 0, "review_open without the table");
    review_lookup(rv, c2, "deadline", &st, &e);
    CHECK(st.status == REVIEW_NONE && !strcmp(st.value, "Năm 2024"), "no table: extracted value");
    review_state_free(&st);
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
