/* records/search.h (prefix search_) — full-text search of the loaded text for `parplan search`: the query
 * folded exactly as parplan-normalize folds the index keys (text/fold.h: marks, đ -> d, case), turned into
 * one FTS5 phrase of its words (so no character of the query is FTS syntax: "112/KH-STNMT" is the
 * phrase 112 kh stnmt), matched against pages_fts (a phrase may run across a line break), then placed on
 * the page's lines, which are printed as they were loaded (lines.text), grep-style:
 *
 *     SOURCE:PAGE:LINE: original text            (the match between ESC[1;31m and ESC[0m with color)
 *     {"source","document_id","page","line","text","start","end"}   (--json; start/end: characters)
 *
 * A match running over several lines prints each of them. */
#ifndef PARPLAN_SEARCH_H
#define PARPLAN_SEARCH_H

#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "db/db.h"

typedef struct search_opts {
    const char *query; /* as typed, any case, with or without diacritics */
    const char *doc;   /* NULL, or a document's id, source path or hash (or a prefix of the hash) */
    int json;          /* JSON lines instead of grep-style lines */
    int color;         /* mark the match (grep-style output on a terminal) */
} search_opts;

/* The query's words as the index holds them: folded, then split where FTS5's unicode61 tokenizer splits
 * (anything but letters and digits); "" when it has none.  Caller frees. */
char *search_fold_query(const char *query);

/* Writes every matching line to out; *nlines is how many were written.  Errors: PP_EXIT_USAGE for a
 * query without words or an unknown --doc, PP_EXIT_DB (also when the database was never normalized:
 * no search index), PP_EXIT_INPUT when out cannot be written. */
int search_run(pp_db *db, const search_opts *o, FILE *out, int64_t *nlines, pp_err *e);

#endif
