/* core/err.c (prefixes pp_, x) — see err.h. */
#include "core/err.h"
#include "core/fault.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "parplan";
static int quiet;

void pp_err_clear(pp_err *e)
{
    e->code = PP_OK;
    e->msg[0] = '\0';
}

int pp_err_set(pp_err *e, int code, const char *fmt, ...)
{
    if (e->code != PP_OK)
        return e->code;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->code = code;
    return code;
}

void pp_set_progname(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');
    progname = slash ? slash + 1 : argv0;
}

const char *pp_progname(void) { return progname; }
void pp_set_quiet(int q) { quiet = q; }

/* Writes a message with its control characters escaped.  Messages name files, and a file name may hold
 * any byte but '/' and NUL: an ESC or CSI (U+009B) from one would reach the terminal as a command
 * (colours, cursor moves, a cleared screen, a forged line), a newline would split one error into two.
 * C0 controls and DEL become \xHH, the C1 controls U+0080-U+009F \u00HH; everything else, Vietnamese
 * included, is written as it is. */
static void put_escaped(const char *s, FILE *f)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            fprintf(f, "\\x%02x", *p);
        else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
            fprintf(f, "\\u00%02x", *++p);
        else
            fputc(*p, f);
    }
}

static void vmessage(const char *level, const char *fmt, va_list ap)
{
    char buf[2048];
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(buf, sizeof buf, fmt, cp);
    va_end(cp);
    char *msg = buf;
    if (n >= (int)sizeof buf && (msg = malloc((size_t)n + 1)) != NULL) /* not xmalloc: it reports here */
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    else if (n >= (int)sizeof buf)
        msg = buf; /* out of memory: the message cut short rather than lost */
    fprintf(stderr, "%s: %s", progname, level);
    put_escaped(n < 0 ? fmt : msg, stderr);
    fputc('\n', stderr);
    if (msg != buf)
        free(msg);
}

void pp_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("error: ", fmt, ap);
    va_end(ap);
}

void pp_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

void pp_info(const char *fmt, ...)
{
    if (quiet)
        return;
    va_list ap;
    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

int pp_report(const pp_err *e)
{
    if (e->code != PP_OK)
        pp_error("%s", e->msg[0] ? e->msg : "unknown error");
    return e->code;
}

/* The torture build (-DPP_FAULT, core/fault.h) fails the N-th allocation here, on its way to nomem(),
 * exactly as a real shortage would. */
#ifdef PP_FAULT
#define FAULT(ret) do { if (ft_alloc_fails()) return (ret); } while (0)
#else
#define FAULT(ret) do { } while (0)
#endif

static void *nomem(size_t n)
{
    fprintf(stderr, "%s: error: out of memory (%zu bytes)\n", progname, n);
    exit(PP_EXIT_NOMEM);
}

void *xmalloc(size_t n)
{
    FAULT(nomem(n));
    void *p = malloc(n ? n : 1);
    return p ? p : nomem(n);
}

void *xcalloc(size_t n, size_t size)
{
    FAULT(nomem(n * size));
    void *p = calloc(n ? n : 1, size ? size : 1);
    return p ? p : nomem(n * size);
}

void *xrealloc(void *p, size_t n)
{
    FAULT(nomem(n));
    void *q = realloc(p, n ? n : 1);
    return q ? q : nomem(n);
}

void *xreallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return nomem(SIZE_MAX);
    return xrealloc(p, n * size);
}

void *pp_grow_array(void *p, size_t elsize, size_t need, size_t *alloc, size_t first)
{
    size_t cap = *alloc ? *alloc : (first ? first : 1);
    while (cap < need) {
        if (cap > SIZE_MAX / 2)
            return nomem(SIZE_MAX);
        cap *= 2;
    }
    p = xreallocarray(p, cap, elsize);
    *alloc = cap;
    return p;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *xasprintf(const char *fmt, ...)
{
    FAULT(nomem(0));
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0)
        nomem(0);
    return s;
}
