/* scan/pageset.h (prefix pset_) — one document given as a set of page images (parplan-ocr --pageset):
 *
 *   a directory holding page images          source "DIR"            pages: its image files
 *   files DIR/NAME-pN.EXT (or NAME_pN.EXT)   source "DIR/NAME-p*"    pages: every such file in DIR
 *
 * Pages are in the natural order of the file names (strverscmp: p2 before p10), image files only (PNG,
 * JPEG, TIFF; a multi-page TIFF gives all its pages).  A set's source is what documents.source stores,
 * and resolves to the same files again (the audit decodes the pages from it); its content hash is the
 * SHA-256 of its files' hashes in page order, so the same pages are the same document. */
#ifndef PARPLAN_PAGESET_H
#define PARPLAN_PAGESET_H

#include <stddef.h>

#include "core/err.h"
#include "core/hash.h"
#include "core/strvec.h"

/* Whether `source` names a page set: a directory, or a "DIR/NAME-p*" / "DIR/NAME_p*" pattern. */
int pset_is_source(const char *source);
/* The page files of the set `source`, in page order.  Fails (PP_EXIT_INPUT) when there are none, or when
 * its directory cannot be opened or listed to the end. */
int pset_files(const char *source, strvec *files, pp_err *e);
/* The set's content hash and its total size in bytes. */
int pset_hash(const strvec *files, char out[PP_HASH_HEX], size_t *bytes, pp_err *e);
/* Groups a list of input files (in order) into documents: image files named NAME-pN.EXT or NAME_pN.EXT in
 * one directory become the set "DIR/NAME-p*"; with `dirs`, image files directly in one directory (and not
 * named so) become the set "DIR".  Other files stay as they are.  Each document appears once, where its
 * first file was. */
void pset_group(const strvec *in, int dirs, strvec *out);

#endif
