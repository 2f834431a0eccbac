/* scan/pdftext.h (prefix pdft_) — a PDF page's own text layer (born-digital PDFs) through Poppler's GLib API,
 * read as OCRmyPDF's --skip-text would keep it: words with boxes, lines ordered by position, and a verdict
 * on whether the layer can stand in for recognition.
 *
 * The words come from poppler_page_get_text and poppler_page_get_text_layout (one rectangle per character
 * of the text); a word is a run of characters without white space and without a gap wider than a third
 * of its height.  Lines are made by position, not by Poppler's reading order: words whose vertical
 * extents overlap by half the smaller height share a line, lines run top to bottom and words left to
 * right, and a gap wider than two character widths is kept as spaces (about one per character width), as
 * `pdftotext -layout` lays a page out, so the two blocks of a letterhead stay apart within their line.
 * Boxes are in the pixels of the page image the caller has (the frame pdf_page_image returns, in which the
 * audit draws its crops). */
#ifndef PARPLAN_PDFTEXT_H
#define PARPLAN_PDFTEXT_H

#include <leptonica/allheaders.h>

#include "core/err.h"
#include "scan/page.h"
#include "scan/pdf.h"

typedef struct pdft_stats {
    int chars;         /* characters of the layer that are not white space */
    int bad;           /* of which U+FFFD, controls, private use: a font without a usable ToUnicode map */
    int odd;           /* of which letters and signs foreign to Vietnamese text (©, ¸, ×, §, µ: a legacy
                          TCVN3/VNI font read as Latin-1) */
    double ink_cover;  /* share of the page image's dark pixels inside the layer's word boxes (0..1) */
    int over_scan;     /* the layer lies over one image covering most of the page: a previous OCR's layer */
} pdft_stats;

enum pdft_verdict {
    PDFT_USABLE,  /* real text that covers the page */
    PDFT_EMPTY,   /* no text, or too little to be a page's text (PDFT_MIN_CHARS) */
    PDFT_GARBAGE, /* mostly replacement, control or foreign characters */
    PDFT_PARTIAL  /* real text, but most of the page's ink is outside it (a scan with a stamp's text) */
};

/* Under PDFT_MIN_CHARS characters a layer is no page's text (a digital signature's line on a scan). */
#define PDFT_MIN_CHARS 20
/* The ink share a layer must cover: see pdftext.c for the measurements. */
#define PDFT_MIN_COVER 0.60

/* Reads the words of the text layer of page `index` (0-based) of the PDF at `path` (for messages) into
 * `out` (words with boxes in the pixels of `frame`, confidence 100; method "ocr", text_source "pdf"; no
 * lines yet: pdft_lines), with its statistics in *st (but ink_cover: pdft_cover).  `frame` is the page
 * image pdf_page_image gave for the page.  The areas of the page's annotations (pixels of `frame`) are
 * put in *annots (caller frees): their appearance (a signature field's typed number and date, an
 * e-signing stamp) is drawn on the page but is not in its text, so the caller recognises them.  A page
 * without text is not an error: *st says so. */
int pdft_read(pp_pdf *pdf, const char *path, int index, PIX *frame, pp_page *out, pdft_stats *st, pp_box **annots,
              size_t *nannots, pp_err *e);
/* Orders the page's first n words into lines by position (see above) and sets the lines (replacing any)
 * and the page text; the words after them stay as they are. */
void pdft_lines(pp_page *pg, size_t n);
/* The ruled tables found on the page image (scan/table_find.h) filled from the layer's words by position:
 * each word goes to the cell holding its centre, a cell's words in reading order make its text, the words
 * outside make the page's lines, and each table row is a line as well (TAB-separated cells), as a scanned
 * table's are.  The page takes the tables. */
struct pp_table;
void pdft_tables(pp_page *pg, struct pp_table *tabs, size_t nt);
/* The share of the dark pixels of `frame` inside the boxes of the page's words (grown by 2 pixels: a
 * mark over a capital reaches above the font's ascent), 1 for a page without ink. */
double pdft_cover(PIX *frame, const pp_page *pg);
/* Whether a word recognised in an annotation's area is kept: confidence 80 or more (a seal's or a
 * signature's strokes came back as "©", "ˆ", "*", "Sề" under 80 or without a letter, on the signed PDFs of
 * ../shared) and a letter or a digit in it. */
int pdft_word_ok(const char *text, float conf);
/* A word made only of the shapes digits are mistaken for (I, l, |, O, S, B) and digits: read again as a
 * number. */
int pdft_digit_like(const char *text);
/* Whether the layer read into *st can stand in for recognising the page. */
enum pdft_verdict pdft_judge(const pdft_stats *st);
const char *pdft_verdict_name(enum pdft_verdict v);

#endif
