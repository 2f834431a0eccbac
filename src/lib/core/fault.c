/* core/fault.c (prefix ft_) — fault injection counters for the torture build; see fault.h.
 *
 * Always compiled (it is small and has no effect until called); only a -DPP_FAULT build calls it, from
 * the allocators of core/err.c and the SQLite hooks of db/dbfault.c.  Counters are atomic because the
 * OCR workers allocate on their own threads; a sweep runs them with -j 1 so that N names the same
 * event in every run. */
#include "core/fault.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const class_names[FT_NCLASS] = { "allocations", "reads", "writes", "syncs", "truncations",
                                                     "locks" };

static pthread_once_t once = PTHREAD_ONCE_INIT;
static long alloc_at, io_at;           /* the event that fails (0: none) */
static int alloc_sticky, io_sticky;    /* `+`: every later one fails too */
static enum ft_kind io_kind;
static atomic_long counts[FT_NCLASS];
static atomic_long io_count;           /* events of the classes io_kind applies to */
static atomic_int told;                /* the first fault has been announced */

static void report_counts(void)
{
    fprintf(stderr, "parplan-fault:");
    for (int c = 0; c < FT_NCLASS; c++)
        fprintf(stderr, "%s %ld %s", c ? "," : "", atomic_load(&counts[c]), class_names[c]);
    fputc('\n', stderr);
}

/* "N" or "N+"; returns N (0 when absent or malformed, which disables the fault) and sets *sticky. */
static long parse_at(const char *s, int *sticky, const char **rest)
{
    char *end;
    long n = strtol(s, &end, 10);
    *sticky = 0;
    if (end == s || n <= 0)
        return 0;
    if (*end == '+') {
        *sticky = 1;
        end++;
    }
    *rest = end;
    return n;
}

static void init(void)
{
    const char *s = getenv("PARPLAN_FAULT_ALLOC"), *rest = "";
    if (s && *s)
        alloc_at = parse_at(s, &alloc_sticky, &rest);
    s = getenv("PARPLAN_FAULT_IO");
    if (s && *s) {
        /* N:KIND[+]: the `+` may follow either the number or the kind */
        long n = parse_at(s, &io_sticky, &rest);
        if (n > 0 && *rest == ':') {
            const char *k = rest + 1;
            size_t len = strcspn(k, "+");
            if (k[len] == '+')
                io_sticky = 1;
            if (len == 5 && strncmp(k, "ioerr", 5) == 0)
                io_kind = FT_IOERR;
            else if (len == 4 && strncmp(k, "full", 4) == 0)
                io_kind = FT_FULL;
            else if (len == 4 && strncmp(k, "busy", 4) == 0)
                io_kind = FT_BUSY;
            io_at = io_kind ? n : 0;
        }
        if (!io_at)
            fprintf(stderr, "parplan-fault: PARPLAN_FAULT_IO wants N:ioerr, N:full or N:busy (with an optional +), "
                            "not '%s'; no I/O fault\n", s);
    }
    s = getenv("PARPLAN_FAULT_COUNT");
    if (s && strcmp(s, "1") == 0)
        atexit(report_counts);
}

static int hit(long n, long at, int sticky)
{
    return at > 0 && (n == at || (sticky && n > at));
}

static void announce(const char *what, long n)
{
    if (atomic_exchange(&told, 1) == 0)
        fprintf(stderr, "parplan-fault: %s %ld fails\n", what, n);
}

int ft_alloc_fails(void)
{
    pthread_once(&once, init);
    long n = atomic_fetch_add(&counts[FT_ALLOC], 1) + 1;
    if (!hit(n, alloc_at, alloc_sticky))
        return 0;
    announce("allocation", n);
    return 1;
}

/* Which classes a kind of fault counts: an I/O error can strike any operation, a full disk only a
 * write, another process's lock only a lock request. */
static int applies(enum ft_kind k, enum ft_class c)
{
    switch (k) {
    case FT_IOERR: return c == FT_READ || c == FT_WRITE || c == FT_SYNC || c == FT_TRUNCATE;
    case FT_FULL: return c == FT_WRITE;
    case FT_BUSY: return c == FT_LOCK;
    default: return 0;
    }
}

enum ft_kind ft_io_fails(enum ft_class c)
{
    pthread_once(&once, init);
    if (c <= FT_ALLOC || c >= FT_NCLASS)
        return FT_NONE;
    atomic_fetch_add(&counts[c], 1);
    if (!applies(io_kind, c))
        return FT_NONE;
    long n = atomic_fetch_add(&io_count, 1) + 1;
    if (!hit(n, io_at, io_sticky))
        return FT_NONE;
    announce("I/O operation", n);
    return io_kind;
}
