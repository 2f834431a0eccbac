/* extract/extract_cols_prior.c (prefix xc_) — the per-document prior of extract_cols.h (xc_doc_*).
 *
 * Every item is read first (xc_item_t); the leads read there are the document's forms and say where its
 * lead column stands, and an item left without a lead has the cell left of its support read again against
 * those forms alone, with a looser word test (a skeleton: first and last letters kept).  One pass over the
 * items, then a few short alignments per item without a lead: no work grows with the square of the
 * document. */
#include "extract/extract-ll.h"

#include <stdlib.h>
#include <string.h>

/* A token damaged inside a word but keeping its first and last letters: the marks of a word the English
 * model could not read come out as stray letters ("Hizlrllh" for "Hành"), so it may be up to twice as
 * long, and may have lost one letter.  Words of two letters are nothing but their first and last: they
 * must be read (xc_sim). */
static int xc_skeleton(const char *w, size_t nw, const char *s, size_t ns)
{
    return nw >= 3 && ns + 1 >= nw && ns <= 2 * nw && s[0] == w[0] && s[ns - 1] == w[nw - 1];
}

/* How the tokens [s,e) of one line read as the first words of a name, every token taken, in order: a word
 * as one token (within edit distance, or a skeleton), as two pieces, or two words run together.  Returns
 * how many words they make (0: they do not); *credit is the letters matched weighted by similarity (a
 * skeleton counts XC_TOKEN_SIM), *read the words read within XC_WORD_SIM. */
static int xc_prior_fit(const char *f, const xc_tok *t, int s, int e, const char *key, const xc_name *nm,
                        double *credit, int *read)
{
    enum { P = 2 * XC_MAX_NAME + 1, Q = XC_MAX_NAME + 1 };
    int np = e - s, k = nm->k;
    if (np <= 0 || np >= P || k <= 0)
        return 0;
    double cr[P][Q];
    int rd[P][Q];
    for (int p = 0; p <= np; p++)
        for (int q = 0; q <= k; q++)
            cr[p][q] = -1;
    cr[0][0] = 0;
    rd[0][0] = 0;
    for (int p = 0; p < np; p++)
        for (int q = 0; q < k; q++) {
            if (cr[p][q] < 0)
                continue;
            const char *w = key + nm->off[q];
            size_t nw = nm->len[q];
            const xc_tok *a = &t[s + p];
            size_t na = a->b - a->a;
            /* one token */
            double sm = xc_sim(w, nw, f + a->a, na), val = -1;
            int r = 0;
            if (sm >= XC_TOKEN_SIM) {
                val = sm * (double)nw;
                r = sm >= XC_WORD_SIM;
            } else if (xc_skeleton(w, nw, f + a->a, na)) {
                val = XC_TOKEN_SIM * (double)nw;
            }
            if (val >= 0 && cr[p][q] + val > cr[p + 1][q + 1]) {
                cr[p + 1][q + 1] = cr[p][q] + val;
                rd[p + 1][q + 1] = rd[p][q] + r;
            }
            /* two pieces of one word */
            if (p + 2 <= np) {
                const xc_tok *b = &t[s + p + 1];
                size_t nb = b->b - b->a;
                if (na + nb <= XC_TOKLEN) {
                    char buf[XC_TOKLEN];
                    memcpy(buf, f + a->a, na);
                    memcpy(buf + na, f + b->a, nb);
                    sm = xc_sim(w, nw, buf, na + nb);
                    if (sm >= XC_WORD_SIM && cr[p][q] + sm * (double)nw > cr[p + 2][q + 1]) {
                        cr[p + 2][q + 1] = cr[p][q] + sm * (double)nw;
                        rd[p + 2][q + 1] = rd[p][q] + 1;
                    }
                }
            }
            /* two words run together */
            if (q + 2 <= k) {
                size_t n2 = nm->len[q + 1];
                if (nw + n2 <= XC_TOKLEN) {
                    char buf[XC_TOKLEN];
                    memcpy(buf, w, nw);
                    memcpy(buf + nw, key + nm->off[q + 1], n2);
                    sm = xc_sim(buf, nw + n2, f + a->a, na);
                    if (sm >= XC_WORD_SIM && cr[p][q] + sm * (double)(nw + n2) > cr[p + 1][q + 2]) {
                        cr[p + 1][q + 2] = cr[p][q] + sm * (double)(nw + n2);
                        rd[p + 1][q + 2] = rd[p][q] + 2;
                    }
                }
            }
        }
    int best = 0;
    for (int q = 1; q <= k; q++)
        if (cr[np][q] >= 0 && (!best || cr[np][q] > cr[np][best]))
            best = q;
    if (best) {
        *credit = cr[np][best];
        *read = rd[np][best];
    }
    return best;
}

