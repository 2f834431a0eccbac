/* test_page.c — splitting a text page into lines (page.c): lines_next, one line at a time, gives
 * exactly the (line, length) sequence written out by hand for each text below, each line a slice of the
 * text itself; page_lines_from_text gives the same lines on a pp_page; and page_join_text joins them
 * back (a text without a final newline and without CRs comes back byte for byte). */
#include "check.h"
#include "core/lines.h"
#include "scan/page.h"

typedef struct split_case {
    const char *name;
    const char *text;
    size_t len;                 /* bytes of text (it may hold a NUL) */
    int nlines;
    const char *line[6];        /* expected lines */
    size_t off[6];              /* where each starts in text */
    size_t llen[6];             /* and its length (a trailing CR not counted) */
} split_case;

#define T(s) s, sizeof s - 1

static const split_case cases[] = {
    { "empty text", T(""), 1, { "" }, { 0 }, { 0 } },
    { "one line", T("a"), 1, { "a" }, { 0 }, { 1 } },
    { "final newline", T("a\n"), 1, { "a" }, { 0 }, { 1 } },
    { "two lines", T("a\nb"), 2, { "a", "b" }, { 0, 2 }, { 1, 1 } },
    { "CRLF", T("a\r\nb\r\n"), 2, { "a", "b" }, { 0, 3 }, { 1, 1 } },
    { "a newline", T("\n"), 1, { "" }, { 0 }, { 0 } },
    { "two newlines", T("\n\n"), 2, { "", "" }, { 0, 1 }, { 0, 0 } },
    { "blank line between", T("a\n\nb"), 3, { "a", "", "b" }, { 0, 2, 3 }, { 1, 0, 1 } },
    { "no final newline", T("Đơn vị chủ trì\nSở Nội vụ"), 2, { "Đơn vị chủ trì", "Sở Nội vụ" }, { 0, 22 }, { 21, 15 } },
    { "several, final newline", T("Mục tiêu:\n- Phấn đấu\n\n  đạt 90%\n"), 4,
      { "Mục tiêu:", "- Phấn đấu", "", "  đạt 90%" }, { 0, 13, 29, 30 }, { 12, 15, 0, 12 } },
    /* a lone CR ends a line as LF and CRLF do, in any mix (classic Mac text gave one line before) */
    { "lone CRs and CRLFs mixed", T("a\rb\r\n\r\n\r"), 4, { "a", "b", "", "" }, { 0, 2, 5, 7 }, { 1, 1, 0, 0 } },
    { "CR then CRLF: two line ends", T("x\r\r\ny"), 3, { "x", "", "y" }, { 0, 2, 4 }, { 1, 0, 1 } },
    { "classic Mac text", T("a\rb\rc\r"), 3, { "a", "b", "c" }, { 0, 2, 4 }, { 1, 1, 1 } },
    { "CRLF alone", T("\r\n"), 1, { "" }, { 0 }, { 0 } },
    { "NUL inside a line", T("a\0b\nc"), 2, { "a\0b", "c" }, { 0, 4 }, { 3, 1 } },
    { "form feed kept", T("\f\n\tx \n"), 2, { "\f", "\tx " }, { 0, 2 }, { 1, 3 } },
};

static void one_case(const split_case *c)
{
    /* lines_next on its own */
    const char *s = c->text, *end = c->text + c->len, *line = NULL;
    size_t n = 0;
    int got = 0, wrong = 0;
    for (int first = 1; lines_next(&s, end, first, &line, &n); first = 0) {
        if (got < c->nlines) {
            int ok = line == c->text + c->off[got] && n == c->llen[got] && memcmp(line, c->line[got], n) == 0;
            if (!ok && !wrong++)
                printf("#   %s: line %d at %td, %zu bytes (want at %zu, %zu bytes)\n", c->name, got,
                       line - c->text, n, c->off[got], c->llen[got]);
        }
        if (++got > 16)
            break; /* a splitter that never ends */
    }
    CHECK(got == c->nlines, "%s: lines_next gives %d lines (%d)", c->name, c->nlines, got);
    CHECK(!wrong, "%s: lines_next's lines are the expected slices of the text", c->name);
    /* once it has said there is none, it keeps saying so */
    CHECK(lines_next(&s, end, 0, &line, &n) == 0, "%s: no line after the last", c->name);

    /* page_lines_from_text on a page holding a copy of the text */
    pp_page p;
    memset(&p, 0, sizeof p);
    p.text = xmalloc(c->len + 1);
    memcpy(p.text, c->text, c->len);
    p.text[c->len] = '\0';
    p.text_len = c->len;
    page_lines_from_text(&p);
    CHECK(p.nlines == (size_t)c->nlines, "%s: page_lines_from_text gives %d lines (%zu)", c->name, c->nlines,
          p.nlines);
    wrong = 0;
    for (size_t i = 0; i < p.nlines && i < (size_t)c->nlines; i++) {
        const pp_line *l = &p.lines[i];
        if (l->len != c->llen[i] || memcmp(l->text, c->line[i], l->len) != 0 || l->text[l->len] != '\0' ||
            l->has_box)
            wrong++;
    }
    CHECK(!wrong, "%s: page_lines_from_text's lines are the same (%d differ)", c->name, wrong);

    /* joined back: the lines with '\n' between them */
    size_t want_len = 0;
    for (int i = 0; i < c->nlines; i++)
        want_len += c->llen[i] + (i ? 1 : 0);
    page_join_text(&p);
    int same = p.text_len == want_len;
    size_t at = 0;
    for (int i = 0; same && i < c->nlines; i++) {
        if (i)
            same = p.text[at++] == '\n';
        same = same && memcmp(p.text + at, c->line[i], c->llen[i]) == 0;
        at += c->llen[i];
    }
    CHECK(same, "%s: page_join_text joins the lines with newlines (%zu bytes, want %zu)", c->name, p.text_len,
          want_len);
    int plain = !memchr(c->text, '\r', c->len) && (c->len == 0 || c->text[c->len - 1] != '\n');
    if (plain)
        CHECK(p.text_len == c->len && memcmp(p.text, c->text, c->len) == 0, "%s: and gives the text back", c->name);
    page_clear(&p);
}

int main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        one_case(&cases[i]);

    /* one text, split on its own, then a second text with the same pointers: `first` restarts */
    const char *a = "x\ny\n", *b = "", *s = a, *line;
    size_t n;
    int k = 0;
    while (lines_next(&s, a + strlen(a), k == 0, &line, &n))
        k++;
    s = b;
    int m = 0;
    while (lines_next(&s, b, m == 0, &line, &n))
        m++;
    CHECK(k == 2 && m == 1, "two texts split one after the other: %d and %d lines", k, m);
    return check_done();
}
