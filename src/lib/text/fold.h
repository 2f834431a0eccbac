/* text/fold.h (prefix fold_) — folding Vietnamese text for matching: no diacritics, đ -> d, lower case, with
 * a map from every folded byte back to the original, so a match found in the folded text can be cut out of
 * (or pointed at in) the original.
 *
 * FOLD_PLAIN removes diacritics (canonical + compatibility decomposition, marks stripped), case-folds,
 * maps đ/Đ/Ð to d and drops default-ignorable characters (zero-width spaces, soft hyphens).  Everything
 * else (punctuation, digits, spaces) is kept one for one.
 *
 * FOLD_OCR additionally undoes confusions of Vietnamese text OCR'd with the English model:
 *   - quotes, dashes and odd spaces lumped to ASCII (' " - and space), ¢ -> c, € -> e;
 *   - a 0, 1 or 6 standing alone between letters of a word (s6, t6i, c0ng, 1inh) -> o, l, o.  The word
 *     must have no other kind of digit and no two digits in a row, and either a lower-case letter or at
 *     least two letters (so K10, A1, B6, 2020, ĐT601 are left alone);
 *   - an upper-case P that starts a word, is followed by a vowel, and would make a valid Vietnamese
 *     syllable with d in its place (PON -> don, PIEU -> dieu, Piều -> dieu), unless the word is one of a
 *     few real P words (PA, PIN, PE, PO...).  Phòng, PAR, PAPI, PCI, POS stay: ph/pc are not vowels, and
 *     "dar", "dapi", "dos" are not Vietnamese syllables.
 * The OCR rules only ever replace one ASCII byte by another, so they never disturb the offset map. */
#ifndef PARPLAN_FOLD_H
#define PARPLAN_FOLD_H

#include <stddef.h>

typedef struct pp_fold {
    char *s;     /* folded UTF-8, NUL-terminated */
    size_t len;
    size_t *map; /* map[i] = byte offset in the original of the character that produced folded byte i;
                    map[len] = the original length */
} pp_fold;

enum { FOLD_PLAIN = 0, FOLD_OCR = 1 };

/* Folds s[0..n).  Returns 0, or -1 when s is not valid UTF-8 (*out is then empty and need not be freed,
 * though fold_free on it is harmless). */
int fold_text(const char *s, size_t n, int flags, pp_fold *out);
void fold_free(pp_fold *f);
/* A folded copy without the map (caller frees); NULL on invalid UTF-8. */
char *fold_dup(const char *s, size_t n, int flags);

#endif
