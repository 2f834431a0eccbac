/* extract/extract_doc_header.c (prefix ex_) — the document fields (kind, number, date, issuer, province,
 * title, period) read from a document's first lines, and the province of a document's folders for one
 * whose header names none. */
#include "extract/extract-ll.h"
#include "extract/fields.h"
#include "match/gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* the document fields are read from a plan's header: its first lines */
#define EX_HEADER_LINES 40

/* Runs the rules of `field` anchored on one line alone (so ^ and $ are the line's ends). */
static int ex_line_rule(ex_doc *x, const char *field, size_t i, rl_match *m)
{
    return sg_line_rule(&x->d, x->r->rules, field, i, m);
}

/* No lower-case letter in s (UTF-8). */
static int ex_no_lower(const char *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0 || utf8proc_category(c) == UTF8PROC_CATEGORY_LL)
            return 0;
        p += k;
        n -= k;
    }
    return 1;
}

static char *ex_titlecase(const char *s)
{
    /* "SƠN HÀ" -> "Sơn Hà": lower everything, upper each word's first letter */
    strbuf sb = STRBUF_INIT;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t n = (utf8proc_ssize_t)strlen(s);
    int start = 1;
    while (n > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(p, n, &c);
        if (k <= 0)
            break;
        int32_t o = start ? utf8proc_toupper(c) : utf8proc_tolower(c);
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t w = utf8proc_encode_char(o, buf);
        sb_add(&sb, buf, (size_t)w);
        start = c == ' ' || c == '-';
        p += k;
        n -= k;
    }
    return sb_detach(&sb, NULL);
}

/* Keeps v (owned) as field k's value unless the field has one already: the first found wins; an empty
 * value is none. */
static void ex_set(ex_docf *df, int k, char *v, sg_span sp, const char *rule)
{
    if (df->v[k] || !v || !*v) {
        free(v);
        return;
    }
    df->v[k] = v;
    df->sp[k] = sp;
    df->rule[k] = rule;
}

/* Removes the spaces of s in place ("12 /KH-UBND" -> "12/KH-UBND"). */
static char *ex_nospace(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++)
        if (*p != ' ')
            *o++ = *p;
    *o = '\0';
    return s;
}

/* The province of a document whose header names none, from the folders it was filed in
 * ("archive/gia-lai/2023/kh.pdf", "Bình Định/…"): the deepest folder that is a province of
 * rules/provinces.txt.  NULL when none is. */
char *ex_province_of_path(const gz_list *provinces, const char *path)
{
    if (!provinces || !path)
        return NULL;
    const char *end = strrchr(path, '/'); /* the file's own name is not a folder */
    while (end && end > path) {
        const char *start = end;
        while (start > path && start[-1] != '/')
            start--;
        /* folders are names as written: fold them as list names are (gz_key_of) */
        char *k = gz_key_of(start, (size_t)(end - start));
        int ent = k && *k ? gz_exact(provinces, k, strlen(k)) : -1;
        free(k);
        if (ent >= 0)
            return xstrdup(provinces->e[ent].name);
        end = start > path ? start - 1 : NULL;
    }
    return NULL;
}

