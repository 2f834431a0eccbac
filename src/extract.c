/* extract.c — main of bin/parplan-extract: segments each loaded document into items and extracts codes,
 * titles, targets, points, bodies and deadlines (src/lib/extract_doc.c), one transaction per document.
 * A document already extracted with the same rules (hash of the rules directory) is skipped unless
 * --force is given, so reruns are idempotent. */
#include "core/cli.h"
#include "db/db.h"
#include "core/err.h"
#include "extract/extract_doc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parplan-extract [--db FILE] [--rules DIR] [--force] [-q] [--help] [--version]\n"
    "  segments each document into items and extracts codes, titles, targets, points, bodies and deadlines.\n"
    "  --db FILE    database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  --rules DIR  rule files (default: $PARPLAN_RULES, else rules/ beside the bin/ directory)\n"
    "  --force      extract again documents already extracted with the same rules\n"
    "  -q           quiet\n"
    "exit: 0 ok, 1 a document failed, 2 usage, 4 database error, 5 bad rule file\n";

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "rules", required_argument, NULL, 'r' },
        { "force", no_argument, NULL, 'f' },    { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },     { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    const char *db_opt = NULL, *rules_opt = NULL;
    int force = 0, c;
    while ((c = getopt_long(argc, argv, "d:r:fqhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'r': rules_opt = optarg; break;
        case 'f': force = 1; break;
        case 'q': pp_set_quiet(1); break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': cli_print_version(); return PP_OK;
        default: return cli_usage_error(usage);
        }
    }
    if (optind != argc)
        return cli_usage_error(usage);
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
    int64_t run_id = 0;
    char *opts_s = cli_join_args(argc, argv);
    if (db_open(cli_db_path(db_opt), DB_READWRITE, &db, &e) || ex_stmts_open(db, &st, &e) ||
        db_run_begin(db, "extract", opts_s, &run_id, &e)) {
        free(opts_s);
        ex_stmts_close(st);
        db_close(db);
        ex_rules_free(&rules);
        return pp_report(&e);
    }
    free(opts_s);
    /* The write-ahead log is checkpointed every 16 MB rather than every 4 MB: a checkpoint syncs the
     * disk, and a load of many small documents would otherwise sync every few dozen of them.  The page
     * cache stays at SQLite's 2 MB: a document's rows fill a few dozen pages, and a 64 MB cache only
     * took a page fault per page the run wrote (about a tenth of the stage's time, and 87 MB resident
     * against 15 MB; docs/extract.md).  A memory map of the database saved 3 % and put every page it
     * read in the stage's resident size: not used.  A failure to set it leaves SQLite's default. */
    pp_err ce;
    pp_err_clear(&ce);
    db_exec(db, "PRAGMA wal_autocheckpoint = 4096", &ce);
    /* the document list first: the loop below writes while it would otherwise be reading */
    sqlite3_stmt *q;
    int64_t *docs = NULL;
    char **srcs = NULL;
    size_t nd = 0, ad = 0;
    if (db_prepare(db, &q, "SELECT id, source FROM documents ORDER BY id", &e)) {
        ex_stmts_close(st);
        db_close(db);
        ex_rules_free(&rules);
        return pp_report(&e);
    }
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (nd == ad) {
            ad = ad ? 2 * ad : 64;
            docs = xrealloc(docs, ad * sizeof *docs);
            srcs = xrealloc(srcs, ad * sizeof *srcs);
        }
        docs[nd] = sqlite3_column_int64(q, 0);
        srcs[nd++] = xstrdup((const char *)sqlite3_column_text(q, 1));
    }
    sqlite3_finalize(q);
    int ok = 0, skipped = 0, failed = 0, fatal = 0;
    for (size_t i = 0; i < nd && !fatal; i++) {
        pp_err de;
        pp_err_clear(&de);
        int cur = force ? 0 : ex_is_current(st, docs[i], rules.rules->hash, &de);
        if (cur < 0) {
            e = de;
            fatal = 1;
            break;
        }
        if (cur) {
            skipped++;
            continue;
        }
        int n = 0;
        if (db_begin(db, &de)) {
            e = de;
            fatal = 1;
            break;
        }
        if (ex_document(st, &rules, docs[i], run_id, &n, &de) || db_commit(db, &de)) {
            db_rollback(db);
            ex_rolled_back(st);
            if (de.code == PP_EXIT_DB) {
                e = de;
                fatal = 1;
                break;
            }
            pp_error("%s: %s", srcs[i], de.msg);
            pp_err re;
            pp_err_clear(&re);
            db_record_failure(db, run_id, "extract", srcs[i], &de, &re);
            failed++;
            continue;
        }
        pp_info("%s: %d items", srcs[i], n);
        ok++;
    }
    for (size_t i = 0; i < nd; i++)
        free(srcs[i]);
    free(srcs);
    free(docs);
    pp_err re;
    pp_err_clear(&re);
    db_run_end(db, run_id, fatal ? RUN_FAILED : RUN_DONE, ok, skipped, failed, &re);
    ex_stmts_close(st);
    db_close(db);
    ex_rules_free(&rules);
    if (fatal)
        return pp_report(&e);
    pp_info("%d extracted, %d already current, %d failed", ok, skipped, failed);
    return failed ? PP_EXIT_FAILED : PP_OK;
}
