/* test_csvread.c — reading CSV back: quoting, doubled quotes, fields over several lines (and the line each
 * record starts on), CRLF, LF and lone CR, a byte order mark, malformed records named by line; and the round
 * trip of csv_text's neutralised formulas (a value starting with = + - @ TAB or a quote reads back as it was). */
#include "check.h"
#include "core/csv.h"
#include "core/csvread.h"

#include <string.h>

int main(void)
{
    pp_err e;
    pp_err_clear(&e);
    strvec f = STRVEC_INIT;
    int line = 0;
    csvr r;
    static const char in[] = "\xef\xbb\xbf" "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3\rlast";
    csvr_init(&r, in, sizeof in - 1);
    CHECK(csvr_next(&r, &f, &line, &e) == 1 && f.n == 3 && !strcmp(f.v[0], "a") && line == 1, "header, BOM skipped");
    CHECK(csvr_next(&r, &f, &line, &e) == 1 && f.n == 3 && line == 2, "quoted record");
    CHECK_STR(f.v[0], "x, y", "comma inside quotes");
    CHECK_STR(f.v[1], "say \"hi\"", "doubled quotes");
    CHECK_STR(f.v[2], "two\nlines", "newline inside quotes");
    CHECK(csvr_next(&r, &f, &line, &e) == 1 && f.n == 3 && line == 4 && !*f.v[1], "empty field; line after a "
          "field of two lines is 4 (got %d)", line);
    CHECK(csvr_next(&r, &f, &line, &e) == 1 && f.n == 1 && line == 5 && !strcmp(f.v[0], "last"),
          "lone CR ends a record; last record without a line end");
    CHECK(csvr_next(&r, &f, &line, &e) == 0, "end");

    static const char bad1[] = "a,b\n1,x\"y\n";
    csvr_init(&r, bad1, sizeof bad1 - 1);
    CHECK(csvr_next(&r, &f, &line, &e) == 1, "good line");
    CHECK(csvr_next(&r, &f, &line, &e) == PP_EXIT_INPUT && strstr(e.msg, "line 2"), "quote in a bare field: %s",
          e.msg);
    pp_err_clear(&e);
    static const char bad2[] = "a\n\"open\nnever closed\n";
    csvr_init(&r, bad2, sizeof bad2 - 1);
    csvr_next(&r, &f, &line, &e);
    CHECK(csvr_next(&r, &f, &line, &e) == PP_EXIT_INPUT && strstr(e.msg, "line 2"), "unclosed quote: %s", e.msg);
    pp_err_clear(&e);
    static const char bad3[] = "\"a\"b,c\n";
    csvr_init(&r, bad3, sizeof bad3 - 1);
    CHECK(csvr_next(&r, &f, &line, &e) == PP_EXIT_INPUT && strstr(e.msg, "line 1"), "text after a quote: %s",
          e.msg);
    pp_err_clear(&e);

    /* csv_text, then read back and untexted: every value as it was */
    static const char *const vals[] = { "=HYPERLINK(\"http://x\")", "+1", "-2, 3", "@SUM(A1)", "\tx", "'quoted",
                                        "''two", "'=", "a=b", "plain", "", "Quý II/2025", NULL };
    strbuf sb = STRBUF_INIT;
    for (int i = 0; vals[i]; i++)
        csv_text(&sb, vals[i], i == 0);
    csv_end(&sb);
    csvr_init(&r, sb.buf, sb.len);
    CHECK(csvr_next(&r, &f, &line, &e) == 1, "round trip record: %s", e.msg);
    int n = 0;
    while (vals[n])
        n++;
    CHECK(f.n == (size_t)n, "%zu fields of %d", f.n, n);
    for (int i = 0; i < n && (size_t)i < f.n; i++) {
        CHECK_STR(csvr_untext(f.v[i]), vals[i], "round trip of value %d", i);
        CHECK(i >= 5 || f.v[i][0] == '\'', "formula %d neutralised in the file", i);
    }
    sb_free(&sb);
    sv_free(&f);
    return check_done();
}
