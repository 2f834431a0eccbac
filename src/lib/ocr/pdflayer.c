/* ocr/pdflayer.c (prefix pdfl_) — see pdflayer.h. */
#include "ocr/pdflayer.h"
#include "core/hash.h"
#include "scan/pdftext.h"
#include "scan/table_find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A weak word of an annotation read again with only the characters of numbers and dates: the number and
 * the day typed into a signature field stand alone, without the context the models lean on ("11" came
 * back "II" at 85, "08" "05" at 44, measured on ../shared's signed born-digital PDFs).  The digits'
 * reading is kept when it is confident (80). */
static void annot_digits(pp_engine *eng, pp_page *layer, size_t k)
{
    pp_word *w = &layer->words[k];
    size_t first, n;
    engine_rect_options(eng, 7 /* PSM_SINGLE_LINE */, "0123456789./-:");
    pp_box b = { w->box.x0 - 4, w->box.y0 - 4, w->box.x1 + 4, w->box.y1 + 4 };
    if (engine_recognize_rect(eng, &b, layer, &first, &n) == PP_OK) {
        w = &layer->words[k]; /* the array may have moved */
        if (n == 1 && layer->words[first].conf >= 80 && layer->words[first].conf > w->conf) {
            free(w->text);
            w->text = layer->words[first].text;
            w->conf = layer->words[first].conf;
            layer->words[first].text = NULL;
        }
        for (size_t i = first; i < first + n; i++)
            free(layer->words[i].text);
        layer->nwords = first;
    }
    engine_rect_options(eng, 0, NULL);
}

/* The text drawn by a PDF page's annotations (scan/pdftext.h: a signature field's number and date, an
 * e-signing stamp) is recognised on the rendered page and added to the layer's words.  Each area is cut
 * out with the layer's own words painted white, and read scaled 2x (the stamp's 5.7 pt text came back
 * "TRƯNG TÂM CÔNG BẢO" at 300 dpi, right at 600). */
static void read_annots(pp_engine *eng, PIX *pix, const pp_box *annots, size_t nannots, pp_page *layer)
{
    size_t own = layer->nwords;
    int dpi = pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300;
    if (!nannots)
        return;
    const float scale = dpi < 450 ? 2.0f : 1.0f;
    const int margin = 16;
    /* the page without the layer's words (painted white) */
    PIX *blank = nannots ? pixCopy(NULL, pix) : NULL;
    if (!blank)
        return;
    for (size_t i = 0; i < own; i++) {
        const pp_box *b = &layer->words[i].box;
        pixRasterop(blank, b->x0 - 2, b->y0 - 2, b->x1 - b->x0 + 4, b->y1 - b->y0 + 4, PIX_SET, NULL, 0, 0);
    }
    for (size_t a = 0; a < nannots; a++) {
        const pp_box *r = &annots[a];
        BOX *box = boxCreate(r->x0, r->y0, r->x1 - r->x0, r->y1 - r->y0);
        PIX *crop = box ? pixClipRectangle(blank, box, NULL) : NULL;
        boxDestroy(&box);
        if (!crop)
            continue;
        PIX *bin = pixConvertTo1(crop, 160);
        l_int32 ink = 0;
        if (bin)
            pixCountPixels(bin, &ink, NULL);
        pixDestroy(&bin);
        PIX *big = ink >= 20 ? pixScale(crop, scale, scale) : NULL;
        pixDestroy(&crop);
        PIX *framed = big ? pixAddBorder(big, margin, 255) : NULL;
        pixDestroy(&big);
        if (!framed)
            continue;
        size_t first = 0, n = 0;
        pp_box all = { 0, 0, pixGetWidth(framed), pixGetHeight(framed) };
        if (engine_set_image(eng, framed, (int)((float)dpi * scale)) == PP_OK &&
            engine_recognize_rect(eng, &all, layer, &first, &n) == PP_OK) {
            for (size_t k = first; k < first + n; k++) {
                pp_box *b = &layer->words[k].box;
                b->x0 = r->x0 + (int)((float)(b->x0 - margin) / scale);
                b->x1 = r->x0 + (int)((float)(b->x1 - margin) / scale + 0.5f);
                b->y0 = r->y0 + (int)((float)(b->y0 - margin) / scale);
                b->y1 = r->y0 + (int)((float)(b->y1 - margin) / scale + 0.5f);
            }
        }
        engine_clear(eng);
        pixDestroy(&framed);
    }
    /* weak words again as numbers, on the page as rendered (scaled 2x, "11" still came back "1" at 0) */
    size_t end = layer->nwords;
    if (end > own && engine_set_image(eng, blank, dpi) == PP_OK) {
        for (size_t k = own; k < end; k++)
            if (layer->words[k].conf < 80 || pdft_digit_like(layer->words[k].text))
                annot_digits(eng, layer, k);
        engine_clear(eng);
    }
    pixDestroy(&blank);
    for (size_t k = own; k < layer->nwords; k++)
        if (!pdft_word_ok(layer->words[k].text, layer->words[k].conf)) {
            free(layer->words[k].text);
            layer->words[k].text = NULL;
        }
    size_t m = own;
    for (size_t k = own; k < layer->nwords; k++)
        if (layer->words[k].text)
            layer->words[m++] = layer->words[k];
    layer->nwords = m;
}

int pdfl_page(pp_engine *eng, pp_pdf *pdf, const char *path, int index, PIX *pix, int redo_ocr, pp_page *pg,
              char **note)
{
    pp_page layer;
    memset(&layer, 0, sizeof layer);
    pdft_stats st;
    pp_box *annots = NULL;
    size_t nannots = 0;
    if (pdft_read(pdf, path, index, pix, &layer, &st, &annots, &nannots, &pg->err)) {
        page_clear(&layer);
        free(annots);
        return 1;
    }
    enum pdft_verdict v = pdft_judge(&st);
    int ann = 0;
    if (v == PDFT_USABLE || v == PDFT_PARTIAL) { /* the cover is not known yet */
        size_t before = layer.nwords;
        /* read in gray, as the page was before colour was kept for the seals' sake: in colour the
         * stamped number "565" of qng_565 was lost */
        PIX *gray = pixGetDepth(pix) == 32 ? pixConvertRGBToLuminance(pix) : pixClone(pix);
        if (gray)
            read_annots(eng, gray, annots, nannots, &layer);
        ann = (int)(layer.nwords - before);
        /* ruled tables found on the page as drawn, filled from the layer's words by position */
        pp_table *tabs = NULL;
        PIX *clean = NULL;
        size_t nt = gray ? table_find(gray, pixGetXRes(pix) > 0 ? pixGetXRes(pix) : 300, &tabs, &clean) : 0;
        pixDestroy(&gray);
        if (nt)
            pdft_tables(&layer, tabs, nt);
        else
            pdft_lines(&layer, layer.nwords);
        /* a table's rules are ink no word covers: the cover is measured without them (the born-digital
         * appendix-02 of tools/mktables: 0.72 with its rules) */
        st.ink_cover = pdft_cover(clean ? clean : pix, &layer);
        pixDestroy(&clean);
        v = pdft_judge(&st);
    }
    free(annots);
    /* a layer judged by a cover near the threshold: used or not, the choice is flagged */
    int near = (v == PDFT_USABLE || v == PDFT_PARTIAL) && st.ink_cover > PDFT_MIN_COVER - 0.1 &&
               st.ink_cover < PDFT_MIN_COVER + 0.1;
    int redo = v == PDFT_USABLE && st.over_scan && redo_ocr;
    if (v != PDFT_USABLE || redo) {
        if (st.chars)
            *note = xasprintf(",layer=%s:chars=%d:cover=%.2f", redo ? "ocr" : pdft_verdict_name(v), st.chars,
                              st.ink_cover);
        page_clear(&layer);
        if (near)
            page_add_unsure(pg, "layer");
        return 0;
    }
    if (near)
        page_add_unsure(&layer, "layer");
    if (!layer.text)
        layer.text = xstrdup("");
    layer.number = pg->number;
    /* the page's identity is its text and geometry, never the pixels an OCR'd page of them would have */
    pp_hasher *h = hash_new();
    int32_t geo[3] = { layer.width, layer.height, -1 };
    hash_update(h, geo, sizeof geo);
    hash_update(h, layer.text, layer.text_len);
    hash_final(h, layer.hash);
    layer.prep = xasprintf("pdf-text,chars=%d,cover=%.2f%s%s", st.chars, st.ink_cover,
                           st.over_scan ? ",over-scan" : "", ann ? ",annots-ocr" : "");
    *pg = layer;
    return 1;
}

