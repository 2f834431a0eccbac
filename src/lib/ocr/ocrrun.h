/* ocr/ocrrun.h (prefix ocr_) — the OCR stage's work loop: turns a list of input files into loaded documents.
 *
 * Documents are prepared in input order by the calling thread (hash, skip check, format, page count);
 * their pages go onto one queue served by N workers, each with its own Tesseract engine, so all cores
 * stay busy whether the input is one long PDF or many one-page scans.  Finished documents are written
 * in input order, one transaction each, by the calling thread, which owns the write connection; the
 * write, a failed document's record and the runs row are db/docrun.h's, as in the other stages. */
#ifndef PARPLAN_OCRRUN_H
#define PARPLAN_OCRRUN_H

#include <stdio.h>

#include "core/err.h"
#include "core/strvec.h"

/* The default models, chosen by measurement on the real laocai pages (CER page 1 / page 2, automatic
 * segmentation, gray page): vie 1.46 % / 0.93 %, Vietnamese (Debian tesseract-ocr-script-viet) 1.25 % /
 * 0.84 %, vie+Vietnamese 1.14 % / 0.75 %; the aged samples 6, 6 and 3 errors in 5,383 characters.  The
 * pair costs about 1.3x the time of vie alone per page.  Without the script model, vie alone. */
#define PP_OCR_LANG "vie+Vietnamese"
#define PP_OCR_LANG_FALLBACK "vie"

/* What a PDF page's own text layer is used for (scan/pdftext.h), as OCRmyPDF's --skip-text, --redo-ocr and
 * --force-ocr: a usable layer is read instead of recognising the page; with REDO a layer lying over a
 * page-sized scan (a previous OCR's) is recognised again; with FORCE every page is recognised. */
enum ocr_pdf_text { OCR_PDF_SKIP = 0, OCR_PDF_REDO, OCR_PDF_FORCE };

typedef struct pp_ocr_opts {
    const char *db_path;   /* NULL: write no database (text to text_out only) */
    int jobs;              /* OCR workers */
    int force;             /* reload documents and re-OCR pages even when unchanged */
    const char *lang;      /* Tesseract models, PP_OCR_LANG unless the user chose */
    const char *lang_fallback; /* models to read with, with a warning, when `lang` is missing; NULL: fail */
    const char *tessdata;  /* NULL: Tesseract's default */
    const char *rules_dir; /* holds columns.rules (table headings); the program decides where it is */
    long max_pixels;       /* per page */
    enum ocr_pdf_text pdf_text; /* PDF text layers: read (default), redo OCR layers, or force OCR */
    int pageset;           /* an input naming a page set (scan/pageset.h) is one document of its pages */
    FILE *text_out;        /* -o: recognised text, pages separated by form feeds, documents by newlines */
    const char *options;   /* command line, for the runs table */
    int progress;          /* show progress on stderr (core/progress.h) */
    int verbose;           /* a line per document (loaded, unchanged, duplicate) */
} pp_ocr_opts;

typedef struct pp_ocr_stats {
    int loaded, skipped, failed;
    int duplicates;        /* inputs with the content of an earlier input of the run (counted in skipped too) */
    int pages, pages_ocr, pages_reused;
    int fail_code;         /* the code shared by every failure, PP_EXIT_FAILED when they differ */
    strvec failures;       /* one message per failed document, for the summary (caller frees) */
} pp_ocr_stats;

/* Returns PP_OK when the run completed (individual documents may have failed: see stats), or the code
 * of a fatal error (database unusable, model missing) with the message in `e`. */
int ocr_run(const pp_ocr_opts *o, char *const *inputs, size_t ninputs, pp_ocr_stats *stats, pp_err *e);

#endif
