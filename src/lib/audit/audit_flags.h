/* audit/audit_flags.h (prefix af_) — the flags that send an auditor to a value: what extraction or OCR was
 * unsure of, computed per field of an item from its record (recbuild.h) and its sources.
 *
 *   low        a source of the field has an OCR confidence below the threshold (--low)
 *   inferred   the item's code was inferred, not printed (items.code_inferred): an item made from a
 *              misread numeral ("II." read "IL") is one
 *   leftover   read from the damaged leftovers of a table row (sources rule columns.leftover)
 *   prior      filled from the value the column held on earlier rows (rule columns.prior)
 *   restored   the value reads otherwise in the document: restoration changed its words (records'
 *              as_written)
 *   canonical  a body's canonical name differs from the words the document wrote (lead vs lead_canonical)
 *   nolead     an item or row without a lead body (sections are not flagged)
 *   unparsed   a target whose number could not be parsed (targets.value NULL)
 *   orient     a source on a page whose orientation the OCR stage was unsure of (pages.orientation_unsure:
 *              no orientation clearly better, the page read as it came; scan/image.c has the thresholds)
 *   unsure     a source on a page whose preprocessing the OCR stage was unsure of (pages.prep_unsure: the
 *              readings with and without coloured ink alike, a skew not measured, a text layer's cover
 *              near its threshold) */
#ifndef PARPLAN_AUDIT_FLAGS_H
#define PARPLAN_AUDIT_FLAGS_H

#include "db/db.h"
#include "records/recbuild.h"
#include "records/review.h"

#define AF_TABLE(X)                                                                                        \
    X(LOW, "low", "low confidence")                                                                        \
    X(INFERRED, "inferred", "inferred code")                                                               \
    X(LEFTOVER, "leftover", "table leftover")                                                              \
    X(PRIOR, "prior", "prior column value")                                                                \
    X(RESTORED, "restored", "restored text")                                                               \
    X(CANONICAL, "canonical", "canonical name differs")                                                    \
    X(NOLEAD, "nolead", "no lead body")                                                                    \
    X(UNPARSED, "unparsed", "target not parsed")                                                           \
    X(ORIENT, "orient", "orientation unsure")                                                               \
    X(UNSURE, "unsure", "preprocessing unsure")

enum {
#define AF_X_BIT(id, name, label) AF_BIT_##id,
    AF_TABLE(AF_X_BIT)
#undef AF_X_BIT
    AF_N
};
enum {
#define AF_X_FLAG(id, name, label) AF_##id = 1u << AF_BIT_##id,
    AF_TABLE(AF_X_FLAG)
#undef AF_X_FLAG
};

/* Short names (CSS classes, URL words) and labels, indexed by bit. */
extern const char *const af_names[AF_N];
extern const char *const af_labels[AF_N];

typedef struct af_ctx {
    pp_db *db;
    double low;
    sqlite3_stmt *sources;
    int has_orient; /* pages.orientation_unsure exists (schema 12 and later) */
    int has_prep;   /* pages.prep_unsure exists (schema 14 and later) */
} af_ctx;

int af_init(af_ctx *c, pp_db *db, double low, pp_err *e);
void af_free(af_ctx *c);
/* The flags of each reviewable field of an item (field[REVIEW_NFIELDS], by enum review_field); *all is
 * their OR. */
int af_item(af_ctx *c, const rec_item *it, unsigned field[REVIEW_NFIELDS], unsigned *all, pp_err *e);
/* The two halves of af_item, for a caller that has the item's sources already (the report reads a whole
 * document's sources in one query): the flags from the record alone, then each source's. */
void af_item_record(const rec_item *it, unsigned field[REVIEW_NFIELDS]);
/* page_unsure: what the OCR stage was unsure of on the source's page, AF_PAGE_ORIENT | AF_PAGE_PREP. */
enum { AF_PAGE_ORIENT = 1, AF_PAGE_PREP = 2 };
void af_source(const af_ctx *c, unsigned field[REVIEW_NFIELDS], const char *name, const char *rule, int has_conf,
               double conf, int page_unsure);
/* A source's field name (sources.field) as an enum review_field: body sources are named by role, target
 * values "target", an inferred code "code.inferred"; -1 for a field no review field holds. */
int af_source_field(const char *f);
/* Appends a badge per flag of f (<span class="flag f-NAME">label</span>). */
void af_badges(strbuf *sb, unsigned f);

#endif
