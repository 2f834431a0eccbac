/* scan/table_find.h (prefix table_) — finding the ruled tables of a scanned page with Leptonica (long
 * rules opened out of the binarised page, grid intersections, missing vertical rules recovered from
 * aligned white space).  The tables found are table.h data; docs/tables.md describes the method. */
#ifndef PARPLAN_SCAN_TABLE_FIND_H
#define PARPLAN_SCAN_TABLE_FIND_H

#include <leptonica/allheaders.h>
#include <stddef.h>

#include "scan/table.h"

/* Finds the ruled tables on a prepared page (8-bit gray, deskewed) at `dpi`.  Returns how many (0 when
 * none: a page without two long horizontal rules is rejected after one morphological opening at half
 * resolution, so text pages pay almost nothing).  When tables are found, *clean is a copy of the page with
 * every rule painted white, for cell recognition without rule fragments.  Tables are in reading order
 * (top to bottom); cells have no text yet. */
size_t table_find(PIX *gray, int dpi, pp_table **out, PIX **clean);

#endif
