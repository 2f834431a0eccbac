/* audit/audit_report.h (prefix ar_) — the static HTML audit report: index.html (counts per document and per
 * flag, documents grouped by province), one page per document (its fields and items, filterable by flag), one
 * page per item (every field with its review state, every value beside its source), flagged.html (every
 * flagged value across documents) and review.csv (one row per item field, to fill in and import back). */
#ifndef PARPLAN_AUDIT_REPORT_H
#define PARPLAN_AUDIT_REPORT_H

#include "audit/audit_flags.h"
#include "db/db.h"

typedef struct ar_opts {
    const char *out_dir;
    const char *root;  /* directory relative document sources are found in (NULL: current) */
    double low;        /* confidence threshold of the low flag */
    int max_width;     /* crop width limit */
    const char *doc;      /* --doc: only this document (id, source path or hash, 8 hex digits at least) */
    const char *province; /* --province: only this province's documents */
    int flagged;          /* --flagged: only items with a flag (audit_flags.h) */
} ar_opts;

typedef struct ar_counts {
    int documents, items, values, low, restored, crops, crop_failures, accepted, corrected, stale;
    int flags[AF_N]; /* values (item fields) with each flag of audit_flags.h */
} ar_counts;

int ar_write(pp_db *db, const ar_opts *o, ar_counts *n, pp_err *e);

#endif
