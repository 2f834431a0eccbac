/* extract.c — main of bin/parplan-extract: segments each loaded document into items and extracts codes,
 * titles, targets, points, bodies and deadlines (src/lib/extract/extract_doc.c), one transaction per
 * document through the shared run loop (src/lib/db/docrun.h).  A document already extracted with the
 * same rules (hash of the rules directory) is skipped unless --force is given, so reruns are idempotent. */
#include "core/cli.h"
#include "ocr/versions.h"
#include "db/db.h"
#include "db/docrun.h"
#include "core/err.h"
#include "core/interrupt.h"
#include "extract/extract_doc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "usage: parplan-extract [--db FILE] [--rules DIR] [--force] [-q|-v] [--help] [--version]\n"
    "  segments each document into items and extracts codes, titles, targets, points, bodies and deadlines.\n"
    "  --db FILE    database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  --rules DIR  rule files (default: $PARPLAN_RULES, else rules/ beside the bin/\n"
    "               directory, else share/parplan/rules when installed)\n"
    "  --force      extract again documents already extracted with the same rules\n"
    "  -q           quiet: no progress, no summary\n"
    "  -v           a line per document instead of the progress display (on a terminal, a line\n"
    "               redrawn; elsewhere a line every 10 s)\n"
    "exit: 0 ok, 1 a document failed, 2 usage, 4 database error, 5 bad rule file, 130 interrupted\n";

/* extract's names for the ends of a run (db.h run_status): "done" whether or not documents failed. */
static const docrun_ends extract_ends = { RUN_DONE, RUN_DONE, RUN_FAILED };

typedef struct ex_run {
    ex_stmts *st;
    ex_rules *rules;
    int force;
    int nitems; /* of the document just written, for its message */
} ex_run;

static int ex_run_current(void *ctx, const docrun_doc *d, pp_err *e)
{
    ex_run *x = ctx;
    return x->force ? 0 : ex_is_current(x->st, d->id, x->rules->rules->hash, e);
}

static int ex_run_work(void *ctx, const docrun_doc *d, pp_err *e)
{
    ex_run *x = ctx;
    x->nitems = 0;
    return ex_document(x->st, x->rules, d->id, d->run_id, &x->nitems, e);
}

static void ex_run_rolled_back(void *ctx, const docrun_doc *d)
{
    ex_rolled_back(((ex_run *)ctx)->st);
}

static int verbose; /* -v: a line per document instead of the progress display */

static void ex_run_done(void *ctx, const docrun_doc *d)
{
    if (verbose)
        pp_info("%s: %d items", d->source, ((ex_run *)ctx)->nitems);
}

/* The extractor's messages do not name the document: the failure line does (the failures row keeps the
 * message as it is, with the source in its own column). */
static void ex_run_report(void *ctx, const char *source, const pp_err *failure)
{
    pp_error("%s: %s", source, failure->msg);
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "rules", required_argument, NULL, 'r' },
        { "force", no_argument, NULL, 'f' },    { "quiet", no_argument, NULL, 'q' },
        { "verbose", no_argument, NULL, 'v' },
        { "help", no_argument, NULL, 'h' },     { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *db_opt = NULL, *rules_opt = NULL;
    int force = 0, quiet = 0, c;
    while ((c = getopt_long(argc, argv, "d:r:fqvhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'r': rules_opt = optarg; break;
        case 'f': force = 1; break;
        case 'q': quiet = 1; pp_set_quiet(1); break;
        case 'v': verbose = 1; break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': versions_print(stdout); return PP_OK;
        default: return cli_bad_option(argv, usage);
        }
    }
    if (optind != argc) {
        pp_error("unexpected argument '%s'", argv[optind]);
        return cli_usage_error(usage);
    }
    pp_err e;
    pp_err_clear(&e);
    char *dir = cli_rules_dir(rules_opt);
    ex_rules rules;
    if (ex_rules_load(dir, &rules, &e)) {
        free(dir);
        ex_rules_free(&rules);
        return pp_report(&e);
    }
    free(dir);
    pp_db *db = NULL;
    ex_stmts *st = NULL;
    docrun run;
    char *opts_s = cli_join_args(argc, argv);
    if (db_open(cli_db_path(db_opt), DB_READWRITE, &db, &e) || ex_stmts_open(db, &st, &e) ||
        docrun_begin(&run, db, "extract", opts_s, &extract_ends, &e)) {
        free(opts_s);
        ex_stmts_close(st);
        db_close(db);
        ex_rules_free(&rules);
        return pp_report(&e);
    }
    free(opts_s);
    run.report = ex_run_report;
    run.show_progress = !quiet && !verbose;
    /* The write-ahead log is checkpointed every 16 MB rather than every 4 MB: a checkpoint syncs the
     * disk, and a load of many small documents would otherwise sync every few dozen of them.  The page
     * cache stays at SQLite's 2 MB: a document's rows fill a few dozen pages, and a 64 MB cache only
     * took a page fault per page the run wrote (about a tenth of the stage's time, and 87 MB resident
     * against 15 MB; docs/extract.md).  A memory map of the database saved 3 % and put every page it
     * read in the stage's resident size: not used.  A failure to set it leaves SQLite's default. */
    pp_err ce;
    pp_err_clear(&ce);
    db_exec(db, "PRAGMA wal_autocheckpoint = 4096", &ce);
    ex_run x = { st, &rules, force, 0 };
    static const docrun_ops ops = { ex_run_current, ex_run_work, ex_run_rolled_back, ex_run_done };
    intr_catch(); /* SIGINT/SIGTERM stop the run between documents, marked interrupted (exit 130) */
    int rc = docrun_end(&run, docrun_documents(&run, &ops, &x, &e), &e);
    ex_stmts_close(st);
    db_close(db);
    ex_rules_free(&rules);
    if (rc)
        return pp_report(&e);
    pp_info("%d extracted, %d already current, %d failed", run.ok, run.skipped, run.failed);
    return run.failed ? PP_EXIT_FAILED : PP_OK;
}
