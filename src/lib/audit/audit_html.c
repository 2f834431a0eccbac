/* audit/audit_html.c (prefix ah_) — see audit_html.h. */
#include "audit/audit_html.h"
#include "core/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Safe bytes are copied in runs, not one sb_add per character: on the 10,000 text plans the per-character
 * appends were 1.3 of 8.0 G instructions (callgrind, one province). */
static void ah_escn(strbuf *sb, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, run = 0;
    while (s && i < n) {
        unsigned char c = p[i];
        if (c >= 0x20 && c < 0x7f && c != '&' && c != '<' && c != '>' && c != '"' && c != '\'') {
            i++;
            continue;
        }
        if (c == '\n' || c == '\t') {
            i++;
            continue;
        }
        size_t len = c >= 0x80 ? utf8_seq_len(p + i, n - i) : 0;
        if (len) {
            i += len;
            continue;
        }
        sb_add(sb, p + run, i - run);
        switch (c) {
        case '&': sb_adds(sb, "&amp;"); break;
        case '<': sb_adds(sb, "&lt;"); break;
        case '>': sb_adds(sb, "&gt;"); break;
        case '"': sb_adds(sb, "&quot;"); break;
        case '\'': sb_adds(sb, "&#39;"); break;
        default: sb_adds(sb, "\xef\xbf\xbd"); break; /* control character or invalid UTF-8 */
        }
        run = ++i;
    }
    if (s && i > run)
        sb_add(sb, p + run, i - run);
}

void ah_esc(strbuf *sb, const char *s)
{
    if (s)
        ah_escn(sb, s, strlen(s));
}

/* Byte offset of code point `cp` in s (its length when s is shorter). */
static size_t cp_offset(const char *s, long cp)
{
    size_t i = 0, n = strlen(s);
    for (long k = 0; k < cp && i < n; k++) {
        size_t len = utf8_seq_len((const unsigned char *)s + i, n - i);
        i += len ? len : 1;
    }
    return i;
}

void ah_esc_marked(strbuf *sb, const char *s, long start, long end)
{
    if (!s)
        return;
    size_t n = strlen(s);
    size_t a = start < 0 ? 0 : cp_offset(s, start);
    size_t b = end < 0 ? n : cp_offset(s, end);
    if (b < a)
        b = a;
    ah_escn(sb, s, a);
    sb_adds(sb, "<mark>");
    ah_escn(sb, s + a, b - a);
    sb_adds(sb, "</mark>");
    ah_escn(sb, s + b, n - b);
}

