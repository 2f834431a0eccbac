/* extract/extract_table.c (prefix et_) — see extract_table.h. */
#include "extract/extract_table.h"
#include "match/roles.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

/* A table_columns.field value as the role name of match/roles.h (NULL for none or an unknown one). */
static const char *et_role(const char *field)
{
    int r = role_index(field);
    return r < 0 ? NULL : role_names[r];
}

typedef struct et_dbcell {
    int row, col, rs, cs;
    char *text;
    double conf;
} et_dbcell;

static void et_add_cell(et_doc *t, size_t *acells, sg_span sp, double conf)
{
    if (t->ncells == *acells) {
        *acells = *acells ? *acells * 2 : 64;
        t->cells = xrealloc(t->cells, *acells * sizeof *t->cells);
    }
    t->cells[t->ncells].sp = sp;
    t->cells[t->ncells].conf = conf;
    t->ncells++;
}

static int et_cell_cmp(const void *a, const void *b)
{
    const et_cell *x = a, *y = b;
    return x->sp.a < y->sp.a ? -1 : x->sp.a > y->sp.a;
}

typedef struct et_tab {
    int64_t id;
    int page, nrows, ncols, header;
} et_tab;

/* One table: its named columns, its cells, and its rows matched to the page's lines from *cursor on. */
static int et_table(pp_db *db, sqlite3_stmt *qc, sqlite3_stmt *qk, const et_tab *tb, sg_doc *d, et_doc *t,
                    size_t *arows, size_t *acells, size_t *cursor, pp_err *e)
{
    int ncols = tb->ncols;
    if (ncols <= 0 || tb->nrows <= 0 || ncols > 64)
        return PP_OK;
    const char *field[64] = { 0 };
    sqlite3_bind_int64(qc, 1, tb->id);
    int rc;
    while ((rc = sqlite3_step(qc)) == SQLITE_ROW) {
        int col = sqlite3_column_int(qc, 0);
        if (col >= 0 && col < ncols)
            field[col] = et_role((const char *)sqlite3_column_text(qc, 1));
    }
    sqlite3_reset(qc);
    if (rc != SQLITE_DONE)
        return db_fail(db, e, "reading table columns");
    /* cells[0] the code column, cells[1] the title column, then the other named columns */
    int pos[SG_MAX_CELLS], npos = 2, named = 0, code_col = -1, title_col = -1;
    for (int c = 0; c < ncols; c++) {
        if (!field[c])
            continue;
        named++;
        if (!strcmp(field[c], "code") && code_col < 0)
            code_col = c;
        else if (!strcmp(field[c], "title") && title_col < 0)
            title_col = c;
    }
    if ((code_col < 0 && title_col < 0) || named < 2)
        return PP_OK; /* columns not named: its rows stay lines of text */
    pos[0] = code_col;
    pos[1] = title_col;
    sg_table st;
    memset(&st, 0, sizeof st);
    st.role[0] = "code";
    st.role[1] = "title";
    for (int c = 0; c < ncols && npos < SG_MAX_CELLS; c++)
        if (field[c] && c != code_col && c != title_col) {
            st.role[npos] = field[c];
            pos[npos++] = c;
        }
    st.ncols = npos;
    /* the cells */
    et_dbcell *cells = NULL;
    size_t ncells = 0, acap = 0;
    sqlite3_bind_int64(qk, 1, tb->id);
    while ((rc = sqlite3_step(qk)) == SQLITE_ROW) {
        if (ncells == acap) {
            acap = acap ? acap * 2 : 64;
            cells = xrealloc(cells, acap * sizeof *cells);
        }
        et_dbcell *c = &cells[ncells++];
        c->row = sqlite3_column_int(qk, 0);
        c->col = sqlite3_column_int(qk, 1);
        c->rs = sqlite3_column_int(qk, 2);
        c->cs = sqlite3_column_int(qk, 3);
        const char *s = (const char *)sqlite3_column_text(qk, 4);
        c->text = xstrdup(s ? s : "");
        c->conf = sqlite3_column_type(qk, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(qk, 5);
    }
    sqlite3_reset(qk);
    if (rc != SQLITE_DONE) {
        for (size_t i = 0; i < ncells; i++)
            free(cells[i].text);
        free(cells);
        return db_fail(db, e, "reading table cells");
    }
    size_t tix = t->ntables;
    t->tables = xrealloc(t->tables, (t->ntables + 1) * sizeof *t->tables);
    t->tables[t->ntables++] = st;
    /* the span of every grid position (a cell's span where it starts; rows it covers below share it) */
    size_t ngrid = (size_t)tb->nrows * (size_t)ncols;
    sg_span *grid = xcalloc(ngrid, sizeof *grid);
    size_t ci = 0;
    strbuf want = STRBUF_INIT;
    for (int r = 0; r < tb->nrows; r++) {
        size_t c0 = ci;
        while (ci < ncells && cells[ci].row == r)
            ci++;
        /* the line parplan-ocr wrote for this row (rows without text wrote none) */
        sb_reset(&want);
        int any = 0;
        size_t k = c0;
        for (int col = 0; col < ncols; col++) {
            if (col)
                sb_addc(&want, '\t');
            if (k < ci && cells[k].col == col) {
                sb_adds(&want, cells[k].text);
                any |= cells[k].text[0] != 0;
                k++;
            }
        }
        if (!any)
            continue;
        size_t li = *cursor;
        while (li < d->n && d->lines[li].page == tb->page &&
               (d->lines[li].o1 - d->lines[li].o0 != want.len ||
                memcmp(d->text.buf + d->lines[li].o0, want.buf, want.len) != 0))
            li++;
        if (li >= d->n || d->lines[li].page != tb->page)
            continue; /* not found: left as text */
        *cursor = li + 1;
        sg_line *l = &d->lines[li];
        /* the fields of the line, as folded spans */
        size_t o = l->o0;
        k = c0;
        for (int col = 0; col < ncols; col++) {
            size_t end = o;
            while (end < l->o1 && d->text.buf[end] != '\t')
                end++;
            if (k < ci && cells[k].col == col) {
                sg_span sp = sg_trim(d, (sg_span){ sg_fold_at(d->fmap, l->f0, l->f1, o),
                                                    sg_fold_at(d->fmap, l->f0, l->f1, end) });
                if (sp.b < sp.a)
                    sp.b = sp.a;
                for (int rr = r; rr < r + (cells[k].rs > 0 ? cells[k].rs : 1) && rr < tb->nrows; rr++) {
                    grid[(size_t)rr * (size_t)ncols + (size_t)col] = sp;
                }
                if (sp.b > sp.a)
                    et_add_cell(t, acells, sp, cells[k].conf);
                k++;
            }
            o = end < l->o1 ? end + 1 : end;
        }
        if (t->nrows == *arows) {
            *arows = *arows ? *arows * 2 : 64;
            t->rows = xrealloc(t->rows, *arows * sizeof *t->rows);
        }
        sg_trow *tr = &t->rows[t->nrows];
        memset(tr, 0, sizeof *tr);
        tr->line = (int)li;
        tr->table = (int)tix;
        int starts = (int)(ci - c0);
        if (r <= tb->header) {
            tr->kind = SG_TROW_HEADER;
        } else if (starts == 1 && cells[c0].col == 0 && cells[c0].cs >= ncols) {
            tr->kind = SG_TROW_GROUP;
            tr->ncells = 1;
            tr->cells[0] = grid[(size_t)r * (size_t)ncols];
        } else {
            tr->kind = SG_TROW_BODY;
            tr->ncells = npos;
            for (int p = 0; p < npos; p++) {
                sg_span empty = { l->f1, l->f1 };
                tr->cells[p] = pos[p] < 0 ? empty : grid[(size_t)r * (size_t)ncols + (size_t)pos[p]];
                if (tr->cells[p].b == 0)
                    tr->cells[p] = empty;
            }
        }
        t->nrows++;
        l->trow = (int)t->nrows;
    }
    sb_free(&want);
    free(grid);
    for (size_t i = 0; i < ncells; i++)
        free(cells[i].text);
    free(cells);
    return PP_OK;
}

int et_stmts_open(pp_db *db, et_stmts *q, pp_err *e)
{
    memset(q, 0, sizeof *q);
    q->db = db;
    if (db_prepare(db, &q->tables,
                   "SELECT t.id, p.number, t.n_rows, t.n_cols, t.header_row FROM tables t "
                   "JOIN pages p ON p.id = t.page_id WHERE p.document_id = ?1 ORDER BY p.number, t.number",
                   e) ||
        db_prepare(db, &q->columns, "SELECT col, field FROM table_columns WHERE table_id = ?1 AND field IS NOT NULL",
                   e) ||
        db_prepare(db, &q->cells,
                   "SELECT row, col, row_span, col_span, text, confidence FROM cells WHERE table_id = ?1 "
                   "ORDER BY row, col",
                   e)) {
        et_stmts_close(q);
        return e->code;
    }
    return PP_OK;
}

void et_stmts_close(et_stmts *q)
{
    sqlite3_finalize(q->tables);
    sqlite3_finalize(q->columns);
    sqlite3_finalize(q->cells);
    memset(q, 0, sizeof *q);
}

int et_load(et_stmts *q, int64_t doc_id, sg_doc *d, et_doc *t, pp_err *e)
{
    memset(t, 0, sizeof *t);
    pp_db *db = q->db;
    sqlite3_stmt *qt = q->tables, *qc = q->columns, *qk = q->cells;
    int rc = PP_OK;
    size_t arows = 0, acells = 0, cursor = 0;
    int last_page = -1;
    sqlite3_bind_int64(qt, 1, doc_id);
    int st;
    while ((st = sqlite3_step(qt)) == SQLITE_ROW) {
        et_tab tb;
        tb.id = sqlite3_column_int64(qt, 0);
        tb.page = sqlite3_column_int(qt, 1);
        tb.nrows = sqlite3_column_int(qt, 2);
        tb.ncols = sqlite3_column_int(qt, 3);
        tb.header = sqlite3_column_type(qt, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(qt, 4);
        if (tb.page != last_page) {
            /* the first line of the page */
            size_t lo = 0;
            while (lo < d->n && d->lines[lo].page < tb.page)
                lo++;
            cursor = lo;
            last_page = tb.page;
        }
        if ((rc = et_table(db, qc, qk, &tb, d, t, &arows, &acells, &cursor, e)))
            break;
    }
    sqlite3_reset(qt);
    if (!rc && st != SQLITE_DONE)
        rc = db_fail(db, e, "reading tables");
    if (t->ncells > 1)
        qsort(t->cells, t->ncells, sizeof *t->cells, et_cell_cmp);
    if (!rc && t->nrows) {
        d->ttables = t->tables;
        d->nttables = t->ntables;
        d->trows = t->rows;
        d->ntrows = t->nrows;
    }
    return rc;
}

int et_conf(const et_doc *t, sg_span s, double *conf)
{
    size_t lo = 0, hi = t->ncells;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->cells[mid].sp.a <= s.a)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return 0;
    const et_cell *c = &t->cells[lo - 1];
    if (s.b > c->sp.b || c->conf < 0)
        return 0;
    *conf = c->conf;
    return 1;
}

void et_free(et_doc *t)
{
    free(t->tables);
    free(t->rows);
    free(t->cells);
    memset(t, 0, sizeof *t);
}
