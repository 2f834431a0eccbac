/* scan/office_docx.c (prefix ox_) — DOCX (Office Open XML WordprocessingML) into the office.h model.
 *
 * Before the body is read the package is checked: its main part is found through [Content_Types].xml;
 * macros (a vbaProject.bin part, a macro-enabled content type) and external relationships other than
 * hyperlinks (linked templates, OLE objects, images or sub-documents that a reader would fetch) are
 * refused.  Fonts are resolved as Word does for the characters U+0080..U+00FF that legacy Vietnamese
 * fonts use: the run's w:hAnsi font (else w:ascii), else its character style, its paragraph's style
 * chain, and the document defaults. */
#include "scan/office.h"
#include "scan/office_num.h"
#include "scan/office_zip.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- styles ----------------------------------------------------------------------------------------- */

typedef struct ox_style {
    char *id, *based_on, *font;
    char *num_id;             /* the style's list (w:pPr/w:numPr), NULL when none */
    int ilvl;
} ox_style;

typedef struct ox_ctx {
    const char *path;
    ox_style *styles;
    size_t nstyles, astyles;
    char *default_font;       /* docDefaults */
    char *default_pstyle;     /* the paragraph style marked w:default */
    on_numbering *num;        /* word/numbering.xml, NULL when none */
    pp_err *e;
} ox_ctx;

/* The font of an rPr element (w:rFonts hAnsi, else ascii, else cs), NULL when it names none. */
static char *ox_rpr_font(const xmlNode *rpr)
{
    xmlNode *f = oz_child(rpr, "rFonts");
    if (!f)
        return NULL;
    static const char *const order[] = { "hAnsi", "ascii", "cs" };
    for (size_t i = 0; i < 3; i++) {
        char *v = oz_attr(f, order[i]);
        if (v && v[0])
            return v;
        free(v);
    }
    return NULL;
}

static const ox_style *ox_style_find(const ox_ctx *c, const char *id)
{
    for (size_t i = 0; id && i < c->nstyles; i++)
        if (strcmp(c->styles[i].id, id) == 0)
            return &c->styles[i];
    return NULL;
}

/* A style's font, following w:basedOn (at most 32 steps: a cycle in a broken file ends there). */
static const char *ox_style_font(const ox_ctx *c, const char *id)
{
    for (int depth = 0; depth < 32; depth++) {
        const ox_style *s = ox_style_find(c, id);
        if (!s)
            return NULL;
        if (s->font)
            return s->font;
        id = s->based_on;
    }
    return NULL;
}

static int ox_load_styles(oz_zip *z, ox_ctx *c)
{
    xmlDoc *d;
    if (oz_xml(z, "word/styles.xml", 1, &d, c->e))
        return c->e->code;
    if (!d)
        return PP_OK;
    xmlNode *root = xmlDocGetRootElement(d);
    xmlNode *defs = oz_child(root, "docDefaults");
    c->default_font = ox_rpr_font(oz_child(oz_child(defs, "rPrDefault"), "rPr"));
    for (xmlNode *s = root->children; s; s = s->next) {
        if (!oz_is(s, "style"))
            continue;
        char *id = oz_attr(s, "styleId");
        if (!id)
            continue;
        PP_GROW(c->styles, c->nstyles + 1, c->astyles, 32);
        ox_style *st = &c->styles[c->nstyles++];
        st->id = id;
        xmlNode *b = oz_child(s, "basedOn");
        st->based_on = b ? oz_attr(b, "val") : NULL;
        st->font = ox_rpr_font(oz_child(s, "rPr"));
        xmlNode *np = oz_child(oz_child(s, "pPr"), "numPr");
        xmlNode *ni = oz_child(np, "numId"), *il = oz_child(np, "ilvl");
        st->num_id = ni ? oz_attr(ni, "val") : NULL;
        char *lv = il ? oz_attr(il, "val") : NULL;
        st->ilvl = lv ? atoi(lv) : 0;
        free(lv);
        char *type = oz_attr(s, "type"), *def = oz_attr(s, "default");
        if (type && def && !strcmp(type, "paragraph") && (!strcmp(def, "1") || !strcmp(def, "true")) &&
            !c->default_pstyle)
            c->default_pstyle = xstrdup(id);
        free(type);
        free(def);
    }
    xmlFreeDoc(d);
    return PP_OK;
}

static void ox_ctx_free(ox_ctx *c)
{
    for (size_t i = 0; i < c->nstyles; i++) {
        free(c->styles[i].id);
        free(c->styles[i].based_on);
        free(c->styles[i].font);
        free(c->styles[i].num_id);
    }
    on_free(c->num);
    free(c->styles);
    free(c->default_font);
    free(c->default_pstyle);
}

