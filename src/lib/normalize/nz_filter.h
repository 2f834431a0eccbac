/* normalize/nz_filter.h (prefix nz_) — the normalize stage's filter mode: a text stream in (any encoding it
 * detects, or o->from), the normalized text out, no database. */
#ifndef PARPLAN_NZ_FILTER_H
#define PARPLAN_NZ_FILTER_H

#include <stdio.h>

#include "normalize/nz_text.h"

/* Reads all of `in` (at most PP_MAX_TEXT_BYTES), decodes it, normalizes it as nz_text does (as OCR text
 * unless o->typed; restored when o->restore and lm) and writes it to `out`.  Messages name the streams
 * "standard input" and "standard output"; the encoding detected is told unless o->quiet.  Returns PP_OK,
 * PP_EXIT_NOMEM (input too large), PP_EXIT_INPUT (unreadable or undecodable input) or PP_EXIT_FAILED
 * (write error), having printed the error. */
int nz_filter(FILE *in, FILE *out, const nz_opts *o, const lm_model *lm);

#endif
