/* audit/audit_value.h (prefix av_) — one extracted value beside its source: a card with the field, the text
 * as read, the rule that matched, the OCR confidence, and either a crop of the page image around the value's
 * words (outlined) or, for text inputs, the source line(s) with the span highlighted.  Also finds the flags
 * of a value: low OCR confidence, and text restored or repaired by parplan-normalize. */
#ifndef PARPLAN_AUDIT_VALUE_H
#define PARPLAN_AUDIT_VALUE_H

#include <stdint.h>

#include "audit/audit_page.h"
#include "db/db.h"
#include "core/strbuf.h"

enum { AV_LOW = 1, AV_RESTORED = 2, AV_NOCROP = 4 };

typedef struct av_ctx {
    pp_db *db;
    const char *out_dir;  /* report directory; crops go to out_dir/crops */
    double low;           /* confidence below this is flagged */
    int max_width;        /* crop width limit in pixels */
    ap_pages pages;
    sqlite3_stmt *lines, *words, *restored; /* restored is NULL when normalize wrote no such flags */
    sqlite3_stmt *row_sources; /* the sources of one row on one page (av_row_area) */
    int crops, crop_failures;
    char *last_crop_error;
    /* The crops of the row whose cards are being written (report): one per page, shared by its values. */
    int64_t row_doc, row_item;
    struct av_rowcrop {
        int page, w, h, ok;
        ap_box shown; /* the part of the page the crop shows (prepared-page pixels) */
    } *rowcrops;
    int nrowcrops;
    size_t rowcap;
    const char *crop_url; /* set: cards link crops as crop_url + "s<ID>.png" and render none (av_crop does,
                           * when the page asks: parplan-audit --serve) */
} av_ctx;

/* A row of sources. */
typedef struct av_source {
    int64_t id;
    const char *field, *rule, *text;
    int page, line, line_end;
    long char_start, char_end;
    int has_conf;
    double conf;
    int in_row;   /* set by the caller: the value's crop is its row's (av_row_area), shared by the row's values */
    int64_t item; /* with in_row: the item (0: the document's own fields) */
} av_source;

/* The document the sources belong to. */
typedef struct av_doc {
    int64_t id;
    const char *source, *hash;
    int ocr; /* pages were OCR'd (crops possible) */
} av_doc;

int av_init(av_ctx *c, pp_db *db, const char *out_dir, const char *root, double low, int max_width, pp_err *e);
void av_free(av_ctx *c);
/* Appends the card of one value to sb and returns its AV_* flags (or -1 on a database error in e).
 * extra_class is added to the card's classes (e.g. "unreviewed"). */
int av_card(av_ctx *c, strbuf *sb, const av_doc *d, const av_source *s, const char *extra_class, pp_err *e);
/* Writes the crop of one value (its lines, its words outlined; with s->in_row, its row's) to png_path; *w, *h its size.  PP_EXIT_INPUT
 * when the value has no stored line or box, or the source image is missing or changed. */
int av_crop(av_ctx *c, const av_doc *d, const av_source *s, const char *png_path, int *w, int *h, pp_err *e);
/* The row of a value: every value of one item (item 0: the document's own fields) on one page.  *area is
 * the union of their lines, *marks (malloc'd, *nmarks) the boxes of their words; the area is empty
 * (x1 <= x0) when no line of theirs has a box. */
int av_row_area(av_ctx *c, const av_doc *d, int64_t item, int page, ap_box *area, ap_box **marks, int *nmarks,
                pp_err *e);
/* Fills s from a row whose columns are: id, field, rule, text, page, line, char_start, line_end,
 * char_end, confidence (the strings point into the statement's row). */
void av_source_from_row(sqlite3_stmt *st, av_source *s);

#endif
