/* db/docrun.c (prefix docrun_) — see docrun.h. */
#include "db/docrun.h"
#include "core/interrupt.h"

#include <stdlib.h>
#include <string.h>

int docrun_begin(docrun *r, pp_db *db, const char *stage, const char *options, const docrun_ends *ends,
                 pp_err *e)
{
    memset(r, 0, sizeof *r);
    r->db = db;
    r->stage = stage;
    r->ends = *ends;
    if (db && db_run_begin(db, stage, options ? options : "", &r->run_id, e))
        return e->code;
    r->had_failures = db && db_has_failures(db, stage);
    return PP_OK;
}

int docrun_fail(docrun *r, const char *source, const pp_err *failure, pp_err *e)
{
    progress_clear(&r->progress);
    if (r->report)
        r->report(r->report_ctx, source, failure);
    else
        pp_report(failure);
    r->failed++;
    if (r->db && db_record_failure(r->db, r->run_id, r->stage, source, failure, e))
        return e->code;
    return PP_OK;
}

typedef struct write_arg {
    const docrun_ops *ops;
    void *ctx;
    const docrun_doc *d;
    const docrun *r;
} write_arg;

/* The document's rows, and (in the same transaction) the end of its earlier failures. */
static int write_work(void *arg, pp_err *e)
{
    const write_arg *w = arg;
    if (w->ops->work(w->ctx, w->d, e))
        return e->code;
    if (w->r->had_failures && w->d->source)
        return db_clear_failures(w->r->db, w->r->stage, w->d->source, e);
    return PP_OK;
}

int docrun_write(docrun *r, const docrun_doc *d, const docrun_ops *ops, void *ctx, pp_err *e)
{
    /* The document's own error stays apart from e until it is known to be fatal: a failure that is
     * recorded must not leave e set for the next document (pp_err_set keeps the first error). */
    pp_err de;
    pp_err_clear(&de);
    write_arg w = { ops, ctx, d, r };
    if (db_transaction(r->db, write_work, &w, &de) == PP_OK) {
        r->ok++;
        return PP_OK;
    }
    if (ops->rolled_back)
        ops->rolled_back(ctx, d);
    if (de.code == PP_EXIT_DB) {
        *e = de;
        return e->code;
    }
    return docrun_fail(r, d->source, &de, e) ? e->code : DOCRUN_FAILED;
}

typedef struct doclist {
    int64_t *id;
    char **source;
    int *pages;
    size_t n, alloc_id, alloc_source, alloc_pages;
} doclist;

static void doclist_free(doclist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->source[i]);
    free(l->source);
    free(l->id);
    free(l->pages);
}

/* The whole list first: the loop writes while a statement still reading documents would see its own
 * writes half-way (and hold a read transaction open across the documents' commits). */
static int doclist_read(pp_db *db, doclist *l, pp_err *e)
{
    memset(l, 0, sizeof *l);
    sqlite3_stmt *q;
    if (db_prepare(db, &q, "SELECT id, source, page_count FROM documents ORDER BY id", e))
        return e->code;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        PP_GROW(l->id, l->n + 1, l->alloc_id, 64);
        PP_GROW(l->source, l->n + 1, l->alloc_source, 64);
        PP_GROW(l->pages, l->n + 1, l->alloc_pages, 64);
        l->pages[l->n] = sqlite3_column_int(q, 2);
        const unsigned char *s = sqlite3_column_text(q, 1);
        l->id[l->n] = sqlite3_column_int64(q, 0);
        l->source[l->n++] = xstrdup(s ? (const char *)s : "");
    }
    int err = rc == SQLITE_DONE ? PP_OK : db_fail(db, e, "reading documents");
    sqlite3_finalize(q);
    return err;
}

int docrun_documents(docrun *r, const docrun_ops *ops, void *ctx, pp_err *e)
{
    doclist l;
    if (doclist_read(r->db, &l, e)) {
        doclist_free(&l);
        return e->code;
    }
    int rc = PP_OK;
    long pages = 0; /* of the documents worked on (not the current ones): the rate is the work's */
    progress_start(&r->progress, r->stage, (int)l.n, r->show_progress);
    for (size_t i = 0; i < l.n && rc == PP_OK; i++) {
        progress_file(&r->progress, l.source[i]);
        progress_update(&r->progress, (int)i, pages);
        if (intr_check(e)) { /* SIGINT/SIGTERM: stop between documents, the run ends "interrupted" */
            rc = e->code;
            break;
        }
        docrun_doc d = { l.id[i], l.source[i], r->run_id };
        if (ops->current) {
            pp_err ce;
            pp_err_clear(&ce);
            int cur = ops->current(ctx, &d, &ce);
            if (cur < 0) {
                if (ce.code == PP_OK)
                    pp_err_set(&ce, PP_EXIT_INTERNAL, "%s: checking whether it is current failed", d.source);
                *e = ce;
                rc = e->code;
                break;
            }
            if (cur) {
                r->skipped++;
                continue;
            }
        }
        pages += l.pages[i];
        int w = docrun_write(r, &d, ops, ctx, e);
        if (w == PP_OK && ops->done)
            ops->done(ctx, &d);
        else if (w > 0)
            rc = w;
    }
    if (rc == PP_OK)
        progress_update(&r->progress, (int)l.n, pages);
    progress_end(&r->progress);
    doclist_free(&l);
    return rc;
}

int docrun_end(docrun *r, int rc, pp_err *e)
{
    if (!r->db)
        return rc;
    run_status s = rc == PP_EXIT_INTERRUPTED ? RUN_INTERRUPTED
                   : rc                      ? r->ends.fatal
                   : r->failed               ? r->ends.partial
                                             : r->ends.ok;
    pp_err ee;
    pp_err_clear(&ee);
    int end = db_run_end(r->db, r->run_id, s, r->ok, r->skipped, r->failed, &ee);
    if (rc)
        return rc;
    if (end)
        *e = ee;
    return end;
}
