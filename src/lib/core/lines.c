/* core/lines.c (prefix lines_) — see lines.h. */
#include "core/lines.h"

#include <string.h>

int lines_next(const char **s, const char *end, int first, const char **line, size_t *len)
{
    const char *p = *s;
    if (!p || p > end || (p == end && !first))
        return 0; /* a final newline does not start another line */
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    size_t n = (size_t)(stop - p);
    if (n && p[n - 1] == '\r')
        n--;
    *line = p;
    *len = n;
    *s = nl ? nl + 1 : end + 1;
    return 1;
}
