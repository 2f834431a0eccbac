/* normalize.c — main of bin/parplan-normalize: normalizes stored page text: legacy encodings decoded,
 * Unicode NFC with stacked marks in order, one tone-placement style, folded search keys with an FTS5
 * index, and (--restore) diacritics restored with the syllable language model.  The original text is
 * never changed: results go to documents_norm, pages_norm, lines_norm, pages_fts and lines_fts.  The
 * work is in src/lib/normalize/ (nz_run over a database, nz_filter for a stream); this file reads the
 * command line and finds the language model.
 *
 * Filter mode (`parplan-normalize [--restore] [--from ENC] < in.txt > out.txt`, or `-` as argument)
 * normalizes standard input to standard output without a database; it is chosen when no --db is given
 * and standard input is a pipe or a file. */
#include "core/cli.h"
#include "ocr/versions.h"
#include "core/err.h"
#include "core/fsutil.h"
#include "core/interrupt.h"
#include "normalize/nz_filter.h"
#include "normalize/nz_run.h"
#include "text/encodings.h"
#include "text/lm.h"
#include "text/viet.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: parplan-normalize [--db FILE] [--restore|--no-restore] [--tone-style old|new] [--from ENC] [--model FILE]\n"
    "                         [--force] [--typed|--vie] [-q|-v] [--help] [--version] [-]\n"
    "  normalizes stored page text: Unicode NFC, tone placement, legacy encodings, diacritics restoration.\n"
    "  --db FILE          database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  (default)          restore missing diacritics with the language model on every page whose words\n"
    "                     mostly lack them (OCR'd without the Vietnamese model, typed without marks); the\n"
    "                     others are left alone; without a model, a warning and no restoration\n"
    "  --restore          restore OCR pages (and standard input) whatever their marks; fails without a model\n"
    "  --no-restore       never restore\n"
    "  --tone-style S     old (hòa, thủy: legal texts; default) or new (hoà, thuỷ)\n"
    "  --from ENC         input encoding instead of detecting it: utf-8 tcvn3 vni viscii cp1258 viqr\n"
    "  --model FILE       language model (default: $PARPLAN_LM, else lm/vi.lm beside the build)\n"
    "  --force            redo documents already normalized with the same options\n"
    "  -q                 quiet: no progress, no summary\n"
    "  -v                 a line per document instead of the progress display (on a terminal, a line\n"
    "                     redrawn; elsewhere a line every 10 s)\n"
    "  --typed            filter mode: the input was typed without marks (not OCR output), so only\n"
    "                     diacritics are restored, no OCR letter confusions\n"
    "  --vie              filter mode: the input was OCR'd with Tesseract's Vietnamese model, so only the\n"
    "                     tone marks that model drops (sô -> số, quyên -> quyền, Quyét -> Quyết) are\n"
    "                     corrected, where the language model is confident (in a database this is the\n"
    "                     default for such OCR pages)\n"
    "  -                  filter: normalize standard input to standard output (also chosen when no --db is\n"
    "                     given and standard input is a pipe or a file)\n"
    "exit: 0 ok, 1 some documents failed, 2 usage, 3 bad input, 4 database error, 6 model missing,\n"
    "      130 interrupted (SIGINT, SIGTERM: the run is marked interrupted)\n";

/* $PARPLAN_LM, else lm/vi.lm in the build directory beside bin/ (a variant's BUILD/bin -> BUILD/lm),
 * else the installed model (BINDIR/../share/parplan/vi.lm), else bin -> build/release/lm. */
static char *nz_model_path(const char *opt)
{
    if (opt)
        return xstrdup(opt);
    const char *env = getenv("PARPLAN_LM");
    if (env && *env)
        return xstrdup(env);
    char *self = fs_self_dir();
    if (!self)
        return xstrdup("build/release/lm/vi.lm");
    char *a = xasprintf("%s/../lm/vi.lm", self), *b = xasprintf("%s/../build/release/lm/vi.lm", self);
    free(self);
    if (access(a, R_OK) == 0) {
        free(b);
        return a;
    }
    free(a);
    char *c = cli_share_path("vi.lm");
    if (access(c, R_OK) == 0) {
        free(b);
        return c;
    }
    free(c);
    return b;
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },       { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },           { "version", no_argument, NULL, 'V' },
        { "force", no_argument, NULL, 'f' },          { "restore", no_argument, NULL, 'r' },
        { "tone-style", required_argument, NULL, 't' }, { "from", required_argument, NULL, 'F' },
        { "model", required_argument, NULL, 'm' },    { "typed", no_argument, NULL, 'T' },
        { "no-restore", no_argument, NULL, 'R' },     { "verbose", no_argument, NULL, 'v' },
        { "vie", no_argument, NULL, 0x100 },
        { NULL, 0, NULL, 0 },
    };
    nz_opts o = { .style = VIET_STYLE_OLD, .from = -1, .restore = NZ_RESTORE_AUTO };
    const char *db_opt = NULL, *model = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "d:qvhVf", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'q': o.quiet = 1; break;
        case 'v': o.verbose = 1; break;
        case 'f': o.force = 1; break;
        case 'r': o.restore = NZ_RESTORE_ON; break;
        case 'R': o.restore = NZ_RESTORE_OFF; break;
        case 'T': o.typed = 1; break;
        case 0x100: o.vie = 1; break;
        case 'm': model = optarg; break;
        case 't':
            if (!strcmp(optarg, "old"))
                o.style = VIET_STYLE_OLD;
            else if (!strcmp(optarg, "new"))
                o.style = VIET_STYLE_NEW;
            else
                return cli_bad_value("--tone-style", optarg, "old or new");
            break;
        case 'F':
            if ((o.from = enc_from_name(optarg)) < 0) {
                pp_error("--from: unknown encoding '%s' (utf-8 tcvn3 vni viscii cp1258 viqr)", optarg);
                return PP_EXIT_USAGE;
            }
            break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': versions_print(stdout); return PP_OK;
        default: return cli_bad_option(argv, usage);
        }
    }
    int filter = 0;
    if (optind < argc) {
        if (optind + 1 == argc && !strcmp(argv[optind], "-"))
            filter = 1;
        else {
            pp_error("unexpected argument '%s' (only '-', standard input, is taken)", argv[optind]);
            return cli_usage_error(usage);
        }
    }
    struct stat sti;
    if (!db_opt && !filter && fstat(0, &sti) == 0 && (S_ISFIFO(sti.st_mode) || S_ISREG(sti.st_mode)))
        filter = 1;
    pp_set_quiet(o.quiet);
    lm_model *lm = NULL;
    if (o.restore) {
        pp_err e;
        pp_err_clear(&e);
        char *path = nz_model_path(model);
        int rc = lm_open(path, &lm, &e);
        free(path);
        if (rc && o.restore == NZ_RESTORE_ON)
            return pp_report(&e);
        if (rc) { /* the default: go on without restoring, and say so */
            if (!o.quiet)
                pp_warn("%s; diacritics are not restored", e.msg);
            o.restore = NZ_RESTORE_OFF;
        }
    }
    char *args = cli_join_args(argc, argv);
    if (!filter)
        intr_catch(); /* SIGINT/SIGTERM stop the run between documents, marked interrupted (exit 130) */
    int rc = filter ? nz_filter(stdin, stdout, &o, lm) : nz_run(cli_db_path(db_opt), &o, lm, args);
    free(args);
    lm_close(lm);
    return rc;
}
