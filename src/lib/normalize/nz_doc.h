/* normalize/nz_doc.h (prefix nz_) — normalizing one stored document: its encoding detected (or taken from
 * the options), each page and line decoded and normalized (nz_text), written to pages_norm and lines_norm
 * with their search keys in pages_fts and lines_fts, and the document's row in documents_norm.  The
 * original text (pages.text, pages.raw, lines.text) is only read. */
#ifndef PARPLAN_NZ_DOC_H
#define PARPLAN_NZ_DOC_H

#include <stdint.h>

#include "db/db.h"
#include "normalize/nz_text.h"

/* The stage's prepared statements on one connection. */
typedef struct nz_stmts nz_stmts;

int nz_stmts_open(pp_db *db, nz_stmts **out, pp_err *e);
void nz_stmts_close(nz_stmts *st); /* NULL is fine */

/* 1 when document `doc` was normalized with the options `optstr` (documents_norm.options), else 0; -1
 * with e set when the database cannot tell (a read error stops the run, as docrun.h wants). */
int nz_doc_current(nz_stmts *st, int64_t doc, const char *optstr, pp_err *e);

/* 1 when a documents.ocr_key names a Vietnamese OCR model (vie, Vietnamese, or a combination with one;
 * NULL, a document loaded before the key, counts as the default, vie), else 0.  Such a document's OCR
 * pages that carry their marks get the vie channel (NZ_CHAN_VIE). */
int nz_vie_model(const char *ocr_key);

/* Normalizes document `doc` (documents.source `source`, for messages) into the caller's transaction,
 * replacing an earlier normalization; the documents_norm row records `optstr` and `run`.  lm may be NULL
 * (no restoration).  Returns PP_OK; PP_EXIT_INPUT when a page or line is not valid text in the document's
 * encoding; PP_EXIT_DB on a database error (message in e).  On error the caller rolls back. */
int nz_document(nz_stmts *st, int64_t doc, const char *source, const nz_opts *o, const char *optstr,
                const lm_model *lm, int64_t run, pp_err *e);

#endif
