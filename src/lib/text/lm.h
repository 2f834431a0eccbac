/* text/lm.h (prefix lm_) — the syllable language model used to restore Vietnamese diacritics, and the
 * restorer.
 *
 * The model (built by tools/lmbuild from Debian's Vietnamese texts and rules/corpus/, see
 * docs/normalize.md) is one binary file, mapped read-only with mmap: every known syllable with its
 * count, an index from folded key ("duoc") to the syllables that fold to it ("được", "dược"...), and
 * bigram counts.  Probabilities are Witten-Bell interpolated bigrams.
 *
 * Restoration cuts the text into words, turns each into a set of candidate syllables (its folded key,
 * and in OCR mode also keys reached by undoing common OCR confusions: ciia -> của, dwgc -> được,
 * nudc -> nước, t6i -> tôi, Pon -> Đơn), and picks the best sequence with Viterbi over the bigram model
 * plus a channel score (how well a candidate agrees with marks the input already has). */
#ifndef PARPLAN_LM_H
#define PARPLAN_LM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define LM_MAGIC "PPLM\x01\0\0\0"

/* The file layout (all integers little-endian uint32 unless said otherwise). */
typedef struct lm_header {
    char magic[8];
    uint32_t nsyl;     /* syllables, id 0 is the sentence start "<s>" */
    uint32_t nkeys;
    uint32_t nbig;
    uint32_t strbytes;
    uint64_t total;    /* syllable tokens counted */
} lm_header;

typedef struct lm_syl {
    uint32_t str;       /* offset of the NUL-terminated lower-case NFC syllable (old tone style) */
    uint32_t count;
    uint32_t ctx_total; /* bigram tokens with this syllable on the left */
    uint32_t ctx_types; /* distinct right neighbours */
    uint32_t big_first; /* its bigrams: big[big_first .. big_first + big_n), sorted by right id */
    uint32_t big_n;
} lm_syl;

typedef struct lm_key {
    uint32_t str;   /* folded key */
    uint32_t first; /* cand[first .. first + n): syllable ids, most frequent first */
    uint32_t n;
} lm_key;

typedef struct lm_big {
    uint32_t a, b, count;
} lm_big;

typedef struct lm_model lm_model;

/* Maps a model file.  Errors: PP_EXIT_ENV when missing, PP_EXIT_INPUT when not a valid model. */
int lm_open(const char *path, lm_model **out, pp_err *e);
void lm_close(lm_model *m);
size_t lm_size(const lm_model *m); /* syllables known */

/* The log probability of syllable b after a (ids; a = 0 at a sentence start). */
double lm_logp(const lm_model *m, uint32_t a, uint32_t b);
/* The id of a lower-case NFC syllable, 0 when unknown. */
uint32_t lm_find(const lm_model *m, const char *syl);

enum { LM_OCR = 1 };

/* One restored word: where it is in the output and how sure the model was (0..1). */
typedef struct lm_word {
    size_t off, len; /* bytes in the output text */
    float conf;
    int changed;     /* differs from the input word */
} lm_word;

/* Restores s[0..n) (UTF-8, normalized by unorm_text first).  style is VIET_STYLE_OLD/NEW.  Returns the new
 * text (caller frees; *outlen its length) and, when words is not NULL, the array of restored words
 * (caller frees; *nwords its length).  NULL on invalid UTF-8. */
char *lm_restore(const lm_model *m, const char *s, size_t n, int flags, int style, size_t *outlen,
                 lm_word **words, size_t *nwords);

#endif
