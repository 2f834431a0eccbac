/* core/strvec.c (prefix sv_) — see strvec.h. */
#include "core/strvec.h"
#include "core/err.h"

#include <stdlib.h>
#include <string.h>

void sv_push_owned(strvec *sv, char *s)
{
    PP_GROW(sv->v, sv->n + 2, sv->alloc, 16);
    sv->v[sv->n++] = s;
    sv->v[sv->n] = NULL;
}

void sv_push(strvec *sv, const char *s) { sv_push_owned(sv, xstrdup(s)); }

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void sv_sort(strvec *sv)
{
    if (sv->n > 1)
        qsort(sv->v, sv->n, sizeof *sv->v, cmp_str);
}

void sv_free(strvec *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    sv->v = NULL;
    sv->n = sv->alloc = 0;
}
