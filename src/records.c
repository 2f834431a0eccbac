/* records.c — main of bin/parplan-records: writes one structured record per document (JSON lines or CSV).
 * Not implemented yet: it parses its options and exits with PP_EXIT_NOTIMPL (7) so the driver and
 * scripts can tell "not there yet" from "failed". */
#include "cli.h"
#include "err.h"

#include <getopt.h>
#include <stdio.h>

static const char usage[] =
    "usage: parplan-records [--db FILE] [-q] [--help] [--version]\n"
    "  writes one structured record per document (JSON lines or CSV).\n"
    "  --db FILE   database (default: $PARPLAN_DB or " "out/parplan.db" ")\n"
    "  -q          quiet\n"
    "exit: 0 ok, 2 usage, 4 database error, 7 not implemented yet\n";

int main(int argc, char **argv)
{
    cli_init(argv[0]);
    static const struct option opts[] = {
        { "db", required_argument, NULL, 'd' }, { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },     { "version", no_argument, NULL, 'V' },
        { "force", no_argument, NULL, 'f' },    { "format", required_argument, NULL, 'F' },
        { "out", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 },
    };
    int c;
    while ((c = getopt_long(argc, argv, "d:qhV", opts, NULL)) != -1) {
        switch (c) {
        case 'd': case 'q': case 'f': case 'F': case 'o': break;
        case 'h': fputs(usage, stdout); return PP_OK;
        case 'V': cli_print_version(); return PP_OK;
        default: return cli_usage_error(usage);
        }
    }
    pp_error("not implemented yet");
    return PP_EXIT_NOTIMPL;
}
