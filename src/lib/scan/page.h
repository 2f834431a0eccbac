/* scan/page.h (prefix page_) — one page as the OCR stage produces it (from Tesseract or from a text file),
 * before it is written to the database: page facts, text, lines and words with boxes and confidences. */
#ifndef PARPLAN_PAGE_H
#define PARPLAN_PAGE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/hash.h"
#include "scan/box.h"

typedef struct pp_word {
    char *text;
    pp_box box;
    float conf; /* 0..100 */
} pp_word;

typedef struct pp_line {
    char *text;
    size_t len;
    int has_box; /* 0 for text inputs */
    pp_box box;
    float conf; /* mean of its words; unused without box */
    size_t first_word, nwords;
} pp_line;

typedef struct pp_page {
    int number;                /* 1-based */
    char hash[PP_HASH_HEX];
    const char *method;        /* "ocr" | "text" */
    int width, height, dpi;    /* 0 when unknown (text) */
    int has_skew;
    double skew;               /* degrees found and corrected */
    int has_conf;
    double conf;               /* mean word confidence */
    char *text;                /* UTF-8 page text */
    size_t text_len;
    const char *raw;           /* text inputs: original bytes of the page (not owned) */
    size_t raw_len;
    long ms;                   /* OCR time */
    char *prep;                /* image pages: preprocessing steps and models (pages.prep), owned */
    int has_orient;            /* image pages: orientation was looked for */
    int orient;                /* 0/90/180/270 degrees turned back by */
    float orient_conf;
    int orient_unsure;
    int column_mode;           /* image pages: read as a column of text, not one block (engine.c) */
    const char *text_source;   /* "ocr", "pdf" (the PDF's text layer) or "file"; NULL: from method */
    char unsure[32];           /* what preprocessing was unsure of (pages.prep_unsure), comma-separated:
                                  "skew", "ink", "layer"; "" when sure */
    pp_line *lines;
    size_t nlines, alines;
    pp_word *words;
    size_t nwords, awords;
    int64_t reuse_page_id;     /* >0: identical page already OCR'd; copy its rows */
    struct pp_table *tables;   /* ruled tables found on the page (table.h), in reading order */
    size_t ntables;
    pp_err err;
} pp_page;

pp_line *page_add_line(pp_page *p);
pp_word *page_add_word(pp_page *p);
/* Splits p->text into lines (lines_next: on \n, trailing \r dropped) without boxes: the text-input case. */
void page_lines_from_text(pp_page *p);
/* Sets p->text to its lines joined by newlines (replacing any text), so a line's text is always a slice
 * of the page text. */
void page_join_text(pp_page *p);
/* Scales the boxes of the page's lines, words and tables by `f` (boxes found on an upscaled image mapped
 * back to the page). */
void page_scale_boxes(pp_page *p, float f);
/* Adds `what` to what preprocessing was unsure of on the page (p->unsure, pages.prep_unsure). */
void page_add_unsure(pp_page *p, const char *what);
/* Swaps what was read of two readings of one page (text, lines, words, tables, confidence); the page's
 * facts (number, size, preprocessing, orientation) stay. */
void page_swap_reading(pp_page *a, pp_page *b);
/* Frees the contents (not p itself) and zeroes it. */
void page_clear(pp_page *p);

#endif
