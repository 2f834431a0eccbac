/* scan/pdftext.c (prefix pdft_) — see pdftext.h. */
#include "scan/pdftext.h"
#include "core/strbuf.h"
#include "scan/table.h"

#include <math.h>
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

/* One word being gathered: its bytes in the page text and its box in PDF points. */
typedef struct tword {
    size_t start, end;
    double x0, y0, x1, y1;
} tword;

/* Whether a character is foreign to Vietnamese text: a letter outside the Vietnamese alphabet (ÿ, Ĉ, ӕ:
 * the glyph names of a subset font mapped a few code points off, "SKѭѫQJ" for "phương", as Word's PDFs
 * through Ghostscript have in ../shared/external/born-digital-pdf/laocai_1105), or a sign of Latin-1 but
 * the degree sign and the guillemets (a TCVN3 or VNI font read as Latin-1: "Uû ban nh©n d©n"). */
static int odd_char(gunichar c)
{
    if (c < 0x80)
        return 0;
    if (c >= 0x1ea0 && c <= 0x1ef9) /* Latin Extended Additional: the toned vowels */
        return 0;
    if (c >= 0x300 && c <= 0x323) /* combining marks (tones written apart) */
        return !(c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 || c == 0x323);
    static const char viet[] = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư";
    for (const char *p = viet; *p; p = g_utf8_next_char(p))
        if (g_utf8_get_char(p) == c)
            return 0;
    if (c >= 0xa1 && c <= 0xbf)
        return c != 0xb0 && c != 0xab && c != 0xbb;
    return g_unichar_isalpha(c);
}

static int bad_char(gunichar c)
{
    if (c == 0xfffd || (g_unichar_iscntrl(c) && c != '\t'))
        return 1;
    GUnicodeType t = g_unichar_type(c);
    return t == G_UNICODE_PRIVATE_USE || t == G_UNICODE_UNASSIGNED || t == G_UNICODE_SURROGATE;
}

/* Words of the text: runs without white space, cut where the next character is not beside the last. */
static tword *gather_words(const char *text, const PopplerRectangle *r, guint nr, pdft_stats *st, size_t *nout)
{
    tword *w = NULL;
    size_t n = 0, a = 0;
    tword *cur = NULL;
    guint i = 0;
    for (const char *p = text; *p && i < nr; p = g_utf8_next_char(p), i++) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isspace(c) || c == 0xa0 || r[i].x2 < r[i].x1 || r[i].y2 < r[i].y1) {
            cur = NULL;
            continue;
        }
        st->chars++;
        st->bad += bad_char(c);
        st->odd += odd_char(c);
        double h = r[i].y2 - r[i].y1;
        if (cur) {
            double ch = cur->y1 - cur->y0, lo = fmax(cur->y0, r[i].y1), hi = fmin(cur->y1, r[i].y2);
            double gap = r[i].x1 - cur->x1;
            /* same word: overlapping half the smaller height, and at most a third of a height apart */
            if (hi - lo < 0.5 * fmin(ch, h) || gap > 0.35 * fmax(ch, h) || gap < -0.5 * fmax(ch, h))
                cur = NULL;
        }
        size_t len = (size_t)(g_utf8_next_char(p) - p);
        if (!cur) {
            PP_GROW(w, n + 1, a, 256);
            cur = &w[n++];
            *cur = (tword){ (size_t)(p - text), (size_t)(p - text), r[i].x1, r[i].y1, r[i].x2, r[i].y2 };
        }
        cur->end = (size_t)(p - text) + len;
        cur->x0 = fmin(cur->x0, r[i].x1);
        cur->y0 = fmin(cur->y0, r[i].y1);
        cur->x1 = fmax(cur->x1, r[i].x2);
        cur->y1 = fmax(cur->y1, r[i].y2);
    }
    *nout = n;
    return w;
}

/* A word being placed on a line. */
typedef struct lword {
    pp_word w;
    int line;
    long nchars;
} lword;

static int cmp_top(const void *a, const void *b)
{
    const pp_box *x = &((const lword *)a)->w.box, *y = &((const lword *)b)->w.box;
    return x->y0 != y->y0 ? (x->y0 > y->y0) - (x->y0 < y->y0) : (x->x0 > y->x0) - (x->x0 < y->x0);
}

static int cmp_line_x(const void *a, const void *b)
{
    const lword *x = a, *y = b;
    if (x->line != y->line)
        return x->line - y->line;
    return (x->w.box.x0 > y->w.box.x0) - (x->w.box.x0 < y->w.box.x0);
}

