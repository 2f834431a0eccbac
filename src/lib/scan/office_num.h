/* scan/office_num.h (prefix on_) — Word's automatic numbering (word/numbering.xml): the "1.", "1.1.",
 * "a)", "II." a plan's items carry are not in the text of a DOCX but generated from list definitions,
 * so they are generated here the way Word does (a counter per list and level, deeper levels restarting,
 * w:lvlText patterns such as "%1.%2." with each level's w:numFmt), and put before the paragraph's text:
 * without them a DOCX plan's items lose their codes. */
#ifndef PARPLAN_SCAN_OFFICE_NUM_H
#define PARPLAN_SCAN_OFFICE_NUM_H

#include "core/err.h"
#include "scan/office_zip.h"

typedef struct on_numbering on_numbering;

/* Reads word/numbering.xml (*out NULL when the document has none). */
int on_load(oz_zip *z, on_numbering **out, pp_err *e);
void on_free(on_numbering *nb);
/* The label of the next paragraph of list `num_id` at level `ilvl` ("1.2.", "a)", "-" for a bullet),
 * counting it; NULL when the list or level is unknown or shows no number.  Caller frees. */
char *on_label(on_numbering *nb, const char *num_id, int ilvl);

#endif
