/* core/hash.h (prefix hash_) — SHA-256 content hashes (OpenSSL libcrypto) as lower-case hex: the identity of
 * documents and pages, so a rerun recognises what it has already loaded.  SHA-256 is what archives use for
 * fixity. */
#ifndef PARPLAN_HASH_H
#define PARPLAN_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define PP_HASH_HEX 65 /* 64 hex digits + NUL */

typedef struct pp_hasher pp_hasher;

pp_hasher *hash_new(void);
void hash_update(pp_hasher *h, const void *data, size_t n);
/* Writes the digest and frees the hasher. */
void hash_final(pp_hasher *h, char out[PP_HASH_HEX]);
void hash_buffer(const void *data, size_t n, char out[PP_HASH_HEX]);
int hash_file(const char *path, char out[PP_HASH_HEX], size_t *bytes, pp_err *e);
/* FNV-1a of s[0..n): a fixed, portable 64-bit hash for spreading keys (shards, hash tables), not an
 * identity. */
uint64_t hash_fnv1a(const void *s, size_t n);

#endif
