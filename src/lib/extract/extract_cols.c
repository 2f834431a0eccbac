/* extract/extract_cols.c (prefix xc_) — see extract_cols.h: one item's leftovers read and the names in
 * them taken.
 *
 * The leftover tokens of the item's lines (extract_cols_leftover.c) are compared once with the vocabulary
 * (extract_cols_cache.c); names are then aligned on them in order (extract_cols_align.c): deadlines go
 * first, then bodies, best score first, each token used once.  A token read exactly as a name word (3+
 * letters) stands for no other word.  Per document the reads feed a prior (extract_cols_prior.c).  The
 * files and what they share: the extract_cols section of extract-ll.h. */
#include "extract/extract-ll.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

/* Ranks candidates: the most letters matched first (a long name read well before a short one that
 * shares its words), then the better share. */
static int xc_better(const xc_cand *a, const xc_cand *b)
{
    double la = a->score * (double)a->letters, lb = b->score * (double)b->letters;
    if (la != lb)
        return la > lb;
    return a->score > b->score;
}

static int xc_overlap(const xc_cand *a, const xc_cand *b)
{
    for (int i = 0; i < a->ntok; i++)
        for (int j = 0; j < b->ntok; j++)
            if (a->tok[i] == b->tok[j])
                return 1;
    return 0;
}

/* Whether a reading keeps the alias's word order within each line: a line of a table cell holds a run of
 * consecutive words of the name, so between two tokens read on one line no more name words are missing
 * than tokens lie between them.  "Phong Hanh" read as "Phòng Tổ chức - Hành chính" skips two words
 * between adjacent tokens: the cell was written "Phòng Hành chính – Tổ chức".  Tokens are in c->tok
 * back to front (as the traceback collects them). */
static int xc_contiguous(const xc_tok *t, const xc_cand *c)
{
    for (int k = c->ntok - 1; k > 0; k--) {
        int p = c->tok[k], q = c->tok[k - 1];
        assert(p < q);
        if (t[p].line != t[q].line)
            continue;
        int skipped = (int)c->wlo[k - 1] - (int)c->whi[k] - 1, between = q - p - 1;
        if (skipped > between || skipped < -1) /* -1: a word read as two pieces */
            return 0;
    }
    return 1;
}

/* Takes names one at a time, the best first, aligning the rest again on the tokens still free (a
 * name's words must not be taken by another that merely overlaps it).  Of one body's aliases read on
 * the same tokens, the best read is taken (a long alias gains letters from words matched loosely), if it
 * reads enough letters to stand on its own (XC_LEAD_LETTERS).
 * Returns how many (<= max). */
static size_t xc_take(xc_tok *t, const gz_list *g, int list, xc_cand *out, size_t max, xc_cache *cc)
{
    size_t n = 0;
    if (!g || !g->na)
        return 0;
    const xc_name *names = NULL;
    xc_name *own = NULL;
    for (size_t l = 0; l < cc->v->nlists; l++)
        if (cc->v->list[l] == g)
            names = cc->v->names[l];
    if (!names) {
        own = xcalloc(g->na, sizeof *own);
        for (size_t i = 0; i < g->na; i++)
            xc_name_make(cc->v, g->a[i].key, &own[i]);
        names = own;
    }
    memset(cc->free, 0, sizeof cc->free);
    for (size_t j = 0; j < cc->m; j++)
        if (!t[j].used)
            cc->free[j / 64] |= 1ull << (j % 64);
    /* each alias's alignment stays best until a token it used is taken: only those are aligned again */
    xc_cand *cache = xc_memo_cands(cc->v->memo, g->na);
    for (size_t i = 0; i < g->na; i++)
        xc_cand_align(cc, t, g, &names[i], i, list, &cache[i]);
    while (n < max) {
        size_t best = g->na;
        for (size_t i = 0; i < g->na; i++)
            if (cache[i].score >= XC_ACCEPT && (best == g->na || xc_better(&cache[i], &cache[best])))
                best = i;
        if (best == g->na)
            break;
        /* of equal reads, the alias that keeps the layout (xc_contiguous) is the one the document wrote:
         * the per-document prior (xc_doc_read) learns the form from it */
        size_t pick = best;
        int pick_cont = xc_contiguous(t, &cache[best]);
        for (size_t i = 0; i < g->na; i++) {
            if (i == pick || cache[i].entry != cache[best].entry || cache[i].score < cache[pick].score ||
                cache[i].score * (double)cache[i].letters < XC_LEAD_LETTERS || !xc_overlap(&cache[i], &cache[best]))
                continue;
            int cont = xc_contiguous(t, &cache[i]);
            if (cache[i].score > cache[pick].score || (cont && !pick_cont)) {
                pick = i;
                pick_cont = cont;
            }
        }
        xc_cand took = cache[pick];
        for (int k = 0; k < took.ntok; k++) {
            t[took.tok[k]].used = 1;
            cc->free[took.tok[k] / 64] &= ~(1ull << (took.tok[k] % 64));
        }
        out[n++] = took;
        for (size_t i = 0; i < g->na; i++) {
            int stale = 0;
            for (int k = 0; k < cache[i].ntok && !stale; k++)
                stale = t[cache[i].tok[k]].used;
            if (stale)
                xc_cand_align(cc, t, g, &names[i], i, list, &cache[i]);
        }
    }
    free(own);
    return n;
}

static sg_span xc_span(const xc_tok *t, const xc_cand *c)
{
    int lo = c->tok[0], hi = c->tok[0];
    for (int k = 1; k < c->ntok; k++) {
        if (c->tok[k] < lo)
            lo = c->tok[k];
        if (c->tok[k] > hi)
            hi = c->tok[k];
    }
    return (sg_span){ t[lo].a, t[hi].b };
}