/* Puts words in reading order by position: sorted by their tops, a word joins the line (of the last two)
 * whose mean band it overlaps most, by half the smaller height at least, else starts a line; then each
 * line's words left to right.  The band is the mean of its words' tops and bottoms, so a tall word does
 * not widen it for the next line's words.  line[i] gets the line of w[i] after sorting; returns the number
 * of lines. */
static int order_words(pp_word *words, size_t n, int *line)
{
    lword *w = xmalloc((n ? n : 1) * sizeof *w);
    for (size_t i = 0; i < n; i++)
        w[i] = (lword){ words[i], 0, g_utf8_strlen(words[i].text, -1) };
    qsort(w, n, sizeof *w, cmp_top);
    typedef struct band { double y0, y1; int n; } band;
    band *bands = NULL;
    size_t nb = 0, ab = 0;
    for (size_t i = 0; i < n; i++) {
        const pp_box *b = &w[i].w.box;
        double h = b->y1 - b->y0, best = 0;
        int at = -1;
        for (size_t k = nb > 2 ? nb - 2 : 0; k < nb; k++) {
            double y0 = bands[k].y0 / bands[k].n, y1 = bands[k].y1 / bands[k].n;
            double ov = fmin(y1, b->y1) - fmax(y0, b->y0);
            if (ov >= 0.5 * fmin(h, y1 - y0) && ov > best) {
                best = ov;
                at = (int)k;
            }
        }
        if (at < 0) {
            PP_GROW(bands, nb + 1, ab, 64);
            bands[nb] = (band){ 0, 0, 0 };
            at = (int)nb++;
        }
        bands[at].y0 += b->y0;
        bands[at].y1 += b->y1;
        bands[at].n++;
        w[i].line = at;
    }
    free(bands);
    qsort(w, n, sizeof *w, cmp_line_x);
    for (size_t i = 0; i < n; i++) {
        words[i] = w[i].w;
        line[i] = w[i].line;
    }
    free(w);
    return (int)nb;
}

void pdft_lines(pp_page *pg, size_t n)
{
    int *line = xmalloc((n ? n : 1) * sizeof *line);
    order_words(pg->words, n, line);
    for (size_t i = 0; i < pg->nlines; i++)
        free(pg->lines[i].text);
    pg->nlines = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        long chars = 0, width = 0;
        for (; j < n && line[j] == line[i]; j++) {
            chars += g_utf8_strlen(pg->words[j].text, -1);
            width += pg->words[j].box.x1 - pg->words[j].box.x0;
        }
        double cw = chars ? (double)width / (double)chars : 1;
        pp_line *l = page_add_line(pg);
        l->first_word = i;
        l->nwords = j - i;
        l->has_box = 1;
        strbuf sb = STRBUF_INIT;
        pp_box lb = pg->words[i].box;
        double conf = 0;
        for (size_t k = i; k < j; k++) {
            const pp_box *b = &pg->words[k].box;
            if (k > i) {
                /* a gap of more than two character widths is a column apart: kept as spaces */
                double gap = b->x0 - pg->words[k - 1].box.x1;
                long spaces = gap > 2 * cw ? lround(gap / cw) : 1;
                for (long sp = 0; sp < (spaces > 60 ? 60 : spaces); sp++)
                    sb_addc(&sb, ' ');
            }
            sb_adds(&sb, pg->words[k].text);
            lb.x0 = b->x0 < lb.x0 ? b->x0 : lb.x0;
            lb.y0 = b->y0 < lb.y0 ? b->y0 : lb.y0;
            lb.x1 = b->x1 > lb.x1 ? b->x1 : lb.x1;
            lb.y1 = b->y1 > lb.y1 ? b->y1 : lb.y1;
            conf += pg->words[k].conf;
        }
        l->conf = (float)(conf / (double)(j - i));
        l->box = lb;
        l->text = sb_detach(&sb, &l->len);
        i = j;
    }
    free(line);
    page_join_text(pg);
}

