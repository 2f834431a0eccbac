/* normalize/nz_text.h (prefix nz_) — normalizing one UTF-8 text, the normalize stage's core: Unicode NFC with
 * stacked marks in order, one tone-placement style, diacritics restored with the syllable language model
 * when asked, and the folded search key.  Also the options every part of the stage reads. */
#ifndef PARPLAN_NZ_TEXT_H
#define PARPLAN_NZ_TEXT_H

#include <stddef.h>

#include "core/strbuf.h"
#include "text/lm.h"

typedef struct nz_opts {
    int restore; /* restore missing diacritics with the language model: NZ_RESTORE_* */
    int style;   /* VIET_STYLE_OLD or VIET_STYLE_NEW (text/viet.h) */
    int from;    /* the input's encoding (text/encodings.h ENC_), -1 to detect it */
    int force;   /* database: redo documents already normalized with the same options */
    int quiet;   /* no progress or summary messages */
    int verbose; /* database: a line per document instead of the progress display */
    int typed;   /* filter mode: text typed without marks, not OCR output (no OCR confusions) */
    int vie;     /* filter mode: text OCR'd with the Vietnamese model (NZ_CHAN_VIE) */
    int text_only; /* filter mode: only nz_result.text is read (no key, no confidences are made) */
} nz_opts;

/* o->restore: NZ_RESTORE_OFF (--no-restore); NZ_RESTORE_AUTO (the default): a page (or filter input)
 * whose words mostly lack marks is restored, one that has them is left alone; NZ_RESTORE_ON (--restore):
 * as before the default was on, OCR pages (and filter input) are restored whatever their marks, text
 * pages as in AUTO. */
enum { NZ_RESTORE_OFF = 0, NZ_RESTORE_AUTO = 1, NZ_RESTORE_ON = 2 };

/* Pages whose words mostly carry marks already are clean text: restoration would only risk damage. */
#define NZ_CLEAN_SHARE 0.25

/* Share of letter words (0..1) that carry a Vietnamese mark or đ; 0 for a text without words. */
double nz_marked_share(const char *s, size_t n);

/* Share of the lower-case ASCII words (0..1) that cannot be Vietnamese (a digit between letters, a shape
 * no syllable has: thudc, ngwoi, ctia): the signs of Vietnamese OCR'd with the English model, where
 * text typed without marks has almost none (foreign words).  A text page above NZ_OCR_SHARE is
 * restored with the OCR confusions. */
double nz_ocr_share(const char *s, size_t n);
#define NZ_OCR_SHARE 0.06 /* seeds 000 and 003: 0.12 and 0.14; stripped administrative prose: up to 0.019 */

/* One normalized text; owns its strings (nz_result_free). */
typedef struct nz_result {
    char *text, *key; /* normalized (and restored) text, NUL-terminated; its folded search key (NULL
                       * with nz_opts.text_only) */
    size_t len;       /* of text */
    int restored;     /* restoration ran */
    int changed;      /* syllables restoration changed */
    strbuf conf;      /* when restored: JSON [[byte offset, length, confidence, changed], ...] per syllable */
} nz_result;

void nz_result_free(nz_result *r);

/* What a text is, for restoration's channel (lm.h): typed (NZ_CHAN_TYPED), OCR'd with the English
 * model (NZ_CHAN_OCR: its letter confusions), or OCR'd with the Vietnamese model (NZ_CHAN_VIE: only its
 * dropped tone marks are corrected, where the model is confident; lm.h LM_VIE). */
enum { NZ_CHAN_TYPED = 0, NZ_CHAN_OCR = 1, NZ_CHAN_VIE = 2 };

/* Normalizes s[0..n) into *r (which it initializes): NFC and o->style, then, when o->restore, lm and
 * restore_ok are all set, restoration through channel `chan` (NZ_CHAN_*); the key is folded with the
 * OCR confusions when the text is OCR output that was not restored (or only corrected, NZ_CHAN_VIE).
 * Returns 0, or -1 when the text is not valid UTF-8 (*r then holds nothing to free). */
int nz_text(const char *s, size_t n, int chan, const nz_opts *o, const lm_model *lm, int restore_ok,
            nz_result *r);

#endif
