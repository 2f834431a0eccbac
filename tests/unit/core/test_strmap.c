/* test_strmap.c — the string -> integer map behind extract's caches (strmap.c): lookups, replacement,
 * growth past many keys, keys with NUL and non-ASCII bytes, and truncation back to a mark (what a
 * rolled-back document's body ids go through), including keys whose probe runs pass over removed ones. */
#include "check.h"
#include "core/strmap.h"

#include <stdio.h>

static int has(const strmap *m, const char *k, int64_t want)
{
    int64_t v = -1;
    return strmap_get(m, k, strlen(k), &v) && v == want;
}

static int absent(const strmap *m, const char *k)
{
    int64_t v;
    return !strmap_get(m, k, strlen(k), &v);
}

int main(void)
{
    strmap m = STRMAP_INIT;
    CHECK(absent(&m, "x") && strmap_count(&m) == 0, "an empty map holds nothing");

    strmap_put(&m, "Gia Lai\x1fSở Nội vụ", strlen("Gia Lai\x1fSở Nội vụ"), 7);
    strmap_put(&m, "\x1fSở Nội vụ", strlen("\x1fSở Nội vụ"), 8);
    CHECK(has(&m, "Gia Lai\x1fSở Nội vụ", 7) && has(&m, "\x1fSở Nội vụ", 8), "keys that share a suffix stay apart");
    CHECK(absent(&m, "Gia Lai\x1fSở Nội") && absent(&m, ""), "a prefix of a key is not a key");
    strmap_put(&m, "\x1fSở Nội vụ", strlen("\x1fSở Nội vụ"), 9);
    CHECK(has(&m, "\x1fSở Nội vụ", 9) && strmap_count(&m) == 2, "putting a key again replaces its value");

    /* a NUL inside a key is part of it */
    strmap_put(&m, "a\0b", 3, 1);
    strmap_put(&m, "a\0c", 3, 2);
    int64_t v1 = 0, v2 = 0;
    CHECK(strmap_get(&m, "a\0b", 3, &v1) && strmap_get(&m, "a\0c", 3, &v2) && v1 == 1 && v2 == 2,
          "keys are byte strings, NUL included");

    /* many keys: the table grows and keeps every one */
    char k[32];
    for (int i = 0; i < 5000; i++) {
        snprintf(k, sizeof k, "key-%d", i);
        strmap_put(&m, k, strlen(k), i * 3);
    }
    int all = 1;
    for (int i = 0; i < 5000 && all; i++) {
        snprintf(k, sizeof k, "key-%d", i);
        all = has(&m, k, i * 3);
    }
    CHECK(all && strmap_count(&m) == 5004, "5000 more keys, all found after the table grew (%zu keys)",
          strmap_count(&m));

    /* truncation forgets exactly the keys added after the mark, whatever their slots */
    size_t mark = strmap_count(&m);
    for (int i = 0; i < 3000; i++) {
        snprintf(k, sizeof k, "late-%d", i);
        strmap_put(&m, k, strlen(k), -i);
    }
    strmap_put(&m, "key-10", 6, 999); /* a replacement is not an addition */
    CHECK(strmap_count(&m) == mark + 3000 && has(&m, "late-2999", -2999), "3000 keys after the mark");
    strmap_truncate(&m, mark);
    int gone = 1, kept = 1;
    for (int i = 0; i < 3000 && gone; i++) {
        snprintf(k, sizeof k, "late-%d", i);
        gone = absent(&m, k);
    }
    for (int i = 0; i < 5000 && kept; i++) {
        snprintf(k, sizeof k, "key-%d", i);
        kept = has(&m, k, i == 10 ? 999 : i * 3);
    }
    CHECK(gone, "truncation forgets every key added after the mark");
    CHECK(kept && strmap_count(&m) == mark, "and keeps every key before it, found through the moved probe runs");
    strmap_put(&m, "late-5", 6, 5);
    CHECK(has(&m, "late-5", 5) && strmap_count(&m) == mark + 1, "a forgotten key can be added again");
    strmap_truncate(&m, 0);
    CHECK(strmap_count(&m) == 0 && absent(&m, "key-1") && absent(&m, "Gia Lai\x1fSở Nội vụ"), "truncating to 0 empties the map");
    strmap_clear(&m);
    strmap_clear(&m);
    CHECK(strmap_count(&m) == 0, "clearing twice is harmless");
    return check_done();
}
