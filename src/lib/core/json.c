/* core/json.c (prefix js_) — see json.h. */
#include "core/json.h"
#include "core/utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 for the bytes that are not written as they are: the ASCII controls, DEL, " \ < > & (escaped below),
 * and E2, the lead byte of U+2028/2029 (escaped when it starts one of them). */
static const unsigned char js_stop[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* Writes the character at p (len bytes: 1 for ASCII, 3 for U+2028/2029, 0 for a byte that starts no valid
 * UTF-8 sequence) escaped. */
static void js_escape(strbuf *sb, const unsigned char *p, size_t len)
{
    if (len == 0)
        sb_adds(sb, "\\ufffd");
    else if (p[0] >= 0x80)
        sb_adds(sb, p[2] == 0xA8 ? "\\u2028" : "\\u2029"); /* line breaks to JavaScript */
    else
        switch (p[0]) {
        case '"': sb_adds(sb, "\\\""); break;
        case '\\': sb_adds(sb, "\\\\"); break;
        case '\n': sb_adds(sb, "\\n"); break;
        case '\r': sb_adds(sb, "\\r"); break;
        case '\t': sb_adds(sb, "\\t"); break;
        case '<': sb_adds(sb, "\\u003c"); break;
        case '>': sb_adds(sb, "\\u003e"); break;
        case '&': sb_adds(sb, "\\u0026"); break;
        default: sb_addf(sb, "\\u%04x", p[0]); break; /* controls and DEL */
        }
}

static int js_line_sep(const unsigned char *p, size_t n)
{
    return n >= 3 && p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9);
}

void js_strn(strbuf *sb, const char *s, size_t n)
{
    if (!s) {
        sb_adds(sb, "null");
        return;
    }
    sb_addc(sb, '"');
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, plain = 0; /* p[plain..i) is written as it is, in one piece when a byte is escaped */
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80 && !js_stop[c]) {
            i++;
            continue;
        }
        size_t len = c < 0x80 ? 1 : utf8_seq_len_mb(p + i, n - i);
        if (len > 1 && !js_line_sep(p + i, n - i)) {
            i += len;
            continue;
        }
        sb_add(sb, p + plain, i - plain);
        js_escape(sb, p + i, len);
        i += len ? len : 1;
        plain = i;
    }
    sb_add(sb, p + plain, i - plain);
    sb_addc(sb, '"');
}

void js_strn_valid(strbuf *sb, const char *s, size_t n)
{
    /* in valid UTF-8 only the ASCII bytes js_stop marks and U+2028/2029 (E2 80 A8/A9) are escaped: the
     * bytes between them are copied in one piece, with no sequence decoded */
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, plain = 0;
    while (i + 4 <= n && !(js_stop[p[i]] | js_stop[p[i + 1]] | js_stop[p[i + 2]] | js_stop[p[i + 3]]))
        i += 4;
    while (i < n && !js_stop[p[i]])
        i++;
    if (i == n) {
        /* nothing to escape (most strings: names, spans of text): quoted in one copy.  The sources'
         * JSON writes four such strings a value; one reservation instead of three appends each was
         * 0.45 % of parplan-extract's instructions (callgrind, bench corpus) */
        sb_grow(sb, n + 2);
        char *d = sb->buf + sb->len;
        d[0] = '"';
        if (n)
            memcpy(d + 1, s, n);
        d[n + 1] = '"';
        sb->len += n + 2;
        sb->buf[sb->len] = '\0';
        return;
    }
    sb_addc(sb, '"');
    for (;;) {
        while (i + 4 <= n && !(js_stop[p[i]] | js_stop[p[i + 1]] | js_stop[p[i + 2]] | js_stop[p[i + 3]]))
            i += 4;
        while (i < n && !js_stop[p[i]])
            i++;
        if (i >= n)
            break;
        if (p[i] == 0xE2 && !js_line_sep(p + i, n - i)) {
            i++;
            continue;
        }
        size_t len = p[i] == 0xE2 ? 3 : 1;
        sb_add(sb, p + plain, i - plain);
        js_escape(sb, p + i, len);
        i += len;
        plain = i;
    }
    sb_add(sb, p + plain, n - plain);
    sb_addc(sb, '"');
}

void js_str(strbuf *sb, const char *s)
{
    js_strn(sb, s, s ? strlen(s) : 0);
}

void js_str_array(strbuf *sb, char *const *v, size_t n)
{
    sb_addc(sb, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            sb_addc(sb, ',');
        js_str(sb, v[i]);
    }
    sb_addc(sb, ']');
}

char *js_put_int(char *p, long long v)
{
    /* most numbers written are pages, lines and columns: one or two digits without the division loop
     * (with the sources' character count by multiply, extract_doc_source.c: 1.1 % of parplan-extract's
     * instructions, callgrind on the bench corpus) */
    if (v >= 0 && v < 100) {
        if (v >= 10)
            *p++ = (char)('0' + v / 10);
        *p++ = (char)('0' + v % 10);
        return p;
    }
    char tmp[24], *t = tmp + sizeof tmp;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    do
        *--t = (char)('0' + u % 10);
    while (u /= 10);
    if (v < 0)
        *--t = '-';
    size_t k = (size_t)(tmp + sizeof tmp - t);
    memcpy(p, t, k);
    return p + k;
}

void js_int(strbuf *sb, long long v)
{
    char buf[24];
    sb_add(sb, buf, (size_t)(js_put_int(buf, v) - buf));
}

void js_num(strbuf *sb, double v)
{
    if (!isfinite(v)) {
        sb_adds(sb, "null");
        return;
    }
    char buf[40];
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, sizeof buf, "%.0f", v);
        sb_adds(sb, buf);
        return;
    }
    /* 15 digits print every number that has a form of 15 digits or fewer in that shortest form (%g drops
     * trailing zeros; DBL_DIG is 15), so shorter precisions need not be tried */
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    /* "%g" never uses a locale here (parplan does not call setlocale), so '.' is the decimal mark */
    sb_adds(sb, buf);
}

void js_key(strbuf *sb, const char *key, int *first)
{
    if (!*first)
        sb_addc(sb, ',');
    *first = 0;
    js_str(sb, key);
    sb_addc(sb, ':');
}
