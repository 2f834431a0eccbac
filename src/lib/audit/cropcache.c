/* audit/cropcache.c (prefix cc_) — see cropcache.h.  The entries are an array searched from the end: a
 * session holds a few thousand row crops at most (64 MB of 10-40 KB files), and a linear look at them costs
 * microseconds beside the milliseconds of rendering one. */
#include "audit/cropcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void cc_init(cc_cache *c, const char *dir, size_t max_bytes)
{
    memset(c, 0, sizeof *c);
    c->dir = xstrdup(dir);
    c->max_bytes = max_bytes;
}

void cc_free(cc_cache *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].key);
        free(c->v[i].path);
    }
    free(c->v);
    free(c->dir);
    memset(c, 0, sizeof *c);
}

const char *cc_get(cc_cache *c, const char *key)
{
    for (size_t i = c->n; i-- > 0;) {
        if (!strcmp(c->v[i].key, key)) {
            c->v[i].used = ++c->tick;
            c->hits++;
            return c->v[i].path;
        }
    }
    c->misses++;
    return NULL;
}

char *cc_path(cc_cache *c)
{
    return xasprintf("%s/c%llu.png", c->dir, (unsigned long long)++c->names);
}

static void drop(cc_cache *c, size_t i)
{
    unlink(c->v[i].path);
    c->bytes -= c->v[i].bytes;
    free(c->v[i].key);
    free(c->v[i].path);
    c->v[i] = c->v[--c->n];
    c->evicted++;
}

int cc_put(cc_cache *c, const char *key, char *path, pp_err *e)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: crop not written", path);
        free(path);
        return e->code;
    }
    PP_GROW(c->v, c->n + 1, c->cap, 64);
    cc_entry *n = &c->v[c->n++];
    n->key = xstrdup(key);
    n->path = path;
    n->bytes = (size_t)st.st_size;
    n->used = ++c->tick;
    c->bytes += n->bytes;
    while (c->bytes > c->max_bytes && c->n > 1) {
        size_t old = 0;
        for (size_t i = 1; i < c->n; i++)
            if (c->v[i].used < c->v[old].used)
                old = i;
        if (c->v[old].used == c->tick)
            break; /* the entry just added */
        drop(c, old);
    }
    return PP_OK;
}
