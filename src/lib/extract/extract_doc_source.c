/* extract/extract_doc_source.c (prefix ex_) — reading and recording a document's spans: the original text
 * and OCR confidence of a folded span, the sources of the values found (the evidence JSON of an item or of
 * the document fields), and every match of a field's rules inside a span. */
#include "extract/extract-ll.h"
#include "core/json.h"
#include "extract/fields.h"

#include <stdint.h>
#include <string.h>

/* An item's sources are numbered item id * EX_SOURCE_IDS + position in the sources view (the view in
 * db_schema_extract.c multiplies by the same number); an item has a few dozen at most. */
#define EX_SOURCE_IDS 1024

/* Original text of a folded span, tidied (caller frees). */
char *ex_text(ex_doc *x, sg_span s, const char *strip)
{
    size_t o0, o1;
    sg_orig(&x->d, s, &o0, &o1);
    return fl_tidy(x->d.text.buf + o0, o1 - o0, strip);
}

/* Characters in s[0..n) of valid UTF-8: the bytes less the continuation bytes (10xxxxxx), counted eight
 * at a time (a source's offset is counted from its line's start, and born-digital lines are long). */
static size_t ex_chars(const char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080u;
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* bit 7 set, bit 6 clear: one bit a continuation byte, summed by a multiply (the bytes' low bits
         * add up in the top byte; a popcount is a libgcc call without -mpopcnt: 0.5 % of the stage's time in
         * perf) */
        cont += (size_t)((((w & ~(w << 1) & high) >> 7) * 0x0101010101010101u) >> 56);
    }
    for (; i < n; i++)
        cont += ((unsigned char)s[i] & 0xC0) == 0x80;
    return n - cont;
}

/* Mean OCR confidence of the lines l0..l1 a span touches; < 0 when none (text input). */
static double ex_conf_lines(ex_doc *x, sg_span s, size_t l0, size_t l1)
{
    double cc;
    if (x->tt.ncells && et_conf(&x->tt, s, &cc))
        return cc; /* inside one table cell: that cell's confidence */
    double sum = 0;
    int n = 0;
    for (size_t l = l0; l <= l1; l++)
        if (x->d.lines[l].conf >= 0) {
            sum += x->d.lines[l].conf;
            n++;
        }
    return n ? sum / n : -1;
}

double ex_conf(ex_doc *x, sg_span s)
{
    return ex_conf_lines(x, s, sg_line_at(&x->d, s.a), sg_line_at(&x->d, s.b > s.a ? s.b - 1 : s.a));
}

/* Adds where a value came from to the sources of the item (or the document fields) being written: one
 * JSON array [field, seq, rule, text, page, line, char_start, line_end, char_end, confidence] per value,
 * stored in the item's (or the extraction's) evidence column and read as rows through the sources view
 * (db_schema_extract.c).  One column rather than a row per value: the rows were most of what the stage
 * wrote (docs/extract.md).  An empty span has no source.  `column` is the item row's value of the field
 * when it holds one: when the text as written is that value byte for byte (most titles, many target
 * texts), the JSON holds null and the sources view takes the column, so the text is stored once. */
int ex_source_as(ex_doc *x, const char *field, int seq, const char *rule, sg_span s, const char *column)
{
    s = sg_trim(&x->d, s);
    if (s.b <= s.a)
        return PP_OK;
    if (x->nev >= EX_SOURCE_IDS - 1)
        return pp_err_set(x->e, PP_EXIT_INTERNAL, "more than %d sources for one item", EX_SOURCE_IDS - 1);
    size_t o0, o1;
    sg_orig(&x->d, s, &o0, &o1);
    size_t l0 = sg_line_at(&x->d, s.a), l1 = l0;
    while (l1 + 1 < x->d.n && x->d.lines[l1 + 1].f0 <= s.b - 1) /* a span covers a line or a few */
        l1++;
    const sg_line *a = &x->d.lines[l0], *b = &x->d.lines[l1];
    strbuf *q = &x->ev;
    if (!x->nev)
        sb_reset(q); /* the last item's sources, written by now (ex_sources_end) */
    sb_adds(q, x->nev++ ? ",[" : "[[");
    /* field and rule names are valid UTF-8 like the document's text (sg_doc_fold); the numbers go in
     * through a buffer, one append for each run of them */
    char num[6 * 24], *p = num;
    js_strn_valid(q, field, strlen(field));
    *p++ = ',';
    p = js_put_int(p, seq);
    *p++ = ',';
    sb_add(q, num, (size_t)(p - num));
    if (rule)
        js_strn_valid(q, rule, strlen(rule));
    else
        sb_adds(q, "null");
    sb_addc(q, ',');
    if (column && strlen(column) == o1 - o0 && memcmp(column, x->d.text.buf + o0, o1 - o0) == 0)
        sb_adds(q, "null");
    else
        js_strn_valid(q, x->d.text.buf + o0, o1 - o0);
    int64_t nums[] = { a->page, a->number, (int64_t)ex_chars(x->d.text.buf + a->o0, o0 - a->o0), b->number,
                       (int64_t)ex_chars(x->d.text.buf + b->o0, o1 - b->o0) };
    p = num;
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        *p++ = ',';
        p = js_put_int(p, nums[i]);
    }
    *p++ = ',';
    sb_add(q, num, (size_t)(p - num));
    double c = ex_conf_lines(x, s, l0, l1);
    if (c >= 0)
        js_num(q, c);
    else
        sb_adds(q, "null");
    sb_addc(q, ']');
    return PP_OK;
}

