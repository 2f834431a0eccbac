/* extract_fixture.h — what the extraction unit tests share: a database (db), the rules (rules) and the
 * stage's statements (st) as file statics of the test, queries that return one value (q_str, q_int), an
 * item by its code, an item's bodies, the rules directory the test runs with, and (with
 * EXTRACT_FIXTURE_TEXT_DOCS defined before the include) a one-page text document stored as parplan-ocr
 * stores one and its extraction in one transaction.  Included by tests/unit/extract/test_extract_*.c only. */
#ifndef PARPLAN_TEST_EXTRACT_FIXTURE_H
#define PARPLAN_TEST_EXTRACT_FIXTURE_H

#include "db/db.h"
#include "extract/extract_doc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pp_db *db;
static ex_rules rules;
static ex_stmts *st;

/* The first column of the first row of a query (printf-style, sqlite3_mprintf: %Q quotes), as text in
 * one of a few static buffers; NULL when there is no row or the value is NULL. */
static inline const char *q_str(const char *fmt, ...)
{
    static char buf[8][2048];
    static int next;
    va_list ap;
    va_start(ap, fmt);
    char *sql = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    sqlite3_stmt *q;
    const char *out = NULL;
    if (sql && sqlite3_prepare_v2(db->h, sql, -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL) {
            char *b = buf[next++ % 8];
            snprintf(b, sizeof buf[0], "%s", (const char *)sqlite3_column_text(q, 0));
            out = b;
        }
        sqlite3_finalize(q);
    } else {
        printf("# bad query: %s: %s\n", sql ? sql : fmt, sqlite3_errmsg(db->h));
    }
    sqlite3_free(sql);
    return out;
}

/* The same as an integer; -1 when there is no row or the value is NULL. */
static inline int64_t q_int(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *sql = sqlite3_vmprintf(fmt, ap);
    va_end(ap);
    sqlite3_stmt *q;
    int64_t v = -1;
    if (sql && sqlite3_prepare_v2(db->h, sql, -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
            v = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    } else {
        printf("# bad query: %s: %s\n", sql ? sql : fmt, sqlite3_errmsg(db->h));
    }
    sqlite3_free(sql);
    return v;
}

/* The id of the item of document doc with code `code` (-1 when none, or more than one). */
static inline int64_t item(int64_t doc, const char *code)
{
    if (q_int("SELECT count(*) FROM items WHERE document_id = %lld AND code = %Q", (long long)doc, code) != 1)
        return -1;
    return q_int("SELECT id FROM items WHERE document_id = %lld AND code = %Q", (long long)doc, code);
}

/* Bodies of an item in one role, "text=name/known" joined with "|" in their order. */
static inline const char *bodies_of(int64_t id, const char *role)
{
    return q_str("SELECT group_concat(t, '|') FROM (SELECT ib.text || '=' || b.name || '/' || b.known AS t "
                 "FROM item_bodies ib JOIN bodies b ON b.id = ib.body_id WHERE ib.item_id = %lld AND "
                 "ib.role = %Q ORDER BY ib.seq)", (long long)id, role);
}

#ifdef EXTRACT_FIXTURE_TEXT_DOCS
/* A text document of one page, stored as parplan-ocr stores a text input; its id (-1 on failure). */
static inline int64_t add_doc(const char *source, const char *text, size_t len)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db->h, "INSERT INTO documents (source, hash, format, bytes, page_count) "
                                  "VALUES (?1, ?1, 'text', ?2, 1)", -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_text(q, 1, source, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(q, 2, (int64_t)len);
    int rc = sqlite3_step(q);
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE)
        return -1;
    int64_t id = sqlite3_last_insert_rowid(db->h);
    if (sqlite3_prepare_v2(db->h, "INSERT INTO pages (document_id, number, hash, method, text) "
                                  "VALUES (?1, 1, 'h', 'text', ?2)", -1, &q, NULL) != SQLITE_OK)
        return -1;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_text(q, 2, text, (int)len, SQLITE_TRANSIENT); /* as given: not checked for UTF-8 */
    rc = sqlite3_step(q);
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? id : -1;
}

/* Extracts one document in its own transaction as parplan-extract does: committed, or rolled back. */
static inline int extract(int64_t doc, int64_t run, int *nitems, pp_err *e)
{
    pp_err_clear(e);
    *nitems = -1;
    if (db_begin(db, e))
        return e->code;
    if (ex_document(st, &rules, doc, run, nitems, e) || db_commit(db, e)) {
        db_rollback(db);
        ex_rolled_back(st);
        return e->code ? e->code : PP_EXIT_INTERNAL;
    }
    return PP_OK;
}
#endif

/* The rules directory: $PARPLAN_RULES (tests/run.sh sets it), else $PARPLAN_ROOT/rules, else ./rules. */
static inline void fixture_rules_dir(char *dir, size_t n)
{
    const char *root = getenv("PARPLAN_ROOT"), *rdir = getenv("PARPLAN_RULES");
    if (rdir && *rdir)
        snprintf(dir, n, "%s", rdir);
    else
        snprintf(dir, n, "%s/rules", root ? root : ".");
}

#endif
