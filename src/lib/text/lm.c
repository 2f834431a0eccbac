/* text/lm.c (prefix lm_) — see lm.h: mapping the model file, checking it once, and the lookups
 * (syllables, keys, bigram and trigram scores).  The restorer is lm_restore.c. */
#include "text/lm.h"
#include "text/lm_model.h"
#include "text/viet.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

static uint32_t lm_hash_str(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static uint64_t lm_align8(uint64_t n) { return (n + 7) & ~(uint64_t)7; }

int lm_open(const char *path, lm_model **out, pp_err *e)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pp_err_set(e, errno == ENOENT ? PP_EXIT_ENV : PP_EXIT_INPUT,
                          "%s: cannot open the restoration model: %s (build it with make)", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < (off_t)sizeof(lm_header)) {
        close(fd);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: not a parplan language model (too short)", path);
    }
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot map the model: %s", path, strerror(errno));
    const lm_header *h = map;
    uint64_t ncand = h->nsyl ? h->nsyl - 1 : 0;
    uint64_t o_syl = sizeof *h, o_key = o_syl + lm_align8((uint64_t)h->nsyl * sizeof(lm_syl)),
             o_cand = o_key + lm_align8((uint64_t)h->nkeys * sizeof(lm_key)),
             o_big = o_cand + lm_align8(ncand * 4), o_tri = o_big + lm_align8((uint64_t)h->nbig * sizeof(lm_big)),
             o_str = o_tri + lm_align8((uint64_t)h->ntri * sizeof(lm_tri)), need = o_str + h->strbytes;
    if (memcmp(h->magic, LM_MAGIC, 8) != 0 || need != (uint64_t)st.st_size || h->nsyl == 0 ||
        h->strbytes == 0) {
        munmap(map, (size_t)st.st_size);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: not a parplan language model of this version, or a damaged one "
                          "(make rebuilds it)", path);
    }
    lm_model *m = xcalloc(1, sizeof *m);
    const char *base = map;
    m->map = map;
    m->size = (size_t)st.st_size;
    m->h = h;
    m->syl = (const lm_syl *)(base + o_syl);
    m->key = (const lm_key *)(base + o_key);
    m->cand = (const uint32_t *)(base + o_cand);
    m->big = (const lm_big *)(base + o_big);
    m->tri = (const lm_tri *)(base + o_tri);
    m->str = base + o_str;
    /* Offsets inside the file are checked once here so lookups can trust them. */
    int bad = m->str[h->strbytes - 1] != '\0';
    for (uint32_t i = 0; i < h->nsyl && !bad; i++)
        bad = m->syl[i].str >= h->strbytes || (uint64_t)m->syl[i].big_first + m->syl[i].big_n > h->nbig;
    for (uint32_t i = 0; i < h->nkeys && !bad; i++)
        bad = m->key[i].str >= h->strbytes || (uint64_t)m->key[i].first + m->key[i].n > ncand;
    for (size_t i = 0; i < ncand && !bad; i++)
        bad = m->cand[i] >= h->nsyl;
    for (uint32_t i = 0; i < h->nbig && !bad; i++)
        bad = m->big[i].b >= h->nsyl || (uint64_t)m->big[i].tri_first + m->big[i].tri_n > h->ntri;
    for (uint32_t i = 0; i < h->ntri && !bad; i++)
        bad = m->tri[i].c >= h->nsyl;
    if (bad) {
        lm_close(m);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: damaged language model (offsets out of range)", path);
    }
    size_t cap = 16;
    while (cap < 2 * (size_t)h->nkeys)
        cap *= 2;
    m->khash = xcalloc(cap, sizeof *m->khash);
    m->kmask = (uint32_t)(cap - 1);
    for (uint32_t i = 0; i < h->nkeys; i++) {
        uint32_t at = lm_hash_str(m->str + m->key[i].str) & m->kmask;
        while (m->khash[at])
            at = (at + 1) & m->kmask;
        m->khash[at] = i + 1;
    }
    for (cap = 16; cap < 4 * (size_t)h->nbig; cap *= 2) {
    }
    m->bhash = xcalloc(cap, sizeof *m->bhash);
    m->bmask = (uint32_t)(cap - 1);
    for (uint32_t a = 0; a < h->nsyl; a++)
        for (uint32_t i = m->syl[a].big_first; i < m->syl[a].big_first + m->syl[a].big_n; i++) {
            uint32_t at = lm_hash_pair(a, m->big[i].b) & m->bmask;
            while (m->bhash[at])
                at = (at + 1) & m->bmask;
            m->bhash[at] = i + 1;
        }
    *out = m;
    return PP_OK;
}

void lm_close(lm_model *m)
{
    if (!m)
        return;
    munmap(m->map, m->size);
    free(m->khash);
    free(m->bhash);
    free(m);
}

size_t lm_size(const lm_model *m) { return m->h->nsyl - 1; }

void lm_stats(const lm_model *m, uint64_t *tokens, size_t *bigrams, size_t *trigrams)
{
    *tokens = m->h->total;
    *bigrams = m->h->nbig;
    *trigrams = m->h->ntri;
}

const lm_syl *lm_syls(const lm_model *m) { return m->syl; }
const char *lm_str(const lm_model *m, uint32_t id) { return m->str + m->syl[id].str; }

const lm_big *lm_big_find(const lm_model *m, uint32_t a, uint32_t b) { return lm_model_big(m, a, b); }
const lm_tri *lm_tri_find(const lm_model *m, const lm_big *ab, uint32_t c) { return lm_model_tri(m, ab, c); }
int32_t lm_score2(const lm_model *m, uint32_t b, uint32_t c) { return lm_model_score2(m, b, c); }

int32_t lm_score3(const lm_model *m, const lm_big *ab, uint32_t b, uint32_t c)
{
    if (ab) {
        const lm_tri *t = lm_tri_find(m, ab, c);
        return t ? t->lp : ab->bow + lm_score2(m, b, c);
    }
    return lm_score2(m, b, c);
}

double lm_logp(const lm_model *m, uint32_t a, uint32_t b) { return lm_score2(m, a, b) / LM_SCALE; }

double lm_logp3(const lm_model *m, uint32_t a, uint32_t b, uint32_t c)
{
    return lm_score3(m, lm_big_find(m, a, b), b, c) / LM_SCALE;
}

const uint32_t *lm_key_cands(const lm_model *m, const char *k, uint32_t *n)
{
    for (uint32_t at = lm_hash_str(k) & m->kmask; m->khash[at]; at = (at + 1) & m->kmask) {
        const lm_key *key = &m->key[m->khash[at] - 1];
        if (!strcmp(m->str + key->str, k)) {
            *n = key->n;
            return m->cand + key->first;
        }
    }
    *n = 0;
    return NULL;
}

uint32_t lm_find(const lm_model *m, const char *syl)
{
    int32_t cps[4 * VIET_MAX];
    size_t k = 0, n = strlen(syl);
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)syl + i, (utf8proc_ssize_t)(n - i), &c);
        if (l < 0 || k == sizeof cps / sizeof cps[0])
            return 0;
        cps[k++] = c;
        i += (size_t)l;
    }
    viet_syl s;
    char key[VIET_MAX + 1];
    if (viet_parse(cps, k, &s) != 0)
        return 0;
    viet_fold(&s, key);
    uint32_t nc;
    const uint32_t *c = lm_key_cands(m, key, &nc);
    for (uint32_t i = 0; i < nc; i++)
        if (!strcmp(lm_str(m, c[i]), syl))
            return c[i];
    return 0;
}