void ex_docfields(ex_doc *x, ex_docf *df)
{
    sg_doc *d = &x->d;
    size_t nl = d->n < EX_HEADER_LINES ? d->n : EX_HEADER_LINES;
    if (!nl)
        return;
    sg_span head = { 0, d->lines[nl - 1].f1 };
    rl_match m;
    size_t a, b;
    /* kind and title: a line that is only a kind word; the title follows it */
    for (size_t i = 0; i < nl && !df->v[D_KIND]; i++) {
        const sg_line *l = &d->lines[i];
        if (ex_line_rule(x, "doc.kind", i, &m) == 1 && rl_group(&m, "kind", &a, &b)) {
            (void)l;
            gz_key k;
            gz_key_make(d->f.buf + a, b - a, &k);
            int ent = gz_exact(x->r->kinds, k.s, k.len);
            gz_key_free(&k);
            if (ent < 0)
                continue;
            ex_set(df, D_KIND, xstrdup(x->r->kinds->e[ent].name), (sg_span){ a, b }, m.rule->name);
            /* title: following lines up to a blank line or a title-ending line, at most 4 */
            size_t j = i + 1;
            while (j < d->n && j < i + 2 && sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 }).a ==
                                                d->lines[j].f1)
                j++;
            size_t first = j, last = j;
            for (; j < d->n && j < first + 4; j++) {
                sg_span ls = sg_trim(d, (sg_span){ d->lines[j].f0, d->lines[j].f1 });
                if (ls.a == ls.b)
                    break;
                if (ex_line_rule(x, "doc.title_end", j, &m) == 1)
                    break;
                last = j + 1;
            }
            if (last > first) {
                sg_span ts = { d->lines[first].f0, d->lines[last - 1].f1 };
                ex_set(df, D_TITLE, ex_text(x, ts, " .;:"), ts, "title-after-kind");
            }
        }
    }
    if (rl_first(x->r->rules, "doc.number", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "number", &a, &b))
        ex_set(df, D_NUMBER, ex_nospace(ex_text(x, (sg_span){ a, b }, " .,;")), (sg_span){ a, b }, m.rule->name);
    if (rl_first(x->r->rules, "doc.date", d->f.buf, head.b, head.a, 0, &m) == 1) {
        double dd = 0, mm = 0, yy = 0;
        char iso[11];
        if (ex_value(x, &m, "d", &dd, NULL) && ex_value(x, &m, "m", &mm, NULL) && ex_value(x, &m, "y", &yy, NULL) &&
            fl_date_iso((int)dd, (int)mm, (int)yy, iso))
            ex_set(df, D_DATE, xstrdup(iso), (sg_span){ m.start, m.end }, m.rule->name);
    }
    if (rl_first(x->r->rules, "doc.issuer", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "issuer", &a, &b)) {
        gz_key k;
        gz_key_make(d->f.buf + a, b - a, &k);
        int ent = gz_exact(x->r->bodies, k.s, k.len);
        gz_key_free(&k);
        char *t = ex_text(x, (sg_span){ a, b }, " .,;:");
        if (ent >= 0) {
            free(t);
            t = xstrdup(x->r->bodies->e[ent].name);
        } else if (sg_trim(d, (sg_span){ a, b }).b > a) {
            char *tc = ex_titlecase(t);
            free(t);
            t = tc;
        }
        ex_set(df, D_ISSUER, t, (sg_span){ a, b }, m.rule->name);
    }
    /* province: named in the header, else the first province the header mentions.  A name that is not
     * in rules/provinces.txt is taken only as a header writes it, in capitals ("UBND TỈNH SƠN HÀ"): in
     * running text "UBND tỉnh giao Sở Nội vụ chủ trì" names no province "Giao" */
    if (rl_first(x->r->rules, "doc.province", d->f.buf, head.b, head.a, 0, &m) == 1 && rl_group(&m, "name", &a, &b)) {
        gz_key k;
        gz_key_make(d->f.buf + a, b - a, &k);
        int ent = gz_exact(x->r->provinces, k.s, k.len);
        gz_key_free(&k);
        if (ent >= 0) {
            ex_set(df, D_PROVINCE, xstrdup(x->r->provinces->e[ent].name), (sg_span){ a, b }, m.rule->name);
        } else {
            char *t = ex_text(x, (sg_span){ a, b }, " .,;:");
            if (ex_no_lower(t))
                ex_set(df, D_PROVINCE, ex_titlecase(t), (sg_span){ a, b }, m.rule->name);
            free(t);
        }
    }
    if (!df->v[D_PROVINCE]) {
        gz_key k;
        gz_key_make(d->f.buf, head.b, &k);
        gz_hit h[64];
        size_t nh = gz_find(x->r->provinces, k.s, k.len, h, 64);
        for (size_t i = 0; i < nh; i++) {
            /* "tỉnh X" / "thành phố X": a bare word could be a person's name */
            size_t s = h[i].start;
            if ((s >= 5 && memcmp(k.s + s - 5, "tinh ", 5) == 0) || (s >= 9 && memcmp(k.s + s - 9, "thanh pho ", 9) == 0) ||
                (s >= 3 && memcmp(k.s + s - 3, "tp ", 3) == 0)) {
                sg_span sp = { k.map[h[i].start], k.map[h[i].end - 1] + 1 };
                ex_set(df, D_PROVINCE, xstrdup(x->r->provinces->e[h[i].entry].name), sp, "provinces.txt");
                break;
            }
        }
        gz_key_free(&k);
    }
    /* period: in the title first, then anywhere in the header */
    sg_span ps = df->v[D_TITLE] ? df->sp[D_TITLE] : head;
    for (int pass = 0; pass < 2 && !df->v[D_PERIOD]; pass++, ps = head) {
        if (rl_first(x->r->rules, "doc.period", d->f.buf, ps.b, ps.a, 0, &m) == 1) {
            double y0 = 0, y1 = 0;
            char buf[32];
            if (ex_value(x, &m, "from", &y0, NULL) && ex_value(x, &m, "to", &y1, NULL))
                snprintf(buf, sizeof buf, "%d-%d", (int)y0, (int)y1);
            else if (ex_value(x, &m, "year", &y0, NULL))
                snprintf(buf, sizeof buf, "%d", (int)y0);
            else
                continue;
            ex_set(df, D_PERIOD, xstrdup(buf), (sg_span){ m.start, m.end }, m.rule->name);
        }
    }
}
