/* audit/cropcache.h (prefix cc_) — the review server's crops on disk, least recently used first out: an entry
 * is a PNG file in the cache directory under a key naming what it shows (document, page, the row's area and
 * a digest of its outlined words), so every value of one row is served from one rendering, and a crop whose
 * row changed (re-extraction while serving) gets a new key instead of a stale picture.  The files' total size
 * is kept under a budget by deleting the least recently used.  One thread (the server's polling thread). */
#ifndef PARPLAN_CROPCACHE_H
#define PARPLAN_CROPCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct cc_entry {
    char *key, *path;
    size_t bytes;
    uint64_t used; /* tick of the last cc_get or cc_put */
} cc_entry;

typedef struct cc_cache {
    char *dir;
    size_t max_bytes, bytes;
    cc_entry *v;
    size_t n, cap;
    uint64_t tick, names;
    int hits, misses, evicted;
} cc_cache;

void cc_init(cc_cache *c, const char *dir, size_t max_bytes);
/* Forgets the entries (their files stay: the server removes its cache directory on the way out). */
void cc_free(cc_cache *c);
/* The file holding key (borrowed until the next cc_put), or NULL. */
const char *cc_get(cc_cache *c, const char *key);
/* A new file name in the cache directory for the caller to write (malloc'd). */
char *cc_path(cc_cache *c);
/* Adds the file just written at path (taken over) under key, then deletes least recently used entries until
 * the total is within the budget (never the one just added). */
int cc_put(cc_cache *c, const char *key, char *path, pp_err *e);

#endif
