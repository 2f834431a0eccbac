/* test_json.c — JSON and CSV escaping: quotes, commas, newlines, markup and bad UTF-8; spreadsheet formulas neutralised. */
#include "check.h"
#include "core/csv.h"
#include "core/json.h"

#include <string.h>

int main(void)
{
    strbuf sb = STRBUF_INIT;
    char *arr[] = { "Sở A", "x<y", NULL };
    js_str_array(&sb, arr, 3);
    CHECK_STR(sb_str(&sb), "[\"Sở A\",\"x\\u003cy\",null]", "string array");
    sb_reset(&sb);
    js_str_array(&sb, arr, 0);
    CHECK_STR(sb_str(&sb), "[]", "empty string array");
    sb_reset(&sb);
    js_str(&sb, "a \"q\" <script>&\n\\ Sở");
    CHECK_STR(sb_str(&sb), "\"a \\\"q\\\" \\u003cscript\\u003e\\u0026\\n\\\\ Sở\"", "json string");
    sb_reset(&sb);
    js_strn(&sb, "x\xff\x01y", 4);
    CHECK_STR(sb_str(&sb), "\"x\\ufffd\\u0001y\"", "bad UTF-8 and control bytes");
    sb_reset(&sb);
    /* U+2028 escaped, other three-byte characters kept; a sequence cut short at the end, DEL */
    js_strn(&sb, "\xe2\x80\xa8 \xe2\x80\x93 \x7f\xe2\x80", 11);
    CHECK_STR(sb_str(&sb), "\"\\u2028 \xe2\x80\x93 \\u007f\\ufffd\\ufffd\"", "line separator, dash, DEL, cut sequence");
    sb_reset(&sb);
    /* the variant for text known to be valid writes the same bytes */
    {
        static const char *const valid[] = { "", "Sở Nội vụ", "a \"q\" <b>&\n\\ \t\x01\x7f", "\xe2\x80\xa8x\xe2\x80\xa9",
                                             "\xe2\x80\x93 \xe2\x82\xac 100% – đạt", "end \xe2\x80\xa8" };
        for (size_t k = 0; k < sizeof valid / sizeof valid[0]; k++) {
            strbuf a = STRBUF_INIT, b = STRBUF_INIT;
            js_strn(&a, valid[k], strlen(valid[k]));
            js_strn_valid(&b, valid[k], strlen(valid[k]));
            CHECK_STR(sb_str(&b), sb_str(&a), "js_strn_valid as js_strn (%zu)", k);
            sb_free(&a);
            sb_free(&b);
        }
    }
    js_int(&sb, 0);
    sb_addc(&sb, ' ');
    js_int(&sb, -42);
    sb_addc(&sb, ' ');
    js_int(&sb, (long long)(-9223372036854775807LL - 1));
    CHECK_STR(sb_str(&sb), "0 -42 -9223372036854775808", "integers");
    sb_reset(&sb);
    js_num(&sb, 0.5);
    sb_addc(&sb, ' ');
    js_num(&sb, 1e-7);
    sb_addc(&sb, ' ');
    js_num(&sb, 1.0 / 3);
    CHECK_STR(sb_str(&sb), "0.5 1e-07 0.3333333333333333", "shortest forms");
    sb_reset(&sb);
    js_str(&sb, NULL);
    CHECK_STR(sb_str(&sb), "null", "null");
    sb_reset(&sb);
    js_num(&sb, 83.99);
    sb_addc(&sb, ' ');
    js_num(&sb, 100);
    sb_addc(&sb, ' ');
    js_num(&sb, 0.1 + 0.2);
    CHECK_STR(sb_str(&sb), "83.99 100 0.30000000000000004", "numbers round-trip");
    sb_reset(&sb);
    csv_field(&sb, "plain", 1);
    csv_field(&sb, "a, b", 0);
    csv_field(&sb, "say \"hi\"", 0);
    csv_field(&sb, "two\nlines", 0);
    csv_field(&sb, NULL, 0);
    csv_end(&sb);
    CHECK_STR(sb_str(&sb), "plain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\r\n", "csv quoting");
    sb_reset(&sb);
    csv_text(&sb, "=HYPERLINK(\"x\")", 1);
    csv_text(&sb, "+1", 0);
    csv_text(&sb, "-2, 3", 0);
    csv_text(&sb, "@SUM(A1)", 0);
    csv_text(&sb, "\tx", 0);
    csv_text(&sb, "a=b", 0);
    csv_text(&sb, "", 0);
    csv_text(&sb, NULL, 0);
    csv_num(&sb, -4, 1, 0);
    CHECK_STR(sb_str(&sb), "\"'=HYPERLINK(\"\"x\"\")\",'+1,\"'-2, 3\",'@SUM(A1),'\tx,a=b,,,-4",
              "csv_text: formulas neutralised with a quote, other text and numbers as they are");
    sb_free(&sb);
    return check_done();
}
