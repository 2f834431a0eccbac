/* extract/segment_doc.h (prefix sg_) — a document as extract sees it: its lines joined into one text,
 * folded once (text/fold.h: lower case, no marks, OCR confusions mapped) into a second text the rules and
 * lists are matched on, with a map from every folded byte back to the original, so that what is found in
 * the folded text is cut out of the original as written.
 *
 * The model alone, without the rules: the segmenter (segment.h, which includes this header) reads items
 * off it, and the table reader (extract_table.h) and the leftover columns (extract_cols.h) address its
 * lines and spans.  Offsets are bytes; a span is [a, b) in folded offsets. */
#ifndef PARPLAN_SEGMENT_DOC_H
#define PARPLAN_SEGMENT_DOC_H

#include <stddef.h>

#include "core/strbuf.h"

typedef struct sg_line {
    size_t o0, o1;  /* original bytes in doc->text (without the newline) */
    size_t f0, f1;  /* folded bytes in doc->f */
    int page, number;
    double conf;    /* OCR confidence of the line, < 0 for text inputs */
    int trow;       /* 1 + index into doc->trows when the line is a table row read cell by cell, else 0 */
} sg_line;

/* A line's list marker, as sg_line_marker (segment.h) found it: sg_doc.marks. */
typedef struct sg_mark {
    unsigned char known, has; /* asked already; a marker is there */
    size_t marker, text;      /* folded offsets, when has */
} sg_mark;

/* segment.h */
struct sg_table;
struct sg_trow;

/* Lines are in text order: o0 <= o1 < the next line's o0 (a newline between), f0 <= f1 <= the next f0. */
typedef struct sg_doc {
    strbuf text;     /* original lines joined with '\n' */
    strbuf f;        /* folded lines joined with '\n' */
    size_t *fmap;    /* fmap[i] = offset in text of folded byte i; fmap[f.len] = text.len (non-decreasing) */
    size_t fmap_alloc; /* entries fmap holds (PP_GROW) */
    sg_line *lines;
    size_t n, alloc;
    /* per line, the list marker sg_line_marker (segment.h) found, remembered: the segmenter and the label
     * slicer ask of the same lines several times.  Made by sg_doc_fold for its lines (NULL otherwise:
     * nothing is remembered); nmarks lines. */
    sg_mark *marks;
    size_t nmarks;
    /* tables parplan-ocr read cell by cell (extract_table.h), set before sg_segment; none for text */
    const struct sg_table *ttables;
    size_t nttables;
    const struct sg_trow *trows;
    size_t ntrows;
} sg_doc;

typedef struct sg_span {
    size_t a, b;     /* folded offsets */
} sg_span;

/* An empty document (the same as zeroing it); sg_doc_free frees what the calls below allocate. */
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

#endif
