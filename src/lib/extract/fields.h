/* extract/fields.h (prefix fl_) — parsers for the values inside extracted fields: Vietnamese numbers
 * ("83,99", "1.000", "01"), units, comparators, dates, and tidying a piece of original text for output. */
#ifndef PARPLAN_FIELDS_H
#define PARPLAN_FIELDS_H

#include <stddef.h>

/* Parses a number written the Vietnamese way: a comma is the decimal mark; a dot is a decimal mark too
 * (OCR and many born-digital plans write "0.5 điểm") unless it groups thousands ("1.000", "12.500.000").
 * Leading zeros are counts ("01" = 1).  Returns 1 and sets *v, or 0 when s holds no number. */
int fl_number(const char *s, size_t n, double *v);
/* Unit of a folded unit word: "%" / "điểm" / "count". */
const char *fl_unit(const char *folded, size_t n);
/* "2023-04-05" from day, month, year; 0 when not a real date. */
int fl_date_iso(int d, int m, int y, char out[11]);
/* Copy of s with runs of white space made one space, and leading/trailing spaces and the punctuation
 * in `strip` removed (caller frees). */
char *fl_tidy(const char *s, size_t n, const char *strip);
/* Value of a roman numeral (I..XXXIX), 0 when it is not one. */
int fl_roman(const char *s, size_t n);
/* A deadline with the quarter's roman numeral as the English-model OCR damages it ("Quý IIl", "Quý lV",
 * "Quý 1I": l, 1, |, ! and I with a tone mark read for I, v for V) written right: a copy of s with every
 * numeral after "quý" that has at least one real I or V, is made only of those and their look-alikes,
 * and comes out I, II, III or IV, rewritten ("Quý III, IV/2024"); NULL when nothing needed rewriting.
 * "Quý II" read for "Quý III" cannot be seen here: the OCR stage reads such lines twice (engine.c). */
char *fl_quarter_roman(const char *s);
/* Parses a positive integer of at most 9 digits; -1 when s is not one. */
long fl_int(const char *s, size_t n);

#endif
