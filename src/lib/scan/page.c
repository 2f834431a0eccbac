/* scan/page.c (prefix page_) — see page.h. */
#include "scan/page.h"
#include "core/lines.h"
#include "core/strbuf.h"
#include "scan/table.h"

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
    memset(p, 0, sizeof *p);
}
