/* parplan.c — main of bin/parplan, the driver.
 *
 *   parplan run [--db FILE] [-j N] [--force] [-q] INPUT...   every stage in order
 *   parplan STAGE ARGS...                                      one stage (ocr, normalize, extract, records, audit)
 *
 * Stages are separate programs that share nothing but the database, so the driver only runs them one
 * after another (from the directory this binary lives in) and adds up their exit statuses. */
#include "cli.h"
#include "db.h"
#include "err.h"
#include "fsutil.h"
#include "strvec.h"

#include <getopt.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

extern char **environ;

static const char usage[] =
    "usage: parplan run [--db FILE] [-j N] [--force] [-q] INPUT...\n"
    "       parplan ocr|normalize|extract|records|audit [ARGS...]\n"
    "       parplan --help | --version\n"
    "run: loads every INPUT (files, or directories walked recursively) with parplan-ocr, then runs\n"
    "parplan-normalize and parplan-extract over the database, and writes the records next to it\n"
    "(records.jsonl) with parplan-records.  Stages that are not implemented yet are reported and skipped.\n"
    "  --db FILE     database (default: $PARPLAN_DB or out/parplan.db)\n"
    "  -j, --jobs N  OCR workers (default: number of cores)\n"
    "  --force       redo documents even when unchanged\n"
    "  -q, --quiet   no progress messages\n"
    "exit: 0 when every stage succeeded; otherwise the exit status of the first stage that failed\n"
    "      (see each stage's --help; 1 means some documents failed and were reported)\n";

static char *bindir;

/* Runs bin/parplan-<stage> with args; returns its exit status (or PP_EXIT_ENV if it cannot start). */
static int run_stage(const char *stage, strvec *args)
{
    char *prog = xasprintf("%s/parplan-%s", bindir, stage);
    strvec argv = STRVEC_INIT;
    sv_push(&argv, prog);
    for (size_t i = 0; i < args->n; i++)
        sv_push(&argv, args->v[i]);
    pid_t pid;
    int rc = posix_spawn(&pid, prog, NULL, NULL, argv.v, environ);
    int status = PP_EXIT_ENV;
    if (rc != 0) {
        pp_error("cannot run %s: %s", prog, strerror(rc));
    } else if (waitpid(pid, &status, 0) < 0) {
        status = PP_EXIT_INTERNAL;
    } else if (WIFEXITED(status)) {
        status = WEXITSTATUS(status);
    } else {
        pp_error("%s was killed by signal %d", prog, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        status = PP_EXIT_INTERNAL;
    }
    sv_free(&argv);
    free(prog);
    return status;
}

static int cmd_run(int argc, char **argv)
{
    const char *db_opt = NULL, *jobs = NULL;
    int force = 0, quiet = 0;
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "jobs", required_argument, NULL, 'j' },
        { "force", no_argument, NULL, 'f' },    { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },     { NULL, 0, NULL, 0 },
    };
    int c, n;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:j:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'j':
            if (cli_parse_count(optarg, 256, &n)) {
                pp_error("-j wants a number of workers from 1 to 256, not '%s'", optarg);
                return PP_EXIT_USAGE;
            }
            jobs = optarg;
            break;
        case 'f': force = 1; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(usage, stdout); return PP_OK;
        default: return cli_usage_error(usage);
        }
    }
    if (optind >= argc) {
        pp_error("run: no input files");
        return cli_usage_error(usage);
    }
    const char *db = cli_db_path(db_opt);
    char *dbdir = xstrdup(db);
    char *slash = strrchr(dbdir, '/');
    if (slash)
        slash[1] = '\0';
    else
        dbdir[0] = '\0';
    char *records = xasprintf("%srecords.jsonl", dbdir);

    static const char *const stages[] = { "ocr", "normalize", "extract", "records" };
    int result = PP_OK;
    for (size_t s = 0; s < sizeof stages / sizeof stages[0]; s++) {
        strvec args = STRVEC_INIT;
        sv_push(&args, "--db");
        sv_push(&args, db);
        if (quiet)
            sv_push(&args, "-q");
        if (force && strcmp(stages[s], "records") != 0)
            sv_push(&args, "--force");
        if (strcmp(stages[s], "ocr") == 0) {
            if (jobs) {
                sv_push(&args, "-j");
                sv_push(&args, jobs);
            }
            sv_push(&args, "--");
            for (int i = optind; i < argc; i++)
                sv_push(&args, argv[i]);
        } else if (strcmp(stages[s], "records") == 0) {
            sv_push(&args, "--format");
            sv_push(&args, "jsonl");
            sv_push(&args, "--out");
            sv_push(&args, records);
        }
        int rc = run_stage(stages[s], &args);
        sv_free(&args);
        if (rc == PP_EXIT_NOTIMPL) {
            if (!quiet)
                pp_info("stage %s: not implemented yet, skipped", stages[s]);
            continue;
        }
        if (rc != PP_OK) {
            pp_error("stage %s exited with status %d", stages[s], rc);
            if (result == PP_OK)
                result = rc;
            /* Documents that failed are recorded and skipped; anything worse stops the pipeline. */
            if (rc != PP_EXIT_FAILED && rc != PP_EXIT_INPUT && rc != PP_EXIT_NOMEM)
                break;
        } else if (!quiet && strcmp(stages[s], "records") == 0) {
            pp_info("records written to %s", records);
        }
    }
    free(records);
    free(dbdir);
    return result;
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    bindir = fs_self_dir();
    int rc;
    if (argc < 2) {
        rc = cli_usage_error(usage);
    } else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        rc = PP_OK;
    } else if (strcmp(argv[1], "--version") == 0) {
        cli_print_version();
        rc = PP_OK;
    } else if (strcmp(argv[1], "run") == 0) {
        rc = cmd_run(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "ocr") == 0 || strcmp(argv[1], "normalize") == 0 ||
               strcmp(argv[1], "extract") == 0 || strcmp(argv[1], "records") == 0 ||
               strcmp(argv[1], "audit") == 0) {
        strvec args = STRVEC_INIT;
        for (int i = 2; i < argc; i++)
            sv_push(&args, argv[i]);
        rc = run_stage(argv[1], &args);
        sv_free(&args);
    } else {
        pp_error("unknown command '%s'", argv[1]);
        rc = cli_usage_error(usage);
    }
    free(bindir);
    return rc;
}
