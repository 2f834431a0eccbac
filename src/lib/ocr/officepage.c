/* ocr/officepage.c (prefix op_) — see officepage.h. */
#include "ocr/officepage.h"
#include "core/hash.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "scan/table.h"
#include "text/encodings.h"
#include "text/fontenc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static void op_upper(const char *s, size_t n, strbuf *out);

/* Windows-1252's characters at 0x80..0x9F: how Word stores those bytes of a legacy-font run. */
static const int32_t op_cp1252[32] = {
    0x20AC, -1, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, -1, 0x017D, -1,
    -1, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1, 0x017E, 0x0178,
};

/* The byte a stored character stands for in a legacy-font run, -1 when it is a real Unicode character. */
static int op_byte_of(int32_t c)
{
    if (c >= 0 && c < 0x100)
        return (int)c;
    if (c >= 0xF000 && c <= 0xF0FF) /* symbol-font private use: Word's form for some legacy runs */
        return (int)(c & 0xFF);
    for (int i = 0; i < 32; i++)
        if (op_cp1252[i] == c)
            return 0x80 + i;
    return -1;
}

/* Appends s[0..n) decoded with `enc`: stretches of byte-like characters are turned back into bytes
 * and decoded, anything else passes unchanged.  Returns how many non-ASCII bytes were decoded. */
static size_t op_decode(int enc, const char *s, size_t n, int upper, strbuf *out)
{
    strbuf bytes = STRBUF_INIT;
    size_t decoded = 0;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i <= n;) {
        utf8proc_int32_t c = -1;
        utf8proc_ssize_t k = 1;
        if (i < n) {
            k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
            if (k < 1) {
                k = 1;
                c = 0xFFFD;
            }
        }
        int b = i < n ? op_byte_of(c) : -1;
        if (b >= 0) {
            sb_addc(&bytes, (char)b);
            decoded += b >= 0x80;
        } else {
            if (bytes.len) {
                size_t dl;
                char *d = enc_decode(enc, bytes.buf, bytes.len, &dl);
                if (d) {
                    if (upper) /* capitals faces: the letters are meant upper case */
                        op_upper(d, dl, out);
                    else
                        sb_add(out, d, dl);
                    free(d);
                } else {
                    sb_add(out, bytes.buf, bytes.len);
                }
                sb_reset(&bytes);
            }
            if (i < n)
                sb_add(out, s + i, (size_t)k);
        }
        i += (size_t)k;
    }
    sb_free(&bytes);
    return decoded;
}

/* Whether a text is made only of byte-like characters and has a non-ASCII one: what a legacy
 * encoding may be hiding in. */
static int op_bytelike(const char *s, size_t n, strbuf *bytes)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    int high = 0;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (k < 1)
            return 0;
        int b = op_byte_of(c);
        if (b < 0)
            return 0;
        high |= b >= 0x80;
        if (bytes)
            sb_addc(bytes, (char)b);
        i += (size_t)k;
    }
    return high;
}

static int op_has_high(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* Whether valid UTF-8 text s[0..n) holds a code point for which `is` says 1 (0 at invalid UTF-8). */
static int op_any(const char *s, size_t n, int (*is)(utf8proc_int32_t))
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (k < 1)
            return 0;
        if (is(c))
            return 1;
        i += (size_t)k;
    }
    return 0;
}

/* A character Unicode Vietnamese never writes but legacy bytes read as Latin-1 do (§ for Đ, µ for à,
 * ¸ for á in TCVN3; Ñ for Đ, ö for ư in VNI): everything of U+00A1..U+00FF but the Latin-1 letters
 * Vietnamese uses and a few signs a plan may hold (° ± ² ³ × ÷ « »). */
static int op_legacy_sign_cp(utf8proc_int32_t c)
{
    static const char viet[] = "àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ°±²³×÷«»";
    if (c < 0xA1 || c > 0xFF)
        return 0;
    utf8proc_uint8_t b[5];
    utf8proc_ssize_t m = utf8proc_encode_char(c, b);
    b[m] = 0;
    return strstr(viet, (const char *)b) == NULL;
}

/* Whether s[0..n) holds such a character. */
static int op_legacy_sign(const char *s, size_t n)
{
    return op_any(s, n, op_legacy_sign_cp);
}