/* ---- package checks ---------------------------------------------------------------------------------- */

static int ox_ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[n - k + i]) != tolower((unsigned char)suffix[i]))
            return 0;
    return 1;
}

/* Macros and external relationships, from every part name and every .rels part. */
static int ox_check_package(oz_zip *z, const char *path, pp_err *e)
{
    long n = oz_count(z);
    for (long i = 0; i < n; i++) {
        const char *name = oz_name(z, i);
        if (!name)
            continue;
        if (ox_ends_with(name, "vbaProject.bin") || ox_ends_with(name, "vbaData.xml"))
            return pp_err_set(e, PP_EXIT_INPUT, "%s: the document carries macros (%s): refused", path, name);
    }
    for (long i = 0; i < n; i++) {
        const char *name = oz_name(z, i);
        if (!name || !ox_ends_with(name, ".rels"))
            continue;
        char *copy = xstrdup(name); /* oz_xml may reuse libzip's name buffer */
        xmlDoc *d;
        int rc = oz_xml(z, copy, 0, &d, e);
        if (rc) {
            free(copy);
            return rc;
        }
        for (xmlNode *r = xmlDocGetRootElement(d)->children; r && !rc; r = r->next) {
            if (!oz_is(r, "Relationship"))
                continue;
            char *mode = oz_attr(r, "TargetMode"), *type = oz_attr(r, "Type"), *target = oz_attr(r, "Target");
            /* a hyperlink is text pointing elsewhere; anything else external is content a reader fetches */
            if (mode && !strcmp(mode, "External") && !(type && ox_ends_with(type, "/hyperlink"))) {
                const char *t = type ? strrchr(type, '/') : NULL;
                rc = pp_err_set(e, PP_EXIT_INPUT, "%s: external reference in %s (%s to %.200s): refused, parplan "
                                                  "does not load linked content", path, copy, t ? t + 1 : "?",
                                target ? target : "?");
            }
            free(mode);
            free(type);
            free(target);
        }
        xmlFreeDoc(d);
        free(copy);
        if (rc)
            return rc;
    }
    return PP_OK;
}

/* The main document part from [Content_Types].xml (caller frees). */
static int ox_main_part(oz_zip *z, const char *path, char **part, pp_err *e)
{
    *part = NULL;
    xmlDoc *d;
    if (oz_xml(z, "[Content_Types].xml", 0, &d, e))
        return e->code;
    int rc = PP_OK;
    for (xmlNode *o = xmlDocGetRootElement(d)->children; o && !rc; o = o->next) {
        if (!oz_is(o, "Override") && !oz_is(o, "Default"))
            continue;
        char *ct = oz_attr(o, "ContentType");
        if (ct && strstr(ct, "macroEnabled"))
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: a macro-enabled document (%s): refused", path, ct);
        else if (ct && oz_is(o, "Override") && !*part &&
                 (strstr(ct, "wordprocessingml.document.main+xml") || strstr(ct, "wordprocessingml.template.main+xml"))) {
            char *pn = oz_attr(o, "PartName");
            if (pn) {
                *part = xstrdup(pn[0] == '/' ? pn + 1 : pn);
                free(pn);
            }
        }
        free(ct);
    }
    xmlFreeDoc(d);
    if (rc) {
        free(*part);
        *part = NULL;
        return rc;
    }
    if (!*part)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: an Office Open XML package without a Word document part (a "
                                            "spreadsheet or a presentation?): not a DOCX", path);
    return PP_OK;
}

/* A field that fetches from outside when Word updates it (INCLUDETEXT, INCLUDEPICTURE, LINK, DDE,
 * DDEAUTO: the last two also run programs) is an external reference like a linked relationship. */
static void ox_check_field(ox_ctx *c, const char *instr)
{
    static const char *const words[] = { "INCLUDETEXT", "INCLUDEPICTURE", "LINK", "DDEAUTO", "DDE", "IMPORT" };
    if (!instr || c->e->code)
        return;
    const char *p = instr;
    while (*p == ' ')
        p++;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i]);
        if (strncasecmp(p, words[i], n) == 0 && (p[n] == ' ' || p[n] == '\0')) {
            pp_err_set(c->e, PP_EXIT_INPUT, "%s: external reference in a field (%.100s): refused, parplan does not "
                                            "load linked content", c->path, p);
            return;
        }
    }
}

