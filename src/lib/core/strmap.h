/* core/strmap.h (prefix strmap_) — a map from byte strings to 64-bit integers (open addressing, keys copied),
 * for the caches of the extract stage: body ids by province and name, similarity rows by leftover token.
 *
 * Not a general container: no deletion of single keys, only strmap_truncate, which forgets the keys
 * added after a mark (a rolled-back transaction's), and strmap_clear. */
#ifndef PARPLAN_STRMAP_H
#define PARPLAN_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct strmap {
    struct strmap_slot *slot;
    size_t cap, n;      /* cap a power of two (or 0); n keys */
    size_t *order;      /* slots in the order their keys were added (for strmap_truncate) */
} strmap;

#define STRMAP_INIT { NULL, 0, 0, NULL }

/* 1 and *value when key[0..n) is in the map, else 0. */
int strmap_get(const strmap *m, const char *key, size_t n, int64_t *value);
/* Adds key (or replaces its value). */
void strmap_put(strmap *m, const char *key, size_t n, int64_t value);
/* How many keys; strmap_truncate(m, mark) forgets every key added after the map held `mark` keys. */
size_t strmap_count(const strmap *m);
void strmap_truncate(strmap *m, size_t mark);
void strmap_clear(strmap *m);

#endif
