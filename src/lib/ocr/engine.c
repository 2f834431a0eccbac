/* ocr/engine.c (prefix engine_) — see engine.h. */
#include "ocr/engine.h"
#include "core/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tesseract/capi.h>

/* Second readings of weak text.
 *
 * The vie model is an LSTM that sees every text line scaled to 36 px high and, after its 3x3 max-pool,
 * emits one label per 3 px column step, so a glyph as narrow as "I" or "l" gets two or three steps.
 * CTC decoding merges repeated labels unless a blank step separates them: in a run of identical thin
 * glyphs ("III", "11") one is lost ("Quý II") or is relabelled as its look-alike, which needs no blank
 * ("Quý IIl").  A finer scan does not help, since every line is scaled to the same height.  Tesseract
 * says so itself: such a word comes back with a low confidence.  Its line (or table cell) is then read
 * again on an image of its own stretched across by READ_AGAIN_STRETCH, which gives every glyph a quarter
 * more steps while keeping letter shapes close to what the model was trained on (on the aged samples and
 * eight generated variants, 1.15, 1.4 and a uniform 2x each corrected fewer characters; an unstretched
 * second reading does not bring the lost I back), and the more confident reading wins.  About one line
 * in 25 holds a weak word there; the others cost nothing. */
#define WEAK_WORD_CONF 60.0f
#define READ_AGAIN_STRETCH 1.25f
/* Paper around the crop: Tesseract finds no text touching the image edge reliably. */
#define READ_AGAIN_MARGIN 16

struct pp_engine {
    TessBaseAPI *api;
    int saved_psm; /* the page mode to restore after cell-by-cell recognition */
};

/* The Debian package holding model `lang` (one of the '+'-joined names): script models are packaged as
 * tesseract-ocr-script-<code>, language models as tesseract-ocr-<name>. */
static const char *model_package(const char *lang, char *buf, size_t n)
{
    if (!strcmp(lang, "Vietnamese"))
        return "tesseract-ocr-script-viet";
    snprintf(buf, n, "tesseract-ocr-%s", lang);
    return buf;
}

/* PP_OK when every model named in `lang` ("vie+Vietnamese") was loaded: Tesseract loads the first and
 * only warns about a missing second one, which would quietly read with fewer models than asked. */
static int check_loaded(TessBaseAPI *api, const char *datapath, const char *lang, pp_err *e)
{
    char **loaded = TessBaseAPIGetLoadedLanguagesAsVector(api);
    const char *p = lang;
    int rc = PP_OK;
    while (*p && rc == PP_OK) {
        size_t n = strcspn(p, "+");
        int found = 0;
        for (size_t i = 0; loaded && loaded[i] && !found; i++)
            found = strlen(loaded[i]) == n && !strncmp(loaded[i], p, n);
        if (!found && n) {
            char name[64], pkg[96];
            snprintf(name, sizeof name, "%.*s", (int)(n < 60 ? n : 60), p);
            rc = pp_err_set(e, PP_EXIT_ENV,
                            "Tesseract model '%s' not found%s%s (install the Debian package %s, or point "
                            "--tessdata / TESSDATA_PREFIX at a directory holding %s.traineddata)",
                            name, datapath ? " in " : "", datapath ? datapath : "",
                            model_package(name, pkg, sizeof pkg), name);
        }
        p += n;
        if (*p == '+')
            p++;
    }
    TessDeleteTextArray(loaded);
    return rc;
}

