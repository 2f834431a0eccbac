/* core/csvread.h (prefix csvr_) — reading CSV per RFC 4180, as core/csv.h writes it and as spreadsheets save
 * it: fields separated by commas, quoted when they hold a comma, quote, CR or LF (quotes doubled); records end
 * with CRLF, LF or a lone CR; a UTF-8 byte order mark at the start is skipped.  Also undoes csv_text's
 * neutralisation of formulas, so an exported value reads back as it was. */
#ifndef PARPLAN_CSVREAD_H
#define PARPLAN_CSVREAD_H

#include <stddef.h>

#include "core/err.h"
#include "core/strvec.h"

typedef struct csvr {
    const char *p, *end;
    int line; /* line of the next byte (1-based) */
} csvr;

void csvr_init(csvr *r, const char *buf, size_t len);
/* Reads the next record into *fields (cleared first); *line receives the line it starts on.  Returns 1 for a
 * record, 0 at the end, or PP_EXIT_INPUT in e for a malformed one (a quote inside an unquoted field, text
 * after a closing quote, a quoted field never closed). */
int csvr_next(csvr *r, strvec *fields, int *line, pp_err *e);
/* s without the quote csv_text put in front of a value a spreadsheet would take as a formula (a leading '
 * followed by = + - @ TAB CR or another '); s itself otherwise. */
const char *csvr_untext(const char *s);

#endif
