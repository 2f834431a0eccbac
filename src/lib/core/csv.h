/* core/csv.h (prefix csv_) — writing CSV fields per RFC 4180: a field is quoted when it holds a comma, quote,
 * CR or LF (quotes doubled); records end with CRLF.  csv_text also neutralises formulas for spreadsheets. */
#ifndef PARPLAN_CSV_H
#define PARPLAN_CSV_H

#include "core/strbuf.h"

/* Appends one field (with the separating comma unless it is the first of the record). */
void csv_field(strbuf *sb, const char *s, int first);
/* The same for a text value that a spreadsheet may open: one starting with = + - @ (or TAB, CR) would be
 * taken as a formula, so it gets a single quote in front (OWASP "CSV injection"); numbers go through
 * csv_num and are never changed.  A value that starts with a quote itself gets one more, which keeps the
 * round trip exact: core/csvread.h's csvr_untext drops exactly one quote before any of these. */
void csv_text(strbuf *sb, const char *s, int first);
void csv_num(strbuf *sb, double v, int has, int first);
void csv_end(strbuf *sb);

#endif
