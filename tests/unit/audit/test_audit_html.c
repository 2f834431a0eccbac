/* test_audit_html.c — the report's escaping: markup, quotes and control characters from the database
 * come out inert; invalid UTF-8 is replaced; spans are marked by code point, not byte. */
#include "audit/audit_html.h"
#include "check.h"

static char *esc(const char *s)
{
    strbuf sb = STRBUF_INIT;
    ah_esc(&sb, s);
    return sb_detach(&sb, NULL);
}

int main(void)
{
    char *s = esc("<script>alert(\"x\")</script> & 'q', a\nb");
    CHECK_STR(s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;, a\nb", "markup escaped");
    free(s);
    s = esc("a\x01\x7f" "b\xff\xc3\x28");
    CHECK_STR(s, "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd(", "controls and invalid UTF-8 replaced");
    free(s);
    s = esc("\xc0\xaf");
    CHECK_STR(s, "\xef\xbf\xbd\xef\xbf\xbd", "overlong form replaced");
    free(s);
    s = esc("Quý I năm 2024");
    CHECK_STR(s, "Quý I năm 2024", "Vietnamese kept");
    free(s);
    strbuf sb = STRBUF_INIT;
    ah_esc_marked(&sb, "Hoàn thành 100% <b>", 5, 10);
    CHECK_STR(sb_str(&sb), "Hoàn <mark>thành</mark> 100% &lt;b&gt;", "span by code points");
    sb_reset(&sb);
    ah_esc_marked(&sb, "abc", 1, -1);
    CHECK_STR(sb_str(&sb), "a<mark>bc</mark>", "span to the end of the line");
    sb_free(&sb);
    return check_done();
}
