/* match/gazetteer.h (prefix gz_) — plain-text lists of known names (bodies of a province, provinces, index
 * names, document kinds) and finding them in folded text.
 *
 * A list line is   Canonical name [=> target] [| alias]...   ('#' starts a comment).  The canonical
 * name is also an alias.  `=> target` links an entry to another name (a pre-2025 province to the
 * province it was merged into).  Names are compared as keys: folded (fold.h, OCR confusions undone),
 * every run of characters other than letters and digits turned into one space, trimmed — so
 * "Văn phòng UBND tỉnh", "VAN PHONG UBND TINH" and "Văn phòng  UBND-tỉnh" are one key. */
#ifndef PARPLAN_GAZETTEER_H
#define PARPLAN_GAZETTEER_H

#include <stddef.h>

#include "core/err.h"

typedef struct gz_entry {
    char *name;    /* canonical, as written in the list */
    char *target;  /* "=> target" or NULL */
    int line;
} gz_entry;

typedef struct gz_alias {
    char *key;
    size_t len;
    int entry;
} gz_alias;

typedef struct gz_list {
    char *path;
    gz_entry *e;
    size_t n, alloc;
    gz_alias *a;   /* sorted longest first, so the first hit at a position is the longest */
    size_t na, aalloc;
    size_t *byfirst;       /* alias indices grouped by their first byte (each group longest first) */
    size_t bucket[257];    /* byfirst[bucket[c] .. bucket[c + 1]) start with byte c */
} gz_list;

typedef struct gz_hit {
    size_t start, end; /* in the key */
    int entry;
} gz_hit;

/* A key with, for every key byte, the offset in the input it came from; map[len] = input length. */
typedef struct gz_key {
    char *s;
    size_t len;
    size_t *map;
} gz_key;

int gz_parse(const char *path, const char *text, size_t len, gz_list **out, pp_err *e);
int gz_load(const char *path, gz_list **out, pp_err *e);
void gz_free(gz_list *g);

/* Key of already folded text (lower-case ASCII letters and digits kept, bytes >= 0x80 kept as letters). */
void gz_key_make(const char *folded, size_t n, gz_key *k);
void gz_key_free(gz_key *k);
/* Key of raw text (folds it first); caller frees.  NULL on invalid UTF-8. */
char *gz_key_of(const char *s, size_t n);

/* Entry whose alias is exactly this key, or -1. */
int gz_exact(const gz_list *g, const char *key, size_t len);
/* Non-overlapping alias occurrences on word boundaries, left to right, longest at each position.
 * Returns the number found (at most max). */
size_t gz_find(const gz_list *g, const char *key, size_t len, gz_hit *hits, size_t max);
/* The longest alias that starts at key[s] and ends where a word does (at len or before a space): its
 * entry, with *end set past it; -1 when none. */
int gz_at(const gz_list *g, const char *key, size_t len, size_t s, size_t *end);

#endif
