/* core/lines.c (prefix lines_) — see lines.h. */
#include "core/lines.h"

#include <string.h>

int lines_next(const char **s, const char *end, int first, const char **line, size_t *len)
{
    const char *p = *s;
    if (!p || p > end || (p == end && !first))
        return 0; /* a final line end does not start another line */
    /* LF, CRLF and a lone CR (classic Mac text, or a file whose line ends were mixed) end a line.  One
     * pass for both bytes: a memchr for LF then one for CR would rescan the rest of a CR-only text for
     * every line (quadratic); the loop costs about a cycle a byte, nothing beside extraction's work. */
    const char *q = p;
    while (q < end && *q != '\n' && *q != '\r')
        q++;
    *line = p;
    *len = (size_t)(q - p);
    if (q == end)
        *s = end + 1;
    else if (*q == '\r' && q + 1 < end && q[1] == '\n')
        *s = q + 2;
    else
        *s = q + 1;
    return 1;
}
