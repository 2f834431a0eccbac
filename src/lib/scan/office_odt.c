/* scan/office_odt.c (prefix oo_) — ODT (OpenDocument text) into the office.h model.
 *
 * The manifest is checked first: encrypted entries (a password) and Basic or script libraries (macros)
 * are refused, and so are objects, images or sections linked from outside the package.  A span's font
 * is its text style's style:font-name (following parent styles, then the paragraph's style), resolved
 * to the family its style:font-face declares. */
#include "scan/office.h"
#include "scan/office_zip.h"

#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct oo_style {
    char *name, *parent, *font;
    int page_break; /* fo:break-before="page" */
} oo_style;

/* A list style's level (text:list-level-style-number / -bullet) and its counter. */
typedef struct oo_level {
    int kind;            /* 0 none, 1 number, 2 bullet */
    char fmt;            /* style:num-format: '1', 'I', 'i', 'A', 'a' */
    char prefix[16], suffix[16];
    int display, start, count;
} oo_level;

#define OO_LEVELS 10

typedef struct oo_list {
    char *name;
    oo_level lvl[OO_LEVELS];
} oo_list;

typedef struct oo_ctx {
    const char *path;
    oo_list *lists;
    size_t nlists, alists;
    oo_style *styles;
    size_t nstyles, astyles;
    char **faces;            /* pairs: face name, family */
    size_t nfaces, afaces;
    pp_err *e;
} oo_ctx;

typedef struct oo_par {
    od_para cur;
    od_doc *doc;
    od_cell *cell;
} oo_par;

static void oo_faces(oo_ctx *c, xmlNode *root)
{
    xmlNode *decls = oz_child(root, "font-face-decls");
    for (xmlNode *f = decls ? decls->children : NULL; f; f = f->next) {
        if (!oz_is(f, "font-face"))
            continue;
        char *name = oz_attr(f, "name"), *fam = oz_attr(f, "font-family");
        if (!name) {
            free(fam);
            continue;
        }
        /* svg:font-family may be quoted ('.VnTime') */
        if (fam && (fam[0] == '\'' || fam[0] == '"') && strlen(fam) >= 2) {
            memmove(fam, fam + 1, strlen(fam));
            fam[strlen(fam) - 1] = '\0';
        }
        PP_GROW(c->faces, c->nfaces + 2, c->afaces, 16);
        c->faces[c->nfaces++] = name;
        c->faces[c->nfaces++] = fam ? fam : xstrdup(name);
    }
}

static void oo_copy_attr(const xmlNode *n, const char *name, char *out, size_t size)
{
    char *v = oz_attr(n, name);
    snprintf(out, size, "%s", v ? v : "");
    free(v);
}

static int oo_int_attr(const xmlNode *n, const char *name, int dflt)
{
    char *v = oz_attr(n, name);
    int r = v ? atoi(v) : dflt;
    free(v);
    return r;
}

static void oo_list_style(oo_ctx *c, xmlNode *s)
{
    char *name = oz_attr(s, "name");
    if (!name)
        return;
    PP_GROW(c->lists, c->nlists + 1, c->alists, 8);
    oo_list *l = &c->lists[c->nlists++];
    memset(l, 0, sizeof *l);
    l->name = name;
    for (xmlNode *v = s->children; v; v = v->next) {
        int num = oz_is(v, "list-level-style-number"), bul = oz_is(v, "list-level-style-bullet");
        if (!num && !bul)
            continue;
        int lv = oo_int_attr(v, "level", 0) - 1;
        if (lv < 0 || lv >= OO_LEVELS)
            continue;
        oo_level *o = &l->lvl[lv];
        o->kind = bul ? 2 : 1;
        char fmt[8];
        oo_copy_attr(v, "num-format", fmt, sizeof fmt);
        o->fmt = num ? fmt[0] : 0;
        if (num && !o->fmt)
            o->kind = 0; /* num-format="": no number shown */
        oo_copy_attr(v, "num-prefix", o->prefix, sizeof o->prefix);
        oo_copy_attr(v, "num-suffix", o->suffix, sizeof o->suffix);
        o->display = oo_int_attr(v, "display-levels", 1);
        o->start = oo_int_attr(v, "start-value", 1);
    }
}

