/* scan/office.h (prefix od_) — word-processor documents (DOCX, ODT, legacy Word .doc) as data: a body of
 * paragraphs and tables, each paragraph a list of runs that keep the characters exactly as the file
 * stores them and the name of the font they are set in.  No decoding happens here: a run in .VnTime
 * holds TCVN3 bytes as the code points U+0080..U+00FF Word stored them as, and the loading stage
 * (ocr/officepage.h) decodes it by font with text/encodings.h, which this layer may not include.
 *
 * Readers: office_docx.c (DOCX), office_odt.c (ODT), office_doc.c (.doc through antiword); the ZIP
 * containers are opened by office_zip.c, which refuses bombs, macros and encryption before anything is
 * inflated.  Every refusal is a pp_err naming the file (exit 3, or 8 for a resource limit). */
#ifndef PARPLAN_SCAN_OFFICE_H
#define PARPLAN_SCAN_OFFICE_H

#include <stddef.h>

#include "core/err.h"

enum od_kind { OD_DOCX, OD_ODT, OD_DOC };

/* Limits of what is inflated or read: a DOCX of a 300-page plan is a few MiB of XML. */
#define OD_MAX_ENTRY_BYTES (64L << 20)   /* one part, uncompressed */
#define OD_MAX_TOTAL_BYTES (256L << 20)  /* every part together, as declared */
#define OD_MAX_RATIO 100                 /* uncompressed / compressed of a part over 1 MiB */
#define OD_MAX_ENTRIES 10000
#define OD_MAX_CELLS 200000              /* cells of one table (rows x columns of its grid) */

typedef struct od_run {
    char *text;   /* UTF-8, as stored (legacy-font bytes as U+00xx), owned */
    size_t len;
    char *font;   /* the run's font family, NULL when the file names none (owned) */
} od_run;

typedef struct od_para {
    od_run *runs;
    size_t nruns, aruns;
    int page_break;   /* a page break comes before this paragraph */
} od_para;

typedef struct od_cell {
    int row, col, rowspan, colspan;
    od_para *paras;   /* its paragraphs (nested tables flattened to paragraphs) */
    size_t nparas, aparas;
} od_cell;

typedef struct od_table {
    int nrows, ncols;
    int *colw;        /* ncols widths in twentieths of a point (DOCX grid), 0 when unknown */
    od_cell *cells;   /* row-major order of their top-left corners */
    size_t ncells, acells;
} od_table;

/* One block of the body: a paragraph, or (table != NULL) a table. */
typedef struct od_block {
    od_para para;
    od_table *table;
} od_block;

typedef struct od_doc {
    enum od_kind kind;
    od_block *blocks;
    size_t nblocks, ablocks;
} od_doc;

/* The kind of an office file from its first bytes: OD_DOCX for any ZIP (DOCX or ODT is told apart by
 * od_load, which opens it), OD_DOC for an OLE2 compound file; -1 for anything else. */
int od_sniff(const unsigned char *head, size_t n);
/* Reads the document at `path` (already sniffed as `kind`).  On success fills *doc (od_free it). */
int od_load(const char *path, int kind, od_doc *doc, pp_err *e);
void od_free(od_doc *doc);
const char *od_kind_name(int kind); /* "docx", "odt", "doc" */

/* Building blocks shared by the readers. */
od_para *od_add_para(od_doc *d);
od_table *od_add_table(od_doc *d);
od_run *od_para_add_run(od_para *p, const char *text, size_t len, const char *font);
od_cell *od_table_add_cell(od_table *t, int row, int col, int colspan);
od_para *od_cell_add_para(od_cell *c);
void od_para_free(od_para *p);
/* Appends a paragraph's runs to cell `c` as one new paragraph (nested tables, flattened). */
void od_cell_take_para(od_cell *c, od_para *p);

/* office_doc.c: a legacy Word file through antiword (OLE2 streams checked first). */
int od_doc_load(const char *path, od_doc *doc, pp_err *e);
/* office_docx.c / office_odt.c: the parts of an opened ZIP container. */
struct oz_zip;
int od_docx_load(struct oz_zip *z, const char *path, od_doc *doc, pp_err *e);
int od_odt_load(struct oz_zip *z, const char *path, od_doc *doc, pp_err *e);

#endif