/* ---- body -------------------------------------------------------------------------------------------- */

/* Where finished paragraphs go: the document body, or a table cell. */
typedef struct ox_sink {
    od_doc *doc;
    od_cell *cell;
} ox_sink;

typedef struct ox_par {
    od_para cur;
    const char *pstyle_font;  /* the paragraph style's font */
    int page_break;           /* pending for the next paragraph pushed */
    ox_sink *sink;
} ox_par;

static void ox_push(ox_par *p)
{
    p->cur.page_break = p->page_break && !p->sink->cell;
    if (p->cur.page_break || p->cur.nruns)
        p->page_break = 0;
    if (p->sink->cell)
        od_cell_take_para(p->sink->cell, &p->cur);
    else {
        od_para *q = od_add_para(p->sink->doc);
        *q = p->cur;
        memset(&p->cur, 0, sizeof p->cur);
    }
}

static void ox_body(ox_ctx *c, xmlNode *parent, ox_sink *sink);

/* Text boxes inside a drawing: their paragraphs follow the paragraph that anchors them.  mc:Fallback
 * repeats mc:Choice (a VML copy of the same box), so only the first choice is read. */
static void ox_textboxes(ox_ctx *c, xmlNode *n, ox_sink *sink)
{
    for (xmlNode *x = n->children; x; x = x->next) {
        if (x->type != XML_ELEMENT_NODE || oz_is(x, "Fallback"))
            continue;
        if (oz_is(x, "txbxContent"))
            ox_body(c, x, sink);
        else
            ox_textboxes(c, x, sink);
        if (oz_is(x, "Choice"))
            break;
    }
}

static void ox_run(ox_ctx *c, xmlNode *r, ox_par *p)
{
    xmlNode *rpr = oz_child(r, "rPr");
    char *own = ox_rpr_font(rpr);
    const char *font = own;
    if (!font) {
        xmlNode *rs = oz_child(rpr, "rStyle");
        char *rid = rs ? oz_attr(rs, "val") : NULL;
        font = ox_style_font(c, rid);
        free(rid);
    }
    if (!font)
        font = p->pstyle_font ? p->pstyle_font : c->default_font;
    for (xmlNode *k = r->children; k; k = k->next) {
        if (oz_is(k, "t")) {
            xmlChar *t = xmlNodeGetContent(k);
            if (t && t[0])
                od_para_add_run(&p->cur, (const char *)t, strlen((const char *)t), font);
            xmlFree(t);
        } else if (oz_is(k, "tab") || oz_is(k, "ptab")) {
            od_para_add_run(&p->cur, "\t", 1, font);
        } else if (oz_is(k, "instrText")) {
            xmlChar *t = xmlNodeGetContent(k);
            ox_check_field(c, (const char *)t);
            xmlFree(t);
        } else if (oz_is(k, "noBreakHyphen")) {
            od_para_add_run(&p->cur, "-", 1, font);
        } else if (oz_is(k, "br") || oz_is(k, "cr")) {
            char *type = oz_attr(k, "type");
            int page = type && !strcmp(type, "page");
            free(type);
            /* a line break ends a line of text; a page break ends the page too (and makes no empty line
             * of its own when it opens the paragraph) */
            if (!page || p->cur.nruns)
                ox_push(p);
            if (page)
                p->page_break = 1;
        } else if (oz_is(k, "AlternateContent") || oz_is(k, "drawing") || oz_is(k, "pict")) {
            ox_textboxes(c, k, p->sink);
        }
    }
    free(own);
}

/* The runs of a paragraph and of the elements that wrap runs (hyperlinks, insertions, fields, content
 * controls); deleted text is left out. */
static void ox_runs(ox_ctx *c, xmlNode *parent, ox_par *p)
{
    for (xmlNode *k = parent->children; k; k = k->next) {
        if (oz_is(k, "fldSimple")) {
            char *instr = oz_attr(k, "instr");
            ox_check_field(c, instr);
            free(instr);
        }
        if (oz_is(k, "r"))
            ox_run(c, k, p);
        else if (oz_is(k, "hyperlink") || oz_is(k, "ins") || oz_is(k, "smartTag") || oz_is(k, "customXml") ||
                 oz_is(k, "fldSimple") || oz_is(k, "moveTo") || oz_is(k, "dir") || oz_is(k, "bdo") ||
                 oz_is(k, "sdtContent"))
            ox_runs(c, k, p);
        else if (oz_is(k, "sdt"))
            ox_runs(c, oz_child(k, "sdtContent") ? oz_child(k, "sdtContent") : k, p);
    }
}

