/* core/lines.h (prefix lines_) — splitting a text into lines the one way every stage does: the OCR stage
 * when it loads a text page (scan/page.c) and parplan-extract when it reads that page's stored text back,
 * so line numbers agree between them. */
#ifndef PARPLAN_CORE_LINES_H
#define PARPLAN_CORE_LINES_H

#include <stddef.h>

/* Sets *line and *len to the next line of [*s, end) and advances *s; returns 0 when there is none.  A
 * line ends at LF, CRLF or a lone CR, in any mix (the same lines whichever a file uses).  `first` is 1
 * for the first call on a text (an empty text is one empty line; a final line end does not start
 * another). */
int lines_next(const char **s, const char *end, int first, const char **line, size_t *len);

#endif