/* enc_score, less 2 for each capital right after a small letter ("vỔ"): a wrong legacy decoding turns
 * Latin-1 letters of Unicode text into capitals inside words, which enc_score alone does not see. */
static long op_score(const strbuf *sb)
{
    const char *s = sb->buf ? sb->buf : "";
    long score = enc_score(s, sb->len);
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    int prev_lower = 0;
    for (size_t i = 0; i < sb->len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(sb->len - i), &c);
        if (k < 1) {
            i++;
            prev_lower = 0;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(c);
        if (cat == UTF8PROC_CATEGORY_LU && prev_lower)
            score -= 2;
        if (cat != UTF8PROC_CATEGORY_MN)
            prev_lower = cat == UTF8PROC_CATEGORY_LL;
        i += (size_t)k;
    }
    return score;
}

/* Upper-cases `s` (its code points) in place into a new buffer. */
static void op_upper(const char *s, size_t n, strbuf *out)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < n;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(n - i), &c);
        if (k < 1) {
            sb_addc(out, s[i++]);
            continue;
        }
        utf8proc_uint8_t b[4];
        sb_add(out, b, (size_t)utf8proc_encode_char(utf8proc_toupper(c), b));
        i += (size_t)k;
    }
}

/* A word of two or more ASCII letters, all capitals ("THạNH", "UBND"; not "Tổ"). */
static int op_capital_word(const char *w, size_t n)
{
    size_t up = 0, low = 0;
    for (size_t k = 0; k < n; k++) {
        up += w[k] >= 'A' && w[k] <= 'Z';
        low += w[k] >= 'a' && w[k] <= 'z';
    }
    return up >= 2 && !low;
}


