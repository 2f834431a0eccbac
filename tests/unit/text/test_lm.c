/* test_lm.c — the restoration model: loading (and refusing damaged files), OCR confusions, and the
 * issue's figure: strip every diacritic from an administrative passage the model was not trained on
 * (tests/data/normalize/passage.txt), restore it, and count the syllables that come back exactly
 * (printed as a REPORT line; at least 95 %). */
#include "check.h"
#include "text/lm.h"
#include "text/unorm.h"
#include "text/viet.h"

#include <utf8proc.h>

/* Removes diacritics but keeps case: what typing without a Vietnamese keyboard gives. */
static char *strip(const char *s)
{
    utf8proc_uint8_t *o = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0,
                                      &o, UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
    if (n < 0)
        return NULL;
    char *r = malloc((size_t)n + 1);
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; i < n; i++) {
        if (o[i] == 0xC4 && i + 1 < n && (o[i + 1] == 0x91 || o[i + 1] == 0x90)) { /* đ Đ */
            r[k++] = o[i + 1] == 0x91 ? 'd' : 'D';
            i++;
        } else {
            r[k++] = (char)o[i];
        }
    }
    r[k] = '\0';
    free(o);
    return r;
}

static int is_letter_byte(char c)
{
    return (unsigned char)c >= 0x80 || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Counts words equal in a and b (both cut at the same non-letter boundaries). */
static void compare(const char *a, const char *b, int *same, int *total)
{
    *same = *total = 0;
    const char *p = a, *q = b;
    while (*p && *q) {
        while (*p && !is_letter_byte(*p))
            p++;
        while (*q && !is_letter_byte(*q))
            q++;
        if (!*p || !*q)
            break;
        size_t la = 0, lb = 0;
        while (p[la] && is_letter_byte(p[la]))
            la++;
        while (q[lb] && is_letter_byte(q[lb]))
            lb++;
        (*total)++;
        if (la == lb && !memcmp(p, q, la))
            (*same)++;
        else if (getenv("LM_VERBOSE"))
            printf("# %.*s -> %.*s\n", (int)la, p, (int)lb, q);
        p += la;
        q += lb;
    }
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static char *restore(const lm_model *m, const char *s, int flags)
{
    size_t len;
    return lm_restore(m, s, strlen(s), flags, VIET_STYLE_OLD, &len, NULL, NULL);
}

int main(void)
{
    const char *root = getenv("PARPLAN_ROOT") ? getenv("PARPLAN_ROOT") : ".";
    const char *build = getenv("PARPLAN_BUILD") ? getenv("PARPLAN_BUILD") : "build/release";
    char path[4096], data[4096];
    snprintf(path, sizeof path, "%s", getenv("PARPLAN_LM") ? getenv("PARPLAN_LM") : "");
    if (!path[0])
        snprintf(path, sizeof path, "%s/lm/vi.lm", build);
    snprintf(data, sizeof data, "%s/tests/data/normalize/passage.txt", root);
    lm_model *m;
    pp_err e;
    pp_err_clear(&e);
    if (lm_open(path, &m, &e) != PP_OK)
        SKIP_ALL("no language model (make builds it into BUILD/lm/vi.lm)");
    CHECK(lm_size(m) > 5000, "model knows %zu syllables", lm_size(m));
    CHECK(lm_find(m, "được") != 0 && lm_find(m, "xyz") == 0, "syllable lookup");
    CHECK(lm_logp(m, lm_find(m, "ủy"), lm_find(m, "ban")) > lm_logp(m, lm_find(m, "ủy"), lm_find(m, "bán")),
          "ủy ban is likelier than ủy bán");

    pp_err e2;
    pp_err_clear(&e2);
    lm_model *bad;
    CHECK(lm_open("/nonexistent/vi.lm", &bad, &e2) == PP_EXIT_ENV, "missing model: %s", e2.msg);
    pp_err_clear(&e2);
    CHECK(lm_open(data, &bad, &e2) == PP_EXIT_INPUT, "not a model: %s", e2.msg);

    char *r = restore(m, "Uy ban nhan dan tinh ban hanh ke hoach", 0);
    CHECK_STR(r, "Ủy ban nhân dân tỉnh ban hành kế hoạch", "restores a stripped sentence");
    free(r);
    r = restore(m, "PON VI CHU TRI", LM_OCR);
    CHECK_STR(r, "ĐƠN VỊ CHỦ TRÌ", "P for Đ, upper case kept");
    free(r);
    r = restore(m, "ciia Uy ban, dwgc giao, nha nudc, t6 chirc", LM_OCR);
    CHECK_STR(r, "của Ủy ban, được giao, nhà nước, tổ chức", "OCR confusions: ciia dwgc nudc t6 chirc");
    free(r);
    /* numbers are never syllables, whatever the OCR folds make of a lone digit (seed 000: "0.5" read "ở.5") */
    r = restore(m, "dat toi da 0.5 diem, dat 4.2 diem tren tong 5 diem nam 2023", LM_OCR);
    CHECK(r && strstr(r, " 0.5 ") && strstr(r, " 4.2 ") && strstr(r, " 5 ") && strstr(r, " 2023"),
          "numbers kept as written in OCR text: %s", r ? r : "(null)");
    free(r);
    r = restore(m, "Đơn vị chủ trì", 0);
    CHECK_STR(r, "Đơn vị chủ trì", "text with its diacritics is left alone");
    free(r);
    size_t nw = 0, len;
    lm_word *w = NULL;
    r = lm_restore(m, "hoa binh", 9, 0, VIET_STYLE_NEW, &len, &w, &nw);
    CHECK(nw == 2 && w[0].conf > 0 && w[0].conf <= 1 && w[0].changed, "per-word confidence and change flags");
    free(r);
    free(w);

    /* LM_VIE: the vie model's dropped tone marks and é for ế, only where the model is sure */
    r = restore(m, "Giây phép và quyên của Sở Công Thương. Quyét định điêu chỉnh. QUYÉT ĐỊNH", LM_VIE);
    CHECK_STR(r, "Giấy phép và quyền của Sở Công Thương. Quyết định điều chỉnh. QUYẾT ĐỊNH",
              "vie channel: Giây quyên Quyét điêu QUYÉT");
    free(r);
    const char *clean = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; hai mươi người "
                        "đến dự, đôi khi vắng; Sở Nội vụ theo dõi, đôn đốc.";
    r = restore(m, clean, LM_VIE);
    CHECK_STR(r, clean, "vie channel: clean text (mươi, đôi, đôn) left alone");
    free(r);
    /* never a number or a code, nor a word touching one; only tone and ê losses, never other letters */
    r = restore(m, "Số 2507/GP-UBND; sô12 giây/quyên; Nghi dinh so 12", LM_VIE);
    CHECK_STR(r, "Số 2507/GP-UBND; sô12 giây/quyên; Nghi dinh so 12", "vie channel: codes and bare ASCII kept");
    free(r);
    /* a word kept is written as read, byte for byte, whatever its case */
    r = restore(m, "ThÀnh PHỐ, hoà bình", LM_VIE);
    CHECK_STR(r, "ThÀnh PHỐ, hoà bình", "vie channel: words kept are the input's bytes");
    free(r);
    nw = 0;
    w = NULL;
    const char *vie_in = "Giây phép số 12";
    r = lm_restore(m, vie_in, strlen(vie_in), LM_VIE, VIET_STYLE_OLD, &len, &w, &nw);
    CHECK(r && nw == 3 && w[0].changed && w[0].conf >= 0.9f && !w[1].changed && !w[2].changed &&
              w[0].off == 0 && w[0].len == strlen("Giấy"),
          "vie channel: each word listed, the change flagged with its confidence (%zu words)", nw);
    free(r);
    free(w);

    /* lm_render's upper-casing of the model's own strings is what viet_render writes, for every syllable */
    int rendered = 0;
    for (uint32_t id = 1; id <= lm_size(m); id++)
        for (int up = LM_CASE_LOWER; up <= LM_CASE_UPPER; up++) {
            const char *str = lm_str(m, id);
            viet_syl syl;
            int32_t cps[4 * VIET_MAX];
            size_t k = 0;
            for (size_t i = 0, sl = strlen(str); i < sl && k < 4 * VIET_MAX;) {
                utf8proc_int32_t c;
                utf8proc_ssize_t l = utf8proc_iterate((const utf8proc_uint8_t *)str + i, (utf8proc_ssize_t)(sl - i), &c);
                if (l < 0)
                    break;
                cps[k++] = c;
                i += (size_t)l;
            }
            char want[8 * VIET_MAX + 1], got[8 * VIET_MAX + 1];
            if (viet_parse(cps, k, &syl) != 0)
                continue;
            syl.upper = up == LM_CASE_UPPER ? (1u << syl.n) - 1 : up == LM_CASE_TITLE ? 1u : 0u;
            viet_render(&syl, VIET_STYLE_OLD, want);
            if (lm_render(m, id, up, VIET_STYLE_OLD, got) == 0 || strcmp(want, got) != 0) {
                CHECK(0, "lm_render of %s in case %d: %s, viet_render: %s", str, up, got, want);
                break;
            }
            rendered++;
        }
    CHECK(rendered == 3 * (int)lm_size(m), "every syllable renders in three cases as viet_render does (%d)", rendered);

    const char *passage = slurp(data);
    CHECK(passage != NULL, "read %s", data);
    if (passage) {
        char *ref = unorm_text(passage, strlen(passage), VIET_STYLE_OLD, NULL);
        char *plain = strip(ref);
        char *back = restore(m, plain, 0);
        int same, total;
        compare(ref, back, &same, &total);
        double acc = total ? 100.0 * same / total : 0;
        printf("REPORT restore stripped passage: %d/%d syllables exact (%.1f %%)\n", same, total, acc);
        CHECK(total > 250 && acc >= 95.0, "restored %.1f %% of %d syllables (>= 95)", acc, total);
        free(ref);
        free(plain);
        free(back);
    }
    lm_close(m);
    return check_done();
}