void pdft_tables(pp_page *pg, pp_table *tabs, size_t nt)
{
    size_t n = pg->nwords;
    /* each word to the cell holding its centre (-1: outside the tables) */
    long *cell = xmalloc((n ? n : 1) * sizeof *cell);
    for (size_t i = 0; i < n; i++) {
        const pp_box *b = &pg->words[i].box;
        int cx = (b->x0 + b->x1) / 2, cy = (b->y0 + b->y1) / 2;
        cell[i] = -1;
        for (size_t t = 0, base = 0; t < nt && cell[i] < 0; base += tabs[t].ncells, t++)
            for (size_t k = 0; k < tabs[t].ncells; k++) {
                const pp_box *c = &tabs[t].cells[k].box;
                if (cx >= c->x0 && cx < c->x1 && cy >= c->y0 && cy < c->y1) {
                    cell[i] = (long)(base + k);
                    break;
                }
            }
    }
    /* the words outside first, then each cell's in row-major order of the cells, each in reading order */
    pp_word *w = xmalloc((n ? n : 1) * sizeof *w);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (cell[i] < 0)
            w[m++] = pg->words[i];
    size_t outside = m;
    int *line = xmalloc((n ? n : 1) * sizeof *line);
    for (size_t t = 0, base = 0; t < nt; base += tabs[t].ncells, t++)
        for (size_t k = 0; k < tabs[t].ncells; k++) {
            pp_cell *c = &tabs[t].cells[k];
            c->first_word = m;
            for (size_t i = 0; i < n; i++)
                if (cell[i] == (long)(base + k))
                    w[m++] = pg->words[i];
            c->nwords = m - c->first_word;
            order_words(w + c->first_word, c->nwords, line);
            strbuf sb = STRBUF_INIT;
            for (size_t i = c->first_word; i < m; i++) {
                if (i > c->first_word)
                    sb_addc(&sb, ' ');
                sb_adds(&sb, w[i].text);
            }
            free(c->text);
            c->text = sb_detach(&sb, NULL);
            c->has_conf = c->nwords > 0;
            c->conf = 100;
        }
    free(line);
    free(cell);
    free(pg->words);
    pg->words = w;
    pg->awords = n ? n : 1;
    pdft_lines(pg, outside);
    pg->tables = tabs;
    pg->ntables = nt;
    table_rows_into_lines(tabs, nt, pg);
}

double pdft_cover(PIX *frame, const pp_page *pg)
{
    PIX *gray = pixGetDepth(frame) == 8 ? pixClone(frame) : pixConvertTo8(frame, 0);
    PIX *ink = gray ? pixThresholdToBinary(gray, 160) : NULL;
    pixDestroy(&gray);
    if (!ink)
        return 0;
    PIX *mask = pixCreateTemplate(ink);
    if (!mask) {
        pixDestroy(&ink);
        return 0;
    }
    for (size_t i = 0; i < pg->nwords; i++) {
        const pp_box *b = &pg->words[i].box;
        pixRasterop(mask, b->x0 - 2, b->y0 - 2, b->x1 - b->x0 + 4, b->y1 - b->y0 + 4, PIX_SET, NULL, 0, 0);
    }
    l_int32 all = 0, in = 0;
    pixCountPixels(ink, &all, NULL);
    PIX *both = pixAnd(NULL, ink, mask);
    if (both)
        pixCountPixels(both, &in, NULL);
    pixDestroy(&both);
    pixDestroy(&mask);
    pixDestroy(&ink);
    return all > 0 ? (double)in / (double)all : 1.0;
}

