/* parplan.c — main of bin/parplan, the driver.
 *
 *   parplan run [--db FILE] [-j N] [--force] [-q] INPUT...   every stage in order
 *   parplan STAGE ARGS...                                      one stage (ocr, normalize, extract, records, audit)
 *
 * Stages are separate programs that share nothing but the database, so the driver only runs them one
 * after another (from the directory this binary lives in) and adds up their exit statuses. */
#include "core/cli.h"
#include "ocr/versions.h"
#include "db/db.h"
#include "core/err.h"
#include "core/fsutil.h"
#include "db/merge.h"
#include "core/strbuf.h"
#include "core/strvec.h"
#include "records/search.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static const char usage[] =
    "usage: parplan run [--db FILE] [-j N] [--shard K/N] [--audit] [--force] [-q|-v] [STAGE OPTIONS] INPUT...\n"
    "       parplan merge OUT.db IN.db...\n"
    "       parplan search [--db FILE] [--json] [--doc ID] [--color=auto|always|never] QUERY\n"
    "       parplan ocr|normalize|extract|records|audit [ARGS...]\n"
    "       parplan --help | --version\n"
    "the parplan driver: turns provincial plans (scans, PDFs, text) into one SQLite database and records.\n"
    "run: loads every INPUT (files, or directories walked recursively) with parplan-ocr, then runs\n"
    "parplan-normalize (diacritics restored on pages that lack them) and parplan-extract (which reads the\n"
    "restored text) over the database, and writes the records beside it, named\n"
    "after it (out/x.db: out/x.records.jsonl); with --audit also the audit report (out/x.audit/index.html).\n"
    "merge: copies the documents of each IN.db into OUT.db, reruns normalize and extract on it and writes\n"
    "its records (OUT.records.jsonl).\n"
    "  --db FILE     database (default: $PARPLAN_DB or out/parplan.db)\n"
    "  -j, --jobs N  OCR workers (default: number of cores)\n"
    "  --shard K/N   process only shard K of N of the inputs (stable split by path)\n"
    "  --audit       also write the HTML audit report (a page per item: slow for large loads)\n"
    "  --force       redo documents even when unchanged\n"
    "  -q, --quiet   no progress messages and no summary\n"
    "  -v, --verbose a line per document from each stage instead of the progress display\n"
    "  stage options, handed to the stage that takes them (see its --help):\n"
    "  --lang L, --tessdata DIR, --max-pixels N      parplan-ocr (and parplan-audit with --audit)\n"
    "  --force-ocr, --redo-ocr, --pageset            parplan-ocr (PDF text layers, page sets)\n"
    "  --no-restore, --restore, --tone-style old|new, --from ENC, --model FILE   parplan-normalize\n"
    "  --rules DIR   parplan-extract\n"
    "  --low N       parplan-audit\n"
    "  progress: one line for the whole run, redrawn on a terminal and fitted to its width (step and\n"
    "  stage, documents done/total, pages, pages/s, ETA, current file), else a line every 10 s; each\n"
    "  stage then one line of counts, and at the end one summary line: what each stage did, the time\n"
    "  taken, where the records are\n"
    "search: prints every line holding QUERY as SOURCE:PAGE:LINE: text (the text as loaded), the match\n"
    "marked on a terminal; QUERY is matched as a phrase of words, with or without diacritics, any case,\n"
    "across line breaks ('Đơn vị chủ trì' = 'don vi chu tri'; '112/KH-STNMT' = '112 kh stnmt').\n"
    "  --json        one JSON object per line: source, document_id, page, line, text, start, end\n"
    "  --doc ID      only the document with this id, source path or hash (8 or more hex digits)\n"
    "exit: 0 when every stage succeeded; otherwise the exit status of the first stage that failed\n"
    "      (see each stage's --help; 1 means some documents failed and were reported); 130 when\n"
    "      interrupted (SIGINT or SIGTERM, passed to the stage running, whose run is marked interrupted)\n";

static char *bindir;

/* Signals: a SIGINT or SIGTERM sent to the driver is forwarded to the stage running, which ends its run
 * as "interrupted" and exits; the driver waits for it and starts no other stage.  One typed at the
 * terminal (si_code > 0: sent by the kernel to the whole foreground group) already reached the stage,
 * so it is only noted. */
