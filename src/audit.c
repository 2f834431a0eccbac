/* audit.c — main of bin/parplan-audit: the audit report of every extracted value beside its source on the
 * page, review decisions (accept / correct) stored back in the database, scoring against reference
 * records, and archive exports (hOCR and ALTO per page, searchable PDF per document). */
#include "audit/audit_report.h"
#include "core/cli.h"
#include "ocr/versions.h"
#include "db/db.h"
#include "core/err.h"
#include "audit/audit_gold.h"
#include "audit/hocr.h"
#include "scan/image.h"
#include "records/review.h"
#include "audit/searchpdf.h"
#include "audit/audit_serve.h"
#include "records/reviewimport.h"
#include "core/fsutil.h"

#include <getopt.h>
#include <limits.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parplan-audit [--db FILE] [-q] -o DIR [--root DIR] [--low N] [--doc D] [--province P] [--flagged]\n"
    "       parplan-audit [--db FILE] --accept ITEM [--field FIELD] [--reviewer NAME] [--note TEXT]\n"
    "       parplan-audit [--db FILE] --correct ITEM FIELD VALUE [--reviewer NAME] [--note TEXT]\n"
    "       parplan-audit [--db FILE] --import-reviews FILE.csv [--reviewer NAME]\n"
    "       parplan-audit [--db FILE] --gold FILE.json [--out DIR]\n"
    "       parplan-audit [--db FILE] --serve [--port N] [--root DIR] [--low N] [--reviewer NAME]\n"
    "       parplan-audit [--db FILE] [--hocr DIR] [--pdf DIR] [--root DIR] [--lang L] [--tessdata DIR]\n"
    "  writes an HTML audit report of every extracted value beside its source on the page, and records\n"
    "  review decisions without touching what extraction wrote.\n"
    "  --db FILE        database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  -o, --out DIR    write the report (index.html, doc-*.html, item-*.html, flagged.html, review.csv, crops/)\n"
    "  --root DIR       directory the documents' relative source paths are under (default: current)\n"
    "  --doc D          report only document D (its id, source path or hash)\n"
    "  --province P     report only the documents of province P\n"
    "  --flagged        report only the items with a flagged value\n"
    "  --low N          flag values whose OCR confidence is below N (default 70)\n"
    "  --serve          review in the browser: a web server on 127.0.0.1 printing its URL (Ctrl-C stops)\n"
    "  --port N         its port (default 8018; 0: any free port)\n"
    "  --accept ITEM    accept item ITEM (its id in the report) as extracted, or one --field of it\n"
    "  --correct ITEM FIELD VALUE   record VALUE as the right value of FIELD of item ITEM\n"
    "  --import-reviews FILE  the decisions of a filled-in review.csv (its action and value columns; rows\n"
    "                   keyed by document hash, item code and occurrence), all in one transaction, or none\n"
    "                   when a row is bad (each named by line)\n"
    "  --reviewer NAME  who decides (default: $PARPLAN_REVIEWER, else $USER)\n"
    "  --gold FILE      score the database against reference records; with --out, also gold.html\n"
    "  --hocr DIR       write hOCR and ALTO XML of every OCR'd page (DIR/<doc>-p<N>.hocr / .alto.xml)\n"
    "  --pdf DIR        write a searchable PDF of every scanned document (DIR/<doc>.pdf)\n"
    "  -q               quiet\n"
    "fields: code title target_text targets points_target points_max baseline_value baseline_unit\n"
    "        baseline_year lead support monitor deadline product\n"
    "exit: 0 ok, 2 usage, 3 unreadable source or unwritable output, 4 database error, 6 OCR model missing\n";

enum { O_OUT = 256, O_ROOT, O_LOW, O_ACCEPT, O_FIELD, O_CORRECT, O_REVIEWER, O_NOTE, O_GOLD, O_HOCR, O_PDF,
       O_LANG, O_TESSDATA, O_SERVE, O_PORT, O_DOC, O_PROVINCE, O_FLAGGED, O_IMPORT };

static int parse_item(const char *s, int64_t *id)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (!*s || *end || v <= 0)
        return -1;
    *id = v;
    return 0;
}

