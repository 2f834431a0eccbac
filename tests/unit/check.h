/* check.h — the unit-test harness: each tests/unit/test_*.c is one program that runs its checks, prints
 * a TAP line per check ("ok N - what" / "not ok N - what") and exits non-zero if any failed.
 * tests/run.sh runs every program and adds the results up. */
#ifndef PARPLAN_CHECK_H
#define PARPLAN_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_count, check_failed;

#define CHECK(cond, ...)                                                                     \
    do {                                                                                     \
        check_count++;                                                                       \
        if (cond) {                                                                          \
            printf("ok %d - ", check_count);                                                 \
        } else {                                                                             \
            check_failed++;                                                                  \
            printf("not ok %d - %s:%d: (%s) ", check_count, __FILE__, __LINE__, #cond);     \
        }                                                                                    \
        printf(__VA_ARGS__);                                                                 \
        putchar('\n');                                                                       \
    } while (0)

#define CHECK_STR(got, want, ...)                                                            \
    do {                                                                                     \
        const char *g_ = (got), *w_ = (want);                                                \
        int same_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;                             \
        CHECK(same_, __VA_ARGS__);                                                           \
        if (!same_)                                                                          \
            printf("#   got:  \"%s\"\n#   want: \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
    } while (0)

/* Tests that need ../shared or another optional resource call this and return. */
#define SKIP_ALL(why)                                                                        \
    do {                                                                                     \
        printf("1..0 # SKIP %s\n", why);                                                     \
        return 0;                                                                            \
    } while (0)

static inline int check_done(void)
{
    printf("1..%d\n", check_count);
    return check_failed ? 1 : 0;
}

#endif
