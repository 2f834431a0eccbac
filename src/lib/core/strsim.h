/* core/strsim.h (prefix strsim_) — edit distance between byte strings, the one implementation behind fuzzy
 * body matching (extract_cols.c) and gold scoring (goldscore.c).  Folded keys are compared, so bytes suffice.
 */
#ifndef PARPLAN_STRSIM_H
#define PARPLAN_STRSIM_H

#include <stddef.h>

/* Levenshtein distance of a[0..n) and b[0..m); `rows` is scratch for 2*(m+1) entries (stack or heap,
 * the caller's choice, so hot callers allocate nothing). */
size_t strsim_distance(const char *a, size_t n, const char *b, size_t m, size_t *rows);
/* 1 - distance / longer length (1 for two empty strings); allocates its scratch. */
double strsim_ratio(const char *a, size_t n, const char *b, size_t m);

#endif