static oo_list *oo_list_find(oo_ctx *c, const char *name)
{
    for (size_t i = 0; name && i < c->nlists; i++)
        if (!strcmp(c->lists[i].name, name))
            return &c->lists[i];
    return NULL;
}

/* The label of the next item at level lv (0-based) of list style l, counting it (NULL: none). */
static char *oo_label(oo_list *l, int lv)
{
    if (!l || lv < 0 || lv >= OO_LEVELS || !l->lvl[lv].kind)
        return NULL;
    oo_level *o = &l->lvl[lv];
    if (o->kind == 2)
        return xstrdup("-"); /* a plan's text writes bullets as "-" */
    for (int i = 0; i < lv; i++)
        if (l->lvl[i].count == 0)
            l->lvl[i].count = l->lvl[i].start;
    if (o->count == 0)
        o->count = o->start - 1;
    o->count++;
    for (int i = lv + 1; i < OO_LEVELS; i++)
        l->lvl[i].count = 0;
    strbuf sb = STRBUF_INIT;
    sb_adds(&sb, o->prefix);
    int first = lv - (o->display > 0 ? o->display : 1) + 1;
    for (int i = first < 0 ? 0 : first; i <= lv; i++) {
        if (i > first && i > 0)
            sb_addc(&sb, '.');
        int n = l->lvl[i].count, f = l->lvl[i].fmt;
        if (f == 'I' || f == 'i') {
            static const int val[] = { 1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1 };
            static const char *const rn[] = { "M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I" };
            for (int k = 0; k < 13 && n > 0 && n < 4000; k++)
                for (; n >= val[k]; n -= val[k])
                    for (const char *r = rn[k]; *r; r++)
                        sb_addc(&sb, f == 'I' ? *r : (char)(*r + 32));
        } else if ((f == 'A' || f == 'a') && n > 0) {
            sb_addc(&sb, (char)(f + (n - 1) % 26));
        } else {
            sb_addf(&sb, "%d", n);
        }
    }
    sb_adds(&sb, o->suffix);
    return sb_detach(&sb, NULL);
}

static void oo_styles(oo_ctx *c, xmlNode *root)
{
    static const char *const containers[] = { "automatic-styles", "styles" };
    for (size_t i = 0; i < 2; i++) {
        xmlNode *box = oz_child(root, containers[i]);
        for (xmlNode *s = box ? box->children : NULL; s; s = s->next) {
            if (oz_is(s, "list-style")) {
                oo_list_style(c, s);
                continue;
            }
            if (!oz_is(s, "style") && !oz_is(s, "default-style"))
                continue;
            char *name = oz_is(s, "default-style") ? xstrdup("") : oz_attr(s, "name");
            if (!name)
                continue;
            PP_GROW(c->styles, c->nstyles + 1, c->astyles, 32);
            oo_style *st = &c->styles[c->nstyles++];
            st->name = name;
            st->parent = oz_attr(s, "parent-style-name");
            st->font = oz_attr(oz_child(s, "text-properties"), "font-name");
            char *brk = oz_attr(oz_child(s, "paragraph-properties"), "break-before");
            st->page_break = brk && !strcmp(brk, "page");
            free(brk);
        }
    }
}

/* A style's font family, following parents, then the default style ("" by our naming). */
static const char *oo_font(const oo_ctx *c, const char *style)
{
    const char *face = NULL;
    for (int depth = 0; depth < 32 && style && !face; depth++) {
        const oo_style *found = NULL;
        for (size_t i = 0; i < c->nstyles && !found; i++)
            if (!strcmp(c->styles[i].name, style))
                found = &c->styles[i];
        if (!found)
            break;
        face = found->font;
        style = found->parent;
    }
    if (!face)
        return NULL;
    for (size_t i = 0; i + 1 < c->nfaces; i += 2)
        if (!strcmp(c->faces[i], face))
            return c->faces[i + 1];
    return face;
}

