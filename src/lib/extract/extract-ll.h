/* extract/extract-ll.h (prefixes ex_, xc_, sg_) — private to src/lib/extract/: the context the files of
 * the extract stage share (git's *-ll.h style).  Nothing outside extract/ includes it; the public headers
 * (extract_doc.h, extract_cols.h, extract_table.h, segment.h, fields.h) stay small.  Each section below
 * belongs to the files named in its heading. */
#ifndef PARPLAN_EXTRACT_LL_H
#define PARPLAN_EXTRACT_LL_H

/* ==== one document being extracted (extract_doc*.c) ================================================== */

/* (end of the extract_doc section) */




/* ==== columns left in the text (extract_cols*.c) ====================================================== */

/* (end of the extract_cols section) */




/* ==== the folded document and its segmentation (segment*.c) ============================================ */

/* (end of the segment section) */

#endif
