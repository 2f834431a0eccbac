/* audit/audit_html.h (prefix ah_) — HTML pieces of the audit report: escaping that makes any stored text
 * inert (OCR and extracted values are untrusted input: a title holding "<script>" must show as text), the
 * page frame with its style (inline, or one style.css beside the report's pages: the report opens from disk
 * with no external asset), and writing a page.
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
/* The same with the style in a file beside the page (css, a relative URL; NULL: inline): the static report's
 * pages share one style.css, which was 2.6 KB of each of its 130,000 pages on the 10,000 text plans. */
void ah_begin_css(strbuf *sb, const char *title, const char *css);
/* Writes the style as dir/name. */
int ah_write_style(const char *dir, const char *name, pp_err *e);
void ah_end(strbuf *sb);
/* Writes sb to dir/name (replacing it atomically through a temporary file). */
int ah_write(const char *dir, const char *name, const strbuf *sb, pp_err *e);
/* The same for a file that is most likely new: written in place when dir/name does not exist yet (nobody can
 * be reading it), through ah_write when it does.  The report of one province of the 10,000 text plans (16,250
 * pages) on tmpfs, twice each: 0.49 and 0.73 s of system time through a temporary file and rename, 0.38 and
 * 0.46 s in place (on the shared disk the figures were too noisy to compare: 1 to 8 s either way). */
int ah_write_new(const char *dir, const char *name, const strbuf *sb, pp_err *e);

#endif
