/* extract/extract_cols.h (prefix xc_) — table columns an OCR engine read into the prose of an item.
 *
 * A plan's appendix table (task | lead | support | deadline) OCR'd as running text comes out with the
 * right-hand columns cut into pieces and interleaved with the task text: "… doi ngu can | Phong Hanh |
 * 46 phong, | Thuong", next line "… Cac van | chinh—T6 _ Xuyén", next "… dap chirc don vi".  This module
 * finds those leftovers (text after '|', words past the prose width, short lines that are not prose)
 * and matches the known bodies (rules/bodies.txt) and deadline phrases (rules/deadlines.txt) against
 * them as ordered, fuzzy subsequences of tokens: every name token may match one leftover token (or two
 * split ones, or two name tokens one run-together token) within a bounded edit distance, and tokens of
 * other columns may stand between.  Prose mentions ("phối hợp với các phòng, đơn vị") are not
 * leftovers, so they are not taken.
 *
 * A document's own reads are evidence too (xc_doc_read): a body it names with confidence in its lead
 * column, written one way ("Phòng Hành chính – Tổ chức"), is likely the lead of a damaged cell in the same
 * column position elsewhere in it ("Phhqng Hizlrllh" just before the support column's "Các phòng"), where
 * such a loose reading against the whole list would be chance. */
#ifndef PARPLAN_EXTRACT_COLS_H
#define PARPLAN_EXTRACT_COLS_H

#include <stddef.h>

#include "match/gazetteer.h"
#include "extract/segment.h"

/* The words names are made of (every token of every alias of the lists), for telling leftovers from
 * prose. */
#define XC_MAX_NAME 12 /* words of a name that are aligned (the rest are ignored) */
#define XC_NHIST 48     /* letter histogram buckets (a-z, 0-9, other ASCII, non-ASCII; padded) */

/* A name (an alias of a list) split into words, with their vocabulary ids, once at load. */
typedef struct xc_name {
    int k;                      /* words */
    unsigned char off[XC_MAX_NAME], len[XC_MAX_NAME]; /* in the alias key */
    int wid[XC_MAX_NAME];       /* vocabulary word, -1 for a one-letter word */
    int pid[XC_MAX_NAME];       /* pair with the word before, -1 when none */
    size_t letters;
} xc_name;

typedef struct xc_vocab {
    char **w;
    size_t n, alloc;
    unsigned char *wlen;        /* length of every word */
    unsigned char (*hist)[XC_NHIST]; /* letter histogram of every word */
    unsigned long long *pair; /* adjacent word pairs of the names (ids hi << 32 | lo), sorted: for caching */
    size_t npair;
    char **pw;                  /* every pair's two words run together, their lengths and histograms */
    unsigned char *plen;
    unsigned char (*phist)[XC_NHIST];
    /* the names of every list given to xc_vocab_build, by list (matched on the list's address) */
    const gz_list *list[4];
    xc_name *names[4];
    size_t nlists;
    /* similarities of leftover strings to the words and pairs above, remembered for the run (a cache:
     * not part of the vocabulary's value, so filled through a const vocabulary) */
    struct xc_memo *memo;
} xc_vocab;

#define XC_MAX_BODIES 4

#define XC_MAX_PIECES 24

typedef struct xc_body {
    int entry;       /* in the bodies list */
    int alias;       /* in the bodies list's aliases (gz_list.a): the form the name was read as */
    int contiguous;  /* on each line its pieces are consecutive words of that alias (a cell's line) */
    const char *rule; /* for sources: "columns.leftover", or "columns.prior" when read by the prior */
    sg_span sp;      /* from its first to its last matched token (other columns may lie between) */
    double score;
    sg_span piece[XC_MAX_PIECES]; /* the tokens it was read from, in text order */
    int npiece;
} xc_body;

typedef struct xc_result {
    xc_body lead[XC_MAX_BODIES], support[XC_MAX_BODIES];
    int nlead, nsupport;
    int deadline_entry;  /* in the deadlines list, -1 when none */
    int deadline_year;   /* for "Năm 2022" (entry -1, year > 0) */
    sg_span deadline_sp;
} xc_result;

void xc_vocab_build(xc_vocab *v, const gz_list *const *lists, size_t nlists);
void xc_vocab_free(xc_vocab *v);

/* The prose width of a document, in characters: lines longer than this by a margin carry leftovers. */
int xc_width(const sg_doc *d);

/* Finds leftover bodies and deadline in the block [a,b) of an item.  Returns 1 when anything was found. */
int xc_item(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
            const gz_list *deadlines, xc_result *out);

/* ---- the per-document prior ----
 * Every item's leftovers are read first (xc_item).  The bodies read as leads (not groups) whose pieces keep
 * their alias's word order on each line are the document's lead forms, and the items whose lead was read
 * left of their support on the same line say where the lead column stands.  Then an item without a lead
 * whose support was read gets its lead column read again, against those forms only: the tokens just
 * left of the support's first piece on its line must, all of them, read as the first words of one form in
 * order (a token within edit distance of its word, or damaged inside but keeping the word's first and last
 * letters, "Hizlrllh" for "Hành"), at least two words with one of them read, and no other form may read
 * them as well.  The work is the first reading's plus, per item without a lead, a few short alignments. */
typedef struct xc_doc {
    int read;              /* xc_doc_item has read the tree */
    size_t n;              /* items */
    xc_result **res;       /* per item: what was found (NULL: nothing, or not read) */
    unsigned char *done;   /* per item: read */
    size_t nforms;         /* lead forms the document wrote (aliases, one per key) */
    int *forms;
    int layout;            /* items whose lead was read left of their support on one line, less those right */
    int nprior;            /* leads the prior read */
    int nprior_support;    /* supports the prior took from weak reads (xc_weak) */
} xc_doc;

/* Items whose leads it takes as the document's own: a form needs one read at least, the layout this many
 * more items with the lead left of the support than right of it. */
#define XC_PRIOR_LAYOUT 2

/* Reads the leftovers of blocks[0..n) of one document (a block with b <= a is not read), then the lead
 * column again with the document's prior.  x is zeroed first; free with xc_doc_free. */
void xc_doc_read(xc_doc *x, const sg_doc *d, const sg_span *blocks, size_t n, int width, const xc_vocab *v,
                 const gz_list *bodies, const gz_list *deadlines);
/* What was found for block i (as xc_item: 1 when anything was). */
int xc_doc_get(const xc_doc *x, size_t i, xc_result *out);
/* xc_item for item idx of tree t, with the prior of the document: the first call reads every prose item of
 * the tree (SG_ITEM, not from a table read cell by cell, not repeated by a table row's code: those
 * extract_doc.c stores); an item not read then is read alone.  x starts zeroed. */
int xc_doc_item(xc_doc *x, const sg_doc *d, const sg_tree *t, size_t idx, int width, const xc_vocab *v,
                const gz_list *bodies, const gz_list *deadlines, xc_result *out);
void xc_doc_free(xc_doc *x);

/* Similarity of two tokens: 1 - edit distance / longer length; 0 when either is empty, and (cheaply
 * bounded) whenever it would be under 0.5, the lowest threshold the matching uses. */
double xc_sim(const char *a, size_t na, const char *b, size_t nb);

#endif