static volatile sig_atomic_t caught;
static volatile pid_t child;

static void on_signal(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (!caught)
        caught = sig;
    if (child > 0 && si && si->si_code <= 0)
        kill(child, sig);
}

static void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

/* Runs bin/parplan-<stage> with args; returns its exit status (or PP_EXIT_ENV if it cannot start). */
static int run_stage(const char *stage, strvec *args)
{
    char *prog = xasprintf("%s/parplan-%s", bindir, stage);
    strvec argv = STRVEC_INIT;
    sv_push(&argv, prog);
    for (size_t i = 0; i < args->n; i++)
        sv_push(&argv, args->v[i]);
    /* The signals are held until the child's pid is known, so none is lost between spawn and wait; the
     * child starts with the driver's mask and their default actions. */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    posix_spawnattr_t attr;
    int rc = posix_spawnattr_init(&attr);
    if (rc == 0) {
        sigprocmask(SIG_BLOCK, &stop, &old);
        if ((rc = posix_spawnattr_setsigmask(&attr, &old)) == 0 && (rc = posix_spawnattr_setsigdefault(&attr, &stop)) == 0)
            rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    pid_t pid = 0;
    /* the stage asks to be told SIGTERM if this process dies without forwarding it (core/interrupt.c) */
    char mypid[32];
    snprintf(mypid, sizeof mypid, "%ld", (long)getpid());
    if (rc == 0 && setenv("PARPLAN_DRIVER_PID", mypid, 1) != 0)
        rc = errno;
    if (rc == 0)
        rc = posix_spawn(&pid, prog, NULL, &attr, argv.v, environ);
    child = rc == 0 ? pid : 0;
    sigprocmask(SIG_SETMASK, &old, NULL);
    posix_spawnattr_destroy(&attr);
    int status = PP_EXIT_ENV;
    if (rc != 0) {
        pp_error("cannot run %s: %s", prog, strerror(rc));
    } else if (waitpid(pid, &status, 0) < 0) {
        status = PP_EXIT_INTERNAL;
    } else if (WIFEXITED(status)) {
        status = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM)) {
        status = PP_EXIT_INTERRUPTED; /* a second signal ended it at once */
    } else {
        pp_error("%s was killed by signal %d", prog, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        status = PP_EXIT_INTERNAL;
    }
    child = 0;
    sv_free(&argv);
    free(prog);
    return status;
}

/* The stages of run, in order; an option passed through names the stages it goes to. */
enum { ST_OCR = 1, ST_NORMALIZE = 2, ST_EXTRACT = 4, ST_RECORDS = 8, ST_AUDIT = 16 };
static const char *const run_stages[] = { "ocr", "normalize", "extract", "records", "audit" };

/* Options of the stages that `parplan run` takes and hands on, as given, to every stage named. */
static const struct passthrough {
    const char *name;
    int has_arg;
    int stages;
} passthrough[] = {
    { "force", 0, ST_OCR | ST_NORMALIZE | ST_EXTRACT },
    { "jobs", 1, ST_OCR },
    { "shard", 1, ST_OCR },
    { "lang", 1, ST_OCR | ST_AUDIT },
    { "tessdata", 1, ST_OCR | ST_AUDIT },
    { "max-pixels", 1, ST_OCR },
    { "force-ocr", 0, ST_OCR },
    { "redo-ocr", 0, ST_OCR },
    { "pageset", 0, ST_OCR },
    { "restore", 0, ST_NORMALIZE },
    { "no-restore", 0, ST_NORMALIZE },
    { "tone-style", 1, ST_NORMALIZE },
    { "from", 1, ST_NORMALIZE },
    { "model", 1, ST_NORMALIZE },
    { "rules", 1, ST_EXTRACT },
    { "low", 1, ST_AUDIT },
    { "verbose", 0, ST_OCR | ST_NORMALIZE | ST_EXTRACT },
};
#define NPASS (sizeof passthrough / sizeof *passthrough)

/* The UTC time now as runs.started_at writes it (ISO 8601 with milliseconds). */
static void iso_now(char *buf, size_t n, double *secs)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char sec[24];
    strftime(sec, sizeof sec, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, n, "%s.%03ldZ", sec, ts.tv_nsec / 1000000);
    *secs = (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One line at the end of parplan run: what each stage did (from its runs row), how long it all took,
 * where the records are, and where to look when documents failed. */
static void run_summary(const char *db_path, const char *since, double t0, const char *records, int wrote_records)
{
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    if (db_open(db_path, DB_READONLY, &db, &e))
        return;
    sqlite3_stmt *st;
    strbuf sb = STRBUF_INIT;
    int failed = 0;
    if (sqlite3_prepare_v2(db->h, "SELECT stage, ok, skipped, failed FROM runs WHERE started_at >= ?1 AND stage IN "
                                  "('ocr','normalize','extract') ORDER BY id", -1, &st, NULL) == SQLITE_OK) {
        db_bind_text(st, 1, since);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *stage = (const char *)sqlite3_column_text(st, 0);
            sb_addf(&sb, "%s%s %d done, %d unchanged, %d failed", sb.len ? "; " : "", stage ? stage : "?",
                    sqlite3_column_int(st, 1), sqlite3_column_int(st, 2), sqlite3_column_int(st, 3));
            failed += sqlite3_column_int(st, 3);
        }
        sqlite3_finalize(st);
    }
    double t1;
    char now[40];
    iso_now(now, sizeof now, &t1);
    pp_info("summary (%.1f s): %s%s%s", t1 - t0, sb.len ? sb.buf : "no stage ran", wrote_records ? "; records in " : "",
            wrote_records ? records : "");
    if (failed)
        pp_info("failed documents and why: sqlite3 %s \"select stage, source, message from failures\"", db_path);
    sb_free(&sb);
    db_close(db);
}

static int cmd_run(int argc, char **argv)
{
    const char *db_opt = NULL, *given[NPASS] = { 0 };
    int quiet = 0, audit = 0;
    struct option opts[NPASS + 5];
    size_t no = 0;
    for (size_t i = 0; i < NPASS; i++)
        opts[no++] = (struct option){ passthrough[i].name, passthrough[i].has_arg ? required_argument : no_argument,
                                      NULL, 0x100 + (int)i };
    opts[no++] = (struct option){ "db", required_argument, NULL, 'd' };
    opts[no++] = (struct option){ "quiet", no_argument, NULL, 'q' };
    opts[no++] = (struct option){ "audit", no_argument, NULL, 'a' };
    opts[no++] = (struct option){ "help", no_argument, NULL, 'h' };
    opts[no++] = (struct option){ NULL, 0, NULL, 0 };
    int c, n, k;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:j:qvh", opts, NULL)) != -1) {
        if (c == 'j')
            c = 0x100 + 1; /* -j is --jobs */
        if (c == 'v')
            c = 0x100 + (int)NPASS - 1; /* -v is --verbose */
        if (c >= 0x100 && c < 0x100 + (int)NPASS) {
            size_t i = (size_t)(c - 0x100);
            const char *name = passthrough[i].name;
            given[i] = passthrough[i].has_arg ? optarg : "";
            /* values checked here too, so a bad one stops the run before any stage, naming itself */
            if (!strcmp(name, "jobs") && cli_parse_count(optarg, 256, &n))
                return cli_bad_value("-j/--jobs", optarg, "a number of workers from 1 to 256");
            if (!strcmp(name, "shard") && fs_parse_shard(optarg, &k, &n))
                return cli_bad_value("--shard", optarg, "K/N with 1 <= K <= N");
            if (!strcmp(name, "tone-style") && strcmp(optarg, "old") && strcmp(optarg, "new"))
                return cli_bad_value("--tone-style", optarg, "old or new");
            if (!strcmp(name, "lang") && (!*optarg || strpbrk(optarg, "/ ")))
                return cli_bad_value("--lang", optarg, "a Tesseract language such as vie or vie+eng");
            continue;
        }
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'a': audit = 1; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(usage, stdout); return PP_OK;
        default: return cli_bad_option(argv, usage);
        }
    }
    if (optind >= argc) {
        pp_error("run: no input files");
        return cli_usage_error(usage);
    }
    const char *db = cli_db_path(db_opt);
    char *records = cli_beside_db(db, ".records.jsonl");
    char *report = cli_beside_db(db, ".audit");
    /* parplan-ocr reads its table headings (columns.rules) from the rules too, through the variable */
    for (size_t i = 0; i < NPASS; i++)
        if (given[i] && !strcmp(passthrough[i].name, "rules") && setenv("PARPLAN_RULES", given[i], 1) != 0)
            pp_warn("cannot set PARPLAN_RULES: parplan-ocr reads its table headings from the default rules");

    int result = PP_OK, wrote_records = 0;
    char since[40];
    double t0;
    iso_now(since, sizeof since, &t0);
    size_t nsteps = sizeof run_stages / sizeof run_stages[0] - !audit, step = 0;
    for (size_t s = 0; s < sizeof run_stages / sizeof run_stages[0]; s++) {
        int bit = 1 << s;
        if (bit == ST_AUDIT && !audit)
            continue;
        /* the stage's progress display names its step of the run ("2/4 normalize": core/progress.h) */
        char stepbuf[32];
        snprintf(stepbuf, sizeof stepbuf, "%zu/%zu", ++step, nsteps);
        if (setenv("PARPLAN_RUN_STEP", stepbuf, 1) != 0)
            pp_warn("cannot set PARPLAN_RUN_STEP: the progress display does not show the step");
        strvec args = STRVEC_INIT;
        sv_push(&args, "--db");
        sv_push(&args, db);
        if (quiet)
            sv_push(&args, "-q");
        for (size_t i = 0; i < NPASS; i++) {
            if (!given[i] || !(passthrough[i].stages & bit))
                continue;
            char *opt = xasprintf("--%s", passthrough[i].name);
            sv_push(&args, opt);
            free(opt);
            if (passthrough[i].has_arg)
                sv_push(&args, given[i]);
        }
        if (bit == ST_OCR) {
            sv_push(&args, "--");
            for (int i = optind; i < argc; i++)
                sv_push(&args, argv[i]);
        } else if (bit == ST_RECORDS) {
            sv_push(&args, "--format");
            sv_push(&args, "jsonl");
            sv_push(&args, "--out");
            sv_push(&args, records);
        } else if (bit == ST_AUDIT) {
            sv_push(&args, "--out");
            sv_push(&args, report);
        }
        int rc = caught ? PP_EXIT_INTERRUPTED : run_stage(run_stages[s], &args);
        sv_free(&args);
        if (caught || rc == PP_EXIT_INTERRUPTED) {
            pp_error("interrupted during stage %s: its run is marked interrupted; no further stage runs",
                     run_stages[s]);
            result = PP_EXIT_INTERRUPTED;
            break;
        }
        if (rc == PP_EXIT_NOTIMPL) {
            if (!quiet)
                pp_info("stage %s: not implemented yet, skipped", run_stages[s]);
            continue;
        }
        if (rc != PP_OK) {
            pp_error("stage %s exited with status %d", run_stages[s], rc);
            if (result == PP_OK)
                result = rc;
            /* Documents that failed are recorded and skipped; anything worse stops the pipeline. */
            if (rc != PP_EXIT_FAILED && rc != PP_EXIT_INPUT && rc != PP_EXIT_NOMEM)
                break;
        } else if (bit == ST_RECORDS) {
            wrote_records = 1;
        } else if (!quiet && bit == ST_AUDIT) {
            pp_info("audit report written to %s/index.html", report);
        }
    }
    if (!quiet)
        run_summary(db, since, t0, records, wrote_records);
    free(records);
    free(report);
    return result;
}

