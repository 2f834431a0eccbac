/* extract/segment-ll.h (prefix sg_) — private to the segmenter (segment.c, segment_rows.c, segment_lines.c): the state of
 * one segmentation and the helpers its files share.  Nothing else includes it. */
#ifndef PARPLAN_SEGMENT_LL_H
#define PARPLAN_SEGMENT_LL_H

#include "extract/segment.h"

typedef struct sg_ctx {
    const sg_doc *d;
    rl_set *rules;
    const gz_list *bodies;
    sg_tree *t;
    int last_top;      /* last level-1 code seen, for inferring a lost one */
    int seen_items;
    int notask;        /* in a section that holds no tasks (section.notask): its points are not items */
    int closed;        /* past the signature block (closing.line), until a table or a roman section */
    long nest_parent;  /* a list numbered from 1 again under this item (index), -1 none: segment.c */
    int nest_last;     /* the last number of that list */
    long letter_parent; /* the heading naming a body whose lettered tasks ("a) …") are its items, -1 none */
} sg_ctx;

/* The tab-led cells met before a table's first row, kept in case they are its header row. */
typedef struct sg_header {
    int n;
    sg_span cell[SG_MAX_CELLS];
} sg_header;

/* segment.c: line classification */
int sg_is_cell(const sg_doc *d, size_t i);
int sg_is_blank(const sg_doc *d, size_t i);
/* A line in capitals: at least `min` letters, 85% of them upper case (original text). */
int sg_is_caps(const sg_doc *d, size_t i, long min);
int sg_match_line(sg_ctx *c, const char *field, size_t i, rl_match *m);
/* segment_lines.c: more of what a line is.  Capitals: at least 8 letters of them (a heading). */
int sg_is_upper(const sg_doc *d, size_t i);
/* The first letter of the line is lower case (a wrapped continuation). */
int sg_starts_lower(const sg_doc *d, size_t i);
/* The line's first column (up to a run of two spaces) is short enough for a closing line, and a closing
 * rule can start on its first byte (a signature block's lines are short; a born-digital page keeps
 * "Nơi nhận:" and "TL. CHỦ TỊCH" side by side on one line). */
int sg_first_column_short(const sg_doc *d, rl_set *rules, size_t i);
/* Labels of line i with its list marker known: `marked` 1 when it has one, its text from `text` (the
 * line start tried first), 0 when it has none (the line start only), -1 the text after the marker
 * only. */
int sg_labels_from(const sg_doc *d, rl_set *rules, size_t i, const char *const *labels, int marked, size_t text);
/* Line i is a label line (sg_line_is_label with the context's rules). */
int sg_is_label(sg_ctx *c, size_t i);
/* Matches a rule of `field` on a span alone (anchored at its ends, like a line); a span over several
 * lines is matched as if its newlines were spaces (a wrapped cell). */
int sg_match_span(sg_ctx *c, const char *field, sg_span s, rl_match *m);
/* segment.c: the tree */
sg_item *sg_push(sg_ctx *c, int kind, int level, const char *code, size_t codelen, int line0);
int sg_code_level(const char *code);
/* segment_rows.c: the code after `code` at its level ("4" -> "5", "2.3" -> "2.4"), "" when it has none. */
void sg_next_code(const char *code, char *out, size_t n);
/* segment_rows.c: a heading.due match's code is the next sibling of the last item of its depth. */
int sg_code_is_due(sg_ctx *c, const rl_match *m);
/* Parent: the nearest earlier item whose code is a prefix (numbered), else the last section. */
void sg_link(sg_ctx *c, size_t idx);
/* Marks an item whose whole title names a body as an agency group heading ("II. SỞ TƯ PHÁP"). */
void sg_group(sg_ctx *c, sg_item *it);
/* Column roles of a header row by the header.* rules; a table index (sg_tree.tables) when a title and a
 * lead or target column are recognised, else -1. */
int sg_table_of(sg_ctx *c, const sg_header *h);
/* The same for a table written as text (text = 1): its first column must be the code ("STT"), and a
 * title with any other known column will do (an agency-grouped table may have no lead column). */
int sg_table_of_x(sg_ctx *c, const sg_header *h, int text);

/* segment_rows.c: an item's next siblings written on its own line after punctuation ("… quý I. 2.
 * Tổng hợp …", heading.inline, only the code due after the item's): its title ends there and they are
 * pushed after it, on the same line. */
void sg_inline_items(sg_ctx *c, size_t idx);

/* segment_rows.c: tables */
/* The roman numeral after `code` ("III" after "II"), NULL when there is none. */
const char *sg_next_roman(const char *code);
/* The item of a table row read cell by cell (sg_trow; its cells may span several lines). */
void sg_cell_row(sg_ctx *c, const sg_trow *r);
/* A table written as text starting at line i (a '|' line opening cells one per line, rows of
 * TAB-separated cells, or fixed-width columns): its rows become items; returns the number of lines it
 * took, 0 when line i starts no such table. */
size_t sg_text_table(sg_ctx *c, size_t i);
/* After segmentation: the code of a row under a table's group row is the group's path ("I" + "1" ->
 * "I.1"), the code as printed kept in sg_item.printed. */
void sg_row_paths(sg_tree *t);

#endif