/* The earliest piece of a body. */
static size_t xc_body_start(const xc_body *b)
{
    size_t a = (size_t)-1;
    for (int k = 0; k < b->npiece; k++)
        if (b->piece[k].a < a)
            a = b->piece[k].a;
    return a;
}

/* Reads the lead column of an item without a lead against the document's forms (xc_doc, extract_cols.h): the cell
 * is the run of free tokens just left of the support's first piece on its line, or its last tokens (prose
 * may stand before the cell); the longest run some form reads whole is taken.  Fills r->lead[0].  A group
 * ("Các phòng, đơn vị") the first reading took for the lead, for want of a lead read left of it, is the
 * support column it stands in when one is read there. */
static int xc_prior_lead(const xc_doc *x, const sg_doc *d, const xc_tok *t, size_t m, const gz_list *bodies,
                         const xc_name *forms, xc_result *r)
{
    const char *f = d->f.buf;
    int group = r->nlead > 0; /* xc_doc_read passes a lead only when it is a group */
    size_t a0 = group ? xc_body_start(&r->lead[0]) : (size_t)-1;
    for (int i = 0; i < r->nsupport; i++)
        for (int k = 0; k < r->support[i].npiece; k++)
            if (r->support[i].piece[k].a < a0)
                a0 = r->support[i].piece[k].a;
    int ja = -1;
    for (size_t j = 0; j < m && ja < 0; j++)
        if (t[j].a == a0)
            ja = (int)j;
    if (ja <= 0)
        return 0;
    int js = ja;
    while (js > 0 && t[js - 1].line == t[ja].line && !t[js - 1].used && ja - js < 2 * XC_MAX_NAME)
        js--;
    /* the longest run read whole by a form; a run two bodies' forms read alike is no evidence */
    int best = -1, bs = ja, ambiguous = 0;
    double bcredit = 0;
    for (int s = js; s < ja && best < 0; s++)
        for (size_t fi = 0; fi < x->nforms; fi++) {
            double credit = 0;
            int read = 0;
            const char *key = bodies->a[x->forms[fi]].key;
            int words = xc_prior_fit(f, t, s, ja, key, &forms[fi], &credit, &read);
            if (words < 2 || read < 1)
                continue;
            if (best >= 0 && bodies->a[x->forms[best]].entry != bodies->a[x->forms[fi]].entry)
                ambiguous = 1;
            if (best < 0 || credit > bcredit) {
                best = (int)fi;
                bs = s;
                bcredit = credit;
            }
        }
    if (best < 0 || ambiguous)
        return 0;
    if (group) {
        /* the group goes first among the supports (the column right of the lead); the last is dropped
         * when they are full, as the first reading drops bodies past XC_MAX_BODIES */
        int n = r->nsupport < XC_MAX_BODIES ? r->nsupport : XC_MAX_BODIES - 1;
        memmove(&r->support[1], &r->support[0], (size_t)n * sizeof r->support[0]);
        r->support[0] = r->lead[0];
        r->nsupport = n + 1;
    }
    xc_body *b = &r->lead[0];
    memset(b, 0, sizeof *b);
    b->alias = x->forms[best];
    b->entry = bodies->a[b->alias].entry;
    b->contiguous = 1;
    b->rule = "columns.prior";
    b->sp = (sg_span){ t[bs].a, t[ja - 1].b };
    b->score = forms[best].letters ? bcredit / (double)forms[best].letters : 0;
    for (int j = bs; j < ja && b->npiece < XC_MAX_PIECES; j++)
        b->piece[b->npiece++] = (sg_span){ t[j].a, t[j].b };
    r->nlead = 1;
    return 1;
}