/* Runs the derived stages over a database (after a merge), then writes its records beside it. */
static int rerun_derived(const char *db, int quiet)
{
    static const char *const stages[] = { "normalize", "extract", "records" };
    char *records = cli_beside_db(db, ".records.jsonl");
    int result = PP_OK;
    for (size_t s = 0; s < sizeof stages / sizeof stages[0]; s++) {
        strvec args = STRVEC_INIT;
        sv_push(&args, "--db");
        sv_push(&args, db);
        if (quiet)
            sv_push(&args, "-q");
        if (strcmp(stages[s], "records") == 0) {
            if (result != PP_OK && result != PP_EXIT_FAILED)
                break;
            sv_push(&args, "--out");
            sv_push(&args, records);
        }
        int rc = caught ? PP_EXIT_INTERRUPTED : run_stage(stages[s], &args);
        sv_free(&args);
        if (rc != PP_OK && rc != PP_EXIT_NOTIMPL && result == PP_OK)
            result = rc;
        if (rc == PP_EXIT_INTERRUPTED)
            break;
        if (rc == PP_OK && !quiet && strcmp(stages[s], "records") == 0)
            pp_info("records written to %s", records);
    }
    free(records);
    return result;
}

static int cmd_merge(int argc, char **argv)
{
    int quiet = argc > 1 && strcmp(argv[1], "-q") == 0;
    argv += quiet;
    argc -= quiet;
    if (argc < 3) {
        pp_error("merge: usage: parplan merge [-q] OUT.db IN.db...");
        return PP_EXIT_USAGE;
    }
    pp_err e;
    pp_err_clear(&e);
    pp_db *out;
    if (db_open(argv[1], DB_READWRITE, &out, &e))
        return pp_report(&e);
    int total = 0, dups = 0;
    for (int i = 2; i < argc; i++) {
        pp_merge_stats st;
        if (merge_database(out, argv[i], &st, &e)) {
            db_close(out);
            return pp_report(&e);
        }
        if (!quiet)
            pp_info("%s: %d documents copied, %d already present", argv[i], st.copied, st.duplicates);
        total += st.copied;
        dups += st.duplicates;
    }
    db_close(out);
    if (!quiet)
        pp_info("merged %d documents into %s (%d duplicates skipped); rerunning normalize and extract", total,
                argv[1], dups);
    return rerun_derived(argv[1], quiet);
}

