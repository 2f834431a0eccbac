/* db/dbrows.h (prefix dbrows_) — rows gathered in memory and written to one table with multi-row INSERT
 * statements.
 *
 * A stage that writes hundreds of small rows per document (extract: items, targets, bodies, sources)
 * spends most of its SQLite time in per-statement work (VDBE start-up and halt, transaction checks,
 * bind and reset), not in the B-tree inserts themselves.  Gathering a document's rows and writing them
 * DBROWS_BATCH at a time with "INSERT INTO t (...) VALUES (...), (...), ..." pays that once per batch.
 * The rows are written inside the caller's transaction when it calls dbrows_flush; nothing is kept
 * across flushes, so a rolled-back document leaves nothing behind to write twice.
 *
 * Values are added column by column in the order the columns were named; text is copied, so the
 * caller's buffers may be freed at once. */
#ifndef PARPLAN_DBROWS_H
#define PARPLAN_DBROWS_H

#include <stddef.h>
#include <stdint.h>

#include "db/db.h"

#define DBROWS_BATCH 32 /* rows per statement; the remainder goes in smaller powers of two */

typedef struct dbrows dbrows;

/* `columns` is the comma-separated column list ("item_id, seq, text"), `ncols` how many it names. */
int dbrows_open(pp_db *db, const char *table, const char *columns, int ncols, dbrows **out, pp_err *e);
void dbrows_close(dbrows *r);

void dbrows_int(dbrows *r, int64_t v);
void dbrows_double(dbrows *r, double v);
void dbrows_text(dbrows *r, const char *s, size_t n); /* NULL s adds SQL NULL */
void dbrows_null(dbrows *r);

/* Rows gathered and not yet written. */
size_t dbrows_pending(const dbrows *r);
/* Writes every complete row gathered so far; `what` names the rows in an error message.  On error the
 * rows are dropped (the caller rolls its transaction back). */
int dbrows_flush(dbrows *r, pp_err *e, const char *what);
/* Drops the gathered rows without writing them. */
void dbrows_discard(dbrows *r);

#endif
