/* normalize/nz_run.h (prefix nz_) — the normalize stage over a database: every document not yet normalized
 * with the same options, one transaction each, through the shared run loop (db/docrun.h). */
#ifndef PARPLAN_NZ_RUN_H
#define PARPLAN_NZ_RUN_H

#include "normalize/nz_text.h"

/* The options as documents_norm.options records them ("tone=old restore=0 from=auto"): a document
 * normalized with other options is redone.  Writes at most `size` bytes to buf. */
void nz_options_string(const nz_opts *o, char *buf, size_t size);

/* Normalizes the database at `db_path` (opened read-write, created if missing): documents already
 * normalized with the same options are skipped unless o->force; `options` (the command line) goes in the
 * runs row; lm may be NULL (no restoration).  Prints the progress display (core/progress.h; with
 * o->verbose a line per document instead), each failure, a fatal error and the summary (unless o->quiet
 * for the progress, the lines and the summary), and returns the exit code: PP_OK,
 * PP_EXIT_FAILED when documents failed (recorded in failures), or the fatal error's (PP_EXIT_DB). */
int nz_run(const char *db_path, const nz_opts *o, const lm_model *lm, const char *options);

#endif
