/* core/cli.h (prefix cli_) — command-line conventions shared by the stage programs: the database path (--db,
 * then $PARPLAN_DB, then the embedded default), worker counts, --version, and the "not implemented" exit. */
#ifndef PARPLAN_CLI_H
#define PARPLAN_CLI_H

#define PARPLAN_VERSION "0.1.0"
/* The database when neither --db nor $PARPLAN_DB names one (relative to the working directory). */
#define PP_DEFAULT_DB "out/parplan.db"

/* Common start of every program: program name for messages, and SIGXFSZ ignored so that a file-size
 * limit (ulimit -f) shows up as a write error the program reports, not as a silent kill. */
void cli_init(const char *argv0);
/* libgomp reads OMP_THREAD_LIMIT when it is loaded, before main: a program about to run Tesseract sets
 * it to 1 and executes itself again, so each engine stays on one thread and the program's own workers,
 * not OpenMP, use the cores.  Returns only when the variable already was 1 or exec failed (then OpenMP
 * may use more threads: slower, still correct). */
void cli_single_threaded_openmp(char **argv);
/* The database path: --db as given (an empty one is refused by db_open, never replaced by a default),
 * else $PARPLAN_DB, else PP_DEFAULT_DB. */
const char *cli_db_path(const char *opt);
/* The rules directory: --rules value, else $PARPLAN_RULES, else rules/ beside the bin/ directory of
 * the running program (a build tree), else share/parplan/rules beside it (an installed program, make
 * install) (caller frees). */
char *cli_rules_dir(const char *opt);
/* NAME in the installed data directory of the running program: BINDIR/../share/parplan/NAME (caller
 * frees). */
char *cli_share_path(const char *name);
/* A file named after the database, beside it: the database's path without its ".db" extension, then
 * suffix ("out/shard1.db", ".records.jsonl" -> "out/shard1.records.jsonl"), so outputs of shards that
 * share a folder never share a file (caller frees). */
char *cli_beside_db(const char *db, const char *suffix);
/* Number of online cores (at least 1). */
int cli_cores(void);
/* Parses a positive count ("-j 4"); returns 0 on success. */
int cli_parse_count(const char *s, int max, int *out);
/* After a usage error already reported: prints the usage's first line (the synopsis) and "try 'PROG
 * --help'" to stderr, never the whole text, and returns PP_EXIT_USAGE.  usage may be NULL. */
int cli_usage_error(const char *usage);
/* getopt_long returned '?' (cli_init turns getopt's own messages off, so every error names the program
 * one way): reports the option at fault, unknown or missing its value, then cli_usage_error. */
int cli_bad_option(char **argv, const char *usage);
/* "OPTION wants WANT, not 'VALUE'" and PP_EXIT_USAGE: a bad value names its option. */
int cli_bad_value(const char *option, const char *value, const char *want);
/* Joins argv into one string for the runs table (caller frees). */
char *cli_join_args(int argc, char **argv);

#endif