static const char search_usage[] =
    "usage: parplan search [--db FILE] [--json] [--doc ID] [--color=auto|always|never] QUERY\n";

static int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "json", no_argument, NULL, 'J' },
        { "doc", required_argument, NULL, 'D' }, { "color", optional_argument, NULL, 'C' },
        { "colour", optional_argument, NULL, 'C' }, { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    search_opts o = { 0 };
    const char *db_opt = NULL;
    int color = isatty(STDOUT_FILENO), c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'J': o.json = 1; break;
        case 'D': o.doc = optarg; break;
        case 'C':
            if (!optarg || strcmp(optarg, "always") == 0)
                color = 1;
            else if (strcmp(optarg, "never") == 0)
                color = 0;
            else if (strcmp(optarg, "auto") != 0)
                return cli_bad_value("--color", optarg, "auto, always or never");
            break;
        case 'h': fputs(usage, stdout); return PP_OK;
        default: return cli_bad_option(argv, search_usage);
        }
    }
    if (optind != argc - 1) {
        pp_error(optind >= argc ? "search: no QUERY" : "search: one QUERY (quote it: parplan search 'a b')");
        return cli_usage_error(search_usage);
    }
    o.query = argv[optind];
    o.color = color && !o.json;
    pp_err e;
    pp_err_clear(&e);
    pp_db *db;
    if (db_open(cli_db_path(db_opt), DB_READONLY, &db, &e))
        return pp_report(&e);
    int64_t n = 0;
    search_run(db, &o, stdout, &n, &e);
    db_close(db);
    return e.code ? pp_report(&e) : PP_OK;
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    bindir = fs_self_dir();
    catch_signals();
    int rc;
    if (argc < 2) {
        rc = cli_usage_error(usage);
    } else if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(usage, stdout);
        rc = PP_OK;
    } else if (strcmp(argv[1], "--version") == 0) {
        versions_print(stdout);
        rc = PP_OK;
    } else if (strcmp(argv[1], "merge") == 0) {
        rc = cmd_merge(argc - 1, argv + 1);
    } else if (strcmp(argv[1], "search") == 0) {
        rc = cmd_search(argc - 1, argv + 1);
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