/* A lower-case letter outside ASCII. */
static int op_small_viet_cp(utf8proc_int32_t c)
{
    return c >= 0x80 && utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

/* Whether a text holds a lower-case letter outside ASCII. */
static int op_has_small_viet(const char *s, size_t n)
{
    return op_any(s, n, op_small_viet_cp);
}

/* Capitals lost with the font: TCVN3 has no toned capitals, so a heading was typed in lower-case bytes
 * in a capitals face (.VnTimeH), and without the font name (a .doc through antiword) "TỈNH" reads
 * "TỉNH".  Where the ASCII letters say capitals, the Vietnamese ones follow: a word of capitals holding
 * a small Vietnamese letter is upper-cased, and so is its whole line when no ASCII letter of the line
 * is small ("ủY BAN … TỉNH" is one heading); "Số: 12/KH-UBND" and "Tổ chức" stay as they are. */
static void op_recase(strbuf *t)
{
    int low = 0, evidence = 0;
    for (size_t i = 0; i < t->len; i++)
        low |= t->buf[i] >= 'a' && t->buf[i] <= 'z';
    for (size_t i = 0; i < t->len && !evidence;) {
        size_t j = i;
        while (j < t->len && t->buf[j] != ' ' && t->buf[j] != '\t')
            j++;
        evidence = op_capital_word(t->buf + i, j - i) && op_has_small_viet(t->buf + i, j - i);
        i = j + 1;
    }
    if (!evidence)
        return;
    strbuf out = STRBUF_INIT;
    if (!low) {
        op_upper(t->buf, t->len, &out);
    } else {
        for (size_t i = 0; i < t->len;) {
            size_t j = i;
            while (j < t->len && t->buf[j] != ' ' && t->buf[j] != '\t')
                j++;
            if (op_capital_word(t->buf + i, j - i))
                op_upper(t->buf + i, j - i, &out);
            else
                sb_add(&out, t->buf + i, j - i);
            if (j < t->len)
                sb_addc(&out, t->buf[j++]);
            i = j;
        }
    }
    sb_free(t);
    *t = out;
}

/* Whether a text holds a Vietnamese letter only Unicode can write (ă â đ ê ô ơ ư and the toned vowels
 * U+1EA0..U+1EF9): legacy bytes never decode to those as stored, so a run in .VnTime holding them was
 * typed with a Unicode keyboard in a legacy font (common once Unicode arrived) and is Unicode. */
static int op_unicode_viet_cp(utf8proc_int32_t c)
{
    return c == 0x0102 || c == 0x0103 || c == 0x0110 || c == 0x0111 || c == 0x01A0 || c == 0x01A1 || c == 0x01AF ||
           c == 0x01B0 || (c >= 0x1EA0 && c <= 0x1EF9);
}

static int op_unicode_viet(const char *s, size_t n)
{
    return op_any(s, n, op_unicode_viet_cp);
}

typedef struct op_state {
    int doc_enc;          /* detected encoding of the text without a font hint, -1 none */
    unsigned found;       /* bit per enc_id found */
} op_state;

/* A paragraph's text as stored (raw) and decoded (text), control characters made spaces; `cell`: tabs
 * too, since a table row line separates its cells with tabs. */
static void op_para_text(op_state *st, const od_para *p, int cell, strbuf *raw, strbuf *text)
{
    strbuf asis = STRBUF_INIT, dec = STRBUF_INIT;
    int unhinted_bytes = 0, unhinted_high = 0, signs = 0;
    unsigned legacy = 0;
    for (size_t i = 0; i < p->nruns; i++) {
        const od_run *r = &p->runs[i];
        sb_add(raw, r->text, r->len);
        int upper;
        int enc = fontenc_of(r->font, &upper);
        if (enc >= 0 && op_unicode_viet(r->text, r->len)) {
            sb_add(&asis, r->text, r->len);
            sb_add(&dec, r->text, r->len);
            st->found |= 1u << ENC_UTF8;
            continue;
        }
        if (enc >= 0) {
            size_t start = asis.len;
            if (op_decode(enc, r->text, r->len, upper, &asis))
                legacy |= 1u << enc;
            sb_add(&dec, asis.buf + start, asis.len - start);
            continue;
        }
        sb_add(&asis, r->text, r->len);
        if (st->doc_enc >= 0 && op_bytelike(r->text, r->len, NULL)) {
            unhinted_bytes = 1;
            signs |= op_legacy_sign(r->text, r->len);
            op_decode(st->doc_enc, r->text, r->len, 0, &dec);
        } else {
            sb_add(&dec, r->text, r->len);
        }
        unhinted_high |= op_has_high(r->text, r->len);
    }
    st->found |= legacy;
    const strbuf *use = &asis;
    /* a sign no Unicode text holds settles it; else the decoding must read at least as Vietnamese as the
     * text stored (ties go to the document's encoding, which detection found legacy) */
    if (unhinted_bytes && (signs || op_score(&dec) >= op_score(&asis))) {
        use = &dec;
        st->found |= 1u << st->doc_enc;
        if (st->doc_enc == ENC_TCVN3)
            op_recase(&dec);
    } else if (unhinted_high) {
        st->found |= 1u << ENC_UTF8;
    }
    char *nfc = NULL;
    if (use->len && utf8_invalid_at(use->buf, use->len) == use->len)
        nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)use->buf);
    const char *t = nfc ? nfc : use->buf ? use->buf : "";
    size_t tl = nfc ? strlen(nfc) : use->len;
    for (size_t i = 0; i < tl; i++) {
        unsigned char c = (unsigned char)t[i];
        sb_addc(text, (c < 0x20 && (cell || c != '\t')) || c == 0x7f ? ' ' : (char)c);
    }
    free(nfc);
    sb_free(&asis);
    sb_free(&dec);
}

/* Page under construction: its lines as stored and decoded. */
typedef struct op_pagebuf {
    pp_page *pg;
    strbuf raw;
    int nlines;
} op_pagebuf;

static void op_line(op_pagebuf *pb, strbuf *raw, strbuf *text)
{
    pp_line *l = page_add_line(pb->pg);
    l->text = sb_detach(text, &l->len);
    if (pb->nlines++)
        sb_addc(&pb->raw, '\n');
    sb_add(&pb->raw, raw->buf ? raw->buf : "", raw->len);
    sb_reset(raw);
}

static void op_new_page(op_doc *o, op_pagebuf *pb)
{
    PP_GROW(o->pages, (size_t)o->npages + 1, o->apages, 4);
    o->raws = xreallocarray(o->raws, (size_t)o->npages + 1, sizeof *o->raws);
    pb->pg = &o->pages[o->npages];
    memset(pb->pg, 0, sizeof *pb->pg);
    pb->pg->number = o->npages + 1;
    pb->pg->method = "text";
    pb->pg->text_source = "file";
    o->raws[o->npages] = NULL;
    o->npages++;
    sb_reset(&pb->raw);
    pb->nlines = 0;
}

