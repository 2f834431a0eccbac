/* extract/segment_doc.c (prefix sg_) — see segment_doc.h: a document's lines joined, folded once, with the
 * map from every folded byte back to the original. */
#include "extract/segment_doc.h"
#include "core/err.h"
#include "text/fold.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void sg_doc_init(sg_doc *d)
{
    memset(d, 0, sizeof *d);
}

void sg_doc_append(sg_doc *d, const char *s, size_t n, int page, int number, double conf)
{
    if (d->n)
        sb_addc(&d->text, '\n');
    PP_GROW(d->lines, d->n + 1, d->alloc, 256);
    sg_line *l = &d->lines[d->n++];
    memset(l, 0, sizeof *l);
    l->o0 = d->text.len;
    l->page = page;
    l->number = number;
    l->conf = conf;
    sb_add(&d->text, s, n);
    l->o1 = d->text.len;
}

size_t sg_fold_at(const size_t *map, size_t from, size_t to, size_t o)
{
    if (from >= to || map[from] >= o)
        return from;
    size_t lo = from, step = 1; /* map[lo] < o */
    while (lo + step < to && map[lo + step] < o) {
        lo += step;
        step *= 2;
    }
    size_t hi = lo + step < to ? lo + step : to; /* hi == to or map[hi] >= o */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (map[mid] < o)
            lo = mid;
        else
            hi = mid;
    }
    assert(map[lo] < o && (hi == to || map[hi] >= o));
    return hi;
}

int sg_doc_fold(sg_doc *d, size_t *bad)
{
    pp_fold fo;
    if (fold_text(d->text.buf ? d->text.buf : "", d->text.len, FOLD_OCR, &fo) < 0) {
        /* the error path only: find the line to name */
        for (size_t i = 0; i < d->n; i++) {
            char *t = fold_dup(d->text.buf + d->lines[i].o0, d->lines[i].o1 - d->lines[i].o0, FOLD_OCR);
            free(t);
            if (!t) {
                *bad = i;
                return -1;
            }
        }
        *bad = 0;
        return -1;
    }
    sb_free(&d->f);
    d->f.buf = fo.s;
    d->f.len = fo.len;
    d->f.alloc = fo.len + 1;
    free(d->fmap);
    d->fmap = fo.map;
    d->fmap_alloc = fo.len + 1; /* fold_text's map holds the end too */
    /* a line's folded bytes are those made from its original bytes: the map is non-decreasing, so each
     * end is found by galloping on from the last (a few probes per line instead of one per byte) */
    size_t j = 0;
    for (size_t i = 0; i < d->n; i++) {
        sg_line *l = &d->lines[i];
        j = sg_fold_at(fo.map, j, fo.len, l->o0);
        l->f0 = j;
        j = sg_fold_at(fo.map, j, fo.len, l->o1);
        l->f1 = j;
        assert(l->f0 <= l->f1 && (i == 0 || d->lines[i - 1].f1 <= l->f0));
    }
    free(d->marks);
    d->marks = xcalloc(d->n ? d->n : 1, sizeof *d->marks);
    d->nmarks = d->n;
    return 0;
}

void sg_doc_free(sg_doc *d)
{
    sb_free(&d->text);
    sb_free(&d->f);
    free(d->fmap);
    free(d->lines);
    free(d->marks);
    memset(d, 0, sizeof *d);
}

int sg_doc_add_line(sg_doc *d, const char *s, size_t n, int page, int number, double conf)
{
    pp_fold fo;
    if (fold_text(s, n, FOLD_OCR, &fo) < 0)
        return -1;
    if (d->n) {
        /* the newline between two lines folds to itself */
        PP_GROW(d->fmap, d->f.len + 1, d->fmap_alloc, 256);
        d->fmap[d->f.len] = d->text.len;
        sb_addc(&d->text, '\n');
        sb_addc(&d->f, '\n');
    }
    PP_GROW(d->lines, d->n + 1, d->alloc, 256);
    sg_line *l = &d->lines[d->n++];
    l->o0 = d->text.len;
    l->f0 = d->f.len;
    l->page = page;
    l->number = number;
    l->conf = conf;
    l->trow = 0;
    PP_GROW(d->fmap, d->f.len + fo.len + 1, d->fmap_alloc, 256); /* the line's bytes and the end */
    for (size_t i = 0; i < fo.len; i++)
        d->fmap[d->f.len + i] = l->o0 + fo.map[i];
    sb_add(&d->text, s, n);
    sb_add(&d->f, fo.s, fo.len);
    d->fmap[d->f.len] = d->text.len; /* end sentinel, overwritten by the next line */
    l->o1 = d->text.len;
    l->f1 = d->f.len;
    fold_free(&fo);
    return 0;
}

size_t sg_line_at(const sg_doc *d, size_t f)
{
    size_t lo = 0, hi = d->n;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (d->lines[mid].f0 <= f)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void sg_orig(const sg_doc *d, sg_span s, size_t *o0, size_t *o1)
{
    *o0 = d->fmap ? d->fmap[s.a] : 0;
    *o1 = d->fmap ? (s.b > s.a ? d->fmap[s.b] : *o0) : 0;
    if (*o1 < *o0)
        *o1 = *o0;
}

static int sg_blank_at(const char *f, size_t i, size_t end, size_t *adv)
{
    unsigned char c = (unsigned char)f[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        *adv = 1;
        return 1;
    }
    if (c == 0xC2 && i + 1 < end && (unsigned char)f[i + 1] == 0xA0) {
        *adv = 2;
        return 1;
    }
    return 0;
}

sg_span sg_trim(const sg_doc *d, sg_span s)
{
    const char *f = d->f.buf;
    size_t adv;
    while (s.a < s.b && sg_blank_at(f, s.a, s.b, &adv))
        s.a += adv;
    while (s.b > s.a) {
        unsigned char c = (unsigned char)f[s.b - 1];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            s.b--;
        else if (c == 0xA0 && s.b - 2 >= s.a && (unsigned char)f[s.b - 2] == 0xC2)
            s.b -= 2;
        else
            break;
    }
    return s;
}