int ex_source(ex_doc *x, const char *field, int seq, const char *rule, sg_span s)
{
    return ex_source_as(x, field, seq, rule, s, NULL);
}

/* Ends the sources gathered since the last call: the JSON array's text in *json (n bytes), or NULL when
 * there are none.  The text stays valid until the next ex_source, which starts the next array. */
void ex_sources_end(ex_doc *x, const char **json, size_t *n)
{
    *json = NULL;
    *n = 0;
    if (x->nev) {
        sb_addc(&x->ev, ']');
        *json = x->ev.buf;
        *n = x->ev.len;
    }
    x->nev = 0;
}

size_t ex_all_in(ex_doc *x, const char *field, const sg_span *win, size_t nwin, ex_hit *out, size_t max, size_t n)
{
    for (size_t j = 0; j < nwin; j++)
        n = ex_all(x, field, win[j], out, max, n);
    return n;
}

int ex_first_in(ex_doc *x, const char *field, const sg_span *win, size_t nwin, rl_match *m)
{
    const rl_rule *r;
    size_t nr = rl_field(x->r->rules, field, &r);
    for (size_t i = 0; i < nr; i++)
        for (size_t j = 0; j < nwin; j++) {
            int rc = rl_exec(x->r->rules, &r[i], x->d.f.buf, win[j].b, win[j].a, 0, m);
            if (rc)
                return rc;
        }
    return 0;
}

size_t ex_windows(ex_doc *x, sg_span in, const char *bytes, size_t before, size_t after, sg_span *win, size_t max)
{
    const unsigned char *f = (const unsigned char *)x->d.f.buf;
    unsigned char want[256] = { 0 };
    for (const unsigned char *p = (const unsigned char *)bytes; *p; p++)
        want[*p] = 1;
    size_t n = 0, pos = in.a;
    while (pos < in.b) {
        /* the next byte wanted, within in: memchr for one byte (a colon), else the table */
        size_t c = pos;
        if (bytes[0] && !bytes[1]) {
            const unsigned char *q = memchr(f + pos, bytes[0], in.b - pos);
            c = q ? (size_t)(q - f) : in.b;
        } else {
            while (c < in.b && !want[f[c]])
                c++;
        }
        if (c >= in.b)
            break;
        size_t li = sg_line_at(&x->d, c);
        size_t l0 = li > before ? li - before : 0, l1 = li + after < x->d.n ? li + after : x->d.n - 1;
        size_t a = x->d.lines[l0].f0, b = x->d.lines[l1].f1;
        if (a < in.a)
            a = in.a;
        if (b > in.b)
            b = in.b;
        if (n && a <= win[n - 1].b + 1) { /* touching (a newline between) or overlapping: one window */
            if (b > win[n - 1].b)
                win[n - 1].b = b;
        } else if (n < max) {
            win[n++] = (sg_span){ a, b };
        } else {
            win[n - 1].b = in.b; /* out of room: the last window runs to the end */
            break;
        }
        pos = x->d.lines[li].f1 + 1; /* the next line that holds one */
    }
    return n;
}

size_t ex_past_last(ex_doc *x, sg_span in, char c, size_t tail)
{
    const unsigned char *f = (const unsigned char *)x->d.f.buf;
    if (in.b <= in.a)
        return in.a;
    const unsigned char *q = memrchr(f + in.a, c, in.b - in.a);
    if (!q)
        return in.a;
    size_t end = (size_t)(q - f) + 1;
    end = in.b - end > tail ? end + tail : in.b;
    while (end < in.b && (f[end] & 0xC0) == 0x80)
        end++;
    return end;
}

/* All matches of every rule of `field` inside [a,b), as folded spans (per rule, left to right). */
size_t ex_all(ex_doc *x, const char *field, sg_span in, ex_hit *out, size_t max, size_t n)
{
    const rl_rule *r;
    size_t nr = rl_field(x->r->rules, field, &r);
    for (size_t i = 0; i < nr; i++) {
        size_t pos = in.a;
        rl_match m;
        while (n < max && pos < in.b && rl_exec(x->r->rules, &r[i], x->d.f.buf, in.b, pos, 0, &m) == 1) {
            out[n].m = m;
            out[n].a = m.start;
            out[n].b = m.end;
            n++;
            pos = m.end > m.start ? m.end : m.start + 1;
        }
    }
    return n;
}
