/* records/recwritten.h (prefix rw_) — the text as written beside a restored record value.  Extraction reads
 * the restored text (parplan-normalize writes it to pages_norm / lines_norm), so record values are in
 * Vietnamese with its diacritics; restoration changes words only, one for one, so the value as the
 * document wrote it is the value with each word replaced by the word it was restored from.  A document's
 * restored units (text pages, OCR lines) are aligned word by word with their originals once (rw_load);
 * a value is found as a run of restored words and mapped back (rw_as_written). */
#ifndef PARPLAN_RECWRITTEN_H
#define PARPLAN_RECWRITTEN_H

#include <stdint.h>

#include "core/strbuf.h"
#include "core/strvec.h"
#include "db/db.h"

typedef struct rw_map rw_map;

/* The word map of a document; *out is NULL when restoration changed none of its text (or the database
 * has no normalize tables).  PP_EXIT_DB on a database error. */
int rw_load(pp_db *db, int64_t doc_id, rw_map **out, pp_err *e);
void rw_free(rw_map *m);

/* The value as written (malloc'd), or NULL when it reads the same, or is not found in the restored text. */
char *rw_as_written(const rw_map *m, const char *value);

/* The item fields as written: NULL / an empty list where the value reads as written. */
typedef struct rw_item {
    char *title, *target_text, *deadline, *product;
    strvec lead, support, monitor;
} rw_item;

void rw_item_free(rw_item *w);
/* The JSON object of an item's as-written fields (only those that differ: {} when none does). */
void rw_item_json(strbuf *sb, const rw_item *w);

#endif
