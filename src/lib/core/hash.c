/* core/hash.c (prefix hash_) — see hash.h. */
#include "core/hash.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pp_hasher {
    EVP_MD_CTX *ctx;
};

pp_hasher *hash_new(void)
{
    pp_hasher *h = xmalloc(sizeof *h);
    h->ctx = EVP_MD_CTX_new();
    if (!h->ctx || EVP_DigestInit_ex(h->ctx, EVP_sha256(), NULL) != 1) {
        pp_error("OpenSSL cannot start a SHA-256 digest");
        exit(PP_EXIT_INTERNAL);
    }
    return h;
}

void hash_update(pp_hasher *h, const void *data, size_t n)
{
    if (n && EVP_DigestUpdate(h->ctx, data, n) != 1) {
        pp_error("OpenSSL SHA-256 update failed");
        exit(PP_EXIT_INTERNAL);
    }
}

void hash_final(pp_hasher *h, char out[PP_HASH_HEX])
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (EVP_DigestFinal_ex(h->ctx, md, &n) != 1) {
        pp_error("OpenSSL SHA-256 final failed");
        exit(PP_EXIT_INTERNAL);
    }
    static const char hex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < n && i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
    EVP_MD_CTX_free(h->ctx);
    free(h);
}

void hash_buffer(const void *data, size_t n, char out[PP_HASH_HEX])
{
    pp_hasher *h = hash_new();
    hash_update(h, data, n);
    hash_final(h, out);
}

int hash_file(const char *path, char out[PP_HASH_HEX], size_t *bytes, pp_err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot open: %s", path, strerror(errno));
    pp_hasher *h = hash_new();
    unsigned char buf[1 << 16];
    size_t n, total = 0;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        hash_update(h, buf, n);
        total += n;
    }
    int bad = ferror(f);
    fclose(f);
    hash_final(h, out);
    if (bad)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: read error", path);
    if (bytes)
        *bytes = total;
    return PP_OK;
}

uint64_t hash_fnv1a(const void *s, size_t n)
{
    const unsigned char *c = s;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 1099511628211ULL;
    return h;
}
