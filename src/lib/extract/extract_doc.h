/* extract/extract_doc.h (prefix ex_) — extracting one document: reads its lines from the database, segments
 * them, fills the document and item fields with the rules and lists of a rules directory, and writes items,
 * targets, bodies and sources in the caller's transaction. */
#ifndef PARPLAN_EXTRACT_DOC_H
#define PARPLAN_EXTRACT_DOC_H

#include <stdint.h>

#include "db/db.h"
#include "extract/extract_cols.h"
#include "match/gazetteer.h"
#include "match/rules.h"

typedef struct ex_rules {
    rl_set *rules;
    gz_list *bodies, *provinces, *kinds, *indexes, *deadlines;
    xc_vocab vocab; /* words of bodies and deadlines, for table leftovers (extract_cols.h) */
    char *dir;
} ex_rules;

typedef struct ex_stmts ex_stmts;

int ex_rules_load(const char *dir, ex_rules *r, pp_err *e);
void ex_rules_free(ex_rules *r);

int ex_stmts_open(pp_db *db, ex_stmts **out, pp_err *e);
void ex_stmts_close(ex_stmts *s);

/* The province of a path's folders ("archive/gia-lai/2023/kh.pdf" → "Gia Lai"), for documents whose
 * header names none; the deepest folder that is in `provinces` wins.  Caller frees; NULL when none. */
char *ex_province_of_path(const gz_list *provinces, const char *path);

/* 1 when the document was already extracted with these rules (and --force was not given). */
int ex_is_current(ex_stmts *s, int64_t doc_id, const char *rules_hash, pp_err *e);
/* Extracts document doc_id (replacing an earlier extraction) inside the caller's transaction.  *nitems
 * receives the item count.  The caller commits, or rolls back and then calls ex_rolled_back, so that
 * nothing remembered from the document (body ids) outlives its rows. */
int ex_document(ex_stmts *s, ex_rules *r, int64_t doc_id, int64_t run_id, int *nitems, pp_err *e);
void ex_rolled_back(ex_stmts *s);

#endif