/* One style for every page; :target filters hide the cards a filter link leaves out (no script). */
static const char style[] =
    "body{font:15px/1.45 system-ui,'DejaVu Sans',sans-serif;margin:0 auto;max-width:1100px;padding:12px 20px;"
    "color:#1d1d1d;background:#fafaf7}\n"
    "a{color:#0b57a4}nav{margin:6px 0 14px;font-size:14px}nav a{margin-right:10px}\n"
    "h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:18px 0 6px;border-bottom:1px solid #ccc}\n"
    "table{border-collapse:collapse;margin:6px 0;width:100%}td,th{border:1px solid #d4d4d0;padding:3px 7px;"
    "text-align:left;vertical-align:top}th{background:#eeeee8}\n"
    ".num{text-align:right}.muted{color:#666}.lvl1{padding-left:18px}.lvl2{padding-left:36px}.lvl3{padding-left:54px}\n"
    ".flag{display:inline-block;border-radius:3px;padding:0 5px;margin:0 2px;font-size:12px;font-weight:600}\n"
    ".f-low{background:#ffd7d2;color:#8a1207}.f-restored{background:#fff0c2;color:#6b4e00}"
    ".f-accepted{background:#d6f2d6;color:#175e17}.f-corrected{background:#d5e6ff;color:#0b3f86}"
    ".f-stale{background:#ffe2b8;color:#7a3f00}.f-none{background:#eee;color:#555}\n"
    ".f-inferred,.f-leftover,.f-prior,.f-unparsed,.f-nolead,.f-orient,.f-unsure{background:#ffd7d2;color:#8a1207}"
    ".f-canonical{background:#e8defa;color:#4a2a86}\n"
    ".card{border:1px solid #d4d4d0;background:#fff;margin:10px 0;padding:8px 10px;border-radius:4px}\n"
    ".card.low{border-left:5px solid #d9382b}.card.restored{border-right:5px solid #e0a800}\n"
    ".card h3{font-size:15px;margin:0 0 4px}.card img{max-width:100%;border:1px solid #bbb;display:block;margin-top:6px}\n"
    ".crop{position:relative;display:inline-block;max-width:100%;margin-top:6px}.crop img{margin-top:0;height:auto}"
    ".crop .hl{position:absolute;outline:2px dashed #0b57a4;outline-offset:2px;background:rgba(255,228,107,.22)}\n"
    ".src{font-family:'DejaVu Sans Mono',monospace;white-space:pre-wrap;background:#f3f3ee;padding:6px;margin-top:6px}\n"
    "mark{background:#ffe46b;outline:2px solid #d9382b}\n"
    ".filters a{margin-right:8px}.filters a.on{font-weight:700}\n"
    ".sel:target~.cards .card,.sel:target~table tr.v{display:none}\n"
    "#low:target~.cards .card.low,#restored:target~.cards .card.restored,#unreviewed:target~.cards .card.unreviewed,"
    "#low:target~table tr.v.low,#restored:target~table tr.v.restored,#unreviewed:target~table tr.v.unreviewed"
    "{display:block}\n"
    "#low:target~table tr.v.low,#restored:target~table tr.v.restored,#unreviewed:target~table tr.v.unreviewed"
    "{display:table-row}\n";

void ah_begin_css(strbuf *sb, const char *title, const char *css)
{
    sb_adds(sb, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<title>");
    ah_esc(sb, title);
    if (css) {
        sb_adds(sb, "</title>\n<link rel=\"stylesheet\" href=\"");
        ah_esc(sb, css);
        sb_adds(sb, "\"></head>\n<body>\n");
        return;
    }
    sb_adds(sb, "</title>\n<style>\n");
    sb_adds(sb, style);
    sb_adds(sb, "</style></head>\n<body>\n");
}

void ah_begin(strbuf *sb, const char *title)
{
    ah_begin_css(sb, title, NULL);
}

int ah_write_style(const char *dir, const char *name, pp_err *e)
{
    strbuf sb = STRBUF_INIT;
    sb_adds(&sb, style);
    ah_write(dir, name, &sb, e);
    sb_free(&sb);
    return e->code;
}

void ah_end(strbuf *sb)
{
    sb_adds(sb, "\n<footer class=\"muted\"><p>parplan-audit</p></footer>\n</body></html>\n");
}

int ah_write(const char *dir, const char *name, const strbuf *sb, pp_err *e)
{
    char *path = xasprintf("%s/%s", dir, name);
    char *tmp = xasprintf("%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    int bad = !f || fwrite(sb_str(sb), 1, sb->len, f) != sb->len;
    if (f && fclose(f) != 0)
        bad = 1;
    if (!bad && rename(tmp, path) != 0)
        bad = 1;
    if (bad) {
        remove(tmp);
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write", path);
    }
    free(tmp);
    free(path);
    return e->code;
}

int ah_write_new(const char *dir, const char *name, const strbuf *sb, pp_err *e)
{
    char *path = xasprintf("%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) {
        free(path);
        return ah_write(dir, name, sb, e);
    }
    int bad = fd < 0;
    size_t done = 0;
    while (!bad && done < sb->len) {
        ssize_t n = write(fd, sb_str(sb) + done, sb->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            bad = 1;
        else
            done += (size_t)n;
    }
    if (fd >= 0 && close(fd) != 0)
        bad = 1;
    if (bad) {
        if (fd >= 0)
            unlink(path);
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write", path);
    }
    free(path);
    return e->code;
}
