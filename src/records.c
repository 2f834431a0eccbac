/* records.c — main of bin/parplan-records: writes one structured record per document as JSON lines, or
 * one CSV row per target (an item without targets gets one row) with the item's fields repeated.  The
 * records and both formats are records/recbuild.h's; this is the command line around them.  A file is
 * written whole or not at all (core/atomicfile.h) and never over the database it reads. */
#include "core/atomicfile.h"
#include "core/cli.h"
#include "ocr/versions.h"
#include "core/err.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "records/recbuild.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: parplan-records [--db FILE] [--format jsonl|csv] [--bom] [-o FILE] [-q] [--help] [--version]\n"
    "  writes one structured record per document (JSON lines) or one row per target (CSV).\n"
    "  --db FILE      database (default: $PARPLAN_DB or " PP_DEFAULT_DB ")\n"
    "  --format F     jsonl (default) or csv\n"
    "  --bom          start the CSV with a UTF-8 byte order mark (spreadsheets then read it as UTF-8)\n"
    "  -o, --out FILE output file, replaced whole once written (default: standard output)\n"
    "  -q             quiet\n"
    "exit: 0 ok, 2 usage (also: --out names the database), 3 cannot write the output, 4 database error\n";

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "format", required_argument, NULL, 'F' },
        { "out", required_argument, NULL, 'o' }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },     { "version", no_argument, NULL, 'V' },
        { "bom", no_argument, NULL, 'B' },      { NULL, 0, NULL, 0 },
    };
    const char *db_opt = NULL, *out_path = NULL;
    int csv = 0, bom = 0, c;
    while ((c = getopt_long(argc, argv, "d:F:o:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'F':
            if (strcmp(optarg, "csv") == 0)
                csv = 1;
            else if (strcmp(optarg, "jsonl") == 0 || strcmp(optarg, "json") == 0)
                csv = 0;
            else
                return cli_bad_value("--format", optarg, "jsonl or csv");
            break;
        case 'B': bom = 1; break;
        case 'o': out_path = optarg; break;
        case 'q': pp_set_quiet(1); break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': versions_print(stdout); return PP_OK;
        default: return cli_bad_option(argv, usage);
        }
    }
    if (optind != argc) {
        pp_error("unexpected argument '%s'", argv[optind]);
        return cli_usage_error(usage);
    }
    if (bom && !csv) {
        pp_error("--bom is for --format csv");
        return cli_usage_error(usage);
    }
    pp_err e;
    pp_err_clear(&e);
    const char *db_path = cli_db_path(db_opt);
    if (af_refuse_db(out_path, db_path, &e))
        return pp_report(&e);
    pp_db *db;
    if (db_open(db_path, DB_READONLY, &db, &e))
        return pp_report(&e);
    rec_ctx *rc = NULL;
    int64_t *ids = NULL;
    size_t nids = 0;
    if (rec_open(db, &rc, &e) || rec_documents(rc, &ids, &nids, &e)) {
        rec_close(rc);
        db_close(db);
        return pp_report(&e);
    }
    af_file af;
    FILE *out = af_open(&af, out_path, &e) ? NULL : af.f;
    const char *out_name = out_path ? out_path : "stdout";
    strbuf sb = STRBUF_INIT;
    if (out && csv) {
        if (bom)
            sb_adds(&sb, "\xEF\xBB\xBF");
        rec_write_csv_header(&sb);
        if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
            pp_err_set(&e, PP_EXIT_INPUT, "%s: write failed", out_name);
    }
    for (size_t i = 0; out && !e.code && i < nids; i++) {
        rec_doc d;
        if (rec_load(rc, ids[i], &d, &e))
            break;
        /* a lookup whose value could not be bound found nothing: not a record to write (db.h) */
        if (db_check_binds(db, &e)) {
            rec_doc_free(&d);
            break;
        }
        sb_reset(&sb);
        if (csv)
            rec_write_csv(&sb, &d);
        else
            rec_write_json(&sb, &d);
        rec_doc_free(&d);
        if (fwrite(sb.buf, 1, sb.len, out) != sb.len)
            pp_err_set(&e, PP_EXIT_INPUT, "%s: write failed", out_name);
    }
    sb_free(&sb);
    if (out && !e.code)
        af_commit(&af, &e);
    else
        af_abort(&af);
    free(ids);
    rec_close(rc);
    db_close(db);
    return e.code ? pp_report(&e) : PP_OK;
}
