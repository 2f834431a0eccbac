/* db/dbrows.c (prefix dbrows_) — see dbrows.h.
 *
 * One prepared statement per batch size (DBROWS_BATCH and each smaller power of two), made the first
 * time it is needed and kept until close; a flush of n rows uses the largest that fits, then smaller
 * ones, so any n costs at most log2(DBROWS_BATCH) + n / DBROWS_BATCH statements.  Text values live in
 * one arena and are bound SQLITE_STATIC: the arena does not move while a flush binds and steps. */
#include "db/dbrows.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

enum { V_NULL, V_INT, V_DOUBLE, V_TEXT };

typedef struct dbrows_value {
    int type;
    union {
        int64_t i;
        double d;
        struct {
            size_t off, len;
        } t;
    } u;
} dbrows_value;

#define DBROWS_SIZES 6 /* 32, 16, 8, 4, 2, 1 */

struct dbrows {
    pp_db *db;
    char *table, *columns;
    int ncols;
    sqlite3_stmt *st[DBROWS_SIZES]; /* st[k] inserts DBROWS_BATCH >> k rows */
    dbrows_value *v;
    size_t nv, av;
    strbuf text;
};

int dbrows_open(pp_db *db, const char *table, const char *columns, int ncols, dbrows **out, pp_err *e)
{
    (void)e;
    dbrows *r = xcalloc(1, sizeof *r);
    r->db = db;
    r->table = xstrdup(table);
    r->columns = xstrdup(columns);
    r->ncols = ncols;
    sb_init(&r->text);
    *out = r;
    return PP_OK;
}

void dbrows_close(dbrows *r)
{
    if (!r)
        return;
    for (int k = 0; k < DBROWS_SIZES; k++)
        sqlite3_finalize(r->st[k]);
    free(r->table);
    free(r->columns);
    free(r->v);
    sb_free(&r->text);
    free(r);
}

static dbrows_value *dbrows_next(dbrows *r)
{
    if (r->nv == r->av) {
        r->av = r->av ? 2 * r->av : 256;
        r->v = xrealloc(r->v, r->av * sizeof *r->v);
    }
    return &r->v[r->nv++];
}

void dbrows_int(dbrows *r, int64_t v)
{
    dbrows_value *x = dbrows_next(r);
    x->type = V_INT;
    x->u.i = v;
}

void dbrows_double(dbrows *r, double v)
{
    dbrows_value *x = dbrows_next(r);
    x->type = V_DOUBLE;
    x->u.d = v;
}

void dbrows_text(dbrows *r, const char *s, size_t n)
{
    if (!s) {
        dbrows_null(r);
        return;
    }
    dbrows_value *x = dbrows_next(r);
    x->type = V_TEXT;
    x->u.t.off = r->text.len;
    x->u.t.len = n;
    sb_add(&r->text, s, n);
}

void dbrows_null(dbrows *r)
{
    dbrows_next(r)->type = V_NULL;
}

size_t dbrows_pending(const dbrows *r)
{
    return r->nv / (size_t)r->ncols;
}

void dbrows_discard(dbrows *r)
{
    r->nv = 0;
    sb_reset(&r->text);
}

/* The statement inserting DBROWS_BATCH >> k rows, prepared on first use.  OR FAIL: a constraint error
 * stops the statement without undoing its earlier rows, which spares SQLite a statement journal (a copy
 * of every page the statement touches); the caller rolls its whole transaction back on any error. */
static int dbrows_stmt(dbrows *r, int k, sqlite3_stmt **out, pp_err *e)
{
    if (!r->st[k]) {
        int rows = DBROWS_BATCH >> k;
        strbuf sql = STRBUF_INIT;
        sb_addf(&sql, "INSERT OR FAIL INTO %s (%s) VALUES ", r->table, r->columns);
        for (int i = 0; i < rows; i++) {
            sb_adds(&sql, i ? ",(" : "(");
            for (int c = 0; c < r->ncols; c++)
                sb_adds(&sql, c ? ",?" : "?");
            sb_addc(&sql, ')');
        }
        int rc = db_prepare(r->db, &r->st[k], sql.buf, e);
        sb_free(&sql);
        if (rc)
            return rc;
    }
    *out = r->st[k];
    return PP_OK;
}

int dbrows_flush(dbrows *r, pp_err *e, const char *what)
{
    size_t rows = dbrows_pending(r), done = 0;
    int rc = PP_OK;
    for (int k = 0; k < DBROWS_SIZES && done < rows && !rc; k++) {
        size_t size = (size_t)(DBROWS_BATCH >> k);
        while (rows - done >= size && !rc) {
            sqlite3_stmt *q;
            if ((rc = dbrows_stmt(r, k, &q, e)))
                break;
            const dbrows_value *v = r->v + done * (size_t)r->ncols;
            int nparams = (int)size * r->ncols;
            for (int p = 0; p < nparams; p++) {
                switch (v[p].type) {
                case V_INT:
                    sqlite3_bind_int64(q, p + 1, v[p].u.i);
                    break;
                case V_DOUBLE:
                    sqlite3_bind_double(q, p + 1, v[p].u.d);
                    break;
                case V_TEXT:
                    sqlite3_bind_text64(q, p + 1, r->text.buf + v[p].u.t.off, v[p].u.t.len, SQLITE_STATIC,
                                        SQLITE_UTF8);
                    break;
                default:
                    sqlite3_bind_null(q, p + 1);
                    break;
                }
            }
            rc = db_step_done(r->db, q, e, what);
            /* the arena is reused by the next document: no statement may keep pointing into it */
            sqlite3_clear_bindings(q);
            done += size;
        }
    }
    dbrows_discard(r);
    return rc;
}
