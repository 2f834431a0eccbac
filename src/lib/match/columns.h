/* match/columns.h (prefix columns_) — naming table columns by their headings: rules/columns.rules maps a
 * heading (folded: no diacritics, lower case, OCR confusions undone) to a field such as "lead" or "deadline".
 *
 * The file uses the rule language of rules.h (FIELD NAME PRIORITY PATTERN, PCRE2 on folded text; a bad
 * line is reported as "file:line: message" with exit code 5), with fields column.code, column.title,
 * column.target, column.monitor, column.lead, column.support, column.deadline, column.product and
 * column.points.  Of every rule that matches a heading, the one with the highest priority names it.
 * A set is used by one thread at a time (it owns PCRE2 match data). */
#ifndef PARPLAN_MATCH_COLUMNS_H
#define PARPLAN_MATCH_COLUMNS_H

#include "core/err.h"

typedef struct pp_columns pp_columns;

/* Loads a rule file.  A missing file gives *out = NULL and PP_OK (tables are then stored without
 * column names); an unreadable or invalid one fails with PP_EXIT_RULES. */
int columns_load(const char *path, pp_columns **out, pp_err *e);
/* Parses rules held in memory (tests); `path` names them in messages. */
int columns_parse(const char *path, const char *text, size_t len, pp_columns **out, pp_err *e);
/* The field a heading names ("lead", "deadline" ...), or NULL. */
const char *columns_field(pp_columns *c, const char *heading);
void columns_free(pp_columns *c);


#endif
