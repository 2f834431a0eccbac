/* core/strmap.c (prefix strmap_) — see strmap.h.  Linear probing at most half full; FNV-1a hashes.
 * Truncation removes the newest keys first and re-inserts the run of keys after each removed slot, as linear
 * probing needs. */
#include "core/strmap.h"
#include "core/err.h"
#include "core/hash.h"

#include <stdlib.h>
#include <string.h>

struct strmap_slot {
    char *key; /* NULL: empty */
    size_t n;
    uint64_t hash;
    int64_t value;
    size_t ord; /* its index in strmap.order */
};

static uint64_t strmap_hash(const char *s, size_t n)
{
    uint64_t h = hash_fnv1a(s, n);
    return h ^ (h >> 29); /* the low bits pick the slot: fold the high ones in */
}

static size_t strmap_find(const strmap *m, const char *key, size_t n, uint64_t h)
{
    size_t k = (size_t)h & (m->cap - 1);
    while (m->slot[k].key && !(m->slot[k].hash == h && m->slot[k].n == n && memcmp(m->slot[k].key, key, n) == 0))
        k = (k + 1) & (m->cap - 1);
    return k;
}

int strmap_get(const strmap *m, const char *key, size_t n, int64_t *value)
{
    if (!m->n)
        return 0;
    size_t k = strmap_find(m, key, n, strmap_hash(key, n));
    if (!m->slot[k].key)
        return 0;
    *value = m->slot[k].value;
    return 1;
}

static void strmap_grow(strmap *m)
{
    struct strmap_slot *old = m->slot;
    size_t oldcap = m->cap;
    m->cap = oldcap ? 2 * oldcap : 64;
    m->slot = xcalloc(m->cap, sizeof *m->slot);
    m->order = xrealloc(m->order, m->cap / 2 * sizeof *m->order);
    /* keep the order of addition: re-insert in that order */
    for (size_t i = 0; i < m->n; i++) {
        struct strmap_slot *s = &old[m->order[i]];
        size_t k = (size_t)s->hash & (m->cap - 1);
        while (m->slot[k].key)
            k = (k + 1) & (m->cap - 1);
        m->slot[k] = *s;
        m->order[i] = k;
    }
    (void)oldcap;
    free(old);
}

void strmap_put(strmap *m, const char *key, size_t n, int64_t value)
{
    uint64_t h = strmap_hash(key, n);
    if (m->n) {
        size_t k = strmap_find(m, key, n, h);
        if (m->slot[k].key) {
            m->slot[k].value = value;
            return;
        }
    }
    if (2 * (m->n + 1) > m->cap)
        strmap_grow(m);
    size_t k = strmap_find(m, key, n, h);
    struct strmap_slot *s = &m->slot[k];
    s->key = xmalloc(n ? n : 1);
    memcpy(s->key, key, n);
    s->n = n;
    s->hash = h;
    s->value = value;
    s->ord = m->n;
    m->order[m->n++] = k;
}

size_t strmap_count(const strmap *m)
{
    return m->n;
}

void strmap_truncate(strmap *m, size_t mark)
{
    while (m->n > mark) {
        size_t k = m->order[--m->n];
        free(m->slot[k].key);
        m->slot[k].key = NULL;
        /* the keys after k in its probe run may have passed over k: place them again */
        for (size_t j = (k + 1) & (m->cap - 1); m->slot[j].key; j = (j + 1) & (m->cap - 1)) {
            struct strmap_slot s = m->slot[j];
            m->slot[j].key = NULL;
            size_t t = (size_t)s.hash & (m->cap - 1);
            while (m->slot[t].key)
                t = (t + 1) & (m->cap - 1);
            m->slot[t] = s;
            m->order[s.ord] = t; /* its place in the order of addition moves with it */
        }
    }
}

void strmap_clear(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->slot[i].key);
    free(m->slot);
    free(m->order);
    memset(m, 0, sizeof *m);
}
