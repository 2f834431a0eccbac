/* core/json.h (prefix js_) — writing JSON (RFC 8259) into a strbuf: string escaping that is safe in HTML too
 * (<, >, & and U+2028/2029 escaped, so a record can be pasted into a page), numbers without locale surprises.
 */
#ifndef PARPLAN_JSON_H
#define PARPLAN_JSON_H

#include <stddef.h>

#include "core/strbuf.h"

/* Appends "s" (quoted, escaped); NULL appends null.  Invalid UTF-8 bytes become U+FFFD. */
void js_str(strbuf *sb, const char *s);
void js_strn(strbuf *sb, const char *s, size_t n);
/* Appends [s0,s1,…]: the n strings of v, each written as js_str writes it ([] when n is 0). */
void js_str_array(strbuf *sb, char *const *v, size_t n);
/* js_strn for text already known to be valid UTF-8 (the same output, without checking every sequence). */
void js_strn_valid(strbuf *sb, const char *s, size_t n);
/* Appends an integer. */
void js_int(strbuf *sb, long long v);
/* Writes an integer in decimal at p (room for 20 bytes); returns the end.  For callers that put several
 * numbers in one buffer before one append. */
char *js_put_int(char *p, long long v);
/* Appends a number in the shortest form that reads back the same ("83.99", "100", "0.5"). */
void js_num(strbuf *sb, double v);
/* "key": with the separating comma when `*first` is 0 (sets it to 0). */
void js_key(strbuf *sb, const char *key, int *first);

#endif