/* The supports the document reads well in many rows are the values of its support column: a weak read
 * (xc_weak) of one of them in another row is taken, by the prior, unless its tokens went to the lead the
 * prior read.  Measured on seed 000 (eng-OCR, columns interleaved): "46 phòng, ... đơn vị" read at 0.77
 * of "Các phòng, đơn vị", which six other rows read at 0.94-1.0. */
#define XC_PRIOR_SUPPORT_ROWS 2

static int xc_overlaps(const xc_body *a, const xc_body *b)
{
    for (int i = 0; i < a->npiece; i++)
        for (int j = 0; j < b->npiece; j++)
            if (a->piece[i].a < b->piece[j].b && b->piece[j].a < a->piece[i].b)
                return 1;
    return 0;
}

/* Adds the weak supports w of result r whose body the document's rows read well (well[entry] rows). */
static int xc_prior_support(xc_result *r, const xc_weak *w, const int *well)
{
    int added = 0;
    for (int k = 0; k < w->n && r->nsupport < XC_MAX_BODIES; k++) {
        const xc_body *b = &w->b[k];
        int clash = well[b->entry] < XC_PRIOR_SUPPORT_ROWS;
        for (int j = 0; j < r->nlead && !clash; j++)
            clash = r->lead[j].entry == b->entry || xc_overlaps(&r->lead[j], b);
        for (int j = 0; j < r->nsupport && !clash; j++)
            clash = r->support[j].entry == b->entry || xc_overlaps(&r->support[j], b);
        if (clash)
            continue;
        r->support[r->nsupport] = *b;
        r->support[r->nsupport].rule = "columns.prior";
        r->nsupport++;
        added++;
    }
    return added;
}

typedef struct xc_pending {
    size_t i;    /* block */
    xc_tok *t;   /* its leftover tokens, as the first reading left them */
    size_t m;
} xc_pending;

