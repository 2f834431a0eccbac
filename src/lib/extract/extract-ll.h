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
    int colon_labels; /* bit k: every rule of label field k holds a colon, searched near colons only
                         (ex_labels); -1 until known */
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
/* ex_all on each of win[0..nwin) in turn (disjoint, in text order: what matches inside one window is
 * found in the same order as by ex_all over the whole). */
size_t ex_all_in(ex_doc *x, const char *field, const sg_span *win, size_t nwin, ex_hit *out, size_t max, size_t n);
/* The parts of `in` from `before` lines above to `after` lines below each line holding one of the bytes
 * of `bytes` (NUL-terminated), merged where they touch, in text order; how many (<= max; past max the last
 * runs to in's end).  A rule whose every match holds such a byte and lies within those lines of it finds
 * in them what it finds in the whole of `in`, with less to scan. */
size_t ex_windows(ex_doc *x, sg_span in, const char *bytes, size_t before, size_t after, sg_span *win, size_t max);
/* Where a search of `in` for a rule whose every match ends at most `tail` bytes past a byte c may stop:
 * tail bytes past the last c in `in` (moved on to a character's start, so that a match never sees half a
 * character), or in.a when `in` holds no c; never past in.b. */
#define EX_LABEL_TAIL 2 /* a label's "**" or "__" after its colon (rules/README.md) */
size_t ex_past_last(ex_doc *x, sg_span in, char c, size_t tail);
/* rl_first over windows: the rules of field in priority order, each tried in every window in turn; the
 * first match wins (as rl_first over the whole, when every match lies inside a window). */
int ex_first_in(ex_doc *x, const char *field, const sg_span *win, size_t nwin, rl_match *m);

static inline void ex_rows_text(dbrows *q, const char *s)
{
    dbrows_text(q, s, s ? strlen(s) : 0);
}

/* -- extract_doc_labels.c: an item's body sliced by its labels -- */

/* R_EXEC: "Đơn vị thực hiện:" (a label.lead match with the group exec), folded into R_LEAD (or R_SUPPORT
 * beside a "chủ trì" label) by ex_labels */
enum { R_TARGET, R_TASK, R_LEAD, R_SUPPORT, R_MONITOR, R_DEADLINE, R_PRODUCT, R_RESP, R_EXEC, R_N };

/* The spans a label (or a table column) of one role gave an item, at most four, with the rule of each. */
typedef struct ex_region {
    sg_span sp[4];
    int n;
    const char *rule[4];
} ex_region;

/* 1 when the document names bodies with a "Chủ trì:" / "phối hợp:" label anywhere (worked out once). */
int ex_labelled(ex_doc *x);
/* Slices body into labelled regions (reg[role], zeroed by the caller); returns the end of the unlabelled
 * lead-in (body.b when there is no label).  A value region (bodies, deadline, product) ends at the next
 * label, or at a blank line or a sentence's end at a line's end (what follows is the next task's text);
 * R_EXEC comes back empty, its regions moved to R_LEAD or R_SUPPORT. */
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

/* Splits a region into at most max bodies: on ';' and on line breaks (in prose, `prose` != 0, only those
 * before a list marker: other breaks wrap a name), then on ',' and 'và' between separate bodies (before a
 * known name or one a body.head rule says starts a name; never inside a known name). */
size_t ex_bodies(ex_doc *x, sg_span s, int prose, ex_body *out, size_t max);
/* The id of body `name` in the document's province, added to `bodies` (known or not) when new. */
int ex_body_id(ex_doc *x, const char *name, int known, int64_t *id);
/* Queues one item_bodies row. */
void ex_item_body(ex_doc *x, int64_t item_id, const char *role, int seq, int64_t body_id, const char *text);
/* Writes the bodies b[0..n) (or the bodies read from table leftovers) of an item in `role`, numbering them
 * from *seq on, with their sources. */
int ex_store_bodies(ex_doc *x, int64_t item_id, const char *role, const ex_body *b, size_t n, int *seq);
int ex_store_leftovers(ex_doc *x, int64_t item_id, const char *role, const xc_body *b, int n, int *seq);

/* -- extract_doc_header.c: the document fields -- */