/* The paragraph's list and level: its own w:numPr, else its style's (following w:basedOn). */
static const char *ox_numbering(const ox_ctx *c, xmlNode *ppr, const char *style, int *ilvl, char **own)
{
    *own = NULL;
    *ilvl = 0;
    xmlNode *np = oz_child(ppr, "numPr");
    if (np) {
        xmlNode *ni = oz_child(np, "numId"), *il = oz_child(np, "ilvl");
        char *lv = il ? oz_attr(il, "val") : NULL;
        *ilvl = lv ? atoi(lv) : 0;
        free(lv);
        *own = ni ? oz_attr(ni, "val") : NULL;
        if (*own)
            return *own;
    }
    for (int depth = 0; depth < 32 && style; depth++) {
        const ox_style *s = ox_style_find(c, style);
        if (!s)
            break;
        if (s->num_id) {
            *ilvl = np && oz_child(np, "ilvl") ? *ilvl : s->ilvl;
            return s->num_id;
        }
        style = s->based_on;
    }
    return NULL;
}

static void ox_paragraph(ox_ctx *c, xmlNode *pn, ox_sink *sink)
{
    ox_par p;
    memset(&p, 0, sizeof p);
    p.sink = sink;
    xmlNode *ppr = oz_child(pn, "pPr");
    xmlNode *ps = oz_child(ppr, "pStyle");
    char *sid = ps ? oz_attr(ps, "val") : NULL;
    p.pstyle_font = ox_style_font(c, sid ? sid : c->default_pstyle);
    /* automatic numbering: the label Word draws before the text ("1.1.", "a)"), counted in order */
    int ilvl;
    char *own;
    const char *num_id = ox_numbering(c, ppr, sid ? sid : c->default_pstyle, &ilvl, &own);
    char *label = num_id && strcmp(num_id, "0") ? on_label(c->num, num_id, ilvl) : NULL;
    if (label) {
        size_t n = strlen(label);
        label = xrealloc(label, n + 2);
        memcpy(label + n, " ", 2);
        od_para_add_run(&p.cur, label, n + 1, NULL);
    }
    free(label);
    free(own);
    free(sid);
    xmlNode *pb = oz_child(ppr, "pageBreakBefore");
    if (pb) {
        char *v = oz_attr(pb, "val");
        p.page_break = !v || (strcmp(v, "0") && strcmp(v, "false"));
        free(v);
    }
    ox_runs(c, pn, &p);
    ox_push(&p);
}

/* A table being read: its rows so far, and per grid column 1 + the cell a vertical merge continues
 * (0 none). */
typedef struct ox_rows {
    od_table *t;
    int row;
    size_t *open;
    size_t aopen, nopen;
    ox_sink *sink;
} ox_rows;

/* The rows of a table element, and of the content controls and custom XML that may wrap rows. */
static void ox_table_rows(ox_ctx *c, xmlNode *parent, ox_rows *st, int depth)
{
    od_table *t = st->t;
    for (xmlNode *tr = parent->children; tr; tr = tr->next) {
        if ((oz_is(tr, "sdt") || oz_is(tr, "customXml")) && depth < 16) {
            xmlNode *inner = oz_child(tr, "sdtContent");
            ox_table_rows(c, inner ? inner : tr, st, depth + 1);
            continue;
        }
        if (!oz_is(tr, "tr"))
            continue;
        int col = 0;
        xmlNode *gb = oz_child(oz_child(tr, "trPr"), "gridBefore");
        if (gb) {
            char *v = oz_attr(gb, "val");
            col = v ? atoi(v) : 0;
            free(v);
            if (col < 0 || col > 1000)
                col = 0;
        }
        for (xmlNode *tc = tr->children; tc; tc = tc->next) {
            if (!oz_is(tc, "tc"))
                continue;
            xmlNode *tcpr = oz_child(tc, "tcPr");
            xmlNode *gs = oz_child(tcpr, "gridSpan"), *vm = oz_child(tcpr, "vMerge");
            char *v = gs ? oz_attr(gs, "val") : NULL;
            int span = v ? atoi(v) : 1;
            free(v);
            if (span < 1 || span > 1000)
                span = 1;
            if ((size_t)(st->row + 1) * (size_t)(col + span) > OD_MAX_CELLS)
                break; /* an absurd grid: the rest of the row is dropped rather than allocated */
            size_t need = (size_t)(col + span);
            if (need > st->nopen) {
                PP_GROW(st->open, need, st->aopen, 16);
                memset(st->open + st->nopen, 0, (need - st->nopen) * sizeof *st->open);
                st->nopen = need;
            }
            if (col + span > t->ncols)
                t->ncols = col + span;
            char *m = vm ? oz_attr(vm, "val") : NULL;
            int cont = vm && (!m || strcmp(m, "restart") != 0);
            free(m);
            od_cell *cell;
            if (cont && st->open[col]) { /* w:vMerge continuing the cell above: it spans one row more */
                cell = &t->cells[st->open[col] - 1];
                cell->rowspan = st->row - cell->row + 1;
            } else {
                cell = od_table_add_cell(t, st->row, col, span);
                for (int k = col; k < col + span; k++)
                    st->open[k] = t->ncells;
            }
            ox_sink cs = { st->sink->doc, cell };
            ox_body(c, tc, &cs);
            col += span;
        }
        st->row++;
    }
}