void xc_doc_read(xc_doc *x, const sg_doc *d, const sg_span *blocks, size_t n, int width, const xc_vocab *v,
                 const gz_list *bodies, const gz_list *deadlines)
{
    memset(x, 0, sizeof *x);
    x->read = 1;
    x->n = n;
    x->res = xcalloc(n ? n : 1, sizeof *x->res);
    x->done = xcalloc(n ? n : 1, 1);
    xc_tok *t = xmalloc(XC_MAX_TOK * sizeof *t);
    xc_pending *pd = NULL;
    size_t npd = 0, apd = 0, aforms = 0;
    /* weak supports per item, and how many items read each body well as a support */
    struct {
        size_t i; /* block */
        xc_weak w;
    } *wk = NULL;
    size_t nwk = 0, awk = 0;
    int *well = NULL;
    int before = 0, after = 0;
    for (size_t i = 0; i < n; i++) {
        if (blocks[i].b <= blocks[i].a)
            continue;
        x->done[i] = 1;
        xc_result r;
        size_t m;
        xc_weak w;
        if (!xc_item_t(d, blocks[i], width, v, bodies, deadlines, &r, t, &m, &w))
            continue;
        x->res[i] = xmalloc(sizeof r);
        *x->res[i] = r;
        if (r.nsupport && !well)
            well = xcalloc(bodies->n ? bodies->n : 1, sizeof *well);
        for (int k = 0; k < r.nsupport; k++)
            well[r.support[k].entry]++;
        if (w.n) {
            PP_GROW(wk, nwk + 1, awk, 8);
            wk[nwk].i = i;
            wk[nwk++].w = w;
        }
        if (r.nlead && !xc_group(bodies, r.lead[0].entry) && r.lead[0].contiguous) {
            /* a form the document writes (one per key: aliases differing in marks only are one) */
            const char *key = bodies->a[r.lead[0].alias].key;
            size_t k = 0;
            while (k < x->nforms && strcmp(bodies->a[x->forms[k]].key, key))
                k++;
            if (k == x->nforms) {
                PP_GROW(x->forms, x->nforms + 1, aforms, 8);
                x->forms[x->nforms++] = r.lead[0].alias;
            }
            /* where the lead column stands: left of the support on the line both were read on */
            if (r.nsupport) {
                size_t la = xc_body_start(&r.lead[0]), sa = xc_body_start(&r.support[0]);
                for (int s = 1; s < r.nsupport; s++)
                    if (xc_body_start(&r.support[s]) < sa)
                        sa = xc_body_start(&r.support[s]);
                if (sg_line_at(d, la) == sg_line_at(d, sa))
                    la < sa ? before++ : after++;
            }
        } else if (r.nlead ? xc_group(bodies, r.lead[0].entry) : r.nsupport > 0) {
            PP_GROW(pd, npd + 1, apd, 8);
            pd[npd].i = i;
            pd[npd].m = m;
            pd[npd].t = xmalloc((m ? m : 1) * sizeof *t);
            memcpy(pd[npd].t, t, m * sizeof *t);
            npd++;
        }
    }
    x->layout = before - after;
    if (x->nforms && x->layout >= XC_PRIOR_LAYOUT && npd) {
        xc_name *forms = xmalloc(x->nforms * sizeof *forms);
        for (size_t k = 0; k < x->nforms; k++)
            xc_name_make(v, bodies->a[x->forms[k]].key, &forms[k]);
        for (size_t p = 0; p < npd; p++)
            x->nprior += xc_prior_lead(x, d, pd[p].t, pd[p].m, bodies, forms, x->res[pd[p].i]);
        free(forms);
    }
    for (size_t k = 0; k < nwk && well; k++)
        x->nprior_support += xc_prior_support(x->res[wk[k].i], &wk[k].w, well);
    for (size_t p = 0; p < npd; p++)
        free(pd[p].t);
    free(pd);
    free(wk);
    free(well);
    free(t);
}

int xc_doc_get(const xc_doc *x, size_t i, xc_result *out)
{
    memset(out, 0, sizeof *out);
    out->deadline_entry = -1;
    if (i >= x->n || !x->res[i])
        return 0;
    *out = *x->res[i];
    return 1;
}

static int xc_code_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int xc_doc_item(xc_doc *x, const sg_doc *d, const sg_tree *t, size_t idx, int width, const xc_vocab *v,
                const gz_list *bodies, const gz_list *deadlines, xc_result *out)
{
    if (!x->read) {
        /* the items extract_doc.c reads leftovers of; prose items repeating a table row's code it leaves
         * out (the table is the list of the same tasks), so their reads must not feed the prior */
        sg_span *blocks = xcalloc(t->n ? t->n : 1, sizeof *blocks);
        const char **rows = xcalloc(t->n ? t->n : 1, sizeof *rows);
        size_t nrows = 0;
        for (size_t i = 0; i < t->n; i++)
            if (t->v[i].kind == SG_ROW)
                rows[nrows++] = t->v[i].code;
        if (nrows)
            qsort(rows, nrows, sizeof *rows, xc_code_cmp);
        for (size_t i = 0; i < t->n; i++) {
            const sg_item *si = &t->v[i];
            const char *c = si->code;
            if (si->kind == SG_ITEM && !si->celled &&
                !(nrows && bsearch(&c, rows, nrows, sizeof *rows, xc_code_cmp)))
                blocks[i] = si->body;
        }
        xc_doc_read(x, d, blocks, t->n, width, v, bodies, deadlines);
        free(rows);
        free(blocks);
    }
    if (idx < x->n && x->done[idx])
        return xc_doc_get(x, idx, out);
    return idx < t->n ? xc_item(d, t->v[idx].body, width, v, bodies, deadlines, out) : 0;
}

void xc_doc_free(xc_doc *x)
{
    for (size_t i = 0; i < x->n; i++)
        free(x->res[i]);
    free(x->res);
    free(x->done);
    free(x->forms);
    memset(x, 0, sizeof *x);
}
