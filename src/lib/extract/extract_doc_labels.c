/* extract/extract_doc_labels.c (prefix ex_) — an item's body sliced into regions by its labels ("Mục tiêu:",
 * "Đơn vị chủ trì:", "Thời gian hoàn thành:"): the target region the target rules run in, the lead / support
 * / monitor regions the bodies are read from, the deadline and product regions. */
#include "extract/extract-ll.h"

#include <assert.h>
#include <stddef.h>
#include <string.h>
#include <utf8proc.h>

/* the rule field of each role's label, in R_ order (extract-ll.h) */
static const char *const ex_label_fields[R_N] = { "label.target", "label.task", "label.lead", "label.support",
                                                  "label.monitor", "label.deadline", "label.product",
                                                  "label.resp", NULL };

static int ex_hit_cmp(const void *p, const void *q)
{
    const ex_hit *a = p, *b = q;
    if (a->a != b->a)
        return a->a < b->a ? -1 : 1;
    return a->b > b->b ? -1 : (a->b < b->b);
}

/* A plan that writes "Chủ trì: …" / "phối hợp: …" does so for its tasks; an item without them (a list of
 * criteria) has no bodies, not table columns lost in OCR.  Two scans of the whole document, so made
 * only when an item asks (a table's rows never do). */
int ex_labelled(ex_doc *x)
{
    if (x->labelled < 0) {
        rl_match m;
        x->labelled = rl_first(x->r->rules, "label.lead", x->d.f.buf, x->d.f.len, 0, 0, &m) == 1 ||
                      rl_first(x->r->rules, "label.support", x->d.f.buf, x->d.f.len, 0, 0, &m) == 1;
    }
    return x->labelled;
}

/* Where a value region starting at a ends, at most at b: at a blank line, or after a sentence that ends its
 * line ("Thời gian thực hiện: Thường\nxuyên.\n\n- Tổ chức tập huấn …": what follows is the next task's).
 * A name wrapped over lines goes on ("Sở Tư\npháp"). */
