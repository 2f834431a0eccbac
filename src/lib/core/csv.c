/* core/csv.c (prefix csv_) — see csv.h. */
#include "core/csv.h"
#include "core/json.h"

#include <string.h>

void csv_field(strbuf *sb, const char *s, int first)
{
    if (!first)
        sb_addc(sb, ',');
    if (!s)
        return;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (!quote) {
        sb_adds(sb, s);
        return;
    }
    sb_addc(sb, '"');
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            sb_addc(sb, '"');
        sb_addc(sb, *p);
    }
    sb_addc(sb, '"');
}

void csv_text(strbuf *sb, const char *s, int first)
{
    if (!s || !*s || !strchr("=+-@\t\r'", *s)) {
        csv_field(sb, s, first);
        return;
    }
    strbuf q = STRBUF_INIT;
    sb_addc(&q, '\'');
    sb_adds(&q, s);
    csv_field(sb, sb_str(&q), first);
    sb_free(&q);
}

void csv_num(strbuf *sb, double v, int has, int first)
{
    if (!first)
        sb_addc(sb, ',');
    if (has)
        js_num(sb, v);
}

void csv_end(strbuf *sb)
{
    sb_adds(sb, "\r\n");
}
