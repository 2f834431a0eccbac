/* ocr.c — main of bin/parplan-ocr: loads documents into the database.  Scans (PNG, JPEG, TIFF, PDF)
 * are preprocessed with Leptonica and recognised with Tesseract; text files are stored as they are.
 * The work itself is in src/lib/ocr/ocrrun.c; this file only reads the command line. */
#include "core/atomicfile.h"
#include "core/cli.h"
#include "ocr/versions.h"
#include "db/db.h"
#include "core/err.h"
#include "core/fsutil.h"
#include "core/interrupt.h"
#include "scan/image.h"
#include "scan/input.h"
#include "ocr/ocrrun.h"
#include "scan/pageset.h"
#include "core/strvec.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage[] =
    "usage: parplan-ocr [--db FILE] [-j N] [-o FILE] [--force] [--lang L] [--tessdata DIR]\n"
    "                   [--max-pixels N] [--force-ocr|--redo-ocr] [--pageset] [--shard K/N] [-q|-v]\n"
    "                   INPUT...\n"
    "Loads plan documents into the database: PNG, JPEG, TIFF (multi-page) and PDF scans are OCR'd\n"
    "(Leptonica preprocessing, Tesseract); text files are stored byte-exact, split into pages on form\n"
    "feeds; DOCX, ODT and Word .doc (through antiword) are read as text with their tables as cells,\n"
    "legacy-font runs (.VnTime, VNI-Times) decoded.  Directories are walked recursively (*.txt *.png\n"
    "*.jpg *.jpeg *.tif *.tiff *.pdf *.docx *.odt *.doc, not *.gt.txt).\n"
    "Documents already loaded with the same content are skipped.\n"
    "  --db FILE        database (default: $PARPLAN_DB or out/parplan.db)\n"
    "  -j, --jobs N     OCR workers, one Tesseract engine each (default: number of cores)\n"
    "  -o, --out FILE   also write the recognised text to FILE (- for standard output), pages\n"
    "                   separated by form feeds, replaced whole once written; without --db, no\n"
    "                   database is written (--output is the same option)\n"
    "  --force          reload and re-recognise even unchanged documents\n"
    "  --lang L         Tesseract models, '+'-joined (default: vie+Vietnamese, or vie when the\n"
    "                   Vietnamese script model, Debian tesseract-ocr-script-viet, is missing)\n"
    "  --tessdata DIR   directory holding L.traineddata (default: Tesseract's, or $TESSDATA_PREFIX)\n"
    "  --max-pixels N   refuse pages larger than N pixels (default: 150000000)\n"
    "  --force-ocr      recognise every PDF page, even one with a usable text layer (which is\n"
    "                   otherwise read as it is, like OCRmyPDF's --skip-text)\n"
    "  --redo-ocr       recognise again the PDF pages whose text layer lies over a page-sized scan\n"
    "                   (a previous OCR's); born-digital text is still read as it is\n"
    "  --pageset        page images given as a set are one document: each directory's images (the\n"
    "                   directory is the document), and files NAME-pN.EXT or NAME_pN.EXT (one document\n"
    "                   per NAME and directory, source DIR/NAME-p*); pages in the numeric order of the\n"
    "                   names (p2 before p10)\n"
    "  --shard K/N      take only shard K of N of the inputs (a stable split by path), to spread a\n"
    "                   load over machines; each shard writes its own database (see parplan merge)\n"
    "  -q, --quiet      no progress messages\n"
    "  -v, --verbose    a line per document (loaded, unchanged, duplicate) instead of the progress display\n"
    "                   (on a terminal, a line redrawn; elsewhere a line every 10 s)\n"
    "exit: 0 ok, 1 documents failed for different reasons, 2 usage, 3 bad input, 4 database error,\n"
    "      6 OCR model missing, 8 page over the pixel limit or out of memory, 130 interrupted\n";