static int ex_lower_at(ex_doc *x, size_t f)
{
    size_t o = x->d.fmap[f];
    utf8proc_int32_t c;
    if (utf8proc_iterate((const utf8proc_uint8_t *)x->d.text.buf + o, (utf8proc_ssize_t)(x->d.text.len - o), &c) <= 0)
        return 0;
    return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

static size_t ex_value_end(ex_doc *x, size_t a, size_t b)
{
    const char *f = x->d.f.buf;
    for (size_t i = a; i < b; i++) {
        if (f[i] != '\n')
            continue;
        size_t j = i + 1;
        while (j < b && (f[j] == ' ' || f[j] == '\t'))
            j++;
        if (j < b && f[j] == '\n') {
            /* a blank line, unless the text after it goes on in lower case (a PDF's text layer puts
             * blank lines inside sentences: "địa phương\n\nliên quan.") */
            while (j < b && (f[j] == ' ' || f[j] == '\t' || f[j] == '\n'))
                j++;
            if (j >= b || !ex_lower_at(x, j))
                return i;
            i = j - 1;
            continue;
        }
        size_t k = i;
        while (k > a && (f[k - 1] == ' ' || f[k - 1] == '\t'))
            k--;
        if (k > a && f[k - 1] == '.')
            return i;
    }
    return b;
}

static int ex_value_role(int role)
{
    return role == R_LEAD || role == R_SUPPORT || role == R_MONITOR || role == R_DEADLINE || role == R_PRODUCT ||
           role == R_EXEC;
}

static void ex_region_add(ex_region *g, sg_span sp, const char *rule)
{
    if (g->n < 4) {
        g->sp[g->n] = sp;
        g->rule[g->n] = rule;
        g->n++;
    }
}

/* Whether every rule of field holds a ':' in every match (rl_rule.last): a label's. */
static int ex_colon_field(ex_doc *x, const char *field)
{
    const rl_rule *r;
    size_t nr = rl_field(x->r->rules, field, &r);
    for (size_t i = 0; i < nr; i++)
        if (r[i].last != ':')
            return 0;
    return nr > 0;
}

/* Slices body into labelled regions; returns the end of the unlabelled lead-in. */
size_t ex_labels(ex_doc *x, sg_span body, ex_region reg[R_N])
{
    ex_hit h[80];
    int role[80];
    size_t n = 0;
    if (x->colon_labels < 0) {
        x->colon_labels = 0;
        for (int k = 0; k < R_N; k++)
            if (ex_label_fields[k] && ex_colon_field(x, ex_label_fields[k]))
                x->colon_labels |= 1 << k;
    }
    /* A label ends at its colon and starts on the colon's line or the line before (a wrapped label:
     * "Đơn vị chủ trì tham mưu thực\nhiện:"), so the label rules that hold a colon run on the lines
     * around a colon only, not the whole body, most of whose lines hold none (rules/README.md says so of
     * label.*).  Measured with callgrind on the extraction corpus: 3.5 % of the stage's instructions
     * saved, outputs the same. */
    sg_span win[32];
    size_t nwin = x->colon_labels ? ex_windows(x, body, ":", 1, 0, win, sizeof win / sizeof win[0]) : 0;
    /* ...and ends at most EX_LABEL_TAIL bytes past its colon (`:[*_]{0,2}`, rules/README.md), so each
     * window is searched only up to its last colon and those bytes: what a colon line says after its
     * label (the bodies, the deadline) is never scanned.  Measured with callgrind on the bench corpus:
     * 0.14 % of the stage's instructions saved (most colon lines open with their label), outputs the
     * same. */
    for (size_t j = 0; j < nwin; j++)
        win[j].b = ex_past_last(x, win[j], ':', EX_LABEL_TAIL);
    for (int k = 0; k < R_N; k++) {
        if (!ex_label_fields[k])
            continue;
        size_t before = n;
        if (!(x->colon_labels & (1 << k)))
            n = ex_all(x, ex_label_fields[k], body, h, 80, n); /* "Phân công trách nhiệm" needs no colon */
        else
            n = ex_all_in(x, ex_label_fields[k], win, nwin, h, 80, n);
        size_t a, b;
        for (size_t i = before; i < n; i++)
            /* "Đơn vị thực hiện:" is a lead label with the group exec (rules/fields.rules) */
            role[i] = k == R_LEAD && rl_group(&h[i].m, "exec", &a, &b) ? R_EXEC : k;
    }
    /* a list marker before a label at the start of its line belongs to it ("- Mục tiêu:", "a) Chủ trì:"):
     * the region before ends where the marker starts */
    for (size_t i = 0; i < n; i++) {
        size_t li = sg_line_at(&x->d, h[i].a), marker, text;
        if (sg_line_marker(&x->d, x->r->rules, li, &marker, &text) && marker >= body.a && text <= h[i].a) {
            size_t k = text;
            while (k < h[i].a && x->d.f.buf[k] == ' ')
                k++;
            if (k == h[i].a)
                h[i].a = marker;
        }
    }
    /* sort with roles */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ex_hit_cmp(&h[j - 1], &h[j]) > 0; j--) {
            ex_hit th = h[j - 1];
            h[j - 1] = h[j];
            h[j] = th;
            int tr = role[j - 1];
            role[j - 1] = role[j];
            role[j] = tr;
        }
    size_t lead_in = n ? h[0].a : body.b;
    size_t last_end = 0;
    for (size_t i = 0; i < n; i++) {
        assert(i == 0 || h[i - 1].a <= h[i].a); /* in text order: h[0] ends the lead-in */
        if (h[i].a < last_end)
            continue; /* overlapping label */
        size_t end = body.b;
        for (size_t j = i + 1; j < n; j++)
            if (h[j].a >= h[i].b) {
                end = h[j].a;
                break;
            }
        if (ex_value_role(role[i]))
            end = ex_value_end(x, h[i].b, end);
        ex_region_add(&reg[role[i]], (sg_span){ h[i].b, end }, h[i].m.rule->name);
        last_end = h[i].b;
    }
    /* "Đơn vị thực hiện:" names who carries the task out: the lead, unless a "chủ trì" label names it */
    int to = reg[R_LEAD].n ? R_SUPPORT : R_LEAD;
    for (int j = 0; j < reg[R_EXEC].n; j++)
        ex_region_add(&reg[to], reg[R_EXEC].sp[j], reg[R_EXEC].rule[j]);
    reg[R_EXEC].n = 0;
    return lead_in;
}
