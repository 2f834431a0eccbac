/* scan/input.h (prefix input_) — what an input file is and how to get its pages.
 *
 * The format is decided by the file's first bytes, never by its name (a .txt holding a PNG is a PNG).
 * Image pages are checked against a pixel limit from their headers before anything is decoded, so a
 * decompression bomb is refused instead of exhausting memory. */
#ifndef PARPLAN_INPUT_H
#define PARPLAN_INPUT_H

#include <leptonica/allheaders.h>

#include "core/err.h"
#include "core/strvec.h"
#include "scan/tiffdir.h"

enum pp_format { FMT_TEXT, FMT_PNG, FMT_JPEG, FMT_TIFF, FMT_PDF, FMT_OTHER_IMAGE };

/* Default pixel limit per page: A3 at 600 dpi is ~70 Mpx; 150 Mpx leaves room for large-format scans. */
#define PP_DEFAULT_MAX_PIXELS 150000000L

typedef struct pp_input {
    char *path;
    enum pp_format format;
    int npages;
    long max_pixels;
    struct pp_pdf *pdf; /* FMT_PDF only */
    struct pp_input **parts; /* a page set: one input per file, their pages in turn (format: the first's) */
    int nparts;
    tiffdir tiff;       /* FMT_TIFF: each page's directory offset and declared size */
    long w, h;          /* other images: the size the header declares, which decoding must give */
} pp_input;

const char *input_format_name(enum pp_format f);
/* How many of a file's first bytes input_sniff wants (a PDF header may come after white space). */
#define PP_SNIFF_BYTES 1024
/* Detects the format from the first bytes of `head` (n bytes, up to PP_SNIFF_BYTES; n may be small or 0). */
enum pp_format input_sniff(const unsigned char *head, size_t n);
/* Opens an image/TIFF/PDF input: counts pages and checks each page header against the pixel limit. */
int input_open(const char *path, enum pp_format format, long max_pixels, pp_input **out, pp_err *e);
/* Opens the files of a page set (scan/pageset.h) as one input: images only (a PDF or a text in a set is
 * refused, PP_EXIT_INPUT), each checked as input_open checks it. */
int input_open_set(const strvec *files, long max_pixels, pp_input **out, pp_err *e);
/* Decodes page `index` (0-based). */
int input_page(pp_input *in, int index, PIX **out, pp_err *e);
void input_close(pp_input *in);

#endif
