/* json.c — see json.h. */
#include "json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when it is not valid. */
static size_t js_utf8_len(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF)
        len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4)
        len = 4, min = 0x10000;
    else
        return 0;
    if (n < len)
        return 0;
    unsigned cp = c & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void js_strn(strbuf *sb, const char *s, size_t n)
{
    if (!s) {
        sb_adds(sb, "null");
        return;
    }
    sb_addc(sb, '"');
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned char c = p[i];
        switch (c) {
        case '"': sb_adds(sb, "\\\""); i++; continue;
        case '\\': sb_adds(sb, "\\\\"); i++; continue;
        case '\n': sb_adds(sb, "\\n"); i++; continue;
        case '\r': sb_adds(sb, "\\r"); i++; continue;
        case '\t': sb_adds(sb, "\\t"); i++; continue;
        case '<': sb_adds(sb, "\\u003c"); i++; continue;
        case '>': sb_adds(sb, "\\u003e"); i++; continue;
        case '&': sb_adds(sb, "\\u0026"); i++; continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7F) {
            sb_addf(sb, "\\u%04x", c);
            i++;
            continue;
        }
        size_t len = js_utf8_len(p + i, n - i);
        if (len == 0) {
            sb_adds(sb, "\\ufffd");
            i++;
        } else if (len == 3 && p[i] == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9)) {
            sb_adds(sb, p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029");
            i += 3;
        } else {
            sb_add(sb, p + i, len);
            i += len;
        }
    }
    sb_addc(sb, '"');
}

void js_str(strbuf *sb, const char *s)
{
    js_strn(sb, s, s ? strlen(s) : 0);
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
    for (int prec = 1; prec <= 17; prec++) {
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
