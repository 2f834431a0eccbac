/* extract/extract_doc_labels.c (prefix ex_) — an item's body sliced into regions by its labels ("Mục tiêu:",
 * "Đơn vị chủ trì:", "Thời gian hoàn thành:"): the target region the target rules run in, the lead / support
 * / monitor regions the bodies are read from, the deadline and product regions. */
#include "extract/extract-ll.h"

#include <assert.h>
#include <stddef.h>

/* the rule field of each role's label, in R_ order (extract-ll.h) */
static const char *const ex_label_fields[R_N] = { "label.target", "label.task", "label.lead", "label.support",
                                                  "label.monitor", "label.deadline", "label.product",
                                                  "label.resp" };

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

/* Slices body into labelled regions; returns the end of the unlabelled lead-in. */
size_t ex_labels(ex_doc *x, sg_span body, ex_region reg[R_N])
{
    ex_hit h[64];
    int role[64];
    size_t n = 0;
    for (int k = 0; k < R_N; k++) {
        size_t before = n;
        n = ex_all(x, ex_label_fields[k], body, h, 64, n);
        for (size_t i = before; i < n; i++)
            role[i] = k;
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
        ex_region *g = &reg[role[i]];
        if (g->n < 4) {
            g->sp[g->n] = (sg_span){ h[i].b, end };
            g->rule[g->n] = h[i].m.rule->name;
            g->n++;
        }
        last_end = h[i].b;
    }
    return lead_in;
}
