/* test_json.c — JSON and CSV escaping: quotes, commas, newlines, markup and bad UTF-8. */
#include "check.h"
#include "csv.h"
#include "json.h"

int main(void)
{
    strbuf sb = STRBUF_INIT;
    js_str(&sb, "a \"q\" <script>&\n\\ Sở");
    CHECK_STR(sb_str(&sb), "\"a \\\"q\\\" \\u003cscript\\u003e\\u0026\\n\\\\ Sở\"", "json string");
    sb_reset(&sb);
    js_strn(&sb, "x\xff\x01y", 4);
    CHECK_STR(sb_str(&sb), "\"x\\ufffd\\u0001y\"", "bad UTF-8 and control bytes");
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
    sb_free(&sb);
    return check_done();
}
