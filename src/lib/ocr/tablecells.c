/* ocr/tablecells.c (prefix tables_) — see tablecells.h. */
#include "ocr/tablecells.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define CODE_DPI 312.0f

/* A cell with (almost) no dark pixels is not worth a Tesseract call. */
static int cell_has_ink(PIX *clean, const pp_box *b)
{
    if (b->x1 - b->x0 < 4 || b->y1 - b->y0 < 4)
        return 0;
    BOX *box = boxCreate(b->x0, b->y0, b->x1 - b->x0, b->y1 - b->y0);
    PIX *clip = box ? pixClipRectangle(clean, box, NULL) : NULL;
    boxDestroy(&box);
    PIX *bin = clip ? pixConvertTo1(clip, 128) : NULL;
    pixDestroy(&clip);
    l_int32 count = 0;
    if (bin)
        pixCountPixels(bin, &count, NULL);
    pixDestroy(&bin);
    return count >= 12;
}

/* The words [first, first + n) joined by spaces. */
static char *join_words(const pp_page *page, size_t first, size_t n, float *conf)
{
    strbuf sb = STRBUF_INIT;
    double sum = 0;
    for (size_t k = 0; k < n; k++) {
        if (k)
            sb_addc(&sb, ' ');
        sb_adds(&sb, page->words[first + k].text);
        sum += page->words[first + k].conf;
    }
    *conf = n ? (float)(sum / (double)n) : 0;
    return sb_detach(&sb, NULL);
}

/* A cell that holds a row code: in the table's first column, one column wide, narrower than 0.6 in,
 * (a group heading spans the columns; a title column is wide). */
static int code_cell(const pp_table *t, const pp_cell *c, int dpi)
{
    if (dpi <= 0)
        dpi = 300;
    return c->col == 0 && c->colspan == 1 && t->ncols >= 3 && c->box.x1 - c->box.x0 < dpi * 6 / 10;
}

/* The words read hold a heading word (two letters or more that are not a roman numeral: "TT", "STT"). */
static int header_like(const pp_page *page, size_t first, size_t n)
{
    for (size_t w = first; w < first + n; w++) {
        int letters = 0, roman = 1;
        for (const char *p = page->words[w].text; *p; p++)
            if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) {
                letters++;
                if (!strchr("IVX", *p))
                    roman = 0;
            }
        if (letters >= 2 && !roman)
            return 1;
    }
    return 0;
}

/* The words read are one row code: "1.2", "3", "IV", "2)". */
static int code_like(const pp_page *page, size_t first, size_t n)
{
    if (n != 1)
        return 0;
    const char *p = page->words[first].text;
    size_t k = strspn(p, "0123456789");
    if (!k)
        k = strspn(p, "IVX");
    if (!k)
        return 0;
    while (p[k] == '.' && p[k + 1] >= '0' && p[k + 1] <= '9')
        k += 1 + strspn(p + k + 1, "0123456789");
    if (p[k] == '.' || p[k] == ')')
        k++;
    return p[k] == '\0';
}

/* Reads one code cell on its own image: the crop scaled up, with a margin of paper. */
static int code_cell_read(pp_engine *eng, PIX *clean, int dpi, pp_cell *c, pp_page *page)
{
    const pp_box *b = &c->box;
    /* a few pixels in from the rules (their painted-over edges), and light grey made paper: alone, a
     * cell's faint specks would be thresholded as ink */
    const int in = b->x1 - b->x0 > 16 && b->y1 - b->y0 > 16 ? 4 : 0;
    BOX *box = boxCreate(b->x0 + in, b->y0 + in, b->x1 - b->x0 - 2 * in, b->y1 - b->y0 - 2 * in);
    PIX *raw = box ? pixClipRectangle(clean, box, NULL) : NULL;
    boxDestroy(&box);
    PIX *crop = raw && pixGetDepth(raw) == 8 ? pixThresholdToValue(NULL, raw, 140, 255) : pixClone(raw);
    pixDestroy(&raw);
    if (!crop)
        return PP_EXIT_NOMEM;
    /* scaled to read as if scanned at ~310 dpi (x-height ~20 px at 10-11 pt) */
    float scale = CODE_DPI / (float)(dpi > 0 ? dpi : 300);
    scale = scale < 1 ? 1 : scale > 3 ? 3 : scale;
    const int margin = 24;
    PIX *big = pixScale(crop, scale, scale);
    pixDestroy(&crop);
    PIX *framed = big ? pixAddBorder(big, margin, 255) : NULL;
    pixDestroy(&big);
    if (!framed)
        return PP_EXIT_NOMEM;
    engine_clear(eng); /* restores the page segmentation mode engine_set_image saves */
    engine_set_image(eng, framed, (int)((float)(dpi > 0 ? dpi : 300) * scale));
    pp_box all = { 0, 0, pixGetWidth(framed), pixGetHeight(framed) };
    /* one line of text; a header ("TT", "STT") as read, else again with only the characters of codes
     * (a lone "1" is otherwise "|" or "l") */
    engine_rect_options(eng, 7 /* PSM_SINGLE_LINE */, NULL);
    int rc = engine_recognize_rect(eng, &all, page, &c->first_word, &c->nwords);
    if (rc == PP_OK && !header_like(page, c->first_word, c->nwords) && !code_like(page, c->first_word, c->nwords)) {
        size_t f2, n2;
        engine_rect_options(eng, 0, "0123456789.IVX)");
        rc = engine_recognize_rect(eng, &all, page, &f2, &n2);
        engine_rect_options(eng, 0, NULL);
        if (rc == PP_OK && n2) {
            /* the second reading replaces the first (its words are the last ones of the page) */
            for (size_t w = c->first_word; w < f2; w++)
                free(page->words[w].text);
            memmove(page->words + c->first_word, page->words + f2, n2 * sizeof *page->words);
            page->nwords = c->first_word + n2;
            c->nwords = n2;
        }
    }
    pixDestroy(&framed);
    /* word boxes back to page pixels */
    for (size_t w = c->first_word; w < c->first_word + c->nwords; w++) {
        pp_box *wb = &page->words[w].box;
        wb->x0 = b->x0 + in + (int)((float)(wb->x0 - margin) / scale);
        wb->x1 = b->x0 + in + (int)((float)(wb->x1 - margin) / scale + 0.5f);
        wb->y0 = b->y0 + in + (int)((float)(wb->y0 - margin) / scale);
        wb->y1 = b->y0 + in + (int)((float)(wb->y1 - margin) / scale + 0.5f);
    }
    return rc;
}