int engine_new(const char *datapath, const char *lang, pp_engine **out, pp_err *e)
{
    *out = NULL;
    TessBaseAPI *api = TessBaseAPICreate();
    if (!api)
        return pp_err_set(e, PP_EXIT_NOMEM, "cannot create a Tesseract engine");
    /* Tesseract reports a missing model on stderr itself; ours says what to install instead. */
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, datapath, lang) != 0 || check_loaded(api, datapath, lang, e) != PP_OK) {
        if (!e->code) {
            char first[64], pkg[96];
            size_t fn = strcspn(lang, "+");
            snprintf(first, sizeof first, "%.*s", (int)(fn < 60 ? fn : 60), lang);
            pp_err_set(e, PP_EXIT_ENV,
                       "Tesseract model '%s' not found%s%s (install the Debian package %s, or point "
                       "--tessdata / TESSDATA_PREFIX at a directory holding %s.traineddata)",
                       first, datapath ? " in " : "", datapath ? datapath : "",
                       model_package(first, pkg, sizeof pkg), first);
        }
        TessBaseAPIEnd(api);
        TessBaseAPIDelete(api);
        return e->code;
    }
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    /* Page segmentation (engine_recognize): the C API's single block by default, or a single column of
     * variable sizes for colour scans.  On the real laocai pages (colour, seal, signature) a single block
     * cost the tone marks over circumflex vowels (Giấy -> Giây, số -> sô): 1.82 % / 7.58 % CER where a
     * column (as the CLI's PSM_AUTO) reads 1.14 % / 0.75 %, same image, vie+Vietnamese.  On the gray and
     * bilevel aged samples a column misreads short lines standing alone ("TT" -> "Tr", "1." -> "1,": plan-02's
     * appendix lost its heading row, lead 5/11 instead of 11/11), a block does not.  Mean word confidence
     * did not pick the better mode (laocai page 1: 95.29 block, 95.19 column).  Table cells set their own. */
    TessBaseAPISetPageSegMode(api, PSM_SINGLE_BLOCK);
    pp_engine *eng = xcalloc(1, sizeof *eng);
    eng->api = api;
    *out = eng;
    return PP_OK;
}

/* Appends the words of the current recognition to `page`, boxes mapped from the framed crop (offset by
 * `margin`, scaled by `sx` across) back to page coordinates at (x0, y0). */
static size_t crop_words(TessBaseAPI *api, pp_page *page, int x0, int y0, int margin, float sx)
{
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (!it)
        return 0;
    const TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
    size_t n = 0;
    do {
        char *w = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        if (!w)
            continue;
        pp_word *word = page_add_word(page);
        word->text = xstrdup(w);
        TessDeleteText(w);
        int a0 = 0, b0 = 0, a1 = 0, b1 = 0;
        TessPageIteratorBoundingBox(pit, RIL_WORD, &a0, &b0, &a1, &b1);
        word->box.x0 = x0 + (int)((float)(a0 - margin) / sx);
        word->box.x1 = x0 + (int)((float)(a1 - margin) / sx + 0.5f);
        word->box.y0 = y0 + b0 - margin;
        word->box.y1 = y0 + b1 - margin;
        word->conf = TessResultIteratorConfidence(it, RIL_WORD);
        n++;
    } while (TessResultIteratorNext(it, RIL_WORD));
    TessResultIteratorDelete(it);
    return n;
}

/* Recognises rectangle `r` of `pix` stretched across by `sx` on a paper margin; appends its words.
 * Returns 0, or -1 when Leptonica or Tesseract failed (nothing appended). */
static int read_stretched(pp_engine *eng, PIX *pix, const pp_box *r, int dpi, float sx, int psm, pp_page *page,
                          size_t *first, size_t *n)
{
    *first = page->nwords;
    *n = 0;
    int W = pixGetWidth(pix), H = pixGetHeight(pix);
    int x0 = r->x0 < 0 ? 0 : r->x0, y0 = r->y0 < 0 ? 0 : r->y0;
    int x1 = r->x1 > W ? W : r->x1, y1 = r->y1 > H ? H : r->y1;
    if (x1 - x0 < 2 || y1 - y0 < 2)
        return -1;
    BOX *box = boxCreate(x0, y0, x1 - x0, y1 - y0);
    PIX *crop = box ? pixClipRectangle(pix, box, NULL) : NULL;
    boxDestroy(&box);
    PIX *gray = crop && pixGetDepth(crop) != 8 ? pixConvertTo8(crop, 0) : pixClone(crop);
    pixDestroy(&crop);
    if (!gray)
        return -1;
    /* the margin in the crop's own paper grey: white next to grey paper would be "ink" to the threshold */
    l_uint32 paper = 255;
    if (pixGetRankValue(gray, 1, 0.5f, &paper) != 0)
        paper = 255;
    /* linear interpolation, no sharpening (pixScale would add an unsharp mask at this factor) */
    PIX *wide = pixScaleGrayLI(gray, sx, 1.0f);
    pixDestroy(&gray);
    PIX *framed = wide ? pixAddBorder(wide, READ_AGAIN_MARGIN, paper) : NULL;
    pixDestroy(&wide);
    if (!framed)
        return -1;
    TessBaseAPI *api = eng->api;
    TessPageSegMode saved = TessBaseAPIGetPageSegMode(api);
    TessBaseAPISetImage2(api, framed);
    if (dpi > 0)
        TessBaseAPISetSourceResolution(api, dpi);
    TessBaseAPISetPageSegMode(api, (TessPageSegMode)psm);
    int rc = TessBaseAPIRecognize(api, NULL) == 0 ? 0 : -1;
    if (rc == 0)
        *n = crop_words(api, page, x0, y0, READ_AGAIN_MARGIN, sx);
    TessBaseAPISetPageSegMode(api, saved);
    TessBaseAPIClear(api);
    pixDestroy(&framed);
    return rc;
}

