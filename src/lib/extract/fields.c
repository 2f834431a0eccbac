/* extract/fields.c (prefix fl_) — see fields.h. */
#include "extract/fields.h"
#include "core/err.h"
#include "text/fold.h"
#include "core/strbuf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int fl_number(const char *s, size_t n, double *v)
{
    size_t i = 0;
    while (i < n && !(s[i] >= '0' && s[i] <= '9'))
        i++;
    if (i == n)
        return 0;
    /* collect digits and separators */
    size_t j = i;
    int ndot = 0, ncomma = 0;
    size_t last_sep = 0;
    char last = 0;
    while (j < n) {
        char c = s[j];
        if (c >= '0' && c <= '9') {
            j++;
            continue;
        }
        if ((c == '.' || c == ',') && j + 1 < n && s[j + 1] >= '0' && s[j + 1] <= '9') {
            if (c == '.')
                ndot++;
            else
                ncomma++;
            last_sep = j;
            last = c;
            j++;
            continue;
        }
        break;
    }
    /* decide which separator is the decimal mark */
    char dec = 0;
    if (ndot && ncomma)
        dec = last;
    else if (ncomma == 1)
        dec = ',';
    else if (ndot == 1) {
        size_t after = j - last_sep - 1;
        size_t before = last_sep - i;
        /* "1.000" groups thousands; "0.5", "4.25", "100.0" are decimals */
        dec = (after == 3 && before <= 3 && s[i] != '0') ? 0 : '.';
    }
    /* rebuild "1234.5" and let strtod round it (summing digit by digit would not give 83.99) */
    char buf[64];
    size_t o = 0;
    for (size_t k = i; k < j && o + 1 < sizeof buf; k++) {
        char c = s[k];
        if (c >= '0' && c <= '9')
            buf[o++] = c;
        else if (c == dec)
            buf[o++] = '.';
    }
    buf[o] = '\0';
    double val = strtod(buf, NULL);
    *v = val;
    return 1;
}

const char *fl_unit(const char *f, size_t n)
{
    while (n && (*f == ' '))
        f++, n--;
    if (n >= 1 && f[0] == '%')
        return "%";
    if (n >= 4 && (strncmp(f, "diem", 4) == 0 || strncmp(f, "d", 1) == 0))
        return "điểm";
    return "count";
}

int fl_date_iso(int d, int m, int y, char out[11])
{
    static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 1;
}

char *fl_tidy(const char *s, size_t n, const char *strip)
{
    char *o = xmalloc(n + 1);
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > ' ' && c != 0xC2) {
            /* a run of bytes that are neither spaces nor a possible no-break space, copied whole */
            size_t j = i + 1;
            while (j < n && (unsigned char)s[j] > ' ' && (unsigned char)s[j] != 0xC2)
                j++;
            if (sp && k)
                o[k++] = ' ';
            sp = 0;
            memcpy(o + k, s + i, j - i);
            k += j - i;
            i = j - 1;
            continue;
        }
        /* U+00A0 no-break space, common in exported tables */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0) {
            sp = 1;
            i++;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            sp = 1;
            continue;
        }
        if (sp && k)
            o[k++] = ' ';
        sp = 0;
        o[k++] = (char)c;
    }
    o[k] = '\0';
    size_t a = 0;
    while (a < k && (o[a] == ' ' || (strip && strchr(strip, o[a]))))
        a++;
    while (k > a && (o[k - 1] == ' ' || (strip && strchr(strip, o[k - 1]))))
        k--;
    memmove(o, o + a, k - a);
    o[k - a] = '\0';
    return o;
}

int fl_roman(const char *s, size_t n)
{
    static const char *const r[] = { "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                     "xi", "xii", "xiii", "xiv", "xv", "xvi", "xvii", "xviii", "xix", "xx" };
    char buf[8];
    if (n == 0 || n >= sizeof buf)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        buf[i] = c;
    }
    buf[n] = '\0';
    for (int i = 1; i <= 20; i++)
        if (strcmp(buf, r[i]) == 0)
            return i;
    return 0;
}

long fl_int(const char *s, size_t n)
{
    if (n == 0 || n > 9)
        return -1;
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* I, or a character OCR reads for it in a roman numeral. */
static int fl_i_like(int32_t c)
{
    switch (c) {
    case 'I': case 'l': case '1': case '|': case '!':
    case 0x00CC: case 0x00CD: case 0x00EC: case 0x00ED: /* Ì Í ì í */
    case 0x0128: case 0x0129: case 0x1EC8: case 0x1EC9: /* Ĩ ĩ Ỉ ỉ */
    case 0x0131:                                        /* ı */
        return 1;
    default:
        return 0;
    }
}

/* The numeral token at s[0..n) (code points), mapped: 1 and out = "I".."IV" when it is one. */
static int fl_quarter_token(const char *s, size_t n, char out[5])
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)n;
    int k = 0, real = 0;
    while (left > 0) {
        utf8proc_int32_t c;
        utf8proc_ssize_t w = utf8proc_iterate(p, left, &c);
        if (w <= 0 || k >= 4)
            return 0;
        if (c == 'I' || c == 'V')
            real = 1;
        if (fl_i_like(c))
            out[k++] = 'I';
        else if (c == 'V' || c == 'v')
            out[k++] = 'V';
        else
            return 0;
        p += w;
        left -= w;
    }
    out[k] = '\0';
    return real && (!strcmp(out, "I") || !strcmp(out, "II") || !strcmp(out, "III") || !strcmp(out, "IV"));
}

char *fl_quarter_roman(const char *s)
{
    strbuf o = STRBUF_INIT;
    size_t n = strlen(s), i = 0;
    int changed = 0, after_quy = 0;
    while (i < n) {
        /* a token: bytes up to white space or , - / ; . ( ) */
        size_t j = i;
        while (j < n && !strchr(" \t,-/;.()", s[j]))
            j++;
        if (j == i) {
            sb_addc(&o, s[i++]);
            continue;
        }
        char fixed[5];
        char *f = fold_dup(s + i, j - i, FOLD_PLAIN);
        int is_quy = f && !strcmp(f, "quy"), is_va = f && !strcmp(f, "va");
        free(f);
        if (after_quy && fl_quarter_token(s + i, j - i, fixed)) {
            changed |= strlen(fixed) != j - i || memcmp(fixed, s + i, j - i) != 0;
            sb_adds(&o, fixed);
        } else {
            sb_add(&o, s + i, j - i);
            /* numerals follow "quý", and a list goes on after "và" ("Quý I và II") */
            after_quy = is_quy || (after_quy && is_va);
        }
        i = j;
    }
    if (!changed) {
        sb_free(&o);
        return NULL;
    }
    return sb_detach(&o, NULL);
}
