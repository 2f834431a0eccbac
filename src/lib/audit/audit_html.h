/* audit/audit_html.h (prefix ah_) — HTML pieces of the audit report: escaping that makes any stored text
 * inert (OCR and extracted values are untrusted input: a title holding "<script>" must show as text), the
 * page frame with its inline style (the report opens from disk with no external asset), and writing a page.
 */
#ifndef PARPLAN_AUDIT_HTML_H
#define PARPLAN_AUDIT_HTML_H

#include <stddef.h>

#include "core/err.h"
#include "core/strbuf.h"

/* Appends s escaped for element content and quoted attribute values alike (& < > " ' escaped; other
 * control characters and invalid UTF-8 become U+FFFD; newlines kept).  NULL appends nothing. */
void ah_esc(strbuf *sb, const char *s);
/* Appends s with the characters [start, end) (code points, not bytes) inside <mark>. */
void ah_esc_marked(strbuf *sb, const char *s, long start, long end);
/* Page start (doctype, charset, title, style, body) and end. */
void ah_begin(strbuf *sb, const char *title);
void ah_end(strbuf *sb);
/* Writes sb to dir/name (replacing it atomically through a temporary file). */
int ah_write(const char *dir, const char *name, const strbuf *sb, pp_err *e);

#endif
