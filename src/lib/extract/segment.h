/* extract/segment.h (prefix sg_) — a document as extract sees it (its lines joined, folded once, with a map
 * back), and its segmentation into a hierarchy of items: roman sections, numbered items (1., 1.2., 1.2.3),
 * table rows (one tab-led line per cell, as born-digital exports write them) and agency group headings.
 *
 * Lettered parts (a), b)) and bullets (-, +) stay inside their item: the labels they carry ("Mục tiêu:",
 * "Đơn vị chủ trì:") are what fields.c and extract_doc.c slice an item's body by. */
#ifndef PARPLAN_SEGMENT_H
#define PARPLAN_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "match/gazetteer.h"
#include "match/rules.h"
#include "core/strbuf.h"

typedef struct sg_line {
    size_t o0, o1;  /* original bytes in doc->text (without the newline) */
    size_t f0, f1;  /* folded bytes in doc->f */
    int page, number;
    double conf;    /* OCR confidence of the line, < 0 for text inputs */
    int trow;       /* 1 + index into doc->trows when the line is a table row read cell by cell, else 0 */
} sg_line;

struct sg_table;
struct sg_trow;

typedef struct sg_doc {
    strbuf text;     /* original lines joined with '\n' */
    strbuf f;        /* folded lines joined with '\n' */
    size_t *fmap;    /* fmap[i] = offset in text of folded byte i; fmap[f.len] = text.len */
    size_t fmap_alloc;
    sg_line *lines;
    size_t n, alloc;
    /* tables parplan-ocr read cell by cell (extract_table.h), set before sg_segment; none for text */
    const struct sg_table *ttables;
    size_t nttables;
    const struct sg_trow *trows;
    size_t ntrows;
} sg_doc;

typedef struct sg_span {
    size_t a, b;     /* folded offsets */
} sg_span;

enum { SG_SECTION = 1, SG_ITEM = 2, SG_ROW = 3 };
#define SG_MAX_CELLS 10

typedef struct sg_item {
    int kind;
    int level;       /* 0 roman section, 1 for "1.", 2 for "1.2." ... */
    int parent;      /* index in the tree, -1 at the top */
    char code[40];
    int inferred;    /* the code was missing in the text and inferred from its neighbours */
    sg_span title, body;
    int line0;       /* first line (index into doc->lines) */
    int group;       /* gazetteer entry when the heading names a body (agency group), else -1 */
    int ncells;
    sg_span cells[SG_MAX_CELLS];
    int table;       /* rows: index into sg_tree.tables when the table has a header row, else -1 */
    int celled;      /* made from a table row read cell by cell (sg_trow): cells are the whole item */
} sg_item;

/* A table whose header row was recognised (header.* rules): the role of each column, NULL when unknown.
 * Roles: "code", "title", "target", "monitor", "lead", "support", "deadline", "product". */
typedef struct sg_table {
    int ncols;
    const char *role[SG_MAX_CELLS];
} sg_table;

/* A row of a table parplan-ocr read cell by cell (its `tables` / `cells` rows), stored as one line of
 * the page with its cells joined by TABs.  Such a line is never read as prose: a header row makes no
 * item, a group row (one cell across the table: "1. CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH", "II. …") a section or
 * numbered item, a body row an SG_ROW item whose cells are cells[] (cells[0] the code, cells[1] the
 * title, the others with the roles of doc->ttables[table]; an empty span where the row has none). */
enum { SG_TROW_HEADER = 1, SG_TROW_GROUP = 2, SG_TROW_BODY = 3 };
typedef struct sg_trow {
    int kind;
    int line;        /* index into doc->lines */
    int table;       /* index into doc->ttables */
    int ncells;
    sg_span cells[SG_MAX_CELLS];
} sg_trow;

typedef struct sg_tree {
    sg_item *v;
    size_t n, alloc;
    int has_table;
    sg_table *tables;
    size_t ntables, tables_alloc;
} sg_tree;

void sg_doc_init(sg_doc *d);
/* Appends one line (original bytes); -1 when it is not valid UTF-8. */
int sg_doc_add_line(sg_doc *d, const char *s, size_t n, int page, int number, double conf);
/* The same in two steps, for a whole document: sg_doc_append keeps each line's original bytes, then
 * sg_doc_fold folds them all in one pass (one call instead of one per line).  A document is built
 * either way, not both.  sg_doc_fold returns 0, or -1 when a line is not valid UTF-8 and sets *bad to
 * its index. */
void sg_doc_append(sg_doc *d, const char *s, size_t n, int page, int number, double conf);
int sg_doc_fold(sg_doc *d, size_t *bad);
void sg_doc_free(sg_doc *d);
/* Index of the line holding folded offset f. */
size_t sg_line_at(const sg_doc *d, size_t f);
/* The first folded offset k in [from, to) whose byte was made from original offset o or later (to when
 * none): map is a fold map (non-decreasing), searched by galloping from `from`. */
size_t sg_fold_at(const size_t *map, size_t from, size_t to, size_t o);
/* Original span of a folded span. */
void sg_orig(const sg_doc *d, sg_span s, size_t *o0, size_t *o1);
/* Trims white space (and no-break spaces) off a folded span. */
sg_span sg_trim(const sg_doc *d, sg_span s);

/* Runs the rules of `field` on line i alone (^ and $ at its ends); offsets come back in folded-document
 * coordinates.  1 found, 0 none, -1 the match gave up (rl_exec). */
int sg_line_rule(const sg_doc *d, rl_set *rules, const char *field, size_t i, rl_match *m);
/* A line that opens with a list marker ("- ", "+ ", "a) "; the heading.bullet and heading.letter rules):
 * sets *marker to the folded offset of the marker and *text to where the text after it starts, and
 * returns 1; 0 when the line has none. */
int sg_line_marker(const sg_doc *d, rl_set *rules, size_t i, size_t *marker, size_t *text);
/* Line i holds a label (label.* rules) at its start, or right after its list marker. */
int sg_line_is_label(const sg_doc *d, rl_set *rules, size_t i);
int sg_segment(const sg_doc *d, rl_set *rules, const gz_list *bodies, sg_tree *out, pp_err *e);
void sg_tree_free(sg_tree *t);

#endif
