/* extract/extract-ll.h (prefixes ex_, xc_, sg_) — private to src/lib/extract/: the context the files of
 * the extract stage share (git's *-ll.h style).  Nothing outside extract/ includes it; the public headers
 * (extract_doc.h, extract_cols.h, extract_table.h, segment.h, fields.h) stay small.  Each section below
 * belongs to the files named in its heading. */
#ifndef PARPLAN_EXTRACT_LL_H
#define PARPLAN_EXTRACT_LL_H

/* ==== one document being extracted (extract_doc*.c) ================================================== */

/* extract_doc.c drives one document through the files below: extract_doc_open.c (the rules and the
 * statements a run keeps), extract_doc_source.c (spans' text and the sources of the values found),
 * extract_doc_header.c (the document fields), extract_doc_item.c (one item's row), and what an item is
 * cut into: extract_doc_labels.c (labelled regions), extract_doc_targets.c (targets, points, baseline),
 * extract_doc_bodies.c (lead / support / monitor bodies). */

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/err.h"
#include "core/strbuf.h"
#include "core/strmap.h"
#include "db/dbrows.h"
#include "extract/extract_cols.h"
#include "extract/extract_doc.h"
#include "extract/extract_table.h"
#include "extract/segment.h"
#include "match/rules.h"

#define EX_MAX_TARGETS 32
#define EX_MAX_BODIES 24

struct ex_stmts {
    pp_db *db;
    sqlite3_stmt *pages, *lines, *current, *has_items, *del_targets, *del_item_bodies, *del_items, *del_extraction,
        *ins_extraction, *upd_doc, *max_item, *body_find, *body_ins, *source;
    /* a document's rows, written together when it is done (dbrows.h) */
    dbrows *items, *targets, *item_bodies;
    et_stmts tables;
    /* body ids by province and name; those added since bodies_mark belong to the document being
     * written, and are forgotten if it is rolled back (ex_rolled_back) */
    strmap bodies;
    size_t bodies_mark;
};

/* The working state of one document (ex_document): owned by it, freed when it returns. */
typedef struct ex_doc {
    ex_stmts *st;
    ex_rules *r;
    sg_doc d;
    sg_tree t;
    int64_t doc_id;
    char *province; /* canonical, for bodies */
    int width;      /* prose width (extract_cols.h) */
    int labelled;   /* the document names its bodies with labels somewhere: no column leftovers to guess;
                       -1 until an item needs to know (ex_labelled) */
    et_doc tt;      /* tables read cell by cell (extract_table.h) */
    int64_t next_item; /* the id the next item row takes */
    xc_doc xd;      /* table leftovers of every item, read with the document's prior (extract_cols.h) */
    strbuf ev;      /* the sources of the item (or the document fields) being written: ex_source */
    int nev;        /* how many ev holds */
    pp_err *e;
} ex_doc;

/* -- extract_doc_source.c: spans, sources, rule matches -- */

/* Original text of a folded span, tidied (fl_tidy: `strip` off both ends); caller frees. */
char *ex_text(ex_doc *x, sg_span s, const char *strip);
/* Mean OCR confidence of the lines a span touches (the cell's when it is inside one table cell); < 0 when
 * none (text input). */
double ex_conf(ex_doc *x, sg_span s);
/* Adds where a value came from (span s, found by `rule`) to the sources of the item or the document fields
 * being written; `column` is the row's value of the field when it holds one (NULL otherwise).  An empty
 * span adds nothing.  PP_EXIT_INTERNAL (x->e set) past EX_SOURCE_IDS - 1 sources in one item. */
int ex_source_as(ex_doc *x, const char *field, int seq, const char *rule, sg_span s, const char *column);
int ex_source(ex_doc *x, const char *field, int seq, const char *rule, sg_span s);
/* Ends the sources gathered since the last call: the JSON array's text in *json (n bytes, owned by x), or
 * NULL when there are none.  The text stays valid until the next ex_source, which starts the next array. */
void ex_sources_end(ex_doc *x, const char **json, size_t *n);

/* A match of a field's rules, as a folded span. */
typedef struct ex_hit {
    rl_match m;
    size_t a, b;
} ex_hit;

/* Appends to out[n..max) every match of every rule of `field` inside `in` (per rule, left to right) and
 * returns the new count. */
size_t ex_all(ex_doc *x, const char *field, sg_span in, ex_hit *out, size_t max, size_t n);

