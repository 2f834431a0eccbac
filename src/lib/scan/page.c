/* scan/page.c (prefix page_) — see page.h. */
#include "scan/page.h"
#include "core/lines.h"
#include "core/strbuf.h"
#include "scan/table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pp_line *page_add_line(pp_page *p)
{
    PP_GROW(p->lines, p->nlines + 1, p->alines, 32);
    pp_line *l = &p->lines[p->nlines++];
    memset(l, 0, sizeof *l);
    return l;
}

pp_word *page_add_word(pp_page *p)
{
    PP_GROW(p->words, p->nwords + 1, p->awords, 256);
    pp_word *w = &p->words[p->nwords++];
    memset(w, 0, sizeof *w);
    return w;
}

void page_lines_from_text(pp_page *p)
{
    const char *s = p->text, *end = p->text + p->text_len, *line;
    size_t n;
    for (int first = 1; lines_next(&s, end, first, &line, &n); first = 0) {
        pp_line *l = page_add_line(p);
        l->text = xstrndup(line, n);
        l->len = n;
    }
}

void page_join_text(pp_page *p)
{
    strbuf text = STRBUF_INIT;
    for (size_t i = 0; i < p->nlines; i++) {
        if (i)
            sb_addc(&text, '\n');
        sb_add(&text, p->lines[i].text, p->lines[i].len);
    }
    free(p->text);
    p->text = sb_detach(&text, &p->text_len);
}

static void scale_box(pp_box *b, float f)
{
    b->x0 = (int)((float)b->x0 * f);
    b->y0 = (int)((float)b->y0 * f);
    b->x1 = (int)((float)b->x1 * f + 0.5f);
    b->y1 = (int)((float)b->y1 * f + 0.5f);
}

void page_scale_boxes(pp_page *p, float f)
{
    for (size_t i = 0; i < p->nlines; i++)
        if (p->lines[i].has_box)
            scale_box(&p->lines[i].box, f);
    for (size_t i = 0; i < p->nwords; i++)
        scale_box(&p->words[i].box, f);
    for (size_t t = 0; t < p->ntables; t++) {
        pp_table *tb = &p->tables[t];
        scale_box(&tb->box, f);
        for (int r = 0; r <= tb->nrows; r++)
            tb->rowy[r] = (int)((float)tb->rowy[r] * f + 0.5f);
        for (int c = 0; c <= tb->ncols; c++)
            tb->colx[c] = (int)((float)tb->colx[c] * f + 0.5f);
        for (size_t c = 0; c < tb->ncells; c++)
            scale_box(&tb->cells[c].box, f);
    }
}

void page_add_unsure(pp_page *p, const char *what)
{
    size_t n = strlen(p->unsure);
    snprintf(p->unsure + n, sizeof p->unsure - n, "%s%s", n ? "," : "", what);
}

#define SWAP(t, x, y) do { t tmp_ = (x); (x) = (y); (y) = tmp_; } while (0)

void page_swap_reading(pp_page *a, pp_page *b)
{
    SWAP(char *, a->text, b->text);
    SWAP(size_t, a->text_len, b->text_len);
    SWAP(pp_line *, a->lines, b->lines);
    SWAP(size_t, a->nlines, b->nlines);
    SWAP(size_t, a->alines, b->alines);
    SWAP(pp_word *, a->words, b->words);
    SWAP(size_t, a->nwords, b->nwords);
    SWAP(size_t, a->awords, b->awords);
    SWAP(struct pp_table *, a->tables, b->tables);
    SWAP(size_t, a->ntables, b->ntables);
    SWAP(int, a->has_conf, b->has_conf);
    SWAP(double, a->conf, b->conf);
}

void page_clear(pp_page *p)
{
    table_free_all(p->tables, p->ntables);
    for (size_t i = 0; i < p->nlines; i++)
        free(p->lines[i].text);
    for (size_t i = 0; i < p->nwords; i++)
        free(p->words[i].text);
    free(p->lines);
    free(p->words);
    free(p->text);
    free(p->prep);
    memset(p, 0, sizeof *p);
}
