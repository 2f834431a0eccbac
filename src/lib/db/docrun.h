/* db/docrun.h (prefix docrun_) — the run of a stage that writes per document: its row in runs, one
 * transaction per document, failed documents recorded in failures, the ok/skipped/failed counts, and the
 * run's end.  The stages normalize and extract run their whole loop through docrun_documents; the OCR
 * stage, whose documents come from the command line and are recognised by workers, keeps its own queue
 * and uses the pieces (docrun_write, docrun_fail, docrun_end) for the same bookkeeping.
 *
 * What a document's outcome means, for every stage alike:
 *   - current (the stage's `current` callback says so): skipped, counted in skipped, nothing written;
 *   - written: the stage's `work` ran inside BEGIN IMMEDIATE ... COMMIT; counted in ok;
 *   - failed: work (or the commit) failed with an error that is the document's (any code but
 *     PP_EXIT_DB): rolled back, reported (docrun.report), recorded in failures, counted in failed, and
 *     the run goes on with the next document;
 *   - fatal: a database error (PP_EXIT_DB, the database is unusable: locked, full, read-only) or a
 *     current check that failed: rolled back, not counted, and the run stops; the error is returned to
 *     the stage, which reports it.  A failure that cannot be recorded is fatal too (it was counted in
 *     failed and reported first).
 *   - interrupted: a SIGINT or SIGTERM caught (core/interrupt.h, the stage's intr_catch) is seen before
 *     the next document: the loop stops with PP_EXIT_INTERRUPTED (the document being written commits
 *     first), and the run ends "interrupted".
 * The run ends with the stage's status for each case (docrun_ends): interrupted (RUN_INTERRUPTED) if a
 * signal stopped it, fatal if an error did, else partial if documents failed, else ok.  A database error while ending the run is fatal too (unless the run
 * already stopped on one: the first error is the one reported).
 *
 * Exit codes: PP_OK; PP_EXIT_DB for the database's errors; a document's own code (PP_EXIT_INPUT, ...)
 * only in failures rows and reports, never as the run's result; PP_EXIT_INTERNAL for a callback that
 * failed without setting e.  The stage turns r->failed into its exit 1.
 *
 * Ownership: the docrun uses the database connection it was given and never closes it; it keeps the
 * stage name's pointer (a literal: it must outlive the run) and reads the options only in docrun_begin.
 * It never owns the callbacks' ctx.  The document a callback gets (docrun_doc, its source string) is the
 * loop's and lives until the callback returns.  Messages are the stage's: docrun prints nothing itself
 * except a document's failure, through docrun.report (default: pp_report). */
#ifndef PARPLAN_DOCRUN_H
#define PARPLAN_DOCRUN_H

#include <stdint.h>

#include "core/err.h"
#include "core/progress.h"
#include "db/db.h"

/* The status a stage writes for each way a run ends (db.h run_status; the stages' names differ, see
 * there). */
typedef struct docrun_ends {
    run_status ok, partial, fatal;
} docrun_ends;

/* Shows one document's failure; `failure` is the document's error, `source` its documents.source. */
typedef void docrun_report_fn(void *ctx, const char *source, const pp_err *failure);

typedef struct docrun {
    pp_db *db;            /* NULL: a run without a database (parplan-ocr -o - alone): counts only */
    const char *stage;    /* runs.stage and failures.stage; a string that outlives the run */
    docrun_ends ends;
    int64_t run_id;       /* runs.id; 0 without a database */
    int ok, skipped, failed; /* a stage that checks currency itself (OCR) counts skipped here */
    docrun_report_fn *report; /* NULL: pp_report(failure) */
    void *report_ctx;
    int had_failures;     /* the stage had failures rows when the run began: a document written clears its own */
    int show_progress;    /* set by the stage after docrun_begin: docrun_documents shows the progress display
                           * (core/progress.h: stage, documents, pages of the documents worked on, rate, ETA,
                           * current file), and a failure clears its line before it is reported */
    pp_progress progress;
} docrun;

/* One document as the callbacks see it. */
typedef struct docrun_doc {
    int64_t id;          /* documents.id (0 when the stage is creating the document: OCR) */
    const char *source;  /* documents.source, or the input path */
    int64_t run_id;      /* the run writing it, for the rows' run_id */
} docrun_doc;

/* A stage's part.  Every callback gets the ctx given with the ops.  Errors go in `e` with their exit
 * code: PP_EXIT_DB for the database's, which stop the run, any other for the document's. */
typedef struct docrun_ops {
    /* 1 when the document is current (skip it), 0 when it needs the work, < 0 on an error (in e: fatal).
     * NULL: never current.  Runs outside a transaction.  docrun_documents only. */
    int (*current)(void *ctx, const docrun_doc *d, pp_err *e);
    /* The stage's work on one document, inside its transaction: write the rows, never BEGIN or COMMIT.
     * Returns PP_OK or the error's code (message in e). */
    int (*work)(void *ctx, const docrun_doc *d, pp_err *e);
    /* After a transaction that failed and was rolled back (begin, work or commit): forget what was
     * remembered from the document's rows (extract's body ids).  NULL: nothing to forget. */
    void (*rolled_back)(void *ctx, const docrun_doc *d);
    /* After a commit: the stage's message for the document.  NULL: none.  docrun_documents only. */
    void (*done)(void *ctx, const docrun_doc *d);
} docrun_ops;

/* What docrun_write says of one document, besides PP_OK (written) and a fatal error's code (> 0). */
enum { DOCRUN_FAILED = -1 }; /* the document failed: rolled back, reported, recorded, counted */

/* Starts a run: records it in runs (stage, options, this version) unless `db` is NULL.  Returns PP_OK,
 * or PP_EXIT_DB with the message in e (no run was recorded; nothing to end). */
int docrun_begin(docrun *r, pp_db *db, const char *stage, const char *options, const docrun_ends *ends,
                 pp_err *e);

/* Lists the documents (SELECT id, source, page_count FROM documents ORDER BY id, read whole before the
 * first is written) and runs each through current / work in its transaction / done, as the outcomes above say.
 * Returns PP_OK when every document was seen (some may have failed: r->failed), or the fatal error's
 * code with its message in e.  Needs a database. */
int docrun_documents(docrun *r, const docrun_ops *ops, void *ctx, pp_err *e);

/* One document's write: ops->work in a transaction (db_transaction), then ops->rolled_back if it
 * failed.  Returns PP_OK (committed, counted in ok), DOCRUN_FAILED (the document's error: rolled back,
 * reported, recorded, counted), or a fatal error's code (> 0, message in e; nothing counted).  Needs a
 * database.  ops->current and ops->done are not called: the caller decides and reports. */
int docrun_write(docrun *r, const docrun_doc *d, const docrun_ops *ops, void *ctx, pp_err *e);

/* A document that failed outside a transaction (the OCR stage's unreadable input): reported, counted,
 * and recorded in failures when there is a database.  Returns PP_OK, or PP_EXIT_DB when the failure
 * could not be recorded (message in e: fatal). */
int docrun_fail(docrun *r, const char *source, const pp_err *failure, pp_err *e);

/* Ends the run with the counts and the status for `rc` (the run's result so far: PP_OK, or the fatal
 * error's code with its message in e).  Returns rc when it is an error (e keeps its message; an error
 * ending the run is dropped), else PP_OK, or PP_EXIT_DB when the end could not be recorded (in e).
 * Without a database it only returns rc. */
int docrun_end(docrun *r, int rc, pp_err *e);

#endif
