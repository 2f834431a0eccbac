/* engine.c — see engine.h. */
#include "engine.h"
#include "strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

struct pp_engine {
    TessBaseAPI *api;
    int saved_psm; /* the page mode to restore after cell-by-cell recognition */
};

const char *engine_version(void)
{
    return TessVersion();
}

int engine_new(const char *datapath, const char *lang, pp_engine **out, pp_err *e)
{
    *out = NULL;
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api)
        return pp_err_set(e, PP_EXIT_NOMEM, "cannot create a Tesseract engine");
    /* Tesseract reports a missing model on stderr itself; ours says what to install instead. */
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, datapath, lang) != 0) {
        TessBaseAPIDelete(api);
        return pp_err_set(e, PP_EXIT_ENV,
                          "Tesseract model '%s' not found%s%s (install the Debian package tesseract-ocr-%s, "
                          "or point --tessdata / TESSDATA_PREFIX at a directory holding %s.traineddata)",
                          lang, datapath ? " in " : "", datapath ? datapath : "", lang, lang);
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    pp_engine *eng = xcalloc(1, sizeof *eng);
    eng->api = api;
    *out = eng;
    return PP_OK;
}


int engine_recognize(pp_engine *eng, PIX *pix, int dpi, pp_page *page, const char *path, pp_err *e)
{
    TessBaseAPI *api = eng->api;
    TessBaseAPISetImage2(api, pix);
    if (dpi > 0)
        TessBaseAPISetSourceResolution(api, dpi);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        TessBaseAPIClear(api);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: Tesseract could not recognise the page", path,
                          page->number);
    }
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    strbuf text = STRBUF_INIT;
    double conf_sum = 0;
    size_t conf_n = 0;
    if (it) {
        const TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
        pp_line *line = NULL;
        strbuf ltext = STRBUF_INIT;
        do {
            char *w = TessResultIteratorGetUTF8Text(it, RIL_WORD);
            if (!w)
                continue;
            if (!line || TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE)) {
                if (line) {
                    line->text = sb_detach(&ltext, &line->len);
                    line->conf = line->nwords ? line->conf / (float)line->nwords : 0;
                }
                line = page_add_line(page);
                line->has_box = TessPageIteratorBoundingBox(pit, RIL_TEXTLINE, &line->box.x0, &line->box.y0,
                                                            &line->box.x1, &line->box.y1);
                line->first_word = page->nwords;
            }
            pp_word *word = page_add_word(page);
            word->text = xstrdup(w);
            TessDeleteText(w);
            TessPageIteratorBoundingBox(pit, RIL_WORD, &word->box.x0, &word->box.y0, &word->box.x1,
                                        &word->box.y1);
            word->conf = TessResultIteratorConfidence(it, RIL_WORD);
            if (line->nwords)
                sb_addc(&ltext, ' ');
            sb_adds(&ltext, word->text);
            line->nwords++;
            line->conf += word->conf;
            conf_sum += word->conf;
            conf_n++;
        } while (TessResultIteratorNext(it, RIL_WORD));
        if (line) {
            line->text = sb_detach(&ltext, &line->len);
            line->conf = line->nwords ? line->conf / (float)line->nwords : 0;
        }
        sb_free(&ltext);
        TessResultIteratorDelete(it);
    }
    sb_free(&text);
    page_join_text(page);
    page->has_conf = conf_n > 0;
    page->conf = conf_n ? conf_sum / (double)conf_n : 0;
    TessBaseAPIClear(api);
    return PP_OK;
}

int engine_set_image(pp_engine *eng, PIX *pix, int dpi)
{
    TessBaseAPISetImage2(eng->api, pix);
    if (dpi > 0)
        TessBaseAPISetSourceResolution(eng->api, dpi);
    eng->saved_psm = (int)TessBaseAPIGetPageSegMode(eng->api);
    TessBaseAPISetPageSegMode(eng->api, PSM_SINGLE_BLOCK);
    return PP_OK;
}

int engine_recognize_rect(pp_engine *eng, const pp_box *r, pp_page *page, size_t *first, size_t *n)
{
    TessBaseAPI *api = eng->api;
    *first = page->nwords;
    *n = 0;
    if (r->x1 <= r->x0 || r->y1 <= r->y0)
        return PP_OK;
    TessBaseAPISetRectangle(api, r->x0, r->y0, r->x1 - r->x0, r->y1 - r->y0);
    if (TessBaseAPIRecognize(api, NULL) != 0)
        return PP_EXIT_INPUT;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return PP_OK;
    const TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    do {
        char *w = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        if (!w)
            continue;
        pp_word *word = page_add_word(page);
        word->text = xstrdup(w);
        TessDeleteText(w);
        /* boxes come back in the coordinates of the whole image, not of the rectangle */
        TessPageIteratorBoundingBox(pit, RIL_WORD, &word->box.x0, &word->box.y0, &word->box.x1, &word->box.y1);
        word->conf = TessResultIteratorConfidence(it, RIL_WORD);
        (*n)++;
    } while (TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
    return PP_OK;
}

void engine_rect_options(pp_engine *eng, int psm, const char *whitelist)
{
    if (psm > 0)
        TessBaseAPISetPageSegMode(eng->api, (TessPageSegMode)psm);
    TessBaseAPISetVariable(eng->api, "tessedit_char_whitelist", whitelist ? whitelist : "");
}

void engine_clear(pp_engine *eng)
{
    TessBaseAPISetPageSegMode(eng->api, (TessPageSegMode)eng->saved_psm);
    TessBaseAPIClear(eng->api);
}

void engine_free(pp_engine *eng)
{
    if (!eng)
        return;
    TessBaseAPIEnd(eng->api);
    TessBaseAPIDelete(eng->api);
    free(eng);
}
