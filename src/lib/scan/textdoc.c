/* scan/textdoc.c (prefix textdoc_) — see textdoc.h. */
#include "scan/textdoc.h"
#include "core/strbuf.h"
#include "core/utf8.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* 1-based line and column (bytes) of offset `at`, for messages. */
static void line_col(const char *s, size_t at, size_t *line, size_t *col)
{
    size_t l = 1, start = 0;
    for (size_t i = 0; i < at; i++)
        if (s[i] == '\n')
            l++, start = i + 1;
    *line = l;
    *col = at - start + 1;
}

static char *iconv_to_utf8(const char *from, const char *s, size_t len, size_t *outlen)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return NULL;
    size_t cap = len * 2 + 16;
    char *out = malloc(cap);
    if (!out) {
        iconv_close(cd);
        return NULL;
    }
    char *in = (char *)s, *o = out;
    size_t inleft = len, oleft = cap - 1;
    int ok = iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1;
    iconv_close(cd);
    if (!ok) {
        free(out);
        return NULL;
    }
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

/* Byte-for-byte decode of an unidentified 8-bit text (each byte to U+00XX): lossless and reversible,
 * so parplan-normalize can re-decode pages.raw once it has identified the legacy encoding. */
static char *latin1_to_utf8(const char *s, size_t len, size_t *outlen)
{
    strbuf sb = STRBUF_INIT;
    sb_grow(&sb, len + len / 4);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            sb_addc(&sb, (char)c);
        } else {
            char two[2] = { (char)(0xc0 | (c >> 6)), (char)(0x80 | (c & 0x3f)) };
            sb_add(&sb, two, 2);
        }
    }
    return sb_detach(&sb, outlen);
}

static void add_page(pp_textdoc *td, const char *raw, size_t rawlen, char *text, size_t textlen)
{
    PP_GROW(td->pages, (size_t)td->npages + 1, td->apages, 8);
    pp_page *p = &td->pages[td->npages];
    memset(p, 0, sizeof *p);
    p->number = ++td->npages;
    p->method = "text";
    p->raw = raw;
    p->raw_len = rawlen;
    p->text = text;
    p->text_len = textlen;
    hash_buffer(raw, rawlen, p->hash);
    page_lines_from_text(p);
}

int textdoc_load(const char *path, const char *buf, size_t len, pp_textdoc *td, pp_err *e)
{
    memset(td, 0, sizeof *td);
    const unsigned char *u = (const unsigned char *)buf;
    size_t skip = 0;
    int unit = 1; /* bytes per code unit */
    if (len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
        td->encoding = u[0] == 0xff ? "utf-16le" : "utf-16be";
        unit = 2;
        skip = 2;
        if (len % 2)
            return pp_err_set(e, PP_EXIT_INPUT, "%s: UTF-16 text has an odd number of bytes (truncated)", path);
    } else if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
        td->encoding = "utf-8-bom";
        skip = 3;
    }
    if (unit == 1) {
        const char *nul = memchr(buf, '\0', len);
        if (nul) {
            size_t line, col;
            line_col(buf, (size_t)(nul - buf), &line, &col);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: line %zu: NUL byte: binary data, not text", path, line);
        }
        size_t ctl = 0;
        for (size_t i = 0; i < len; i++)
            if (u[i] < 0x20 && u[i] != '\n' && u[i] != '\r' && u[i] != '\t' && u[i] != '\f')
                ctl++;
        if (len && ctl * 20 > len)
            return pp_err_set(e, PP_EXIT_INPUT, "%s: %zu of %zu bytes are control characters: binary data, not text",
                              path, ctl, len);
        size_t bad = utf8_invalid_at(buf + skip, len - skip) + skip, good = 0, nbad = 0;
        if (bad == len) {
            if (!td->encoding)
                td->encoding = "utf-8";
        } else if (td->encoding || (utf8_census(buf, len, &good, &nbad), good >= nbad)) {
            size_t line, col;
            line_col(buf, bad, &line, &col);
            return pp_err_set(e, PP_EXIT_INPUT,
                              "%s: line %zu, byte %zu: invalid UTF-8 (byte 0x%02x) in a file that is otherwise UTF-8: "
                              "mixed encodings; convert the file to one encoding", path, line, col, u[bad]);
        } else {
            td->encoding = "unknown-8bit";
        }
    }
    /* Split the original bytes on form feeds, then decode page by page. */
    size_t start = skip;
    for (size_t i = skip; i <= len; i += (size_t)unit) {
        int ff = 0;
        if (i < len) {
            if (unit == 1)
                ff = u[i] == '\f';
            else
                ff = td->encoding[6] == 'l' ? (u[i] == '\f' && u[i + 1] == 0) : (u[i] == 0 && u[i + 1] == '\f');
        }
        if (!ff && i < len)
            continue;
        const char *raw = buf + start;
        size_t rawlen = i - start;
        size_t tlen = 0;
        char *text;
        if (unit == 2)
            text = iconv_to_utf8(td->encoding[6] == 'l' ? "UTF-16LE" : "UTF-16BE", raw, rawlen, &tlen);
        else if (strcmp(td->encoding, "unknown-8bit") == 0)
            text = latin1_to_utf8(raw, rawlen, &tlen);
        else
            text = xstrndup(raw, tlen = rawlen);
        if (!text) {
            textdoc_free(td);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: cannot decode %s text", path, td->npages + 1,
                              unit == 2 ? "UTF-16" : "8-bit");
        }
        if (unit == 2 && utf8_invalid_at(text, tlen) != tlen) {
            free(text);
            textdoc_free(td);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: invalid UTF-16", path, td->npages + 1);
        }
        add_page(td, raw, rawlen, text, tlen);
        start = i + (size_t)unit;
    }
    /* A trailing form feed ends the last page; it does not open an empty one. */
    if (td->npages > 1 && td->pages[td->npages - 1].raw_len == 0) {
        page_clear(&td->pages[td->npages - 1]);
        td->npages--;
    }
    /* UTF-16 was decoded unchecked: the checks of 8-bit text (NUL, control bytes) on what it decoded to */
    size_t ctl = 0, all = 0, ink = 0;
    for (int p = 0; p < td->npages; p++) {
        const unsigned char *t = (const unsigned char *)td->pages[p].text;
        size_t n = td->pages[p].text_len;
        for (size_t i = 0; i < n; i++) {
            if (unit == 2 && t[i] == 0) {
                textdoc_free(td);
                return pp_err_set(e, PP_EXIT_INPUT, "%s: page %d: NUL character: binary data, not text", path, p + 1);
            }
            ctl += t[i] < 0x20 && t[i] != '\n' && t[i] != '\r' && t[i] != '\t' && t[i] != '\f';
            /* ink: anything but white space and the byte order mark U+FEFF (EF BB BF) */
            if (t[i] == 0xef && i + 2 < n && t[i + 1] == 0xbb && t[i + 2] == 0xbf)
                i += 2;
            else if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n' && t[i] != '\r' && t[i] != '\f' && t[i] != '\v')
                ink++;
            all++;
        }
    }
    if (unit == 2 && all && ctl * 20 > all) {
        textdoc_free(td);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: %zu of %zu characters are control characters: binary data, not text",
                          path, ctl, all);
    }
    if (!ink) {
        textdoc_free(td);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: file is empty: no text, only white space, form feeds or a byte "
                                            "order mark", path);
    }
    return PP_OK;
}

void textdoc_free(pp_textdoc *td)
{
    for (int i = 0; i < td->npages; i++)
        page_clear(&td->pages[i]);
    free(td->pages);
    memset(td, 0, sizeof *td);
}
