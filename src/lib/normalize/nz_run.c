/* normalize/nz_run.c (prefix nz_) — see nz_run.h. */
#include "normalize/nz_run.h"
#include "core/err.h"
#include "db/db.h"
#include "db/docrun.h"
#include "normalize/nz_doc.h"
#include "text/encodings.h"
#include "text/viet.h"

#include <stdio.h>

/* normalize's names for the ends of a run (db.h run_status). */
static const docrun_ends nz_ends = { RUN_OK, RUN_PARTIAL, RUN_FAILED };

typedef struct nz_ctx {
    nz_stmts *st;
    const nz_opts *o;
    const lm_model *lm;
    char optstr[128];
} nz_ctx;

void nz_options_string(const nz_opts *o, char *buf, size_t size)
{
    /* vie=1: OCR pages of a Vietnamese model get their dropped tone marks corrected (NZ_CHAN_VIE), which
     * documents normalized before it did not: a rerun redoes them */
    snprintf(buf, size, "tone=%s restore=%d from=%s%s", o->style == VIET_STYLE_NEW ? "new" : "old", o->restore,
             o->from >= 0 ? enc_name(o->from) : "auto", o->restore ? " vie=1" : "");
}

static int nz_current(void *ctx, const docrun_doc *d, pp_err *e)
{
    nz_ctx *c = ctx;
    return c->o->force ? 0 : nz_doc_current(c->st, d->id, c->optstr, e);
}

static int nz_work(void *ctx, const docrun_doc *d, pp_err *e)
{
    nz_ctx *c = ctx;
    return nz_document(c->st, d->id, d->source, c->o, c->optstr, c->lm, d->run_id, e);
}

static void nz_done(void *ctx, const docrun_doc *d)
{
    if (((nz_ctx *)ctx)->o->verbose && !((nz_ctx *)ctx)->o->quiet)
        pp_info("%s: normalized", d->source);
}

int nz_run(const char *db_path, const nz_opts *o, const lm_model *lm, const char *options)
{
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    if (db_open(db_path, DB_READWRITE, &db, &e))
        return pp_report(&e);
    nz_ctx c = { .o = o, .lm = lm };
    docrun run;
    if (nz_stmts_open(db, &c.st, &e) || docrun_begin(&run, db, "normalize", options, &nz_ends, &e)) {
        nz_stmts_close(c.st);
        db_close(db);
        return pp_report(&e);
    }
    nz_options_string(o, c.optstr, sizeof c.optstr);
    run.show_progress = !o->quiet && !o->verbose;
    static const docrun_ops ops = { .current = nz_current, .work = nz_work, .done = nz_done };
    int rc = docrun_end(&run, docrun_documents(&run, &ops, &c, &e), &e);
    if (rc)
        pp_report(&e);
    nz_stmts_close(c.st);
    db_close(db);
    if (!o->quiet)
        pp_info("%d normalized, %d unchanged, %d failed", run.ok, run.skipped, run.failed);
    return rc ? rc : run.failed ? PP_EXIT_FAILED : PP_OK;
}