static void op_end_page(op_doc *o, op_pagebuf *pb)
{
    pp_page *pg = pb->pg;
    page_join_text(pg);
    o->raws[pg->number - 1] = sb_detach(&pb->raw, &pg->raw_len);
    pg->raw = o->raws[pg->number - 1];
    hash_buffer(pg->raw, pg->raw_len, pg->hash);
}

/* A table: its grid, cells and row lines on the page.  Boxes are nominal (96 dpi from the grid's
 * widths, a row 24 px high), so the table model's geometry holds without a page image. */
static void op_table(op_state *st, const od_table *t, op_pagebuf *pb)
{
    if (t->nrows <= 0 || t->ncols <= 0 || !t->ncells)
        return;
    pp_page *pg = pb->pg;
    pg->tables = xreallocarray(pg->tables, pg->ntables + 1, sizeof *pg->tables);
    pp_table *tb = &pg->tables[pg->ntables++];
    memset(tb, 0, sizeof *tb);
    tb->nrows = t->nrows;
    tb->ncols = t->ncols;
    tb->method = "ruled"; /* every cell boundary is drawn by the file itself */
    tb->header_row = -1;
    tb->rowy = xcalloc((size_t)t->nrows + 1, sizeof *tb->rowy);
    tb->colx = xcalloc((size_t)t->ncols + 1, sizeof *tb->colx);
    tb->fields = xcalloc((size_t)t->ncols, sizeof *tb->fields);
    tb->headings = xcalloc((size_t)t->ncols, sizeof *tb->headings);
    for (int k = 0; k < t->ncols; k++) {
        int w = t->colw && t->colw[k] > 0 ? t->colw[k] / 15 : 100;
        tb->colx[k + 1] = tb->colx[k] + (w > 0 ? w : 1);
    }
    int y0 = (int)pg->nlines * 24;
    for (int r = 0; r <= t->nrows; r++)
        tb->rowy[r] = y0 + r * 24;
    tb->box = (pp_box){ tb->colx[0], tb->rowy[0], tb->colx[t->ncols], tb->rowy[t->nrows] };
    tb->cells = xcalloc(t->ncells, sizeof *tb->cells);
    char **raws = xcalloc(t->ncells, sizeof *raws);
    strbuf raw = STRBUF_INIT, text = STRBUF_INIT;
    for (size_t i = 0; i < t->ncells; i++) {
        const od_cell *oc = &t->cells[i];
        pp_cell *c = &tb->cells[tb->ncells];
        if (oc->row < 0 || oc->row >= t->nrows || oc->col < 0 || oc->col >= t->ncols)
            continue;
        c->row = oc->row;
        c->col = oc->col;
        c->rowspan = oc->rowspan < 1 ? 1 : oc->row + oc->rowspan > t->nrows ? t->nrows - oc->row : oc->rowspan;
        c->colspan = oc->colspan < 1 ? 1 : oc->col + oc->colspan > t->ncols ? t->ncols - oc->col : oc->colspan;
        c->box = (pp_box){ tb->colx[c->col], tb->rowy[c->row], tb->colx[c->col + c->colspan], tb->rowy[c->row + c->rowspan] };
        /* the cell's paragraphs joined by spaces, as wrapped lines of a scanned cell are */
        for (size_t k = 0; k < oc->nparas; k++) {
            size_t rl = raw.len, tl = text.len;
            if (k && rl)
                sb_addc(&raw, ' ');
            if (k && tl)
                sb_addc(&text, ' ');
            op_para_text(st, &oc->paras[k], 1, &raw, &text);
        }
        /* trim: a cell's text is what is in it, not the spacing around it */
        size_t a = 0, b = text.len;
        while (a < b && text.buf[a] == ' ')
            a++;
        while (b > a && text.buf[b - 1] == ' ')
            b--;
        c->text = xstrndup(text.buf ? text.buf + a : "", b - a);
        raws[tb->ncells] = sb_detach(&raw, NULL);
        sb_reset(&text);
        tb->ncells++;
    }
    /* one TAB-joined line per row with text (ocr/tablecells.c row_lines) */
    size_t i = 0;
    for (int r = 0; r < tb->nrows; r++) {
        size_t a = i;
        while (i < tb->ncells && tb->cells[i].row == r)
            i++;
        int any = 0;
        for (size_t k = a; k < i; k++)
            any |= tb->cells[k].text[0] != 0;
        if (!any)
            continue;
        size_t k = a;
        for (int col = 0; col < tb->ncols; col++) {
            if (col) {
                sb_addc(&text, '\t');
                sb_addc(&raw, '\t');
            }
            if (k < i && tb->cells[k].col == col) {
                sb_adds(&text, tb->cells[k].text);
                sb_adds(&raw, raws[k]);
                k++;
            }
        }
        op_line(pb, &raw, &text);
    }
    for (size_t k = 0; k < t->ncells; k++)
        free(raws[k]);
    free(raws);
    sb_free(&raw);
    sb_free(&text);
}