/* Whether a paragraph style (or one it inherits from) breaks the page before. */
static int oo_breaks(const oo_ctx *c, const char *style)
{
    for (int depth = 0; depth < 32 && style; depth++) {
        const oo_style *found = NULL;
        for (size_t i = 0; i < c->nstyles && !found; i++)
            if (!strcmp(c->styles[i].name, style))
                found = &c->styles[i];
        if (!found)
            return 0;
        if (found->page_break)
            return 1;
        style = found->parent;
    }
    return 0;
}

static void oo_push(oo_par *p)
{
    if (p->cell)
        od_cell_take_para(p->cell, &p->cur);
    else {
        od_para *q = od_add_para(p->doc);
        *q = p->cur;
        memset(&p->cur, 0, sizeof p->cur);
    }
}

static void oo_inline(oo_ctx *c, xmlNode *n, const char *font, oo_par *p)
{
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (k->content && k->content[0])
                od_para_add_run(&p->cur, (const char *)k->content, strlen((const char *)k->content), font);
        } else if (oz_is(k, "s")) {
            char *cnt = oz_attr(k, "c");
            int nsp = cnt ? atoi(cnt) : 1;
            free(cnt);
            for (int i = 0; i < nsp && i < 1000; i++)
                od_para_add_run(&p->cur, " ", 1, font);
        } else if (oz_is(k, "tab")) {
            od_para_add_run(&p->cur, "\t", 1, font);
        } else if (oz_is(k, "line-break")) {
            oo_push(p);
        } else if (oz_is(k, "span")) {
            char *st = oz_attr(k, "style-name");
            const char *f = oo_font(c, st);
            free(st);
            oo_inline(c, k, f ? f : font, p);
        } else if (oz_is(k, "a") || oz_is(k, "meta") || oz_is(k, "ruby") || oz_is(k, "ruby-base")) {
            oo_inline(c, k, font, p);
        }
        /* notes, annotations, bookmarks, fields' hidden parts: not body text */
    }
}

static void oo_body(oo_ctx *c, xmlNode *parent, od_doc *doc, od_cell *cell);

/* The rows of a table, directly under it or inside header-rows / rows / row-group elements. */
static void oo_rows(oo_ctx *c, xmlNode *box, od_table *t, int *row, od_doc *doc, int depth)
{
    for (xmlNode *r = box->children; r; r = r->next) {
        if ((oz_is(r, "table-header-rows") || oz_is(r, "table-rows") || oz_is(r, "table-row-group")) && depth < 8) {
            oo_rows(c, r, t, row, doc, depth + 1);
            continue;
        }
        if (!oz_is(r, "table-row"))
            continue;
        int col = 0;
        for (xmlNode *k = r->children; k; k = k->next) {
            char *v;
            if (oz_is(k, "covered-table-cell")) {
                v = oz_attr(k, "number-columns-repeated");
                col += v && atoi(v) > 0 && atoi(v) < 1000 ? atoi(v) : 1;
                free(v);
                continue;
            }
            if (!oz_is(k, "table-cell"))
                continue;
            v = oz_attr(k, "number-columns-spanned");
            int cs = v ? atoi(v) : 1;
            free(v);
            v = oz_attr(k, "number-rows-spanned");
            int rs = v ? atoi(v) : 1;
            free(v);
            v = oz_attr(k, "number-columns-repeated");
            int rep = v ? atoi(v) : 1;
            free(v);
            if (cs < 1 || cs > 1000)
                cs = 1;
            if (rs < 1 || rs > 100000)
                rs = 1;
            if (rep < 1 || rep > 1000)
                rep = 1;
            for (int i = 0; i < rep; i++) {
                if ((size_t)(*row + 1) * (size_t)(col + cs) > OD_MAX_CELLS)
                    break;
                od_cell *cell = od_table_add_cell(t, *row, col, cs);
                cell->rowspan = rs;
                oo_body(c, k, doc, cell);
                col += cs;
            }
            if (col > t->ncols)
                t->ncols = col;
        }
        (*row)++;
    }
}

