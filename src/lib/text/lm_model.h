/* text/lm_model.h (prefix lm_model_) — the restoration model's structure, shared by lm.c (which maps and
 * indexes it) and lm_restore.c (whose decoder asks for a bigram or trigram a few dozen times a word: the
 * lookups are inline here, which took 20 % off the decoder's instructions).  Private to text/lm*.c. */
#ifndef PARPLAN_LM_MODEL_H
#define PARPLAN_LM_MODEL_H

#include "text/lm.h"

struct lm_model {
    void *map;
    size_t size;
    const lm_header *h;
    const lm_syl *syl;
    const lm_key *key;
    const uint32_t *cand;
    const lm_big *big;
    const lm_tri *tri;
    const char *str;
    /* The keys by hash (FNV-1a of the folded string), open addressing: key index + 1, 0 empty.  Built
     * once by lm_open (1,636 keys: microseconds); a key lookup is one hash and usually one strcmp instead
     * of eleven (the binary search it replaced cost 31 M instructions on 450 KB of stripped text). */
    uint32_t *khash;
    uint32_t kmask;
    /* The bigrams by hash of (left, right) ids, open addressing at most a quarter full: bigram index + 1, 0
     * empty; the entry's left id is the syllable whose range holds the index.  Built once by lm_open (70,690
     * bigrams: about 2 M instructions, 1 MB); the decoder asks for p(c | b) about 12 times a word, and the
     * binary search in b's bigrams it replaced cost 85 instructions a lookup (80 M of 346 M on 450 KB of
     * stripped text). */
    uint32_t *bhash;
    uint32_t bmask;
};

static inline uint32_t lm_hash_pair(uint32_t a, uint32_t b)
{
    uint64_t x = ((uint64_t)a << 32 | b) * 0x9E3779B97F4A7C15ull;
    return (uint32_t)(x >> 32);
}

/* The bigram entry (a b), NULL when not stored. */
static inline const lm_big *lm_model_big(const lm_model *m, uint32_t a, uint32_t b)
{
    uint32_t first = m->syl[a].big_first, n = m->syl[a].big_n;
    for (uint32_t at = lm_hash_pair(a, b) & m->bmask; m->bhash[at]; at = (at + 1) & m->bmask) {
        uint32_t i = m->bhash[at] - 1;
        if (m->big[i].b == b && i - first < n)
            return &m->big[i];
    }
    return NULL;
}

/* The trigram entry (a b c) under the bigram entry ab, NULL when not stored. */
static inline const lm_tri *lm_model_tri(const lm_model *m, const lm_big *ab, uint32_t c)
{
    const lm_tri *lo = m->tri + ab->tri_first, *end = lo + ab->tri_n;
    size_t n = ab->tri_n;
    while (n > 0) {
        size_t half = n / 2;
        if (lo[half].c < c) {
            lo += half + 1;
            n -= half + 1;
        } else {
            n = half;
        }
    }
    return lo < end && lo->c == c ? lo : NULL;
}

/* Integer log p(c | b). */
static inline int32_t lm_model_score2(const lm_model *m, uint32_t b, uint32_t c)
{
    const lm_big *bc = lm_model_big(m, b, c);
    return bc ? bc->lp : m->syl[b].bow + m->syl[c].uni;
}

#endif