static int do_review(const char *db_path, int64_t item, const char *field, const char *action, const char *value,
                     const char *reviewer, const char *note, pp_err *e)
{
    pp_db *db;
    if (db_open(db_path, DB_READWRITE, &db, e))
        return e->code;
    review_ctx *rv = NULL;
    if (!review_open(db, &rv, e) && !review_record(rv, item, field, action, value, reviewer, note, e))
        pp_info("item %lld: %s%s%s recorded (reviewer %s)", (long long)item, field ? field : "every field",
                value ? " = " : "", value ? value : "", reviewer);
    review_close(rv);
    db_close(db);
    return e->code;
}

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' },         { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },             { "version", no_argument, NULL, 'V' },
        { "out", required_argument, NULL, O_OUT },      { "root", required_argument, NULL, O_ROOT },
        { "low", required_argument, NULL, O_LOW },      { "accept", required_argument, NULL, O_ACCEPT },
        { "field", required_argument, NULL, O_FIELD },  { "correct", required_argument, NULL, O_CORRECT },
        { "reviewer", required_argument, NULL, O_REVIEWER }, { "note", required_argument, NULL, O_NOTE },
        { "gold", required_argument, NULL, O_GOLD },    { "hocr", required_argument, NULL, O_HOCR },
        { "pdf", required_argument, NULL, O_PDF },      { "lang", required_argument, NULL, O_LANG },
        { "tessdata", required_argument, NULL, O_TESSDATA }, { "serve", no_argument, NULL, O_SERVE },
        { "port", required_argument, NULL, O_PORT },    { "doc", required_argument, NULL, O_DOC },
        { "province", required_argument, NULL, O_PROVINCE }, { "flagged", no_argument, NULL, O_FLAGGED },
        { "import-reviews", required_argument, NULL, O_IMPORT },
        { NULL, 0, NULL, 0 },
    };
    const char *db_opt = NULL, *out = NULL, *root = NULL, *field = NULL, *reviewer = NULL, *note = NULL;
    const char *gold = NULL, *hocr = NULL, *pdf = NULL, *lang = "vie", *tessdata = NULL;
    double low = 70;
    int64_t accept = 0, correct = 0;
    int c, serve = 0, port = 8018, flagged = 0;
    const char *doc = NULL, *province = NULL, *import = NULL;
    while ((c = getopt_long(argc, argv, "d:o:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'q': pp_set_quiet(1); break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': versions_print(stdout); return PP_OK;
        case 'o':
        case O_OUT: out = optarg; break;
        case O_ROOT: root = optarg; break;
        case O_LOW: {
            char *end;
            low = strtod(optarg, &end);
            if (*end || !*optarg || low < 0 || low > 100)
                return cli_bad_value("--low", optarg, "a confidence from 0 to 100");
            break;
        }
        case O_ACCEPT: if (parse_item(optarg, &accept)) return cli_bad_value("--accept", optarg, "an item id"); break;
        case O_CORRECT: if (parse_item(optarg, &correct)) return cli_bad_value("--correct", optarg, "an item id"); break;
        case O_FIELD: field = optarg; break;
        case O_REVIEWER: reviewer = optarg; break;
        case O_NOTE: note = optarg; break;
        case O_GOLD: gold = optarg; break;
        case O_HOCR: hocr = optarg; break;
        case O_PDF: pdf = optarg; break;
        case O_LANG: lang = optarg; break;
        case O_TESSDATA: tessdata = optarg; break;
        case O_SERVE: serve = 1; break;
        case O_DOC: doc = optarg; break;
        case O_PROVINCE: province = optarg; break;
        case O_FLAGGED: flagged = 1; break;
        case O_IMPORT: import = optarg; break;
        case O_PORT: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || !*optarg || v < 0 || v > 65535)
                return cli_bad_value("--port", optarg, "a port from 0 to 65535");
            port = (int)v;
            break;
        }
        default: return cli_bad_option(argv, usage);
        }
    }
    int npos = argc - optind;
    if ((correct && npos != 2) || (!correct && npos != 0) || (accept && correct) ||
        (serve && (out || accept || correct || gold || hocr || pdf)) ||
        (import && (serve || out || accept || correct || gold || hocr || pdf)) ||
        (!out && !accept && !correct && !gold && !hocr && !pdf && !serve && !import)) {
        if (correct && npos != 2)
            pp_error("--correct ITEM wants FIELD and VALUE after it");
        else if (npos && !correct)
            pp_error("unexpected argument '%s'", argv[optind]);
        else if (accept && correct)
            pp_error("--accept and --correct: one at a time");
        else if (import)
            pp_error("--import-reviews runs alone (no --out, --serve, --accept, --correct, --gold, --hocr or --pdf)");
        else if (serve)
            pp_error("--serve runs alone (no --out, --accept, --correct, --gold, --hocr or --pdf)");
        else
            pp_error("nothing to do: give --out, --serve, --import-reviews, --accept, --correct, --gold, --hocr or --pdf");
        return cli_usage_error(usage);
    }
    if (!reviewer)
        reviewer = getenv("PARPLAN_REVIEWER");
    if (!reviewer)
        reviewer = getenv("USER");
    if (!reviewer)
        reviewer = "unknown";
    if (pdf)
        cli_single_threaded_openmp(argv);
    const char *db_path = cli_db_path(db_opt);
    pp_err e;
    pp_err_clear(&e);
    image_quiet();

    if (accept || correct) {
        if (correct)
            do_review(db_path, correct, argv[optind], "correct", argv[optind + 1], reviewer, note, &e);
        else
            do_review(db_path, accept, field, "accept", NULL, reviewer, note, &e);
        return e.code ? pp_report(&e) : PP_OK;
    }

    if (import) {
        char *buf = NULL;
        size_t len = 0;
        pp_db *db = NULL;
        ri_counts rn;
        if (!fs_read_file(import, 256u << 20, &buf, &len, &e) && !db_open(db_path, DB_READWRITE, &db, &e) &&
            !ri_import(db, import, buf, len, reviewer, &rn, &e))
            pp_info("%s: %d decisions imported (%d rows without an action), reviewer %s unless the file names one",
                    import, rn.decisions, rn.rows - rn.decisions, reviewer);
        db_close(db);
        free(buf);
        return e.code ? pp_report(&e) : PP_OK;
    }

    if (serve) {
        as_opts so = { root, low, port, reviewer, 900, stdout };
        as_serve(db_path, &so, &e);
        return e.code ? pp_report(&e) : PP_OK;
    }

    pp_db *db;
    if (db_open(db_path, DB_READONLY, &db, &e))
        return pp_report(&e);
    if (gold) {
        audit_gold_report(db, gold, out, root, &e);
    } else if (out) {
        ar_opts o = { out, root, low, 900, doc, province, flagged };
        ar_counts n;
        if (!ar_write(db, &o, &n, &e)) {
            pp_info("%s/index.html: %d documents, %d items, %d values, %d crops (%d unavailable), "
                    "%d low confidence, %d restored", out, n.documents, n.items, n.values, n.crops,
                    n.crop_failures, n.low, n.restored);
        }
    }
    if (!e.code && hocr)
        hocr_write_all(db, hocr, &e);
    if (!e.code && pdf)
        spdf_write_all(db, pdf, root, lang, tessdata, &e);
    db_close(db);
    return e.code ? pp_report(&e) : PP_OK;
}
