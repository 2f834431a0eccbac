/* records/review.h (prefix review_) — auditors' decisions on extracted values: recording them (parplan-audit
 * --accept/--correct/--serve) and reading the one that applies to a field (parplan-audit's report,
 * parplan-records).
 *
 * Decisions are appended to the reviews table (db_schema_audit.c) and never overwrite what extraction
 * wrote.  They are keyed by document hash + item code + occurrence of that code, so they survive
 * `parplan-extract --force`, which recreates items with new ids.  An acceptance records the value it
 * accepted: if a later extraction changes that value the acceptance is stale (shown, never trusted);
 * a correction stays authoritative whatever extraction produces later. */
#ifndef PARPLAN_REVIEW_H
#define PARPLAN_REVIEW_H

#include <stdint.h>

#include "db/db.h"
#include "core/hash.h"

/* The item fields that can be reviewed, in display order: X(ID, "name", WHERE), WHERE being COLUMN for
 * the column of items of that name, LIST for a list gathered from another table (targets' text,
 * item_bodies of that role).  This is the one list: the enum below (and so REVIEW_NFIELDS, the size of
 * every per-field array), review_fields[] and the query of extracted values are all made from it, so a
 * new field is one line here. */
#define REVIEW_FIELD_TABLE(X)                                                                              \
    X(CODE, "code", COLUMN)                                                                                \
    X(TITLE, "title", COLUMN)                                                                              \
    X(TARGET_TEXT, "target_text", COLUMN)                                                                  \
    X(TARGETS, "targets", LIST)                                                                            \
    X(POINTS_TARGET, "points_target", COLUMN)                                                              \
    X(POINTS_MAX, "points_max", COLUMN)                                                                    \
    X(BASELINE_VALUE, "baseline_value", COLUMN)                                                            \
    X(BASELINE_UNIT, "baseline_unit", COLUMN)                                                              \
    X(BASELINE_YEAR, "baseline_year", COLUMN)                                                              \
    X(LEAD, "lead", LIST)                                                                                  \
    X(SUPPORT, "support", LIST)                                                                            \
    X(MONITOR, "monitor", LIST)                                                                            \
    X(DEADLINE, "deadline", COLUMN)                                                                        \
    X(PRODUCT, "product", COLUMN)

enum review_field {
#define REVIEW_X_ENUM(id, name, where) REVIEW_F_##id,
    REVIEW_FIELD_TABLE(REVIEW_X_ENUM)
#undef REVIEW_X_ENUM
    REVIEW_NFIELDS
};

/* The names, indexed by enum review_field, NULL-terminated. */
extern const char *const review_fields[REVIEW_NFIELDS + 1];
/* The field's enum review_field, or -1 when no field has that name (or it is NULL). */
int review_field_index(const char *field);

/* What survives a rerun of extraction: document hash, item code ("" when none) and the occurrence
 * (1-based, in document order) of that code in the document. */
typedef struct review_key {
    char hash[PP_HASH_HEX];
    char *code;
    int occurrence;
} review_key;

enum review_status {
    REVIEW_NONE = 0,  /* nobody looked at it */
    REVIEW_ACCEPTED,  /* accepted as extracted, and extraction still gives that value */
    REVIEW_CORRECTED, /* the reviewer's value replaces the extracted one */
    REVIEW_STALE      /* accepted, but extraction now gives another value: look again */
};

typedef struct review_state {
    enum review_status status;
    char *value;    /* the value to export: corrected value, or the extracted one (NULL when empty) */
    char *reviewer; /* of the latest decision */
    char *at;       /* its time, ISO 8601 UTC */
    int decisions;  /* how many decisions the history holds for the field */
} review_state;

typedef struct review_ctx review_ctx;

/* Prepares the lookups.  Works on a read-only database made before the reviews table existed: every
 * lookup then finds no decision. */
int review_open(pp_db *db, review_ctx **out, pp_err *e);
void review_close(review_ctx *c);
int review_key_of(review_ctx *c, int64_t item_id, review_key *k, pp_err *e);
/* Tells the context the key of item_id, which a caller walking a document's items in order knows (the
 * occurrence of its code so far): review_key_of then answers without counting the document's items, so
 * looking up every item of a reviewed document stays linear.  The hint holds until the next one. */
void review_key_hint(review_ctx *c, int64_t item_id, const char *hash, const char *code, int occurrence);
void review_key_free(review_key *k);
/* The field's extracted value as text (bodies and targets joined with "; ", numbers in their shortest
 * form); *out is NULL when the field is empty.  Caller frees. */
int review_extracted(review_ctx *c, int64_t item_id, const char *field, char **out, pp_err *e);
/* review_extracted of every field at once (out[enum review_field]; one query of the item's columns, one of
 * its targets, one per body role), for a caller showing a whole item.  Caller frees each. */
int review_extracted_all(review_ctx *c, int64_t item_id, char *out[REVIEW_NFIELDS], pp_err *e);
/* The decision that applies to one field of an item now; st is filled even for REVIEW_NONE (value is
 * then the extracted one).  Free with review_state_free. */
int review_lookup(review_ctx *c, int64_t item_id, const char *field, review_state *st, pp_err *e);
void review_state_free(review_state *st);
/* *has = whether any decision was recorded for the document of this hash (one indexed look): a builder
 * of records skips every per-field lookup of a document nobody reviewed, which made exporting a
 * 10,000-item document take minutes (each lookup counts the item's code occurrences). */
int review_doc_has(review_ctx *c, const char *hash, int *has, pp_err *e);

/* Appends a decision.  action is "accept" or "correct"; field NULL with "accept" accepts every field
 * of the item as now extracted (one row per field).  The database must be open read-write. */
int review_record(review_ctx *c, int64_t item_id, const char *field, const char *action, const char *value,
                  const char *reviewer, const char *note, pp_err *e);

/* One decision on one field, recording `seen` as the value extracted when it was taken (NULL or "": the field
 * was empty) instead of what extraction gives now: a review made on an exported copy (review.csv) accepts
 * what the reviewer saw, so an acceptance of a value extraction has changed since is stale at once.  No
 * transaction of its own (the import wraps every row in one). */
int review_record_seen(review_ctx *c, int64_t item_id, const char *field, const char *action, const char *value,
                       const char *seen, const char *reviewer, const char *note, pp_err *e);

/* Rejects a whole item as spurious (reject 1: action 'reject' on the field "*") or takes a rejection back
 * (reject 0: 'accept' of "*").  A rejected item is left out of the records (recbuild.h); it stays in the
 * database, and the audit shows it struck out.  Needs schema 12 (the 'reject' action). */
int review_reject(review_ctx *c, int64_t item_id, int reject, const char *reviewer, const char *note, pp_err *e);
/* *rejected: 1 when the item's latest whole-item decision is a rejection. */
int review_rejected(review_ctx *c, int64_t item_id, int *rejected, pp_err *e);

#endif
