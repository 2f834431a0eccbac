/* db/merge.h (prefix merge_) — combines shard databases into one: documents are deduplicated by content hash
 * and copied with their pages, lines and words, one transaction per document (db_transaction; every error
 * stops the merge, so the run loop of docrun.h, which records a failed document and goes on, is not used).
 * Derived tables (normalized text, items, bodies) are not copied: the driver reruns those stages on the
 * merged database, which is what reconciles bodies across shards. */
#ifndef PARPLAN_MERGE_H
#define PARPLAN_MERGE_H

#include "db/db.h"

typedef struct pp_merge_stats {
    int copied, duplicates;
} pp_merge_stats;

/* Merges the database at `in_path` into `out` (opened read-write). */
int merge_database(pp_db *out, const char *in_path, pp_merge_stats *stats, pp_err *e);

#endif