int main(int argc, char **argv)
{
    cli_single_threaded_openmp(argv);
    cli_init(argv[0]);
    image_quiet();
    pp_ocr_opts o = { 0 };
    o.jobs = cli_cores();
    o.lang = PP_OCR_LANG;
    o.lang_fallback = PP_OCR_LANG_FALLBACK;
    o.max_pixels = PP_DEFAULT_MAX_PIXELS;
    const char *db_opt = NULL, *output = NULL;
    int shard_k = 1, shard_n = 1, quiet = 0;
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },        { "jobs", required_argument, NULL, 'j' },
        { "out", required_argument, NULL, 'o' },       { "output", required_argument, NULL, 'o' },
        { "force", no_argument, NULL, 'f' },
        { "lang", required_argument, NULL, 'l' },      { "tessdata", required_argument, NULL, 't' },
        { "max-pixels", required_argument, NULL, 'm' }, { "quiet", no_argument, NULL, 'q' },
        { "shard", required_argument, NULL, 's' },      { "verbose", no_argument, NULL, 'v' },
        { "force-ocr", no_argument, NULL, 'F' },       { "redo-ocr", no_argument, NULL, 'R' },
        { "pageset", no_argument, NULL, 'P' },
        { "help", no_argument, NULL, 'h' },            { "version", no_argument, NULL, 'V' },
        { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "d:j:o:qvhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'j':
            if (cli_parse_count(optarg, 256, &o.jobs)) {
                pp_error("-j wants a number of workers from 1 to 256, not '%s'", optarg);
                return PP_EXIT_USAGE;
            }
            break;
        case 'o': output = optarg; break;
        case 'f': o.force = 1; break;
        case 'P': o.pageset = 1; break;
        case 'F':
        case 'R':
            if (o.pdf_text != OCR_PDF_SKIP && o.pdf_text != (c == 'F' ? OCR_PDF_FORCE : OCR_PDF_REDO)) {
                pp_error("--force-ocr and --redo-ocr exclude each other");
                return PP_EXIT_USAGE;
            }
            o.pdf_text = c == 'F' ? OCR_PDF_FORCE : OCR_PDF_REDO;
            break;
        case 'l':
            o.lang = optarg;
            o.lang_fallback = NULL; /* the user's choice: a missing model is an error */
            break;
        case 't': o.tessdata = optarg; break;
        case 'm': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 64) {
                pp_error("--max-pixels wants a number of pixels (at least 64), not '%s'", optarg);
                return PP_EXIT_USAGE;
            }
            o.max_pixels = v;
            break;
        }
        case 's':
            if (fs_parse_shard(optarg, &shard_k, &shard_n)) {
                pp_error("--shard wants K/N with 1 <= K <= N, not '%s'", optarg);
                return PP_EXIT_USAGE;
            }
            break;
        case 'q': quiet = 1; pp_set_quiet(1); break;
        case 'v': o.verbose = 1; break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': versions_print(stdout); return PP_OK;
        default: return cli_bad_option(argv, usage);
        }
    }
    if (optind >= argc) {
        pp_error("no input files");
        return cli_usage_error(usage);
    }
    /* With -o and no --db, parplan-ocr is a pure filter and writes no database. */
    o.db_path = output && !db_opt ? NULL : cli_db_path(db_opt);
    pp_err e;
    pp_err_clear(&e);
    af_file af = { 0 };
    if (output) {
        if (o.db_path && af_refuse_db(output, o.db_path, &e))
            return pp_report(&e);
        if (af_open(&af, output, &e))
            return pp_report(&e);
        o.text_out = af.f;
        if (!db_opt && af.f == stdout)
            pp_set_quiet(quiet = 1);
    }
    char *options = cli_join_args(argc, argv);
    o.options = options;
    char *rules = cli_rules_dir(NULL);
    o.rules_dir = rules;

    strvec inputs = STRVEC_INIT;
    int bad = 0;
    if (!o.pageset) {
        bad = fs_collect_inputs(argv + optind, argc - optind, &inputs, &e);
    } else {
        /* each argument alone: a directory's page images make a document per directory, files named
         * NAME-pN.EXT one per NAME (scan/pageset.h) */
        for (int i = optind; i < argc && !bad; i++) {
            strvec files = STRVEC_INIT;
            struct stat sb;
            int dir = stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode);
            bad = fs_collect_inputs(argv + i, 1, &files, &e);
            if (!bad)
                pset_group(&files, dir, &inputs);
            sv_free(&files);
        }
    }
    if (bad) {
        sv_free(&inputs);
        af_abort(&af);
        free(options);
        free(rules);
        return pp_report(&e);
    }
    if (shard_n > 1)
        fs_shard_filter(&inputs, shard_k, shard_n);
    o.progress = !quiet && !o.verbose;
    o.verbose = o.verbose && !quiet;
    if (inputs.n == 0 && shard_n == 1)
        pp_warn("no input files found in the given directories");
    pp_ocr_stats s;
    intr_catch(); /* SIGINT/SIGTERM stop the run between documents, marked interrupted (exit 130) */
    int rc = ocr_run(&o, inputs.v, inputs.n, &s, &e);
    sv_free(&inputs);
    free(options);
    free(rules);
    if (rc) {
        af_abort(&af);
        return pp_report(&e);
    }
    if (output && af_commit(&af, &e)) {
        sv_free(&s.failures);
        return pp_report(&e);
    }
    pp_info("%d loaded (%d pages: %d recognised, %d reused), %d unchanged, %d duplicate%s, %d failed%s", s.loaded,
            s.pages, s.pages_ocr, s.pages_reused, s.skipped - s.duplicates, s.duplicates, s.duplicates == 1 ? "" : "s",
            s.failed, s.failed ? ":" : "");
    for (size_t i = 0; i < s.failures.n; i++)
        pp_info("  failed: %s", s.failures.v[i]);
    sv_free(&s.failures);
    return s.failed ? s.fail_code : PP_OK;
}