static inline void ex_rows_text(dbrows *q, const char *s)
{
    dbrows_text(q, s, s ? strlen(s) : 0);
}

/* -- extract_doc_labels.c: an item's body sliced by its labels -- */

enum { R_TARGET, R_TASK, R_LEAD, R_SUPPORT, R_MONITOR, R_DEADLINE, R_PRODUCT, R_RESP, R_N };

/* The spans a label (or a table column) of one role gave an item, at most four, with the rule of each. */
typedef struct ex_region {
    sg_span sp[4];
    int n;
    const char *rule[4];
} ex_region;

/* 1 when the document names bodies with a "Chủ trì:" / "phối hợp:" label anywhere (worked out once). */
int ex_labelled(ex_doc *x);
/* Slices body into labelled regions (reg[role], zeroed by the caller); returns the end of the unlabelled
 * lead-in (body.b when there is no label). */
size_t ex_labels(ex_doc *x, sg_span body, ex_region reg[R_N]);

/* -- extract_doc_targets.c: targets, points, baseline -- */

typedef struct ex_target {
    sg_span text, val;
    const char *op, *unit, *rule;
    int year;
    double value;
    int has_value;
} ex_target;

/* The single-valued fields of an item and its targets, as found (ex_item_store writes them). */
typedef struct ex_item {
    int has_points, has_max, has_base;
    double points, max, base;
    const char *base_unit;
    int base_year;
    sg_span points_sp, base_sp, deadline_sp, product_sp, target_sp;
    const char *points_rule, *base_rule, *deadline_rule, *product_rule;
    ex_target tg[EX_MAX_TARGETS];
    int ntg;
} ex_item;

/* The number a match's group holds (fl_number on the original text): 1 and *v, its span in *sp when sp
 * is not NULL; 0 when the group did not match or holds no number. */
int ex_value(ex_doc *x, const rl_match *m, const char *group, double *v, sg_span *sp);
/* Reads the baseline, the points and the targets of one target region into *it (adding to what earlier
 * regions of the same item found; at most EX_MAX_TARGETS targets). */
void ex_targets(ex_doc *x, sg_span region, ex_item *it);

/* -- extract_doc_bodies.c: bodies of an item -- */

typedef struct ex_body {
    sg_span sp;
    int entry; /* rules/bodies.txt entry, -1 when the name is not a known one */
} ex_body;

/* Splits a region into at most max bodies: on line breaks and ';', then between known names. */
size_t ex_bodies(ex_doc *x, sg_span s, ex_body *out, size_t max);
/* The id of body `name` in the document's province, added to `bodies` (known or not) when new. */
int ex_body_id(ex_doc *x, const char *name, int known, int64_t *id);
/* Queues one item_bodies row. */
void ex_item_body(ex_doc *x, int64_t item_id, const char *role, int seq, int64_t body_id, const char *text);
/* Writes the bodies b[0..n) (or the bodies read from table leftovers) of an item in `role`, numbering them
 * from *seq on, with their sources. */
int ex_store_bodies(ex_doc *x, int64_t item_id, const char *role, const ex_body *b, size_t n, int *seq);
int ex_store_leftovers(ex_doc *x, int64_t item_id, const char *role, const xc_body *b, int n, int *seq);

/* -- extract_doc_header.c: the document fields -- */

enum { D_KIND, D_NUMBER, D_DATE, D_ISSUER, D_PROVINCE, D_TITLE, D_PERIOD, D_N };

typedef struct ex_docf {
    char *v[D_N]; /* kind number date issuer province title period (owned; NULL when not found) */
    sg_span sp[D_N];
    const char *rule[D_N];
} ex_docf;

/* Reads the document fields from the first lines of x's document into *df (zeroed by the caller). */
void ex_docfields(ex_doc *x, ex_docf *df);

/* -- extract_doc_item.c: one item -- */

/* Queues the rows of item idx of x->t (the item, its targets and bodies, its sources) and sets ids[idx]
 * to its id; ids of earlier items name its parent.  ncols: the widest table row, for a table without a
 * recognised header row. */
int ex_item_store(ex_doc *x, size_t idx, int64_t *ids, int ncols);

/* (end of the extract_doc section) */




/* ==== columns left in the text (extract_cols*.c) ====================================================== */

/* (end of the extract_cols section) */




/* ==== the folded document and its segmentation (segment*.c) ============================================ */

/* (end of the segment section) */

#endif
