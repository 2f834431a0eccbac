/* segment.c — see segment.h.
 *
 * One pass over the lines.  A line whose first non-space byte is a tab is a table cell: a cell holding
 * nothing but a code ("1.2.") starts a row, and every following line that is not itself tab-led
 * continues the current cell (exported tables break cells on newlines, blank lines included).  Other
 * lines are prose: headings come from the heading.* rules; a code written alone on its line takes its
 * title from the next line; an all-capitals line between numbered items is a section whose number the
 * OCR lost, and the first titled block under such a section is its item .1 (also inferred).  Codes that
 * are inferred are flagged, never passed off as read. */
#include "segment.h"
#include "fold.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void sg_doc_init(sg_doc *d)
{
    memset(d, 0, sizeof *d);
}

void sg_doc_free(sg_doc *d)
{
    sb_free(&d->text);
    sb_free(&d->f);
    free(d->fmap);
    free(d->lines);
    memset(d, 0, sizeof *d);
}

int sg_doc_add_line(sg_doc *d, const char *s, size_t n, int page, int number, double conf)
{
    pp_fold fo;
    if (fold_text(s, n, FOLD_OCR, &fo) < 0)
        return -1;
    if (d->n) {
        /* the newline between two lines folds to itself */
        if (d->f.len + 1 > d->fmap_alloc) {
            d->fmap_alloc = (d->f.len + 1) * 2 + 64;
            d->fmap = xrealloc(d->fmap, (d->fmap_alloc + 1) * sizeof *d->fmap);
        }
        d->fmap[d->f.len] = d->text.len;
        sb_addc(&d->text, '\n');
        sb_addc(&d->f, '\n');
    }
    if (d->n == d->alloc) {
        d->alloc = d->alloc ? d->alloc * 2 : 256;
        d->lines = xrealloc(d->lines, d->alloc * sizeof *d->lines);
    }
    sg_line *l = &d->lines[d->n++];
    l->o0 = d->text.len;
    l->f0 = d->f.len;
    l->page = page;
    l->number = number;
    l->conf = conf;
    if (d->f.len + fo.len + 1 > d->fmap_alloc) {
        d->fmap_alloc = (d->f.len + fo.len + 1) * 2 + 64;
        d->fmap = xrealloc(d->fmap, (d->fmap_alloc + 1) * sizeof *d->fmap);
    }
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

void sg_tree_free(sg_tree *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}

/* ---- line classification ---- */

static int sg_is_cell(const sg_doc *d, size_t i)
{
    const char *s = d->text.buf + d->lines[i].o0;
    size_t n = d->lines[i].o1 - d->lines[i].o0;
    size_t k = 0;
    while (k < n && s[k] == ' ')
        k++;
    return k < n && s[k] == '\t';
}

static int sg_is_blank(const sg_doc *d, size_t i)
{
    sg_span s = { d->lines[i].f0, d->lines[i].f1 };
    s = sg_trim(d, s);
    return s.a == s.b;
}

/* A heading in capitals: at least 8 letters, 85% of them upper case (original text). */
static int sg_is_upper(const sg_doc *d, size_t i)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)d->text.buf + d->lines[i].o0;
    utf8proc_ssize_t n = (utf8proc_ssize_t)(d->lines[i].o1 - d->lines[i].o0);
    int up = 0, low = 0;
    while (n > 0) {
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
    return up >= 8 && up * 100 >= (up + low) * 85;
}

/* First letter of the line is lower case (a wrapped continuation). */
static int sg_starts_lower(const sg_doc *d, size_t i)
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

typedef struct sg_ctx {
    const sg_doc *d;
    rl_set *rules;
    const gz_list *bodies;
    sg_tree *t;
    int last_top;      /* last level-1 code seen, for inferring a lost one */
    int seen_items;
} sg_ctx;

static int sg_match_line(sg_ctx *c, const char *field, size_t i, rl_match *m)
{
    const sg_line *l = &c->d->lines[i];
    /* match on the line alone: rules anchor with ^ and $ at its ends */
    int rc = rl_first(c->rules, field, c->d->f.buf + l->f0, l->f1 - l->f0, 0, 1, m);
    if (rc == 1) {
        m->start += l->f0;
        m->end += l->f0;
        for (int g = 0; g < 2 * m->ngroups; g++)
            if (m->ov[g] != PCRE2_UNSET)
                m->ov[g] += l->f0;
    }
    return rc;
}

static int sg_is_label(sg_ctx *c, size_t i)
{
    static const char *const labels[] = { "label.target", "label.task", "label.lead", "label.support",
                                          "label.deadline", "label.product", "label.resp", "label.monitor",
                                          NULL };
    rl_match m;
    for (int k = 0; labels[k]; k++)
        if (sg_match_line(c, labels[k], i, &m) == 1)
            return 1;
    return 0;
}