static void words_conf(const pp_word *w, size_t n, float *min, double *mean)
{
    double sum = 0;
    *min = 100;
    for (size_t i = 0; i < n; i++) {
        sum += w[i].conf;
        if (w[i].conf < *min)
            *min = w[i].conf;
    }
    *mean = n ? sum / (double)n : 0;
}

/* Drops the words from `from` to the end of the page (a reading not kept). */
static void drop_tail(pp_page *page, size_t from)
{
    for (size_t k = from; k < page->nwords; k++)
        free(page->words[k].text);
    page->nwords = from;
}

/* Letters in `s` (ASCII letters, or any non-ASCII character: Vietnamese letters and look-alikes). */
static int has_letter(const char *s)
{
    for (; *s; s++)
        if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') || (unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* Digits and no letters: "6.0", "01", "2023", "6.75/7.5". */
static int is_number(const char *s)
{
    return strpbrk(s, "0123456789") && !has_letter(s);
}

/* 1 when a word in [first, first + n) has a confidence low enough to be read again. */
static int engine_weak_words(const pp_page *page, size_t first, size_t n)
{
    for (size_t k = first; k < first + n; k++)
        if (page->words[k].conf < WEAK_WORD_CONF)
            return 1;
    return 0;
}

int engine_read_again(pp_engine *eng, PIX *pix, const pp_box *r, int dpi, int psm, pp_page *page, size_t *first,
                      size_t *n)
{
    if (!*n || !engine_weak_words(page, *first, *n))
        return READ_AGAIN_SAME;
    size_t f2, n2;
    if (read_stretched(eng, pix, r, dpi, READ_AGAIN_STRETCH, psm, page, &f2, &n2) != 0 || !n2) {
        drop_tail(page, f2);
        return READ_AGAIN_SAME; /* a second reading is a bonus: without one the first stands */
    }
    pp_word *old = page->words + *first, *neu = page->words + f2;
    /* the same words at the same places (boxes overlapping): each weak word takes its second reading if
     * that is more confident, but a number stays a number (stretched, a 0 is as wide as an O and a 6
     * looks like a G); the words read well the first time keep their reading */
    int aligned = n2 == *n;
    for (size_t k = 0; k < n2 && aligned; k++)
        aligned = old[k].box.x0 < neu[k].box.x1 && neu[k].box.x0 < old[k].box.x1 && old[k].box.y0 < neu[k].box.y1 &&
                  neu[k].box.y0 < old[k].box.y1;
    if (aligned) {
        int changed = 0;
        for (size_t k = 0; k < n2; k++) {
            if (old[k].conf < WEAK_WORD_CONF && neu[k].conf > old[k].conf &&
                !(is_number(old[k].text) && has_letter(neu[k].text))) {
                pp_word t = old[k];
                old[k] = neu[k];
                neu[k] = t;
                changed = 1;
            }
        }
        drop_tail(page, f2);
        return changed ? READ_AGAIN_IN_PLACE : READ_AGAIN_SAME;
    }
    /* split or joined differently: the new reading only if it is better as a whole, its weakest word
     * and its mean both (a mean alone would let one new garbage word in among good ones) */
    float min1, min2;
    double mean1, mean2;
    words_conf(old, *n, &min1, &mean1);
    words_conf(neu, n2, &min2, &mean2);
    if (!(min2 > min1 && mean2 > mean1)) {
        drop_tail(page, f2);
        return READ_AGAIN_SAME;
    }
    for (size_t k = 0; k < *n; k++) {
        free(old[k].text);
        old[k].text = NULL;
    }
    *first = f2;
    *n = n2;
    return READ_AGAIN_MOVED;
}

/* A line's text (its words joined by spaces) and confidence (their mean) from its words. */
static void line_from_words(pp_page *page, pp_line *l)
{
    strbuf sb = STRBUF_INIT;
    float sum = 0;
    for (size_t k = 0; k < l->nwords; k++) {
        const pp_word *w = &page->words[l->first_word + k];
        if (k)
            sb_addc(&sb, ' ');
        sb_adds(&sb, w->text);
        sum += w->conf;
    }
    free(l->text);
    l->text = sb_detach(&sb, &l->len);
    l->conf = l->nwords ? sum / (float)l->nwords : 0;
}

/* Reads the weak lines from `line0` on again (see READ_AGAIN_STRETCH), then puts the words back in line
 * order if a line's words moved to the end of the page. */
static void read_weak_lines_again(pp_engine *eng, PIX *pix, int dpi, pp_page *page, size_t line0)
{
    if (line0 >= page->nlines)
        return;
    /* the words before these lines' words stay where they are */
    const size_t keep = page->lines[line0].first_word;
    int moved = 0;
    for (size_t i = line0; i < page->nlines; i++) {
        pp_line *l = &page->lines[i];
        if (!l->has_box)
            continue;
        /* a few pixels of paper round the line's ink, as Tesseract pads its own line images */
        pp_box r = { l->box.x0 - 4, l->box.y0 - 4, l->box.x1 + 4, l->box.y1 + 4 };
        int rc = engine_read_again(eng, pix, &r, dpi, PSM_SINGLE_LINE, page, &l->first_word, &l->nwords);
        if (rc != READ_AGAIN_SAME)
            line_from_words(page, l);
        moved |= rc == READ_AGAIN_MOVED;
    }
    if (!moved)
        return;
    const size_t cap = page->nwords; /* at least one word moved, so not 0 */
    pp_word *w = xmalloc(cap * sizeof *w);
    memcpy(w, page->words, keep * sizeof *w);
    size_t n = keep;
    for (size_t i = line0; i < page->nlines; i++) {
        pp_line *l = &page->lines[i];
        memcpy(w + n, page->words + l->first_word, l->nwords * sizeof *w);
        l->first_word = n;
        n += l->nwords;
    }
    /* what is left out are the words replaced (their text already freed) */
    free(page->words);
    page->words = w;
    page->awords = cap;
    page->nwords = n;
}

/* One recognition of the whole image in the engine's page mode; appends lines and words from line0. */
static int recognize_lines(TessBaseAPI *api, PIX *pix, int dpi, pp_page *page)
{
    TessBaseAPISetImage2(api, pix);
    if (dpi > 0)
        TessBaseAPISetSourceResolution(api, dpi);
    if (TessBaseAPIRecognize(api, NULL) != 0) {
        TessBaseAPIClear(api);
        return -1;
    }
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (it) {
        const TessPageIterator *pit = TessResultIteratorGetPageIterator(it);
        pp_line *line = NULL;
        do {
            char *w = TessResultIteratorGetUTF8Text(it, RIL_WORD);
            if (!w)
                continue;
            if (!line || TessPageIteratorIsAtBeginningOf(pit, RIL_TEXTLINE)) {
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
            line->nwords++;
        } while (TessResultIteratorNext(it, RIL_WORD));
        TessResultIteratorDelete(it);
    }
    TessBaseAPIClear(api);
    return 0;
}

int engine_recognize(pp_engine *eng, PIX *pix, int dpi, pp_page *page, const char *path, pp_err *e)
{
    size_t line0 = page->nlines;
    TessBaseAPI *api = eng->api;
    TessPageSegMode saved = TessBaseAPIGetPageSegMode(api);
    TessBaseAPISetPageSegMode(api, page->column_mode ? PSM_SINGLE_COLUMN : PSM_SINGLE_BLOCK);
    int rc = recognize_lines(api, pix, dpi, page);
    TessBaseAPISetPageSegMode(api, saved);
    if (rc != 0)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: Tesseract could not recognise the page", path,
                          page->number);
    for (size_t i = line0; i < page->nlines; i++)
        line_from_words(page, &page->lines[i]);
    read_weak_lines_again(eng, pix, dpi, page, line0);
    double conf_sum = 0;
    size_t conf_n = 0;
    for (size_t i = line0; i < page->nlines; i++)
        for (size_t k = 0; k < page->lines[i].nwords; k++) {
            conf_sum += page->words[page->lines[i].first_word + k].conf;
            conf_n++;
        }
    page_join_text(page);
    page->has_conf = conf_n > 0;
    page->conf = conf_n ? conf_sum / (double)conf_n : 0;
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
    /* boxes come back in the coordinates of the whole image, not of the rectangle: no offset, no scale */
    *n = crop_words(api, page, 0, 0, 0, 1.0f);
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
