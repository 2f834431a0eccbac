/* ocr/store.h (prefix store_) — writes what the OCR stage loaded (documents, pages, lines, words) with
 * prepared statements. The caller wraps each document in one transaction (db_begin / db_commit), so a failure
 * or a kill leaves either the whole document or none of it. */
#ifndef PARPLAN_STORE_H
#define PARPLAN_STORE_H

#include <stdint.h>

#include "db/db.h"
#include "scan/page.h"

typedef struct pp_store pp_store;

typedef struct pp_docmeta {
    const char *source;     /* as given */
    const char *source_abs; /* absolute, links resolved (documents.source_abs) */
    const char *hash;
    const char *format;
    size_t bytes;
    const char *encoding; /* text inputs, else NULL */
    int page_count;
    int64_t run_id;
} pp_docmeta;

int store_open(pp_db *db, pp_store **out, pp_err *e);
/* The OCR options that make a recognition: a scan loaded with another key is recognised again (and its
 * pages are not reused for this key).  Bump STORE_OCR_PREP_VERSION when preprocessing changes what
 * Tesseract sees.  "lang=L;tessdata=DIR;prep=N"; caller frees. */
#define STORE_OCR_PREP_VERSION 2 /* 2: colour ink read away (scan/ink.h), colour kept in PDF pages */
char *store_ocr_key(const char *lang, const char *tessdata);
/* The key lookups and inserts use from now on (default: store_ocr_key("vie", NULL)); a document whose
 * ocr_key is NULL (loaded before the column existed) counts as loaded with the default. */
void store_set_ocr_key(pp_store *st, const char *key);
void store_close(pp_store *st);
/* Looks up a loaded document by content hash (a scan: recognised with the current key): 1 found (*id
 * set), 0 not found, <0 error in e. */
int store_find_document(pp_store *st, const char *hash, int64_t *id, pp_err *e);
/* Looks up an OCR'd page by content hash (to reuse its lines and words): 1 found, 0 not, <0 error. */
int store_find_ocr_page(pp_store *st, const char *hash, int64_t *page_id, pp_err *e);
/* Deletes the document with this hash (for --force) and older versions loaded from the same absolute
 * path (source_abs: documents.source_abs, or an older row's source when it is that path). */
int store_replace_document(pp_store *st, const char *source_abs, const char *hash, pp_err *e);
int store_insert_document(pp_store *st, const pp_docmeta *m, int64_t *doc_id, pp_err *e);
/* Inserts the page with its lines and words, and its tables with their cells, columns and cell words (or
 * copies all of them from page->reuse_page_id). */
int store_insert_page(pp_store *st, int64_t doc_id, const pp_page *p, pp_err *e);
/* After every page of a document is inserted: points each table that continues one on the page before
 * (tables.continues) at that table (tables.continues_from). */
int store_link_tables(pp_store *st, int64_t doc_id, pp_err *e);
/* Fills page facts and text (not lines/words) from a stored page, for reuse of an identical page. */
int store_load_page(pp_store *st, int64_t page_id, pp_page *p, pp_err *e);
/* Reads back the stored text of every page of a document, separated by form feeds (caller frees). */
char *store_document_text(pp_store *st, int64_t doc_id, pp_err *e);

#endif