static sg_item *sg_push(sg_ctx *c, int kind, int level, const char *code, size_t codelen, int line0)
{
    sg_tree *t = c->t;
    if (t->n == t->alloc) {
        t->alloc = t->alloc ? t->alloc * 2 : 64;
        t->v = xrealloc(t->v, t->alloc * sizeof *t->v);
    }
    sg_item *it = &t->v[t->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->level = level;
    it->parent = -1;
    it->group = -1;
    it->line0 = line0;
    if (codelen >= sizeof it->code)
        codelen = sizeof it->code - 1;
    memcpy(it->code, code, codelen);
    it->code[codelen] = '\0';
    /* codes are kept without the trailing dot: "1.2." and "1.2" are one item */
    size_t k = strlen(it->code);
    while (k && (it->code[k - 1] == '.' || it->code[k - 1] == ' '))
        it->code[--k] = '\0';
    return it;
}

static int sg_code_level(const char *code)
{
    int lv = 1;
    for (const char *p = code; *p; p++)
        if (*p == '.')
            lv++;
    return lv;
}

/* Parent: the nearest earlier item whose code is a prefix (numbered), else the last section. */
static void sg_link(sg_ctx *c, size_t idx)
{
    sg_item *it = &c->t->v[idx];
    for (size_t j = idx; j-- > 0;) {
        sg_item *p = &c->t->v[j];
        if (it->kind == SG_SECTION) {
            if (p->kind == SG_SECTION)
                return;
            continue;
        }
        if (p->kind == SG_SECTION || p->level == 0) {
            it->parent = (int)j;
            return;
        }
        size_t pl = strlen(p->code);
        if (p->level < it->level && strncmp(p->code, it->code, pl) == 0 && it->code[pl] == '.') {
            it->parent = (int)j;
            return;
        }
        if (it->level == 1 && p->level >= 1 && p->kind != it->kind && it->kind == SG_ROW)
            continue;
    }
}

/* Marks an item whose whole title names a body as an agency group heading ("II. SỞ TƯ PHÁP"). */
static void sg_group(sg_ctx *c, sg_item *it)
{
    if (!c->bodies)
        return;
    sg_span s = sg_trim(c->d, it->title);
    if (s.a >= s.b)
        return;
    gz_key k;
    gz_key_make(c->d->f.buf + s.a, s.b - s.a, &k);
    it->group = gz_exact(c->bodies, k.s, k.len);
    gz_key_free(&k);
}

/* Extends a title over wrapped lines: lines starting in lower case, or while a quote is open. */
static size_t sg_title_more(sg_ctx *c, size_t i, sg_item *it)
{
    const sg_doc *d = c->d;
    for (;;) {
        size_t nq = 0;
        for (size_t k = it->title.a; k < it->title.b; k++) {
            unsigned char ch = (unsigned char)d->f.buf[k];
            if (ch == '"')
                nq++;
        }
        if (i + 1 >= d->n || sg_is_cell(d, i + 1) || sg_is_blank(d, i + 1) || sg_is_label(c, i + 1))
            return i;
        rl_match m;
        if (sg_match_line(c, "heading.code", i + 1, &m) == 1 || sg_match_line(c, "heading.roman", i + 1, &m) == 1 ||
            sg_match_line(c, "heading.letter", i + 1, &m) == 1 || sg_match_line(c, "heading.bullet", i + 1, &m) == 1)
            return i;
        if (!(nq % 2 == 1 || sg_starts_lower(d, i + 1)))
            return i;
        i++;
        it->title.b = d->lines[i].f1;
    }
}

int sg_segment(const sg_doc *d, rl_set *rules, const gz_list *bodies, sg_tree *out, pp_err *e)
{
    memset(out, 0, sizeof *out);
    sg_ctx c = { d, rules, bodies, out, 0, 0 };
    long row = -1;       /* current table row, index into out->v */
    int pending_title = -1; /* item whose title is on the next non-blank line */
    long pend_start = -1;   /* first line of an untitled block under an inferred section */
    for (size_t i = 0; i < d->n; i++) {
        const sg_line *l = &d->lines[i];
        rl_match m;
        if (sg_is_cell(d, i)) {
            sg_span cell = { l->f0, l->f1 };
            /* skip the leading spaces and the tab */
            while (cell.a < cell.b && (d->f.buf[cell.a] == ' ' || d->f.buf[cell.a] == '\t'))
                cell.a++;
            sg_span t = sg_trim(d, cell);
            int is_code = 0;
            size_t ca = 0, cb = 0;
            if (t.a < t.b && rl_first(rules, "column.code", d->f.buf + t.a, t.b - t.a, 0, 1, &m) == 1 &&
                m.end == t.b - t.a && rl_group(&m, "code", &ca, &cb)) {
                is_code = 1;
            }
            if (is_code) {
                sg_item *it = sg_push(&c, SG_ROW, 0, d->f.buf + t.a + ca, cb - ca, (int)i);
                it->level = sg_code_level(it->code);
                it->cells[0] = t;
                it->ncells = 1;
                row = (long)(it - out->v);
                out->has_table = 1;
                sg_link(&c, (size_t)row);
                pending_title = -1;
                pend_start = -1;
                continue;
            }
            if (row >= 0) {
                sg_item *it = &out->v[row];
                if (it->ncells < SG_MAX_CELLS)
                    it->cells[it->ncells++] = cell;
                continue;
            }
            /* a tab-led line outside a table is prose */
        } else if (row >= 0) {
            sg_item *it = &out->v[row];
            /* prose after a blank line that is a heading ends the table; anything else continues a cell */
            int heading = i > 0 && sg_is_blank(d, i - 1) &&
                          (sg_match_line(&c, "heading.roman", i, &m) == 1 ||
                           sg_match_line(&c, "heading.code", i, &m) == 1);
            /* a numbered line inside a cell ("2. Sự tham gia ...") is not the end: cells follow it */
            for (size_t k = i + 1; heading && k < d->n && k <= i + 30; k++)
                if (sg_is_cell(d, k))
                    heading = 0;
            if (!heading) {
                if (it->ncells > 0)
                    it->cells[it->ncells - 1].b = l->f1;
                continue;
            }
            row = -1;
        }
        if (sg_is_blank(d, i))
            continue;
        if (pending_title >= 0) {
            sg_item *it = &out->v[pending_title];
            it->title.a = l->f0;
            it->title.b = l->f1;
            i = sg_title_more(&c, i, it);
            sg_group(&c, it);
            pending_title = -1;
            continue;
        }
        size_t ca, cb, ta, tb;
        int kind = 0;
        if (sg_match_line(&c, "heading.roman", i, &m) == 1)
            kind = SG_SECTION;
        else if (sg_match_line(&c, "heading.code", i, &m) == 1)
            kind = SG_ITEM;
        if (kind && rl_group(&m, "code", &ca, &cb)) {
            sg_item *it = sg_push(&c, kind, 0, d->f.buf + ca, cb - ca, (int)i);
            if (kind == SG_SECTION) {
                /* roman numerals are shown upper case, as written */
                for (char *p = it->code; *p; p++)
                    if (*p >= 'a' && *p <= 'z')
                        *p = (char)(*p - 'a' + 'A');
            } else {
                it->level = sg_code_level(it->code);
                if (it->level == 1)
                    c.last_top = atoi(it->code);
                c.seen_items = 1;
            }
            size_t idx = (size_t)(it - out->v);
            sg_link(&c, idx);
            pend_start = -1;
            if (rl_group(&m, "title", &ta, &tb) && sg_trim(d, (sg_span){ ta, tb }).a < tb) {
                it->title = sg_trim(d, (sg_span){ ta, tb });
                i = sg_title_more(&c, i, it);
                sg_group(&c, it);
            } else {
                pending_title = (int)idx;
            }
            continue;
        }
        if (c.seen_items && sg_is_upper(d, i) && !sg_is_label(&c, i)) {
            /* a section heading whose number was lost */
            char code[16];
            int n = snprintf(code, sizeof code, "%d", c.last_top + 1);
            sg_item *it = sg_push(&c, SG_ITEM, 1, code, (size_t)n, (int)i);
            it->inferred = 1;
            it->title = sg_trim(d, (sg_span){ l->f0, l->f1 });
            c.last_top++;
            sg_link(&c, (size_t)(it - out->v));
            pend_start = (long)i + 1;
            continue;
        }
        if (pend_start >= 0) {
            if (sg_is_label(&c, i)) {
                /* an untitled block under an inferred section, then fields: it is the section's item .1 */
                sg_item *sec = &out->v[out->n - 1];
                long first = pend_start;
                while (first < (long)i && sg_is_blank(d, (size_t)first))
                    first++;
                if (first < (long)i && sec->inferred && sec->level == 1) {
                    char code[48];
                    int n = snprintf(code, sizeof code, "%s.1", sec->code);
                    sg_item *it = sg_push(&c, SG_ITEM, 2, code, (size_t)n, (int)first);
                    it->inferred = 1;
                    size_t last = i - 1;
                    while (last > (size_t)first && sg_is_blank(d, last))
                        last--;
                    it->title = sg_trim(d, (sg_span){ d->lines[first].f0, d->lines[last].f1 });
                    sg_link(&c, out->n - 1);
                }
                pend_start = -1;
            }
            continue;
        }
    }
    /* bodies: from the end of an item's title (or its first line) to the first line of the next item */
    for (size_t k = 0; k < out->n; k++) {
        sg_item *it = &out->v[k];
        size_t start = it->title.b > 0 ? it->title.b : d->lines[it->line0].f1;
        if (it->kind == SG_ROW)
            start = it->ncells ? it->cells[it->ncells - 1].b : start;
        size_t end = k + 1 < out->n ? d->lines[out->v[k + 1].line0].f0 : d->f.len;
        if (end < start)
            end = start;
        it->body.a = start;
        it->body.b = end;
        if (it->kind == SG_ROW && it->ncells > 1)
            it->title = sg_trim(d, it->cells[1]);
    }
    (void)e;
    return PP_OK;
}
