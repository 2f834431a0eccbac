/* test_unorm.c — syllable parsing, tone placement (old/new), stacked marks, look-alikes, invisible
 * characters, and NFC of everything else. */
#include "check.h"
#include "core/strbuf.h"
#include "text/unorm.h"
#include "text/viet.h"

#include <time.h>
#include <utf8proc.h>

static void norm(const char *in, int style, const char *want)
{
    char *got = unorm_text(in, strlen(in), style, NULL);
    CHECK_STR(got, want, "normalize (%s) \"%s\"", style ? "new" : "old", in);
    free(got);
}

static void test_tone_style(void)
{
    norm("hoà thuỷ uỷ ban khoẻ", VIET_STYLE_OLD, "hòa thủy ủy ban khỏe");
    norm("hòa thủy ủy ban khỏe", VIET_STYLE_NEW, "hoà thuỷ uỷ ban khoẻ");
    norm("Hoà Bình, QUÝ, quý, giữ, mùa, người, rượu, khuyến, hoàn, huýt", VIET_STYLE_OLD,
         "Hòa Bình, QUÝ, quý, giữ, mùa, người, rượu, khuyến, hoàn, huýt");
    norm("Hòa Bình, mùa, tài, xoáy, khuỷu, gì", VIET_STYLE_NEW, "Hoà Bình, mùa, tài, xoáy, khuỷu, gì");
    norm("THUỶ LỢI", VIET_STYLE_OLD, "THỦY LỢI");
    norm("hoà", VIET_STYLE_NEW, "hoà");
}

static void test_marks(void)
{
    norm("a\xCC\x81\xCC\x82", VIET_STYLE_OLD, "ấ");                 /* tone before the circumflex */
    norm("Vie\xCC\x81\xCC\x82t Nam", VIET_STYLE_OLD, "Viết Nam");
    norm("ngu\xCC\x9Bo\xCC\x9B\xCC\x80i", VIET_STYLE_OLD, "người");   /* fully decomposed */
    norm("ho\xCC\x80" "a", VIET_STYLE_OLD, "hòa");
    norm("ho" "a\xCC\x80", VIET_STYLE_OLD, "hòa");                  /* tone on the wrong vowel moves */
    norm("\xC3\x90i\xE1\xBB\x81u 1", VIET_STYLE_OLD, "Điều 1");     /* Ð U+00D0 -> Đ */
    norm("x\xE2\x80\x8By\xC2\xAD" "z\x01", VIET_STYLE_OLD, "xyz");  /* zero-width, soft hyphen, control */
    norm("line1\nline2\ttab", VIET_STYLE_OLD, "line1\nline2\ttab");
    norm("café résumé naïve", VIET_STYLE_OLD, "café résumé naïve"); /* not Vietnamese: only NFC */
    norm("cafe\xCC\x81", VIET_STYLE_OLD, "café");
    CHECK(unorm_text("\xFF", 1, 0, NULL) == NULL, "invalid UTF-8 refused");
}

static void test_syllables(void)
{
    static const struct { const char *w; int valid; } cases[] = {
        { "nghiêng", 1 }, { "được", 1 }, { "của", 1 }, { "quyết", 1 }, { "gì", 1 }, { "giữ", 1 },
        { "khuya", 1 }, { "Đơn", 1 }, { "hóa", 1 }, { "tháp", 1 },
        { "tàp", 0 },  /* stop final with a grave tone */
        { "ă", 0 }, { "plan", 0 }, { "str", 0 }, { "dđ", 0 }, { "Ñ", 0 }, { "xyz", 0 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int32_t cps[32];
        size_t n = 0;
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)cases[i].w;
        utf8proc_ssize_t k;
        utf8proc_int32_t c;
        while (*p && (k = utf8proc_iterate(p, -1, &c)) > 0) {
            cps[n++] = c;
            p += k;
        }
        viet_syl s;
        int ok = viet_parse(cps, n, &s) == 0 && viet_valid(&s);
        CHECK(ok == cases[i].valid, "\"%s\" is %s", cases[i].w, cases[i].valid ? "valid" : "not valid");
    }
}

/* UAX #15 stream-safe: a grapheme joiner after every 30 marks in a row, none in ordinary text; a 1 MB run
 * of marks normalizes in linear time (it never finished: utf8proc orders a run by a bubble sort). */
static void test_stream_safe(void)
{
    size_t n;
    CHECK(unorm_stream_safe("Việt Nam", strlen("Việt Nam"), &n) == NULL, "no run of marks: no copy");
    strbuf in = STRBUF_INIT;
    sb_adds(&in, "a");
    for (int i = 0; i < 61; i++)
        sb_adds(&in, "\xCC\x81"); /* U+0301 */
    char *out = unorm_stream_safe(in.buf, in.len, &n);
    int cgj = 0;
    for (size_t i = 0; out && i + 1 < n; i++)
        cgj += (unsigned char)out[i] == 0xCD && (unsigned char)out[i + 1] == 0x8F; /* U+034F */
    CHECK(out && cgj == 2 && n == in.len + 4, "61 marks: a joiner after the 30th and the 60th (%d)", cgj);
    free(out);
    sb_reset(&in);
    sb_adds(&in, "a");
    for (int i = 0; i < 170000; i++)
        sb_adds(&in, "\xCC\x81\xCC\xA3\xCC\x80"); /* acute, dot below, grave: out of canonical order */
    clock_t t0 = clock();
    char *big = unorm_text(in.buf, in.len, VIET_STYLE_OLD, &n);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(big && secs < 5, "1 MB of one letter's marks normalized in %.2f s", secs);
    free(big);
    sb_free(&in);
}

int main(void)
{
    test_stream_safe();
    test_tone_style();
    test_marks();
    test_syllables();
    return check_done();
}