/* One table into the sink's document (a nested table: its cells' paragraphs into the enclosing cell). */
static void ox_table(ox_ctx *c, xmlNode *tn, ox_sink *sink)
{
    od_table tmp;
    memset(&tmp, 0, sizeof tmp);
    od_table *t = sink->cell ? &tmp : od_add_table(sink->doc);
    xmlNode *grid = oz_child(tn, "tblGrid");
    int ncols = 0;
    for (xmlNode *g = grid ? grid->children : NULL; g; g = g->next)
        if (oz_is(g, "gridCol"))
            ncols++;
    if (ncols > 0 && ncols <= 1000) {
        t->colw = xcalloc((size_t)ncols, sizeof *t->colw);
        int i = 0;
        for (xmlNode *g = grid->children; g; g = g->next)
            if (oz_is(g, "gridCol")) {
                char *w = oz_attr(g, "w");
                t->colw[i++] = w ? atoi(w) : 0;
                free(w);
            }
        t->ncols = ncols;
    }
    ox_rows st = { t, 0, NULL, 0, 0, sink };
    ox_table_rows(c, tn, &st, 0);
    free(st.open);
    int row = st.row;
    t->nrows = row;
    if (t->colw && t->ncols > ncols) { /* rows wider than the declared grid: widths unknown */
        t->colw = xreallocarray(t->colw, (size_t)t->ncols, sizeof *t->colw);
        memset(t->colw + ncols, 0, (size_t)(t->ncols - ncols) * sizeof *t->colw);
    }
    if (sink->cell) { /* nested: flatten row by row into the enclosing cell */
        for (size_t i = 0; i < tmp.ncells; i++)
            for (size_t k = 0; k < tmp.cells[i].nparas; k++)
                od_cell_take_para(sink->cell, &tmp.cells[i].paras[k]);
        for (size_t i = 0; i < tmp.ncells; i++)
            free(tmp.cells[i].paras);
        free(tmp.cells);
        free(tmp.colw);
    }
}

static void ox_body(ox_ctx *c, xmlNode *parent, ox_sink *sink)
{
    for (xmlNode *k = parent->children; k; k = k->next) {
        if (oz_is(k, "p"))
            ox_paragraph(c, k, sink);
        else if (oz_is(k, "tbl"))
            ox_table(c, k, sink);
        else if (oz_is(k, "sdt"))
            ox_body(c, oz_child(k, "sdtContent") ? oz_child(k, "sdtContent") : k, sink);
        else if (oz_is(k, "customXml") || oz_is(k, "ins") || oz_is(k, "moveTo"))
            ox_body(c, k, sink);
    }
}

int od_docx_load(oz_zip *z, const char *path, od_doc *doc, pp_err *e)
{
    char *part;
    if (ox_check_package(z, path, e) || ox_main_part(z, path, &part, e))
        return e->code;
    ox_ctx c;
    memset(&c, 0, sizeof c);
    c.path = path;
    c.e = e;
    xmlDoc *d = NULL;
    int rc = ox_load_styles(z, &c);
    if (rc == PP_OK)
        rc = on_load(z, &c.num, e);
    if (rc == PP_OK)
        rc = oz_xml(z, part, 0, &d, e);
    free(part);
    if (rc == PP_OK) {
        xmlNode *body = oz_child(xmlDocGetRootElement(d), "body");
        if (!body)
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: the Word document part has no body", path);
        else {
            ox_sink s = { doc, NULL };
            ox_body(&c, body, &s);
            rc = e->code; /* a field with an external reference (ox_check_field) */
        }
    }
    xmlFreeDoc(d);
    ox_ctx_free(&c);
    return rc;
}