static void oo_table(oo_ctx *c, xmlNode *tn, od_doc *doc, od_cell *outer)
{
    od_table tmp;
    memset(&tmp, 0, sizeof tmp);
    od_table *t = outer ? &tmp : od_add_table(doc);
    int row = 0;
    oo_rows(c, tn, t, &row, doc, 0);
    t->nrows = row;
    for (size_t i = 0; i < t->ncells; i++) /* a row span cannot reach past the last row */
        if (t->cells[i].row + t->cells[i].rowspan > row)
            t->cells[i].rowspan = row - t->cells[i].row;
    if (outer) {
        for (size_t i = 0; i < tmp.ncells; i++) {
            for (size_t k = 0; k < tmp.cells[i].nparas; k++)
                od_cell_take_para(outer, &tmp.cells[i].paras[k]);
            free(tmp.cells[i].paras);
        }
        free(tmp.cells);
    }
}

/* One text:p or text:h, after `label` (a list item's number) when there is one. */
static void oo_paragraph(oo_ctx *c, xmlNode *k, od_doc *doc, od_cell *cell, const char *label)
{
    oo_par p;
    memset(&p, 0, sizeof p);
    p.doc = doc;
    p.cell = cell;
    char *st = oz_attr(k, "style-name");
    p.cur.page_break = !cell && oo_breaks(c, st);
    if (label) {
        char *l = xasprintf("%s ", label);
        od_para_add_run(&p.cur, l, strlen(l), NULL);
        free(l);
    }
    oo_inline(c, k, oo_font(c, st), &p);
    free(st);
    oo_push(&p);
}

/* A text:list at level lv (0-based): each item's first paragraph gets the item's number, generated as
 * LibreOffice draws it from the list style (ODT stores no numbers); a nested list is the next level. */
static void oo_list_body(oo_ctx *c, xmlNode *list, od_doc *doc, od_cell *cell, int lv, const char *style)
{
    char *own = oz_attr(list, "style-name");
    const char *name = own ? own : style;
    oo_list *l = oo_list_find(c, name);
    char *cont = oz_attr(list, "continue-numbering"), *contl = oz_attr(list, "continue-list");
    if (l && lv == 0 && !(cont && !strcmp(cont, "true")) && !contl)
        for (int i = 0; i < OO_LEVELS; i++) /* a new list restarts its numbers */
            l->lvl[i].count = 0;
    free(cont);
    free(contl);
    for (xmlNode *it = list->children; it; it = it->next) {
        int item = oz_is(it, "list-item");
        if (!item && !oz_is(it, "list-header"))
            continue;
        char *label = NULL;
        int labelled = 0;
        for (xmlNode *k = it->children; k; k = k->next) {
            if ((oz_is(k, "p") || oz_is(k, "h")) && !labelled) {
                labelled = 1;
                if (item && l && lv < OO_LEVELS) {
                    int sv = oo_int_attr(it, "start-value", 0);
                    if (sv > 0)
                        l->lvl[lv].count = sv - 1;
                    label = oo_label(l, lv);
                }
                oo_paragraph(c, k, doc, cell, label);
            } else if (oz_is(k, "list")) {
                if (lv < 16)
                    oo_list_body(c, k, doc, cell, lv + 1, name);
            } else if (oz_is(k, "p") || oz_is(k, "h")) {
                oo_paragraph(c, k, doc, cell, NULL);
            } else if (oz_is(k, "table")) {
                oo_table(c, k, doc, cell);
            }
        }
        free(label);
    }
    free(own);
}

