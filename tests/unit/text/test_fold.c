/* test_fold.c — folding for matching: diacritics, đ, case, OCR confusions (positive and negative), the
 * offset map, invalid UTF-8 and the ASCII fast path's speed. */
#include "check.h"
#include "text/fold.h"

#include <time.h>

static void plain(const char *in, const char *want)
{
    char *got = fold_dup(in, strlen(in), FOLD_PLAIN);
    CHECK_STR(got, want, "plain fold of \"%s\"", in);
    free(got);
}

static void ocr(const char *in, const char *want)
{
    char *got = fold_dup(in, strlen(in), FOLD_OCR);
    CHECK_STR(got, want, "OCR fold of \"%s\"", in);
    free(got);
}

static void test_plain(void)
{
    plain("Đơn vị chủ trì", "don vi chu tri");
    plain("ĐƠN VỊ CHỦ TRÌ", "don vi chu tri");
    plain("\xC3\x90i\xE1\xBB\x81u 5", "dieu 5"); /* Icelandic Ð U+00D0 for Đ */
    plain("Quyết định số 123/QĐ-UBND ngày 01/02/2020.", "quyet dinh so 123/qd-ubnd ngay 01/02/2020.");
    plain("hoà hòa thuỷ thủy", "hoa hoa thuy thuy");
    plain("a\xCC\x81\xCC\x82", "a");                /* decomposed marks are stripped too */
    plain("x\xE2\x80\x8By", "xy");                   /* zero-width space dropped */
    plain("a\xC2\xA0" "b", "a b");                     /* no-break space */
    plain("s6 t6i Ph\xC3\xB2ng", "s6 t6i phong");     /* no OCR rules in plain mode */
    plain("“x” – y", "“x” – y");                     /* quotes and dashes stay in plain mode */
    plain("", "");
}

static void test_ocr(void)
{
    ocr("PON VI CHU TRI", "don vi chu tri");
    ocr("PIEU 3", "dieu 3");
    ocr("PAO TAO", "dao tao");
    ocr("Piều 5", "dieu 5");
    ocr("Phòng Tài chính", "phong tai chinh");        /* Ph is a real onset */
    ocr("PAR PAPI PCI POS", "par papi pci pos");        /* not Vietnamese with d either */
    ocr("PA PIN", "pa pin");                            /* listed real P words */
    ocr("pon", "pon");                                  /* only the upper-case P stands for Đ */
    ocr("s6 t6i c0ng 1inh d6", "so toi cong linh do");
    ocr("thu6c", "thuoc");
    ocr("2020 K10 A1 B6 S6 P601", "2020 k10 a1 b6 s6 p601"); /* codes and numbers survive */
    ocr("Iinh", "iinh");                                /* I for l is not folded */
    ocr("T6I", "toi");                                  /* two upper-case letters are enough */
    ocr("¢ông €m", "cong em");
    ocr("“Kế hoạch” – ‘x’", "\"ke hoach\" - 'x'");
    ocr("a\xE2\x80\x89" "b", "a b");                    /* thin space */
}

static void test_map(void)
{
    const char *in = "Đơn vị: x";
    pp_fold f;
    CHECK(fold_text(in, strlen(in), FOLD_PLAIN, &f) == 0, "fold_text ok");
    CHECK_STR(f.s, "don vi: x", "folded text");
    CHECK(f.len == 9, "folded length %zu", f.len);
    size_t want[] = { 0, 2, 4, 5, 6, 7, 10, 11, 12, 13 }; /* Đ=2 bytes, ơ=2, ị=3 */
    int same = 1;
    for (size_t i = 0; i <= f.len; i++)
        if (f.map[i] != want[i])
            same = 0;
    CHECK(same, "map points each folded byte at its original character");
    /* a match in the folded text cuts the right bytes out of the original */
    const char *hit = strstr(f.s, "vi");
    size_t a = f.map[hit - f.s], b = f.map[hit - f.s + 2];
    CHECK(b - a == 4 && memcmp(in + a, "vị", 4) == 0, "match \"vi\" maps back to \"vị\"");
    fold_free(&f);

    const char *ex = "ß"; /* one character, two folded bytes */
    CHECK(fold_text(ex, strlen(ex), FOLD_OCR, &f) == 0 && f.len == 2 && f.map[0] == 0 && f.map[1] == 0 &&
              f.map[2] == 2, "expansions map every byte to the same original");
    fold_free(&f);
}