static int xc_first(const xc_cand *c)
{
    int lo = c->tok[0];
    for (int k = 1; k < c->ntok; k++)
        if (c->tok[k] < lo)
            lo = c->tok[k];
    return lo;
}

/* A group of bodies (extract-ll.h). */
int xc_group(const gz_list *g, int entry)
{
    return strncmp(g->e[entry].name, "Các ", 4) == 0;
}

static int xc_cand_pos_cmp(const void *x, const void *y)
{
    return xc_first(x) - xc_first(y);
}

/* xc_item on the token buffer t (extract-ll.h). */
int xc_item_t(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
              const gz_list *deadlines, xc_result *out, xc_tok *t, size_t *mout, xc_weak *weak)
{
    memset(out, 0, sizeof *out);
    if (weak)
        weak->n = 0;
    out->deadline_entry = -1;
    *mout = 0;
    if (block.b <= block.a || !d->n)
        return 0;
    size_t m = 0;
    size_t l0 = sg_line_at(d, block.a), l1 = sg_line_at(d, block.b - 1);
    for (size_t li = l0; li <= l1 && m < XC_MAX_TOK; li++)
        m = xc_line(d, li, block.a, block.b, width, v, t, m);
    *mout = m;
    if (m < 2)
        return 0;
    const char *f = d->f.buf;
    xc_cache cc;
    memset(&cc, 0, sizeof cc);
    cc.v = v;
    cc.d = d;
    cc.m = m;
    xc_cache_fill(&cc, t);
    /* deadlines: the listed phrases, and "năm 2022" (năm read as "\am", "nim") */
    xc_cand c[8];
    size_t nc = xc_take(t, deadlines, 1, c, 1, &cc);
    for (size_t j = 1; j < m; j++) {
        const xc_tok *y = &t[j], *w = &t[j - 1];
        if (y->b - y->a == 4 && f[y->a] == '2' && f[y->a + 1] == '0' && w->line == y->line && !w->used &&
            xc_sim("nam", 3, f + w->a, w->b - w->a) >= XC_WORD_SIM) {
            /* "năm 2022" is read whole: it wins over a damaged phrase */
            if (nc)
                for (int k = 0; k < c[0].ntok; k++)
                    t[c[0].tok[k]].used = 0;
            memset(&c[0], 0, sizeof c[0]);
            c[0].entry = -1;
            c[0].list = 2;
            c[0].score = 1.0;
            c[0].tok[0] = (int)j;
            c[0].tok[1] = (int)j - 1;
            c[0].ntok = 2;
            c[0].year = atoi(f + y->a);
            t[j].used = t[j - 1].used = 1;
            nc = 1;
            break;
        }
    }
    int found = 0;
    if (nc) {
        out->deadline_entry = c[0].list == 1 ? c[0].entry : -1;
        out->deadline_year = c[0].year;
        out->deadline_sp = xc_span(t, &c[0]);
        found = 1;
    }
    nc = xc_take(t, bodies, 0, c, 8, &cc);
    xc_cache_release(&cc);
    if (!nc)
        return found;
    qsort(c, nc, sizeof *c, xc_cand_pos_cmp);
    /* The lead: the best read body that is not a group ("Các phòng, đơn vị" is the support column of
     * such tables) with enough letters read, else the first group when it was read well, unless unread
     * words stand before it in its column (the lead column was there but could not be read).  A further
     * body must be read well to be a support. */
    int lead = -1;
    for (size_t i = 0; i < nc; i++)
        if (!xc_group(bodies, c[i].entry) && c[i].score * (double)c[i].letters >= XC_LEAD_LETTERS &&
            (lead < 0 || c[i].score > c[lead].score))
            lead = (int)i;
    if (lead < 0 && c[0].score >= XC_SUPPORT && xc_group(bodies, c[0].entry)) {
        int f0 = xc_first(&c[0]), unread = 0;
        lead = 0;
        for (int j = f0 - 1; j >= 0 && t[j].line == t[f0].line && t[j].seg == t[f0].seg; j--)
            if (!t[j].used && t[j].b - t[j].a >= 3 && ++unread >= 2) {
                lead = -1;
                break;
            }
    }
    for (size_t i = 0; i < nc; i++) {
        xc_body b;
        memset(&b, 0, sizeof b);
        b.entry = c[i].entry;
        b.alias = c[i].alias;
        b.contiguous = xc_contiguous(t, &c[i]);
        b.rule = "columns.leftover";
        b.sp = xc_span(t, &c[i]);
        b.score = c[i].score;
        /* tokens were collected back to front */
        for (int k = c[i].ntok; k-- > 0 && b.npiece < XC_MAX_PIECES;)
            b.piece[b.npiece++] = (sg_span){ t[c[i].tok[k]].a, t[c[i].tok[k]].b };
        if ((int)i == lead) {
            out->lead[out->nlead++] = b;
        } else if (out->nsupport < XC_MAX_BODIES && c[i].score >= XC_SUPPORT) {
            out->support[out->nsupport++] = b;
        } else {
            if (weak && weak->n < XC_MAX_WEAK)
                weak->b[weak->n++] = b;
            /* a read given up stands for nothing: its tokens are free for the prior (xc_doc_read) */
            for (int k = 0; k < c[i].ntok; k++)
                t[c[i].tok[k]].used = 0;
        }
    }
    return 1;
}

int xc_item(const sg_doc *d, sg_span block, int width, const xc_vocab *v, const gz_list *bodies,
            const gz_list *deadlines, xc_result *out)
{
    static xc_tok t[XC_MAX_TOK];
    size_t m;
    return xc_item_t(d, block, width, v, bodies, deadlines, out, t, &m, NULL);
}
