/* scan/office.c (prefix od_) — see office.h: the document model, and which reader a file goes to. */
#include "scan/office.h"
#include "scan/office_zip.h"

#include <stdlib.h>
#include <string.h>

const char *od_kind_name(int kind)
{
    return kind == OD_DOCX ? "docx" : kind == OD_ODT ? "odt" : kind == OD_DOC ? "doc" : "?";
}

int od_sniff(const unsigned char *h, size_t n)
{
    if (n >= 4 && memcmp(h, "PK\3\4", 4) == 0)
        return OD_DOCX;
    if (n >= 8 && memcmp(h, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0)
        return OD_DOC;
    return -1;
}

od_para *od_add_para(od_doc *d)
{
    PP_GROW(d->blocks, d->nblocks + 1, d->ablocks, 64);
    od_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    return &b->para;
}

od_table *od_add_table(od_doc *d)
{
    PP_GROW(d->blocks, d->nblocks + 1, d->ablocks, 64);
    od_block *b = &d->blocks[d->nblocks++];
    memset(b, 0, sizeof *b);
    b->table = xcalloc(1, sizeof *b->table);
    return b->table;
}

od_run *od_para_add_run(od_para *p, const char *text, size_t len, const char *font)
{
    PP_GROW(p->runs, p->nruns + 1, p->aruns, 8);
    od_run *r = &p->runs[p->nruns++];
    r->text = xstrndup(text, len);
    r->len = len;
    r->font = font && font[0] ? xstrdup(font) : NULL;
    return r;
}

od_cell *od_table_add_cell(od_table *t, int row, int col, int colspan)
{
    PP_GROW(t->cells, t->ncells + 1, t->acells, 16);
    od_cell *c = &t->cells[t->ncells++];
    memset(c, 0, sizeof *c);
    c->row = row;
    c->col = col;
    c->rowspan = 1;
    c->colspan = colspan > 0 ? colspan : 1;
    return c;
}

od_para *od_cell_add_para(od_cell *c)
{
    PP_GROW(c->paras, c->nparas + 1, c->aparas, 2);
    od_para *p = &c->paras[c->nparas++];
    memset(p, 0, sizeof *p);
    return p;
}

void od_cell_take_para(od_cell *c, od_para *p)
{
    od_para *q = od_cell_add_para(c);
    *q = *p;
    memset(p, 0, sizeof *p);
}

void od_para_free(od_para *p)
{
    for (size_t i = 0; i < p->nruns; i++) {
        free(p->runs[i].text);
        free(p->runs[i].font);
    }
    free(p->runs);
    memset(p, 0, sizeof *p);
}

static void od_table_free(od_table *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->ncells; i++) {
        for (size_t k = 0; k < t->cells[i].nparas; k++)
            od_para_free(&t->cells[i].paras[k]);
        free(t->cells[i].paras);
    }
    free(t->cells);
    free(t->colw);
    free(t);
}

void od_free(od_doc *d)
{
    for (size_t i = 0; i < d->nblocks; i++) {
        od_para_free(&d->blocks[i].para);
        od_table_free(d->blocks[i].table);
    }
    free(d->blocks);
    memset(d, 0, sizeof *d);
}

/* ODT says what it is in its first part, stored uncompressed: "mimetype". */
static int od_is_odt(oz_zip *z, const char *path, int *is, pp_err *e)
{
    *is = 0;
    if (!oz_has(z, "mimetype"))
        return PP_OK;
    char *m;
    size_t n;
    if (oz_read(z, "mimetype", &m, &n, e))
        return e->code;
    if (strncmp(m, "application/vnd.oasis.opendocument.text", n) == 0 &&
        n == strlen("application/vnd.oasis.opendocument.text"))
        *is = 1;
    else
        pp_err_set(e, PP_EXIT_INPUT, "%s: an OpenDocument file of type '%.60s', not a text document (ODT)", path, m);
    free(m);
    return e->code;
}

int od_load(const char *path, int kind, od_doc *doc, pp_err *e)
{
    memset(doc, 0, sizeof *doc);
    int rc;
    if (kind == OD_DOC) {
        doc->kind = OD_DOC;
        rc = od_doc_load(path, doc, e);
    } else {
        oz_zip *z;
        if (oz_open(path, &z, e))
            return e->code;
        int odt;
        rc = od_is_odt(z, path, &odt, e);
        if (rc == PP_OK && odt) {
            doc->kind = OD_ODT;
            rc = od_odt_load(z, path, doc, e);
        } else if (rc == PP_OK && oz_has(z, "[Content_Types].xml")) {
            doc->kind = OD_DOCX;
            rc = od_docx_load(z, path, doc, e);
        } else if (rc == PP_OK) {
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: a ZIP archive that is neither a DOCX (no [Content_Types].xml) "
                                              "nor an ODT (no mimetype): not a document parplan reads", path);
        }
        oz_close(z);
    }
    if (rc) {
        od_free(doc);
        return rc;
    }
    size_t text = 0;
    for (size_t i = 0; i < doc->nblocks; i++) {
        text += doc->blocks[i].table ? doc->blocks[i].table->ncells : 0;
        for (size_t k = 0; k < doc->blocks[i].para.nruns; k++)
            text += doc->blocks[i].para.runs[k].len;
    }
    if (!text) {
        const char *name = od_kind_name(doc->kind);
        od_free(doc);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: the %s document holds no text", path, name);
    }
    return PP_OK;
}
