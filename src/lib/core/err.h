/* core/err.h (prefixes pp_, x) — messages, exit codes and checked allocation shared by every parplan program.
 *
 * Errors travel upwards as a pp_err (a code from enum pp_exit plus one line of text that already names
 * the file, page or line at fault); the stage main prints it once and exits with the code.  Exit codes
 * are part of the user contract and are listed in README.md. */
#ifndef PARPLAN_ERR_H
#define PARPLAN_ERR_H

#include <stddef.h>
#include <stdarg.h>

enum pp_exit {
    PP_OK = 0,
    PP_EXIT_FAILED = 1,   /* ran, but one or more documents failed (each reported) */
    PP_EXIT_USAGE = 2,    /* bad command line */
    PP_EXIT_INPUT = 3,    /* an input file is unreadable, corrupt or unsupported */
    PP_EXIT_DB = 4,       /* database cannot be opened, is locked, read-only, full or too new */
    PP_EXIT_RULES = 5,    /* a rule file is invalid */
    PP_EXIT_ENV = 6,      /* a required resource is missing (OCR model, helper program) */
    PP_EXIT_NOTIMPL = 7,  /* the stage is not implemented yet */
    PP_EXIT_NOMEM = 8,    /* out of memory or a resource limit refused the input */
    PP_EXIT_INTERNAL = 70, /* a bug: please report */
    PP_EXIT_INTERRUPTED = 130 /* stopped by SIGINT or SIGTERM (core/interrupt.h); the run marked interrupted */
};

typedef struct pp_err {
    int code;        /* enum pp_exit, PP_OK when no error */
    char msg[1024];  /* "FILE[:page N]: what is wrong" */
} pp_err;

void pp_err_clear(pp_err *e);
/* Records an error (first one wins) and returns its code, so callers can `return pp_err_set(...)`. */
int pp_err_set(pp_err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void pp_set_progname(const char *argv0);
const char *pp_progname(void);
void pp_set_quiet(int quiet);
void pp_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pp_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void pp_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints e->msg as an error and returns e->code. */
int pp_report(const pp_err *e);

/* Allocation that never returns NULL: on failure it prints and exits with PP_EXIT_NOMEM.  Used for small
 * bookkeeping; large, input-sized buffers use plain malloc and report failure as an input error. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* realloc of n elements of `size` bytes; n * size overflowing counts as out of memory. */
void *xreallocarray(void *p, size_t n, size_t size);

/* PP_GROW(ptr, need, alloc, first): makes the array ptr hold at least `need` elements.  `alloc` (a size_t
 * lvalue) is its capacity in elements: 0 for a NULL ptr, then `first`, doubled until it holds `need`.
 * Overflow of the count or of the byte size is out of memory (exit PP_EXIT_NOMEM), never a short buffer.
 * After git's ALLOC_GROW; every growable array of the library grows through it. */
#define PP_GROW(ptr, need, alloc, first)                                                                  \
    do {                                                                                                  \
        if ((size_t)(need) > (alloc))                                                                     \
            (ptr) = pp_grow_array((ptr), sizeof *(ptr), (size_t)(need), &(alloc), (size_t)(first));        \
    } while (0)
void *pp_grow_array(void *p, size_t elsize, size_t need, size_t *alloc, size_t first);

#endif