enum { D_KIND, D_NUMBER, D_DATE, D_ISSUER, D_PROVINCE, D_TITLE, D_PERIOD, D_NUMBER_NOTE, D_N };

typedef struct ex_docf {
    char *v[D_N]; /* kind number date issuer province title period number_note (owned; NULL when not found;
                   * number_note "handwritten": "Số:" printed, the number blank or unreadable) */
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

/* -- extract_doc_header_boxes.c: word boxes of an OCR'd header line -- */

/* 1 when the number on line i (an OCR'd page's, the line starting with "Số:") was read from a hand's ink
 * rather than print: a word of digits of its own between "Số:" and the symbol has an OCR confidence below
 * the print's.  0 when not, or when
 * the line has no word boxes (a text input); -1 when they cannot be read (the caller judges by the text
 * alone; nothing is set in x->e, the words table being only evidence here). */
int ex_number_inked(ex_doc *x, size_t i);

/* (end of the extract_doc section) */




/* ==== columns left in the text (extract_cols*.c) ====================================================== */

/* The files of extract_cols.h, one purpose each:
 *   extract_cols.c          one item: its leftovers read, deadlines then bodies taken best first, the lead
 *                           and supports chosen (xc_item, xc_item_t);
 *   extract_cols_vocab.c    the run's vocabulary of name words and pairs, names split into words, xc_sim;
 *   extract_cols_leftover.c which words of an item's lines are leftovers of other columns (xc_line);
 *   extract_cols_cache.c    similarities of the leftover tokens to the vocabulary: the run's memo of
 *                           strings, the item's table (xc_cache), strings without an id (xc_loose);
 *   extract_cols_align.c    one name aligned on the tokens by dynamic programming (xc_align);
 *   extract_cols_prior.c    the per-document prior (xc_doc_*). */

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/strmap.h"
#include "core/strsim.h"
#include "extract/extract_cols.h"

#define XC_MAX_TOK 160
#define XC_TOKLEN 32
#define XC_TOKEN_SIM 0.5  /* a name token matches a leftover token at or above this */
#define XC_WORD_SIM 0.6   /* a leftover word is name-like at or above this */
#define XC_ACCEPT 0.6     /* a name is found when this share of its letters matched */
#define XC_EXACT_OTHER 0.8 /* a token that is a name word matches another word only this well */
#define XC_SUPPORT 0.8    /* ... and a second non-group body when this share did */
/* A lead needs this many letters read: a short name or abbreviation matched loosely ("Ehong Toh" for
 * "Phòng HC-TC") is too little evidence, two damaged words match some short name by chance. */
#define XC_LEAD_LETTERS 8.0

/* A leftover token of an item: a word of its block, in text order (an item keeps at most XC_MAX_TOK). */
typedef struct xc_tok {
    size_t a, b;  /* folded offsets */
    int line, seg; /* seg: '|'-separated part of the line */
    int used;
} xc_tok;

/* A set of token indexes (< XC_MAX_TOK), one bit each. */
#define XC_BITW ((XC_MAX_TOK + 63) / 64)
typedef unsigned long long xc_bits[XC_BITW];

/* A name aligned on the tokens (xc_align), a candidate for xc_take. */
typedef struct xc_cand {
    int entry, list; /* list 0 bodies, 1 deadlines, 2 year */
    double score;
    size_t letters;
    int tok[XC_MAX_NAME * 2]; /* back to front, as the traceback collects them */
    unsigned char wlo[XC_MAX_NAME * 2], whi[XC_MAX_NAME * 2]; /* name words tok[k] stands for */
    int ntok;
    int year;
    int alias; /* in the list's aliases */
} xc_cand;

/* ---- token similarity (inline: the vocabulary, the memo and the loose strings compare in loops) ---- */

static inline int xc_bucket(unsigned char c)
{
    if (c >= 'a' && c <= 'z')
        return c - 'a';
    if (c >= '0' && c <= '9')
        return 26 + (c - '0');
    return c >= 0x80 ? 36 : 37;
}

static inline void xc_hist_of(const char *s, size_t n, unsigned char *h)
{
    memset(h, 0, XC_NHIST);
    for (size_t i = 0; i < n; i++)
        h[xc_bucket((unsigned char)s[i])]++;
}

/* Letters two histograms have in common: the sum of the smaller counts. */
static inline unsigned xc_common(const unsigned char *ha, const unsigned char *hb)
{
#ifdef __SSE2__
    __m128i acc = _mm_setzero_si128();
    for (int c = 0; c < XC_NHIST; c += 16) {
        __m128i x = _mm_min_epu8(_mm_loadu_si128((const __m128i *)(const void *)(ha + c)),
                                 _mm_loadu_si128((const __m128i *)(const void *)(hb + c)));
        acc = _mm_add_epi64(acc, _mm_sad_epu8(x, _mm_setzero_si128()));
    }
    return (unsigned)_mm_cvtsi128_si32(acc) + (unsigned)_mm_cvtsi128_si32(_mm_srli_si128(acc, 8));
#else
    unsigned common = 0;
    for (int c = 0; c < XC_NHIST; c++)
        common += ha[c] < hb[c] ? ha[c] : hb[c];
    return common;
#endif
}

/* xc_sim with the letter histograms of both strings given (xc_hist_of).  Non-ASCII bytes share a
 * bucket, so the count of common letters is an upper bound, and the bound it gives on the distance a
 * lower one: pairs it lets through are measured exactly. */
static inline double xc_sim_h(const char *a, size_t na, const unsigned char *ha, const char *b, size_t nb,
                              const unsigned char *hb)
{
    if (!na || !nb || na > XC_TOKLEN || nb > XC_TOKLEN)
        return 0;
    size_t m = na > nb ? na : nb;
    /* the length difference alone keeps most pairs under the lowest threshold used (0.5) */
    if (2 * (na > nb ? na - nb : nb - na) > m)
        return 0;
    /* nor can pairs that share too few letters: the distance is at least the longer length less the
     * letters the two have in common (counted with multiplicity) */
    if (2 * xc_common(ha, hb) < m)
        return 0;
    /* a common prefix and suffix do not change the distance: measure what lies between */
    size_t p = 0, ea = na, eb = nb;
    while (p < na && p < nb && a[p] == b[p])
        p++;
    while (ea > p && eb > p && a[ea - 1] == b[eb - 1]) {
        ea--;
        eb--;
    }
    size_t rows[2 * (XC_TOKLEN + 1)];
    double v = 1.0 - (double)strsim_distance(a + p, ea - p, b + p, eb - p, rows) / (double)m;
    return v < XC_TOKEN_SIM ? 0 : v;
}

/* ---- the vocabulary (extract_cols_vocab.c) ---- */

/* Splits an alias key into words with their vocabulary ids (at most XC_MAX_NAME words; x is cleared). */
void xc_name_make(const xc_vocab *v, const char *key, xc_name *x);

/* ---- leftovers (extract_cols_leftover.c) ---- */

/* Appends the leftover tokens of line li of d, clipped to the folded span [a,b), to t[0..n) (at most
 * XC_MAX_TOK in all) and returns the new count. */
size_t xc_line(const sg_doc *d, size_t li, size_t a, size_t b, int width, const xc_vocab *v, xc_tok *t, size_t n);
/* OCR debris: one or two characters, or letters mixed with digits ("c4c", "46", "T0"). */
int xc_debris(const char *s, size_t n);

/* ---- similarities of the tokens to the vocabulary (extract_cols_cache.c) ---- */

/* The run's memo (xc_vocab.memo): created by xc_vocab_build, freed by xc_vocab_free. */
struct xc_memo *xc_memo_new(void);
void xc_memo_free(struct xc_memo *mm);
/* The memo's buffer of n candidates (xc_take's alignments, one per alias), kept for the run. */
xc_cand *xc_memo_cands(struct xc_memo *mm, size_t n);

/* Similarities of name words to the leftover tokens of one item, computed once: every alias of every
 * list is aligned on the same tokens (and aligned again as tokens are taken), and most name words recur
 * across aliases ("phong", "so", "tinh").  Rows are vocabulary words (or pairs), columns tokens; values
 * under the threshold they are used with are 0.  The best of every row bounds what an alias can score,
 * so most aliases are never aligned. */
typedef struct xc_cache {
    const xc_vocab *v;
    const sg_doc *d;
    size_t m;
    double *one;   /* the word against token j (>= XC_TOKEN_SIM) */
    double *split; /* the word against tokens j-1 and j read as one (>= XC_WORD_SIM) */
    double *join;  /* two adjacent words of a name (a pair of xc_vocab) against token j (>= XC_WORD_SIM) */
    double *bw;    /* per word: its best one or split similarity */
    double *bp;    /* per pair: its best join similarity */
    /* the tokens whose one or split entry is not 0, per word; whose join entry is not 0, per pair: the
     * alignment looks only at those (and the rest of a row is the best of the cells before it) */
    xc_bits *wmask, *pmask;
    xc_bits free;  /* the tokens not used (xc_take keeps it) */
    /* the tokens of each length, and those that make that length with the token before on their line: a
     * word without an id is compared (xc_sim) only with the tokens its length may match */
    xc_bits bylen[XC_TOKLEN + 1], bysplit[XC_TOKLEN + 1];
} xc_cache;

/* Fills the cache of the tokens t[0..cc->m) (cc->v, cc->d and cc->m set, the rest zeroed); its table is
 * the memo's, so one item's cache is filled at a time, and released before the next. */
void xc_cache_fill(xc_cache *cc, const xc_tok *t);
/* Zeroes what xc_cache_fill wrote, for the next item. */
void xc_cache_release(xc_cache *cc);

/* A string without an id: its similarities to the item's tokens (xc_loose_of). */
typedef struct xc_loose {
    char s[XC_TOKLEN];
    size_t n;
    int word;                 /* a name word (one and split), else two words run together (one: join) */
    double one[XC_MAX_TOK];   /* xc_sim of the string and token j, as xc_cell would compute it */
    double split[XC_MAX_TOK]; /* ... and tokens j-1 and j read as one (words) */
    xc_bits live;             /* the tokens where either is not 0 */
} xc_loose;

/* The tokens a string of n letters may be similar to (xc_sim is 0 for lengths too far apart), read
 * alone, or also with the token before (`split`), into out. */
void xc_len_live(const xc_cache *cc, size_t n, int split, xc_bits out);
/* The similarities of s[0..n) (a name word when `word`, else a pair run together) to the tokens t of the
 * item, kept for the item; NULL when the memo keeps as many strings as it may already (then compare the
 * strings cell by cell) or n > XC_TOKLEN. */
const xc_loose *xc_loose_of(const xc_cache *cc, const xc_tok *t, const char *s, size_t n, int word);

/* ---- alignment (extract_cols_align.c) ---- */

/* Aligns alias i of g (nm its words) on the free tokens of cc into c, unless its bound says it cannot be
 * accepted (then c->score is 0).  `list` is stored in c (0 bodies, 1 deadlines). */
void xc_cand_align(xc_cache *cc, const xc_tok *t, const gz_list *g, const xc_name *nm, size_t i, int list,
                   xc_cand *c);

/* ---- one item (extract_cols.c) ---- */

/* A group of bodies ("Các sở, ban, ngành"), by its canonical name. */
int xc_group(const gz_list *g, int entry);
/* Bodies an item read too loosely to be a support on their own (XC_ACCEPT <= share < XC_SUPPORT): the
 * per-document prior takes one when the document's other items read the same body well. */
#define XC_MAX_WEAK 2
typedef struct xc_weak {
    xc_body b[XC_MAX_WEAK];
    int n;
} xc_weak;

/* xc_item on the token buffer t (XC_MAX_TOK), which keeps the item's leftover tokens, *mout of them, with
 * the ones taken marked used: the per-document prior reads the lead column again on them.  weak (may be
 * NULL) receives the supports given up for a low share; their tokens stay free. */
int xc_item_t(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
              const gz_list *deadlines, xc_result *out, xc_tok *t, size_t *mout, xc_weak *weak);

/* (end of the extract_cols section) */




/* ==== the folded document and its segmentation (segment*.c) ============================================ */

/* The files: segment_doc.c the document model of segment_doc.h (lines joined, folded once, the map back);
 * segment.c the segmenter of segment.h.  They share nothing beyond those public headers. */

/* (end of the segment section) */

#endif