/* The encoding of the document's text that has no font hint (-1: none to decode). */
static int op_detect(const od_doc *d)
{
    strbuf sample = STRBUF_INIT;
    for (size_t i = 0; i < d->nblocks && sample.len < (256u << 10); i++) {
        const od_block *b = &d->blocks[i];
        size_t np = b->table ? 0 : 1;
        const od_para *paras = &b->para;
        for (size_t c = 0; b->table && c < b->table->ncells; c++)
            for (size_t k = 0; k < b->table->cells[c].nparas; k++)
                for (size_t r = 0; r < b->table->cells[c].paras[k].nruns; r++) {
                    const od_run *run = &b->table->cells[c].paras[k].runs[r];
                    if (fontenc_of(run->font, NULL) < 0 && op_bytelike(run->text, run->len, NULL)) {
                        op_bytelike(run->text, run->len, &sample);
                        sb_addc(&sample, '\n');
                    }
                }
        for (size_t k = 0; k < np; k++)
            for (size_t r = 0; r < paras[k].nruns; r++) {
                const od_run *run = &paras[k].runs[r];
                if (fontenc_of(run->font, NULL) < 0 && op_bytelike(run->text, run->len, NULL)) {
                    op_bytelike(run->text, run->len, &sample);
                    sb_addc(&sample, '\n');
                }
            }
    }
    int enc = -1;
    if (sample.len) {
        long margin = 0;
        enc = enc_detect(sample.buf, sample.len, &margin);
        if (enc == ENC_UTF8 || margin <= 0)
            enc = -1;
    }
    sb_free(&sample);
    return enc;
}

int op_build(const od_doc *d, const char *path, op_doc *o, pp_err *e)
{
    memset(o, 0, sizeof *o);
    op_state st = { op_detect(d), 0 };
    op_pagebuf pb = { NULL, STRBUF_INIT, 0 };
    op_new_page(o, &pb);
    strbuf raw = STRBUF_INIT, text = STRBUF_INIT;
    for (size_t i = 0; i < d->nblocks; i++) {
        const od_block *b = &d->blocks[i];
        if (!b->table && b->para.page_break && pb.pg->nlines) {
            op_end_page(o, &pb);
            op_new_page(o, &pb);
        }
        if (b->table) {
            op_table(&st, b->table, &pb);
        } else {
            op_para_text(&st, &b->para, 0, &raw, &text);
            op_line(&pb, &raw, &text);
        }
    }
    op_end_page(o, &pb);
    sb_free(&pb.raw);
    sb_free(&raw);
    sb_free(&text);
    /* the encodings found, legacy ones first */
    static const int order[] = { ENC_TCVN3, ENC_VNI, ENC_VISCII, ENC_CP1258, ENC_VIQR, ENC_UTF8 };
    size_t n = 0;
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++)
        if (st.found & (1u << order[k]))
            n += (size_t)snprintf(o->encodings + n, sizeof o->encodings - n, "%s%s", n ? "," : "", enc_name(order[k]));
    if (!n)
        snprintf(o->encodings, sizeof o->encodings, "utf-8");
    size_t ink = 0;
    for (int p = 0; p < o->npages; p++)
        for (size_t k = 0; k < o->pages[p].text_len; k++)
            ink += o->pages[p].text[k] != ' ' && o->pages[p].text[k] != '\n' && o->pages[p].text[k] != '\t';
    if (!ink) {
        op_free(o);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: the document holds no text", path);
    }
    return PP_OK;
}

void op_free(op_doc *o)
{
    for (int i = 0; i < o->npages; i++) {
        page_clear(&o->pages[i]);
        free(o->raws[i]);
    }
    free(o->pages);
    free(o->raws);
    memset(o, 0, sizeof *o);
}