static void oo_body(oo_ctx *c, xmlNode *parent, od_doc *doc, od_cell *cell)
{
    for (xmlNode *k = parent->children; k; k = k->next) {
        if (oz_is(k, "p") || oz_is(k, "h"))
            oo_paragraph(c, k, doc, cell, NULL);
        else if (oz_is(k, "table"))
            oo_table(c, k, doc, cell);
        else if (oz_is(k, "list"))
            oo_list_body(c, k, doc, cell, 0, NULL);
        else if (oz_is(k, "section") || oz_is(k, "index-body"))
            oo_body(c, k, doc, cell);
    }
}

/* Password (encrypted entries) and macros (Basic or script libraries) from the manifest. */
static int oo_check_manifest(oz_zip *z, const char *path, pp_err *e)
{
    long n = oz_count(z);
    for (long i = 0; i < n; i++) {
        const char *name = oz_name(z, i);
        if (name && (!strncmp(name, "Basic/", 6) || !strncmp(name, "Scripts/", 8)))
            return pp_err_set(e, PP_EXIT_INPUT, "%s: the document carries macros (%s): refused", path, name);
    }
    xmlDoc *d;
    if (oz_xml(z, "META-INF/manifest.xml", 1, &d, e))
        return e->code;
    int rc = PP_OK;
    for (xmlNode *f = d ? xmlDocGetRootElement(d)->children : NULL; f && !rc; f = f->next)
        if (oz_is(f, "file-entry") && oz_child(f, "encryption-data")) {
            char *fp = oz_attr(f, "full-path");
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: part %s is encrypted (password-protected document): refused", path,
                            fp ? fp : "?");
            free(fp);
        }
    xmlFreeDoc(d);
    return rc;
}

/* Objects, images and sections linked from outside the package. */
static int oo_check_links(xmlNode *n, const char *path, pp_err *e)
{
    for (xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (oz_is(k, "object") || oz_is(k, "object-ole") || oz_is(k, "image") || oz_is(k, "section-source") ||
            oz_is(k, "plugin") || oz_is(k, "floating-frame")) {
            char *href = oz_attr(k, "href");
            int external = href && href[0] && strncmp(href, "./", 2) && strncmp(href, "Pictures/", 9) &&
                           strncmp(href, "Object", 6) && href[0] != '#';
            if (external)
                pp_err_set(e, PP_EXIT_INPUT, "%s: external reference (%s to %.200s): refused, parplan does not "
                                             "load linked content", path, (const char *)k->name, href);
            free(href);
            if (external)
                return e->code;
        }
        if (oo_check_links(k, path, e))
            return e->code;
    }
    return PP_OK;
}

int od_odt_load(oz_zip *z, const char *path, od_doc *doc, pp_err *e)
{
    if (oo_check_manifest(z, path, e))
        return e->code;
    oo_ctx c;
    memset(&c, 0, sizeof c);
    c.path = path;
    c.e = e;
    xmlDoc *styles = NULL, *content = NULL;
    int rc = oz_xml(z, "styles.xml", 1, &styles, e);
    if (rc == PP_OK)
        rc = oz_xml(z, "content.xml", 0, &content, e);
    if (rc == PP_OK) {
        xmlNode *root = xmlDocGetRootElement(content);
        if (styles) {
            oo_faces(&c, xmlDocGetRootElement(styles));
            oo_styles(&c, xmlDocGetRootElement(styles));
        }
        oo_faces(&c, root);
        oo_styles(&c, root);
        xmlNode *text = oz_child(oz_child(root, "body"), "text");
        if (!text)
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: content.xml has no office:text body", path);
        else if (oo_check_links(text, path, e) == PP_OK)
            oo_body(&c, text, doc, NULL);
        else
            rc = e->code;
    }
    xmlFreeDoc(styles);
    xmlFreeDoc(content);
    for (size_t i = 0; i < c.nstyles; i++) {
        free(c.styles[i].name);
        free(c.styles[i].parent);
        free(c.styles[i].font);
    }
    free(c.styles);
    for (size_t i = 0; i < c.nlists; i++)
        free(c.lists[i].name);
    free(c.lists);
    for (size_t i = 0; i < c.nfaces; i++)
        free(c.faces[i]);
    free(c.faces);
    return rc;
}
