/* core/strvec.h (prefix sv_) — a growable array of owned C strings (input lists, argument vectors). */
#ifndef PARPLAN_STRVEC_H
#define PARPLAN_STRVEC_H

#include <stddef.h>

typedef struct strvec {
    char **v;   /* NULL-terminated once non-empty */
    size_t n;
    size_t alloc;
} strvec;

#define STRVEC_INIT { NULL, 0, 0 }

void sv_push(strvec *sv, const char *s);
void sv_push_owned(strvec *sv, char *s);
void sv_sort(strvec *sv);
void sv_free(strvec *sv);

#endif
