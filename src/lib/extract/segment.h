/* extract/segment.h (prefix sg_) — a document as extract sees it (segment_doc.h: its lines joined, folded
 * once, with a map back), and its segmentation into a hierarchy of items: roman sections, numbered items
 * (1., 1.2., 1.2.3, of any length and depth), table rows (one tab-led line per cell, as born-digital
 * exports write them; tables written as text: cells between '|' lines, TAB-separated rows, fixed-width
 * columns via sg_relayout) and agency group headings.  A row under a table's group row is coded by its
 * path ("I.1"), its printed code kept (sg_item.printed).  Sections whose title says they hold no tasks
 * (section.notask) and the text after the signature (closing.line) give no items.
 *
 * Lettered parts (a), b)) and bullets (-, +) stay inside their item: the labels they carry ("Mục tiêu:",
 * "Đơn vị chủ trì:") are what fields.c and extract_doc.c slice an item's body by.  Only a heading whose
 * text holds several blocks of responsibility labels, each after its own bullets, is split: each block
 * is an item lettered under it (4.a, 4.b, inferred), the heading a section. */
#ifndef PARPLAN_SEGMENT_H
#define PARPLAN_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "extract/segment_doc.h"
#include "match/gazetteer.h"
#include "match/rules.h"

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
    int tgroup;      /* a table's group row (one cell across): the rows under it take its code as a path */
    char printed[40]; /* the code as printed when code is a path made from it ("1" of "I.1"), else "" */
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

/* Runs the rules of `field` on line i alone (^ and $ at its ends); offsets come back in folded-document
 * coordinates.  1 found, 0 none, -1 the match gave up (rl_exec). */
int sg_line_rule(const sg_doc *d, rl_set *rules, const char *field, size_t i, rl_match *m);
/* The same, anchored at the line's start or not (anchored 0: anywhere in the line, still the line alone). */
int sg_line_match(const sg_doc *d, rl_set *rules, const char *field, size_t i, int anchored, rl_match *m);
/* A line that opens with a list marker ("- ", "+ ", "a) "; the heading.bullet and heading.letter rules):
 * sets *marker to the folded offset of the marker and *text to where the text after it starts, and
 * returns 1; 0 when the line has none. */
int sg_line_marker(const sg_doc *d, rl_set *rules, size_t i, size_t *marker, size_t *text);
/* Line i holds a label (label.* rules) at its start, or right after its list marker. */
int sg_line_is_label(const sg_doc *d, rl_set *rules, size_t i);
/* Rewrites the tables of a text document laid out in fixed-width columns (cells separated by runs of
 * spaces, wrapped onto following lines under their columns; the header row named by the header.* rules,
 * STT first) as one line per row with TAB-separated cells, each cell its pieces joined, so that a cell
 * is one span of the text; the lines keep the page and number of the line each row starts on.  Other
 * lines stay as they are.  Run before sg_segment, on a folded document without rows read cell by cell
 * (it leaves those alone).  PP_OK, or an error code (e set) when the rewritten text does not fold. */
int sg_relayout(sg_doc *d, rl_set *rules, pp_err *e);
int sg_segment(const sg_doc *d, rl_set *rules, const gz_list *bodies, sg_tree *out, pp_err *e);
void sg_tree_free(sg_tree *t);

#endif
