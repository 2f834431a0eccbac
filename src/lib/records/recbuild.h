/* records/recbuild.h (prefix rec_) — a document's records built from the database once, for every consumer:
 * parplan-records writes them (JSON lines, CSV), parplan-audit --gold scores them (goldscore.h).
 *
 * A record is a document's fields and its items in document order (items.seq), each with what extraction
 * wrote (code, title, target text, targets, points, baseline, lead / support / monitor bodies, deadline,
 * product, page, line, confidence) and the auditors' decision on every reviewable field (review.h).
 *
 * Corrections.  A reviewer's correction replaces the extracted value of the text fields and body lists:
 * code, title, target_text, deadline, product, lead, support, monitor (a corrected list is its names
 * joined by "; ", split back here).  Corrections of targets, points and baseline are recorded and listed
 * under "reviewed", but the extracted numbers and target rows stay: a correction is text, and nothing
 * turns it back into numbers yet.  rec_correction_applies() says which.  So an item holds its values
 * twice, in `val` (as exported: corrections applied) and `ext` (as extracted); the writers choose:
 *   JSON lines  val, plus "reviewed": every field someone decided on (status, value, reviewer, time).
 *   CSV         val too, with the same "reviewed" object as a JSON text in its own column (issue 17:
 *               JSON and CSV carry the same values; before, the CSV had the extracted values).
 *   gold        rec_jansson(): the JSON line itself, parsed back.  Decision (issue 13): parplan-audit
 *               --gold scores the records as parplan-records exports them, corrections applied, not the
 *               raw extraction.  Reasons: tools/gold scores records files, which carry the corrections,
 *               and goldscore.h promises both report the same numbers; and gold.html is a worklist of
 *               what is still wrong in the published records, where a field an auditor has corrected
 *               is no longer wrong.  To measure the extractor alone, score a database without reviews
 *               (a fresh extraction).  Before issue 13 audit --gold read the items table itself and
 *               ignored every review.
 *
 * Ownership: a rec_doc owns every string, list and array it points to (rec_doc_free); rec_ctx holds
 * prepared statements on the pp_db it was opened on, which must outlive it.  Errors: pp_err codes
 * (PP_EXIT_DB for the database, PP_EXIT_NOMEM when jansson cannot allocate); on error the output
 * argument is left empty (nothing to free beyond what the function's contract says). */
#ifndef PARPLAN_RECBUILD_H
#define PARPLAN_RECBUILD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/strbuf.h"
#include "core/strvec.h"
#include "db/db.h"
#include "records/recwritten.h"
#include "records/review.h"

/* A number column that may be NULL. */
typedef struct rec_num {
    double v;
    int has; /* 0: NULL (v is 0) */
} rec_num;

typedef struct rec_target {
    char *text, *unit, *op; /* NULL where the column is */
    rec_num value, year;
} rec_target;

/* The item fields a correction replaces.  Strings are NULL where the column is NULL (or a correction's
 * value is); lists hold the body names in order, possibly none. */
typedef struct rec_text {
    char *code, *title, *target_text, *deadline, *product;
    strvec lead, support, monitor;
} rec_text;

typedef struct rec_item {
    int64_t id; /* items.id: a rerun of extraction gives new ids (reviews are keyed otherwise, review.h) */
    /* The item's stable key, which survives re-extraction and merging: "HASH:CODE" (document hash, the
     * extracted code path), "#N" added for the N-th item (N >= 2) of the same code in the document, and
     * always for an item without a code ("HASH:#1"): the key reviews are stored under (review.h). */
    char *key;
    rec_text val; /* as exported: a correction when one applies, else as extracted */
    rec_text ext; /* as extracted */
    char *kind;   /* section, item or row */
    char *code_as_printed; /* as the document prints it ("1" of "I.1"); NULL: inferred or unknown */
    /* The gazetteer's names (bodies.name) of the extracted bodies, in the order of ext's lists: lead,
     * support and monitor are the words the document used ("Sở KH&CN"), these the canonical name beside
     * them ("Sở Khoa học và Công nghệ"), never instead (an unknown body's canonical name is its text). */
    strvec lead_canonical, support_canonical, monitor_canonical;
    int code_inferred;
    int rejected; /* a reviewer rejected the item as spurious (review_reject): only with rec_keep_rejected */
    rec_target *targets;
    size_t ntargets, targets_alloc;
    rec_num points_target, points_max, baseline_value, baseline_year, page, line, confidence;
    char *baseline_unit;
    review_state reviewed[REVIEW_NFIELDS]; /* indexed by enum review_field; REVIEW_NONE where nobody looked */
    rw_item written; /* ext's text fields as the document wrote them, where restoration changed them */
} rec_item;

typedef struct rec_doc {
    int64_t id;
    char *source, *kind, *number, *date, *issuer, *province, *title, *period; /* NULL where the column is */
    char *hash;        /* documents.hash (SHA-256 of the file) */
    char *number_note; /* documents.number_note: "handwritten" when the number was left blank for the pen */
    rec_item *items;
    size_t nitems, items_alloc;
} rec_doc;

typedef struct rec_ctx rec_ctx;

/* Prepares the queries.  PP_EXIT_DB when the database has no extraction tables yet (user_version < 3);
 * works on a read-only database made before the reviews table (no item is then reviewed). */
int rec_open(pp_db *db, rec_ctx **out, pp_err *e);
void rec_close(rec_ctx *c);

/* The ids of the documents that have been extracted, in export order (source, id).  *ids is malloc'd
 * (NULL when there are none), the caller frees it. */
int rec_documents(rec_ctx *c, int64_t **ids, size_t *n, pp_err *e);

/* Rejected items (review_reject) are left out of rec_load's records unless keep is set (the audit shows
 * them, struck out, so a rejection can be taken back). */
void rec_keep_rejected(rec_ctx *c, int keep);

/* Builds one document's record (its items, targets, bodies and reviews).  *d is zeroed first; on
 * success the caller frees it with rec_doc_free, on error it is already freed.  PP_EXIT_INPUT when no
 * document has that id. */
int rec_load(rec_ctx *c, int64_t doc_id, rec_doc *d, pp_err *e);
void rec_doc_free(rec_doc *d);

/* Whether records export a correction of field f in place of the extracted value (see above). */
int rec_correction_applies(enum review_field f);

/* Appends the document as one JSON line (ending in "\n"), the format of parplan-records --format jsonl. */
void rec_write_json(strbuf *sb, const rec_doc *d);
/* The CSV header line (CRLF; unique names, REC_CSV_COLUMNS of them), then the rows of one document: one
 * per target, one for an item without targets, the item's fields repeated on each, one with only the
 * document's fields for a document without items; every row has REC_CSV_COLUMNS fields (parplan-records
 * --format csv).  Text values are neutralised for spreadsheets (csv_text). */
#define REC_CSV_COLUMNS 40
void rec_write_csv_header(strbuf *sb);
void rec_write_csv(strbuf *sb, const rec_doc *d);

/* The record as jansson objects, parsed from rec_write_json's line so a consumer sees exactly what
 * parplan-records writes; with_ids adds "_id" (rec_item.id) to each item.  *out is a new reference. */
int rec_jansson(const rec_doc *d, int with_ids, json_t **out, pp_err *e);

#endif
