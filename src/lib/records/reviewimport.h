/* records/reviewimport.h (prefix ri_) — importing a review made in a spreadsheet: the review.csv that
 * parplan-audit --out writes (one row per item field, keyed by document hash, item code and occurrence),
 * with its `action` column filled in, read back as decisions in the review history.
 *
 * Columns are found by name in the header, so a spreadsheet may reorder them or add its own:
 *   document_hash, item_code, occurrence, field   the field's stable key (item_id is ignored: ids change on
 *                                                 every re-extraction)
 *   action   accept | correct | reject | unreject; empty: no decision, the row is skipped
 *   value    the right value of a correction (required, not empty)
 *   extracted  optional: the value the reviewer saw, recorded as what was accepted (review_record_seen)
 *   reviewer   optional: who decided (else the importer's reviewer)
 * Text columns are read through csvr_untext, so values starting like formulas come back as exported.
 *
 * All or nothing: every row is checked first (key found, field known, action known, a correction's value);
 * when any is bad the import fails naming each bad row by the line it starts on, and nothing is written.
 * Otherwise every decision is written in one transaction. */
#ifndef PARPLAN_REVIEWIMPORT_H
#define PARPLAN_REVIEWIMPORT_H

#include "db/db.h"

typedef struct ri_counts {
    int rows;      /* data rows read */
    int decisions; /* rows with an action, written */
} ri_counts;

/* Imports csv (its bytes; `name` for messages and notes).  PP_EXIT_USAGE for bad rows (named in e, the first
 * 10 of them), PP_EXIT_INPUT for a file that is not CSV. */
int ri_import(pp_db *db, const char *name, const char *csv, size_t len, const char *reviewer, ri_counts *n,
              pp_err *e);

#endif
