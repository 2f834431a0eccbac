/* extract/segment_lines.c (prefix sg_) — what a line of a folded document is, for the segmenter
 * (segment.c) and the stages that ask the same of a line: a table cell, blank, capitals, a list marker,
 * a label, the first column of a closing line; and the rule calls on one line (sg_line_rule).  The
 * answers the segmenter asks of the same line again are remembered (sg_doc.marks). */
#include "extract/segment-ll.h"

#include <string.h>
#include <utf8proc.h>

/* ---- line classification ---- */

int sg_is_cell(const sg_doc *d, size_t i)
{
    const char *s = d->text.buf + d->lines[i].o0;
    size_t n = d->lines[i].o1 - d->lines[i].o0;
    size_t k = 0;
    while (k < n && s[k] == ' ')
        k++;
    return k < n && s[k] == '\t';
}

int sg_is_blank(const sg_doc *d, size_t i)
{
    sg_span s = { d->lines[i].f0, d->lines[i].f1 };
    s = sg_trim(d, s);
    return s.a == s.b;
}

/* A line in capitals: at least `min` letters, 85% of them upper case (original text). */
int sg_is_caps(const sg_doc *d, size_t i, long min)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)d->text.buf + d->lines[i].o0;
    utf8proc_ssize_t n = (utf8proc_ssize_t)(d->lines[i].o1 - d->lines[i].o0);
    long up = 0, low = 0;
    while (n > 0) {
        /* most lines are prose: stop once the rest of the line could not make up the capitals
         * (every remaining byte a capital) */
        if (low * 85 > (up + (long)n) * 15)
            return 0;
        if (*s < 0x80) { /* ASCII needs no table */
            up += *s >= 'A' && *s <= 'Z';
            low += *s >= 'a' && *s <= 'z';
            s++;
            n--;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(s, n, &c);
        if (k <= 0)
            break;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LU)
            up++;
        else if (cat == UTF8PROC_CATEGORY_LL)
            low++;
        s += k;
        n -= k;
    }
    return up >= min && up * 100 >= (up + low) * 85;
}

/* A heading in capitals: at least 8 letters of them. */
int sg_is_upper(const sg_doc *d, size_t i)
{
    return sg_is_caps(d, i, 8);
}

/* First letter of the line is lower case (a wrapped continuation). */
int sg_starts_lower(const sg_doc *d, size_t i)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)d->text.buf + d->lines[i].o0;
    utf8proc_ssize_t n = (utf8proc_ssize_t)(d->lines[i].o1 - d->lines[i].o0);
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(s, n, &c);
        if (k <= 0)
            return 0;
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LL)
            return 1;
        if (cat == UTF8PROC_CATEGORY_LU || (c >= '0' && c <= '9'))
            return 0;
        s += k;
        n -= k;
    }
    return 0;
}


/* The lines of a signature block are short ("Nơi nhận:", "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN TỈNH"):
 * longer lines are not tried against closing.line (a rule call saved on every line of prose).  What
 * counts is the line's first column: a born-digital page's text keeps its two columns side by side,
 * "Nơi nhận:" and "TL. CHỦ TỊCH" on one line with a run of spaces between. */
#define SG_CLOSING_MAX 48

/* Whether line i's first column is at most SG_CLOSING_MAX bytes: the line is that short, or a run of two
 * spaces (or a TAB) ends its first words within that many bytes.  Looks at no more than that many. */
int sg_first_column_short(const sg_doc *d, rl_set *rules, size_t i)
{
    const char *f = d->f.buf;
    size_t k = d->lines[i].f0, e = d->lines[i].f1;
    if (e - k <= SG_CLOSING_MAX)
        return 1;
    while (k < e && (f[k] == ' ' || f[k] == '\t'))
        k++;
    /* most long lines are prose that no closing rule can start (a byte test), and are not scanned */
    if (k >= e || !rl_field_may_start(rules, "closing.line", (unsigned char)f[k]))
        return 0;
    size_t lim = e - k > SG_CLOSING_MAX + 1 ? k + SG_CLOSING_MAX + 1 : e;
    for (; k < lim; k++)
        if (f[k] == '\t' || (f[k] == ' ' && k + 1 < e && f[k + 1] == ' '))
            return 1;
    return k >= e;
}

