/* text/lm.h (prefix lm_) — the syllable language model used to restore Vietnamese diacritics, and the
 * restorer.
 *
 * The model (built by tools/lmbuild from Debian's Vietnamese texts and rules/corpus/, see
 * docs/normalize.md) is one binary file, mapped read-only with mmap: every known syllable with its
 * count, an index from folded key ("duoc") to the syllables that fold to it ("được", "dược"...), and a
 * trigram model with interpolated modified Kneser-Ney smoothing, stored in backoff form: log
 * probabilities and backoff weights as integers (LM_SCALE units of a natural log), so that
 * p(c | a b) is the stored trigram when (a b c) was seen, else bow(a b) + p(c | b), and p(c | b) the
 * stored bigram, else bow(b) + p(c).
 *
 * Restoration (lm_restore.c) cuts the text into words, turns each into a set of candidate syllables
 * (its folded key, and in OCR mode also keys reached by undoing common OCR confusions: ciia -> của,
 * dwgc -> được, nudc -> nước, t6i -> tôi, Pon -> Đơn), and picks the best sequence with a beam Viterbi
 * over the trigram model plus a channel score (how well a candidate agrees with marks the input
 * already has). */
#ifndef PARPLAN_LM_H
#define PARPLAN_LM_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define LM_MAGIC "PPLM\x02\0\0\0"
#define LM_SCALE 1000.0 /* integer scores: natural log times LM_SCALE */

/* The file layout (all integers little-endian; sections in this order, each 8-byte aligned). */
typedef struct lm_header {
    char magic[8];
    uint32_t nsyl;     /* syllables, id 0 is the sentence start "<s>" */
    uint32_t nkeys;
    uint32_t nbig;
    uint32_t ntri;
    uint32_t strbytes;
    uint32_t pad;
    uint64_t total;    /* syllable tokens counted (in-domain text with its weight) */
} lm_header;

typedef struct lm_syl {
    uint32_t str;       /* offset of the NUL-terminated lower-case NFC syllable (old tone style) */
    uint32_t count;
    int32_t uni;        /* log p(syllable) */
    int32_t bow;        /* backoff weight of the syllable as a one-word context */
    uint32_t big_first; /* its bigrams: big[big_first .. big_first + big_n), sorted by right id */
    uint32_t big_n;
} lm_syl;

typedef struct lm_key {
    uint32_t str;   /* folded key */
    uint32_t first; /* cand[first .. first + n): syllable ids, most frequent first */
    uint32_t n;
} lm_key;

typedef struct lm_big {
    uint32_t b;
    int32_t lp;         /* log p(b | a) */
    int32_t bow;        /* backoff weight of (a b) as a context */
    uint32_t tri_first; /* its trigrams: tri[tri_first .. tri_first + tri_n), sorted by right id */
    uint32_t tri_n;
} lm_big;

typedef struct lm_tri {
    uint32_t c;
    int32_t lp; /* log p(c | a b) */
} lm_tri;

typedef struct lm_model lm_model;

/* Maps a model file.  Errors: PP_EXIT_ENV when missing, PP_EXIT_INPUT when not a valid model. */
int lm_open(const char *path, lm_model **out, pp_err *e);
void lm_close(lm_model *m);
size_t lm_size(const lm_model *m); /* syllables known */
/* Counts of the model: syllable tokens counted, bigrams and trigrams stored. */
void lm_stats(const lm_model *m, uint64_t *tokens, size_t *bigrams, size_t *trigrams);

/* The log probability of syllable b after a (ids; a = 0 at a sentence start), natural log. */
double lm_logp(const lm_model *m, uint32_t a, uint32_t b);
/* The same after two syllables (a b) c, natural log. */
double lm_logp3(const lm_model *m, uint32_t a, uint32_t b, uint32_t c);
/* The id of a lower-case NFC syllable, 0 when unknown. */
uint32_t lm_find(const lm_model *m, const char *syl);

/* ---- for the restorer (lm_restore.c) ---- */
const lm_syl *lm_syls(const lm_model *m);
const char *lm_str(const lm_model *m, uint32_t id); /* a syllable's text */
/* The candidates of a folded key: *n ids, most frequent first; NULL when the key is unknown. */
const uint32_t *lm_key_cands(const lm_model *m, const char *key, uint32_t *n);
/* The bigram entry (a b), NULL when not stored. */
const lm_big *lm_big_find(const lm_model *m, uint32_t a, uint32_t b);
/* Integer log p(c | b) (b may be 0). */
int32_t lm_score2(const lm_model *m, uint32_t b, uint32_t c);
/* The trigram entry (a b c) under the bigram entry ab = (a b), NULL when not stored. */
const lm_tri *lm_tri_find(const lm_model *m, const lm_big *ab, uint32_t c);
/* Integer log p(c | a b) with ab the bigram entry (a b), or NULL when (a b) was never seen. */
int32_t lm_score3(const lm_model *m, const lm_big *ab, uint32_t b, uint32_t c);

/* lm_restore's channels.  LM_OCR: English-model OCR output (letter confusions, marks lost).  LM_VIE:
 * text OCR'd with Tesseract's Vietnamese model, which keeps most marks but drops the tone over a vowel
 * with a circumflex, breve or horn (số -> sô, Giấy -> Giây, quyền -> quyên) and reads ế as é (Quyét):
 * a word's only candidates are itself and the syllables that undo one such loss, a change costs
 * LM_VIE_PRIOR and is kept only at confidence LM_VIE_CONF; words touching a digit or '/' (numbers,
 * codes) are never changed, and words kept are written back byte for byte. */
enum { LM_OCR = 1, LM_VIE = 2 };
enum { LM_CASE_LOWER = 0, LM_CASE_TITLE = 1, LM_CASE_UPPER = 2 };

/* Syllable id written in a case (LM_CASE_*) and tone style (VIET_STYLE_*) into buf (at least
 * 8 * VIET_MAX + 1 bytes, viet.h): NFC UTF-8, NUL-terminated.  Returns the length, 0 when it cannot. */
size_t lm_render(const lm_model *m, uint32_t id, int upper, int style, char *buf);

/* One restored word: where it is in the output and how sure the model was (0..1). */
typedef struct lm_word {
    size_t off, len; /* bytes in the output text */
    float conf;
    int changed;     /* differs from the input word */
} lm_word;

/* Restores s[0..n) (UTF-8, normalized by unorm_text first).  style is VIET_STYLE_OLD/NEW.  Returns the new
 * text (caller frees; *outlen its length) and, when words is not NULL, the array of restored words
 * (caller frees; *nwords its length; confidences are computed only then, or for LM_VIE, which decides
 * by them).  NULL on invalid UTF-8. */
char *lm_restore(const lm_model *m, const char *s, size_t n, int flags, int style, size_t *outlen,
                 lm_word **words, size_t *nwords);

#endif
