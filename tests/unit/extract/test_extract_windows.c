/* test_extract_windows.c — the windows the label and target searches run in (ex_windows, ex_all_in and
 * ex_first_in in extract_doc_source.c): the lines around a line holding one of some bytes, merged where
 * they touch, clipped to the span asked about; and a search over them finding what a search over the
 * whole finds when every match lies inside one. */
#include "check.h"
#include "extract/extract-ll.h"

#include <stdio.h>
#include <string.h>

static void doc_of(ex_doc *x, const char *const *lines)
{
    memset(x, 0, sizeof *x);
    sg_doc_init(&x->d);
    for (int i = 0; lines[i]; i++)
        CHECK(sg_doc_add_line(&x->d, lines[i], strlen(lines[i]), 1, i + 1, -1) == 0, "line %d is UTF-8", i + 1);
}

static sg_span whole(const ex_doc *x)
{
    return (sg_span){ x->d.lines[0].f0, x->d.lines[x->d.n - 1].f1 };
}

/* The windows as "l0-l1" line ranges (0-based, by their ends), space-separated. */
static const char *ranges(const ex_doc *x, const sg_span *w, size_t n)
{
    static char buf[256];
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && k < sizeof buf - 16; i++)
        k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%zu-%zu", i ? " " : "", sg_line_at(&x->d, w[i].a),
                              sg_line_at(&x->d, w[i].b > w[i].a ? w[i].b - 1 : w[i].a));
    return buf;
}

static void test_windows(void)
{
    static const char *const lines[] = {
        "Mở đầu không có chữ số",          /* 0 */
        "dòng hai",                        /* 1 */
        "đạt 90% trở lên",                 /* 2: a digit */
        "dòng bốn",                        /* 3 */
        "dòng năm",                        /* 4 */
        "dòng sáu",                        /* 5 */
        "tăng 2 điểm",                     /* 6: a digit */
        "dòng tám",                        /* 7: */
        "Chủ trì: Sở Nội vụ",              /* 8: a colon */
        "kết thúc",                        /* 9 */
        NULL,
    };
    ex_doc x;
    doc_of(&x, lines);
    sg_span w[8];
    size_t n = ex_windows(&x, whole(&x), "0123456789", 1, 1, w, 8);
    CHECK(n == 2 && !strcmp(ranges(&x, w, n), "1-3 5-7"), "digits, a line either side: %s", ranges(&x, w, n));
    n = ex_windows(&x, whole(&x), "0123456789", 2, 2, w, 8);
    CHECK(n == 1 && !strcmp(ranges(&x, w, n), "0-8"), "two lines either side touch and merge: %s", ranges(&x, w, n));
    n = ex_windows(&x, whole(&x), ":", 1, 0, w, 8);
    CHECK(n == 1 && !strcmp(ranges(&x, w, n), "7-8"), "a colon and the line before: %s", ranges(&x, w, n));
    n = ex_windows(&x, whole(&x), "0123456789:", 0, 0, w, 1);
    CHECK(n == 1 && w[0].a == x.d.lines[2].f0 && w[0].b == whole(&x).b,
          "out of room: the last window runs to the end (%s)", ranges(&x, w, n));
    /* clipped to the span asked about: from the middle of line 2 to the middle of line 6 */
    sg_span mid = { x.d.lines[2].f0 + 4, x.d.lines[6].f0 + 3 };
    n = ex_windows(&x, mid, "0123456789", 1, 1, w, 8);
    CHECK(n == 1 && w[0].a == mid.a && w[0].b == x.d.lines[3].f1,
          "a digit before the span's end is out: only line 2's (%s)", ranges(&x, w, n));
    n = ex_windows(&x, (sg_span){ x.d.lines[3].f0, x.d.lines[5].f1 }, "0123456789", 1, 1, w, 8);
    CHECK(n == 0, "no digit in the span, no window (%zu)", n);
    sg_doc_free(&x.d);
}

/* The search over windows finds what the search over the whole finds, in the same order, when the
 * matches lie inside windows; and a field's first match by priority. */
static void test_search(void)
{
    pp_err e;
    pp_err_clear(&e);
    rl_set *set = rl_new();
    static const char rules_text[] = "points hi 20 (?<value>[0-9]+) diem\n"
                                     "points lo 10 (?<value>[0-9]+)\n";
    CHECK(rl_parse(set, "t.rules", rules_text, strlen(rules_text), &e) == PP_OK, "rules parse: %s", e.msg);
    ex_rules r;
    memset(&r, 0, sizeof r);
    r.rules = set;
    static const char *const lines[] = { "dat 3 diem", "khong", "khong", "khong", "tong 7", "va 5 diem", NULL };
    ex_doc x;
    doc_of(&x, lines);
    x.r = &r;
    sg_span w[8];
    size_t nw = ex_windows(&x, whole(&x), "0123456789", 0, 0, w, 8);
    CHECK(nw == 2, "two windows: %s", ranges(&x, w, nw));
    ex_hit all[16], in[16];
    size_t na = ex_all(&x, "points", whole(&x), all, 16, 0);
    size_t ni = ex_all_in(&x, "points", w, nw, in, 16, 0);
    int same = na == ni;
    /* the same hits, as sets (ex_all goes rule by rule over the whole, ex_all_in window by window) */
    for (size_t i = 0; i < na && same; i++) {
        int found = 0;
        for (size_t j = 0; j < ni && !found; j++)
            found = all[i].a == in[j].a && all[i].b == in[j].b && all[i].m.rule == in[j].m.rule;
        same = found;
    }
    CHECK(same && na == 5, "ex_all_in finds what ex_all finds (%zu, %zu)", na, ni);
    rl_match m;
    CHECK(ex_first_in(&x, "points", w, nw, &m) == 1 && !strcmp(m.rule->name, "hi") && m.start == x.d.lines[0].f0 + 4,
          "ex_first_in: the first rule by priority, at its first match");
    CHECK(ex_first_in(&x, "points", w + 1, 1, &m) == 1 && !strcmp(m.rule->name, "hi") && m.start > x.d.lines[4].f0,
          "... in the windows given only");
    CHECK(ex_first_in(&x, "label.lead", w, nw, &m) == 0, "a field without rules finds nothing");
    sg_doc_free(&x.d);
    rl_free(set);
}

int main(void)
{
    test_windows();
    test_search();
    return check_done();
}
