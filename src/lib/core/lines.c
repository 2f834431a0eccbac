/* core/lines.c (prefix lines_) — see lines.h. */
#include "core/lines.h"

#include <string.h>

/* LF is looked for this far ahead with memchr; past it a line is scanned byte by byte. */
#define LINES_WINDOW 4096

int lines_next(const char **s, const char *end, int first, const char **line, size_t *len)
{
    const char *p = *s;
    if (!p || p > end || (p == end && !first))
        return 0; /* a final line end does not start another line */
    /* LF, CRLF and a lone CR (classic Mac text, or a file whose line ends were mixed) end a line.  LF is
     * found with memchr, then a CR before it: two SIMD scans of the line.  Both are bounded by a window:
     * an unbounded search for LF in a CR-only text would rescan the rest of it for every line
     * (quadratic).  A line longer than the window is scanned byte by byte (a byte loop over every line
     * was 2.4 % of extraction's instructions). */
    size_t rest = (size_t)(end - p), win = rest < LINES_WINDOW ? rest : LINES_WINDOW;
    const char *nl = memchr(p, '\n', win), *stop;
    if (nl) {
        stop = nl;
    } else if (win == rest) {
        stop = end;
    } else {
        const char *q = p;
        while (q < end && *q != '\n' && *q != '\r')
            q++;
        stop = q;
        nl = q < end && *q == '\n' ? q : NULL;
    }
    const char *cr = memchr(p, '\r', (size_t)(stop - p));
    if (cr && cr + 1 < stop) { /* a lone CR inside: the line ends there */
        *line = p;
        *len = (size_t)(cr - p);
        *s = cr + 1;
        return 1;
    }
    if (!nl && stop < end) { /* the byte scan stopped on a CR (lone, or the CR of a CRLF) */
        *line = p;
        *len = (size_t)(stop - p);
        *s = stop + 1 < end && stop[1] == '\n' ? stop + 2 : stop + 1;
        return 1;
    }
    size_t n = (size_t)(stop - p);
    if (n && p[n - 1] == '\r') /* CRLF, or a CR ending the text */
        n--;
    *line = p;
    *len = n;
    *s = nl ? nl + 1 : end + 1;
    return 1;
}