static void test_invalid(void)
{
    pp_fold f;
    CHECK(fold_text("ab\xC3", 3, FOLD_PLAIN, &f) == -1, "truncated sequence refused");
    CHECK(fold_text("\xED\xA0\x80", 3, FOLD_OCR, &f) == -1, "surrogate refused");
    CHECK(fold_text("\xC0\xAF", 2, FOLD_PLAIN, &f) == -1, "overlong refused");
    CHECK(fold_dup("\xFF", 1, FOLD_PLAIN) == NULL, "fold_dup returns NULL on invalid input");
    fold_free(&f);
    CHECK(fold_text("a\0b", 3, FOLD_PLAIN, &f) == 0 && f.len == 3 && f.s[1] == '\0', "embedded NUL kept");
    fold_free(&f);
    /* the inline decoder keeps utf8proc's rules */
    static const char *const bad[] = { "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                                       "x\x80", "\xC3\x41", "\xE1\xBB", "ab\xF0\x9F\x98", "\xC1\xBF", NULL };
    for (int k = 0; bad[k]; k++)
        CHECK(fold_text(bad[k], strlen(bad[k]), k & 1, &f) == -1 && !f.s && !f.map, "invalid sequence %d refused", k);
    static const char *const good[] = { "\xE0\xA0\x80", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x90\x80\x80",
                                        "\xF4\x8F\xBF\xBF", "\xEF\xBF\xBF", NULL };
    for (int k = 0; good[k]; k++) {
        CHECK(fold_text(good[k], strlen(good[k]), k & 1, &f) == 0 && f.map[f.len] == strlen(good[k]),
              "valid edge sequence %d folded", k);
        fold_free(&f);
    }
}

/* Characters that fold longer than they are (½ -> 1⁄2, U+FDFA -> an Arabic phrase) grow the buffers:
 * many of them in a row, between ASCII, keep the text and the map right. */
static void test_grow(void)
{
    static const char *const units[] = { "\xC2\xBD", "\xEF\xB7\xBA", "a\xC2\xBD-" };
    for (int u = 0; u < 3; u++) {
        pp_fold one;
        size_t ul = strlen(units[u]);
        CHECK(fold_text(units[u], ul, FOLD_OCR, &one) == 0 && one.len > ul, "unit %d folds longer", u);
        size_t reps = 500, n = reps * ul;
        char *in = malloc(n);
        if (!in) { CHECK(0, "malloc"); return; }
        for (size_t r = 0; r < reps; r++)
            memcpy(in + r * ul, units[u], ul);
        pp_fold f;
        int ok = fold_text(in, n, FOLD_OCR, &f) == 0 && f.len == reps * one.len && f.map[f.len] == n;
        for (size_t i = 0; ok && i < f.len; i++)
            ok = f.s[i] == one.s[i % one.len] && f.map[i] == (i / one.len) * ul + one.map[i % one.len];
        CHECK(ok, "%zu expanding units %d in a row fold and map like one", reps, u);
        fold_free(&f);
        fold_free(&one);
        free(in);
    }
}

/* The OCR pass looks only at words with a digit or a P: such words anywhere in a long text, at its
 * start and end, next to P words that stay. */
static void test_ocr_scan(void)
{
    ocr("Ph\xC3\xB2ng ph\xC3\xA1t tri\xE1\xBB\x83n 2020 PA s6 PON", "phong phat trien 2020 pa so don");
    ocr("PON", "don");
    ocr("x s6", "x so");
    ocr("aPON t6", "apon to");                  /* P inside a word is left */
    ocr("Ph\xC3\xB2ng, PIEU 12, c0ng vi\xE1\xBB\x87" "c t6i \xC4\x91\xC3\xA2y; PIN 6 p6n",
        "phong, dieu 12, cong viec toi day; pin 6 pon");
}

/* Page-sized inputs, as the stages fold them: 1 MB folded 64 times after a warm-up call. */
static void test_speed(void)
{
    const char *unit = "Ke hoach thuc hien nam 2021 cua UBND tinh, Đơn vị chủ trì: Sở Tài chính. ";
    size_t ul = strlen(unit), n = 0, want = 1u << 20;
    char *buf = malloc(want + ul);
    if (!buf) { CHECK(0, "malloc"); return; }
    while (n < want) { memcpy(buf + n, unit, ul); n += ul; }
    for (int flags = 0; flags < 2; flags++) {
        pp_fold f;
        int rc = fold_text(buf, n, flags, &f);
        fold_free(&f);
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int k = 0; k < 64 && rc == 0; k++) {
            rc = fold_text(buf, n, flags, &f);
            fold_free(&f);
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double mbs = 64.0 * (double)n / 1e6 / s;
        /* sanitizer and valgrind builds are slow by design: there the speed is shown, not required */
        int instrumented = getenv("PARPLAN_SANITIZE") || getenv("PARPLAN_VALGRIND");
        CHECK(rc == 0 && (instrumented || mbs >= 50.0), "%s fold of ASCII-heavy text at %.0f MB/s (>= 50)",
              flags ? "OCR" : "plain", mbs);
    }
    free(buf);
}

int main(void)
{
    test_plain();
    test_ocr();
    test_map();
    test_invalid();
    test_grow();
    test_ocr_scan();
    test_speed();
    return check_done();
}