int sg_line_rule(const sg_doc *d, rl_set *rules, const char *field, size_t i, rl_match *m)
{
    return sg_line_match(d, rules, field, i, 1, m);
}

int sg_line_match(const sg_doc *d, rl_set *rules, const char *field, size_t i, int anchored, rl_match *m)
{
    const sg_line *l = &d->lines[i];
    /* match on the line alone: rules anchor with ^ and $ at its ends */
    int rc = rl_first(rules, field, d->f.buf + l->f0, l->f1 - l->f0, 0, anchored, m);
    if (rc == 1) {
        m->start += l->f0;
        m->end += l->f0;
        for (int g = 0; g < 2 * m->ngroups; g++)
            if (m->ov[g] != PCRE2_UNSET)
                m->ov[g] += l->f0;
    }
    return rc;
}

int sg_match_line(sg_ctx *c, const char *field, size_t i, rl_match *m)
{
    return sg_line_rule(c->d, c->rules, field, i, m);
}

int sg_line_marker(const sg_doc *d, rl_set *rules, size_t i, size_t *marker, size_t *text)
{
    static const char *const markers[] = { "heading.bullet", "heading.letter" };
    sg_mark *memo = i < d->nmarks ? &d->marks[i] : NULL;
    if (memo && memo->known) {
        *marker = memo->marker;
        *text = memo->text;
        return memo->has;
    }
    rl_match m;
    size_t a, b;
    int has = 0;
    for (int k = 0; k < 2 && !has; k++)
        if (sg_line_rule(d, rules, markers[k], i, &m) == 1 && rl_group(&m, "title", &a, &b)) {
            size_t s = d->lines[i].f0;
            while (s < a && d->f.buf[s] == ' ')
                s++;
            *marker = s;
            *text = a;
            has = 1;
        }
    if (memo) {
        memo->known = 1;
        memo->has = (unsigned char)has;
        memo->marker = has ? *marker : 0;
        memo->text = has ? *text : 0;
    }
    return has;
}

static int sg_line_labels(const sg_doc *d, rl_set *rules, size_t i, const char *const *labels);

int sg_line_is_label(const sg_doc *d, rl_set *rules, size_t i)
{
    static const char *const labels[] = { "label.target", "label.task", "label.lead", "label.support",
                                          "label.deadline", "label.product", "label.resp", "label.monitor",
                                          NULL };
    return sg_line_labels(d, rules, i, labels);
}

/* Line i holds one of `labels` (NULL-terminated fields) at its start or after its list marker. */
static int sg_line_labels(const sg_doc *d, rl_set *rules, size_t i, const char *const *labels)
{
    const sg_line *l = &d->lines[i];
    rl_match m;
    for (int k = 0; labels[k]; k++)
        if (sg_line_rule(d, rules, labels[k], i, &m) == 1)
            return 1;
    /* label patterns start at the label's word (rules/segment.rules): try again after the marker */
    size_t marker, text;
    if (!sg_line_marker(d, rules, i, &marker, &text) || text >= l->f1)
        return 0;
    return sg_labels_from(d, rules, i, labels, -1, text);
}

/* Labels of line i with its list marker known: `marked` 1 when it has one, its text from `text` (the
 * line start tried first), 0 when it has none (the line start only), -1 the text after the marker only
 * (sg_line_labels tried the start). */
int sg_labels_from(const sg_doc *d, rl_set *rules, size_t i, const char *const *labels, int marked, size_t text)
{
    const sg_line *l = &d->lines[i];
    rl_match m;
    if (marked >= 0)
        for (int k = 0; labels[k]; k++)
            if (sg_line_rule(d, rules, labels[k], i, &m) == 1)
                return 1;
    if (marked == 0 || text >= l->f1)
        return 0;
    for (int k = 0; labels[k]; k++)
        if (rl_first(rules, labels[k], d->f.buf + l->f0, l->f1 - l->f0, text - l->f0, 1, &m) == 1)
            return 1;
    return 0;
}

int sg_is_label(sg_ctx *c, size_t i)
{
    return sg_line_is_label(c->d, c->rules, i);
}

