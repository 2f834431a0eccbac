/* core/strsim.c (prefix strsim_) — see strsim.h.  Two rows of the dynamic programme: O(n·m) time, O(m)
 * memory. */
#include "core/strsim.h"
#include "core/err.h"

#include <stdlib.h>

size_t strsim_distance(const char *a, size_t n, const char *b, size_t m, size_t *rows)
{
    size_t *prev = rows, *cur = rows + m + 1;
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t d = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < d)
                d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            cur[j] = d;
        }
        size_t *t = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

double strsim_ratio(const char *a, size_t n, const char *b, size_t m)
{
    if (!n && !m)
        return 1;
    size_t *rows = xmalloc(2 * (m + 1) * sizeof *rows);
    size_t d = strsim_distance(a, n, b, m, rows);
    free(rows);
    return 1.0 - (double)d / (double)(n > m ? n : m);
}