int pdft_read(pp_pdf *pdf, const char *path, int index, PIX *frame, pp_page *out, pdft_stats *st, pp_box **annots,
              size_t *nannots, pp_err *e)
{
    memset(st, 0, sizeof *st);
    *annots = NULL;
    *nannots = 0;
    PopplerDocument *doc = pdf_lock(pdf);
    PopplerPage *page = poppler_document_get_page(doc, index);
    if (!page) {
        pdf_unlock();
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: cannot be read", path, index + 1);
    }
    double wpt = 0, hpt = 0;
    poppler_page_get_size(page, &wpt, &hpt);
    char *text = poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nr = 0;
    if (text && !poppler_page_get_text_layout(page, &rects, &nr))
        nr = 0;
    GList *maps = poppler_page_get_image_mapping(page);
    for (GList *m = maps; m; m = m->next) {
        const PopplerImageMapping *im = m->data;
        double area = fabs((im->area.x2 - im->area.x1) * (im->area.y2 - im->area.y1));
        st->over_scan |= area >= 0.5 * wpt * hpt;
    }
    poppler_page_free_image_mapping(maps);
    double sx = wpt > 0 ? pixGetWidth(frame) / wpt : 0, sy = hpt > 0 ? pixGetHeight(frame) / hpt : 0;
    /* annotations (a signature field's appearance holds the number and date typed in at signing): their
     * text is not in the page's text, so their areas are returned for recognition; the annotation areas
     * are in PDF space, y upwards */
    GList *amaps = poppler_page_get_annot_mapping(page);
    size_t aa = 0;
    for (GList *m = amaps; m; m = m->next) {
        const PopplerAnnotMapping *am = m->data;
        PopplerAnnotType t = poppler_annot_get_annot_type(am->annot);
        if (t == POPPLER_ANNOT_LINK || t == POPPLER_ANNOT_POPUP)
            continue;
        pp_box b = { (int)floor(fmin(am->area.x1, am->area.x2) * sx), (int)floor((hpt - fmax(am->area.y1, am->area.y2)) * sy),
                     (int)ceil(fmax(am->area.x1, am->area.x2) * sx), (int)ceil((hpt - fmin(am->area.y1, am->area.y2)) * sy) };
        b.x0 = b.x0 < 0 ? 0 : b.x0;
        b.y0 = b.y0 < 0 ? 0 : b.y0;
        b.x1 = b.x1 > pixGetWidth(frame) ? pixGetWidth(frame) : b.x1;
        b.y1 = b.y1 > pixGetHeight(frame) ? pixGetHeight(frame) : b.y1;
        if (b.x1 - b.x0 < 8 || b.y1 - b.y0 < 8)
            continue;
        PP_GROW(*annots, *nannots + 1, aa, 4);
        (*annots)[(*nannots)++] = b;
    }
    poppler_page_free_annot_mapping(amaps);
    g_object_unref(page);
    pdf_unlock();

    out->method = "ocr";
    out->text_source = "pdf";
    out->width = pixGetWidth(frame);
    out->height = pixGetHeight(frame);
    out->dpi = pixGetXRes(frame);
    out->has_conf = 1;
    out->conf = 100;
    if (text && nr && sx > 0 && sy > 0) {
        size_t n = 0;
        tword *w = gather_words(text, rects, nr, st, &n);
        for (size_t i = 0; i < n; i++) {
            pp_word *pw = page_add_word(out);
            pw->text = xstrndup(text + w[i].start, w[i].end - w[i].start);
            pw->box = (pp_box){ (int)floor(w[i].x0 * sx), (int)floor(w[i].y0 * sy), (int)ceil(w[i].x1 * sx),
                                (int)ceil(w[i].y1 * sy) };
            pw->conf = 100;
        }
        free(w);
    }
    g_free(rects);
    g_free(text);
    return PP_OK;
}

int pdft_word_ok(const char *text, float conf)
{
    if (!text || conf < 80)
        return 0;
    for (const char *p = text; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_isalnum(c) && g_unichar_type(c) != G_UNICODE_MODIFIER_LETTER) /* "ˆ" off a seal */
            return 1;
    }
    return 0;
}

int pdft_digit_like(const char *text)
{
    if (!text || !*text)
        return 0;
    return strspn(text, "0123456789IlO|SB") == strlen(text);
}

/* Measured on ../shared/external: the pages of the two signed born-digital Thông báo cover 0.84 to 1.00 of
 * their ink (the lowest: a page with the seal); a plan of tools/mkpdf with its vector seal 0.86; the
 * signed scans of scans/quangngai-vbhc hold under 20 characters a page (the signing line is an
 * annotation); laocai_1105's layer (subset fonts mapped off) has 20 % and more foreign letters, the
 * good layers none.  An OCR layer of ocrmypdf over an aged scan covers 0.82 of it. */
enum pdft_verdict pdft_judge(const pdft_stats *st)
{
    if (st->chars < PDFT_MIN_CHARS)
        return PDFT_EMPTY;
    if (st->bad * 10 > st->chars || (st->odd >= 5 && st->odd * 33 > st->chars))
        return PDFT_GARBAGE;
    if (st->ink_cover < PDFT_MIN_COVER)
        return PDFT_PARTIAL;
    return PDFT_USABLE;
}

const char *pdft_verdict_name(enum pdft_verdict v)
{
    switch (v) {
    case PDFT_USABLE: return "usable";
    case PDFT_EMPTY: return "empty";
    case PDFT_GARBAGE: return "garbage";
    case PDFT_PARTIAL: return "partial";
    }
    return "?";
}