/* Puts the cells' words back in cell order after the words of the text outside the tables. */
static void cells_words_in_order(pp_table *tabs, size_t nt, pp_page *page, size_t outside)
{
    pp_word *w = xmalloc((page->nwords ? page->nwords : 1) * sizeof *w);
    memcpy(w, page->words, outside * sizeof *w);
    size_t n = outside;
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tabs[i].ncells; k++) {
            pp_cell *c = &tabs[i].cells[k];
            memcpy(w + n, page->words + c->first_word, c->nwords * sizeof *w);
            c->first_word = n;
            n += c->nwords;
        }
    memcpy(page->words, w, n * sizeof *w);
    page->nwords = n;
    free(w);
}

int tables_recognize(pp_engine *eng, PIX *clean, int dpi, pp_table *tabs, size_t nt,
                     pp_page *page, const char *path, pp_err *e)
{
    page->tables = tabs;
    page->ntables = nt;
    /* 1. the text around the tables */
    PIX *outside = pixCopy(NULL, clean);
    if (!outside)
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: page %d: out of memory", path, page->number);
    /* blanked with the paper's grey (white on grey paper would upset Tesseract's threshold) */
    l_uint32 paper = 255;
    if (pixGetRankValue(clean, 4, 0.5, &paper) != 0)
        paper = 255;
    for (size_t i = 0; i < nt; i++) {
        const pp_box *b = &tabs[i].box;
        BOX *box = boxCreate(b->x0 - 4, b->y0 - 4, b->x1 - b->x0 + 9, b->y1 - b->y0 + 9);
        if (box)
            pixSetInRectArbitrary(outside, box, paper);
        boxDestroy(&box);
    }
    int rc = engine_recognize(eng, outside, dpi, page, path, e);
    pixDestroy(&outside);
    if (rc)
        return rc;
    size_t outside_words = page->nwords;
    /* 2. each cell alone, on the page image; short code cells (a narrow first column: "1.1", "IV") are
     *    left for pass 3.  A cell's words are made contiguous again below, cells in row-major order, so a
     *    row's words are contiguous too */
    engine_set_image(eng, clean, dpi);
    size_t ncand = 0;
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tabs[i].ncells; k++) {
            pp_cell *c = &tabs[i].cells[k];
            c->first_word = page->nwords;
            c->nwords = 0;
            int ink = cell_has_ink(clean, &c->box);
            if (ink && code_cell(&tabs[i], c, dpi)) {
                c->text = NULL; /* pass 3 */
                ncand++;
                continue;
            }
            if (ink && engine_recognize_rect(eng, &c->box, page, &c->first_word, &c->nwords) != PP_OK) {
                engine_clear(eng);
                return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: Tesseract could not recognise a table cell",
                                  path, page->number);
            }
            c->text = xstrdup("");
        }
    /* 2b. a cell holding a weak word is read again on its own, stretched across (engine_read_again: a
     *     "Quý III" read "Quý IIl"); a second reading in different words goes to the end of the page's
     *     words, put back in order below */
    engine_clear(eng);
    size_t moved = 0;
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tabs[i].ncells; k++) {
            pp_cell *c = &tabs[i].cells[k];
            if (c->text && c->nwords)
                moved += engine_read_again(eng, clean, &c->box, dpi, 6 /* PSM_SINGLE_BLOCK */, page, &c->first_word,
                                           &c->nwords) == READ_AGAIN_MOVED;
        }
    /* 3. code cells: Tesseract misreads a few small characters in a large rectangle of the page ("1.1" as
     *    "181"); cropped and scaled up so the x-height is ~30 px, on a white margin, they read right */
    for (size_t i = 0; i < nt && ncand; i++)
        for (size_t k = 0; k < tabs[i].ncells; k++) {
            pp_cell *c = &tabs[i].cells[k];
            if (c->text)
                continue;
            if (code_cell_read(eng, clean, dpi, c, page) != PP_OK) {
                engine_clear(eng);
                return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: Tesseract could not recognise a table cell",
                                  path, page->number);
            }
            c->text = xstrdup("");
        }
    if (ncand || moved)
        cells_words_in_order(tabs, nt, page, outside_words);
    double conf_sum = page->conf * (double)outside_words;
    size_t conf_n = outside_words;
    for (size_t i = 0; i < nt; i++)
        for (size_t k = 0; k < tabs[i].ncells; k++) {
            pp_cell *c = &tabs[i].cells[k];
            free(c->text);
            c->text = join_words(page, c->first_word, c->nwords, &c->conf);
            c->has_conf = c->nwords > 0;
            conf_sum += c->conf * (double)c->nwords;
            conf_n += c->nwords;
        }
    engine_clear(eng);
    /* 3. table rows among the other lines: before the first line that starts below the table's top */
    table_rows_into_lines(tabs, nt, page);
    page->has_conf = conf_n > 0;
    page->conf = conf_n ? conf_sum / (double)conf_n : 0;
    return PP_OK;
}
