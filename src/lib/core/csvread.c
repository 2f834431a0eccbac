/* core/csvread.c (prefix csvr_) — see csvread.h. */
#include "core/csvread.h"

#include "core/strbuf.h"

#include <string.h>

void csvr_init(csvr *r, const char *buf, size_t len)
{
    r->p = buf;
    r->end = buf + len;
    r->line = 1;
    if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
        r->p += 3;
}

static void clear(strvec *v)
{
    sv_free(v);
}

/* Consumes a line end at r->p (CRLF, LF or CR); returns 1 when there was one. */
static int line_end(csvr *r)
{
    if (r->p < r->end && *r->p == '\r') {
        r->p++;
        if (r->p < r->end && *r->p == '\n')
            r->p++;
        r->line++;
        return 1;
    }
    if (r->p < r->end && *r->p == '\n') {
        r->p++;
        r->line++;
        return 1;
    }
    return 0;
}

int csvr_next(csvr *r, strvec *fields, int *line, pp_err *e)
{
    clear(fields);
    *line = r->line;
    if (r->p >= r->end)
        return 0;
    strbuf f = STRBUF_INIT;
    for (;;) {
        sb_reset(&f);
        if (r->p < r->end && *r->p == '"') {
            int start = r->line;
            r->p++;
            for (;;) {
                if (r->p >= r->end) {
                    sb_free(&f);
                    return pp_err_set(e, PP_EXIT_INPUT, "line %d: quoted field never closed", start);
                }
                char c = *r->p++;
                if (c == '"') {
                    if (r->p < r->end && *r->p == '"') {
                        sb_addc(&f, '"');
                        r->p++;
                        continue;
                    }
                    break;
                }
                if (c == '\n' || (c == '\r' && !(r->p < r->end && *r->p == '\n')))
                    r->line++;
                sb_addc(&f, c);
            }
            if (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
                sb_free(&f);
                return pp_err_set(e, PP_EXIT_INPUT, "line %d: text after a closing quote", r->line);
            }
        } else {
            while (r->p < r->end && *r->p != ',' && *r->p != '\r' && *r->p != '\n') {
                if (*r->p == '"') {
                    sb_free(&f);
                    return pp_err_set(e, PP_EXIT_INPUT, "line %d: a quote inside an unquoted field", r->line);
                }
                sb_addc(&f, *r->p++);
            }
        }
        sv_push(fields, sb_str(&f));
        if (r->p < r->end && *r->p == ',') {
            r->p++;
            continue;
        }
        line_end(r);
        break;
    }
    sb_free(&f);
    return 1;
}

const char *csvr_untext(const char *s)
{
    if (s && s[0] == '\'' && s[1] && strchr("=+-@\t\r'", s[1]))
        return s + 1;
    return s;
}
