/* test_nz_text.c — one text through the normalize stage: NFC and the tone style, the folded key (with the
 * OCR confusions only for OCR text that was not restored), invalid UTF-8 refused, the share of marked
 * words, and restoration with the language model when it is built. */
#include "check.h"
#include "normalize/nz_text.h"
#include "text/viet.h"

#include <stdlib.h>
#include <string.h>

static void norm(const char *s, int ocr, const nz_opts *o, const lm_model *lm, const char *text, const char *key,
                 const char *what)
{
    nz_result r;
    int rc = nz_text(s, strlen(s), ocr, o, lm, 1, &r);
    CHECK(rc == 0, "%s: normalized", what);
    if (rc)
        return;
    CHECK_STR(r.text, text, "%s: text", what);
    CHECK(r.len == strlen(text), "%s: length", what);
    CHECK_STR(r.key, key, "%s: key", what);
    nz_result_free(&r);
    CHECK(r.text == NULL && r.key == NULL && r.conf.len == 0, "%s: freed", what);
}

int main(void)
{
    nz_opts old = { .style = VIET_STYLE_OLD, .from = -1 }, neu = { .style = VIET_STYLE_NEW, .from = -1 };
    norm("Hoà bình, thuỷ lợi", 0, &old, NULL, "Hòa bình, thủy lợi", "hoa binh, thuy loi", "old tone style");
    norm("Hòa bình, thủy lợi", 0, &neu, NULL, "Hoà bình, thuỷ lợi", "hoa binh, thuy loi", "new tone style");
    norm("Vie\xcc\xa3\xcc\x82t", 0, &old, NULL, "Việt", "viet", "stacked marks composed in order (NFC)");
    norm("Đơn vị chủ trì", 0, &old, NULL, "Đơn vị chủ trì", "don vi chu tri", "đ folds to d");

    nz_result r;
    CHECK(nz_text("A\xff" "B", 3, 0, &old, NULL, 1, &r) == -1 && r.text == NULL, "invalid UTF-8 refused");

    CHECK(nz_marked_share("", 0) == 0, "no words: share 0");
    CHECK(nz_marked_share("abc def", 7) == 0, "unmarked words: share 0");
    const char *vn = "Việt Nam";
    CHECK(nz_marked_share(vn, strlen(vn)) == 0.5, "one word of two marked: %.2f", nz_marked_share(vn, strlen(vn)));
    const char *typed = "Quyết định về việc phê duyệt";
    CHECK(nz_marked_share(typed, strlen(typed)) > NZ_CLEAN_SHARE, "typed Vietnamese is clean text");

    /* Restoration needs the model make builds. */
    const char *build = getenv("PARPLAN_BUILD") ? getenv("PARPLAN_BUILD") : "build/release";
    char path[4096];
    snprintf(path, sizeof path, "%s/lm/vi.lm", build);
    lm_model *lm = NULL;
    pp_err e;
    pp_err_clear(&e);
    if (lm_open(path, &lm, &e) == PP_OK) {
        nz_opts rs = old;
        rs.restore = 1;
        const char *bare = "Quyet dinh ve viec phe duyet ke hoach";
        CHECK(nz_text(bare, strlen(bare), 0, &rs, lm, 1, &r) == 0, "restores");
        CHECK(r.restored == 1 && r.changed > 0, "restored, %d syllables changed", r.changed);
        CHECK(strstr(r.text, "Quyết định") != NULL, "marks restored: %s", r.text);
        CHECK(r.conf.len > 2 && sb_str(&r.conf)[0] == '[', "syllable confidences as JSON: %.40s", sb_str(&r.conf));
        CHECK_STR(r.key, "quyet dinh ve viec phe duyet ke hoach", "the key of the restored text");
        nz_result_free(&r);
        CHECK(nz_text(bare, strlen(bare), 0, &rs, lm, 0, &r) == 0 && !r.restored && !strcmp(r.text, bare),
              "not restored when restoration is not wanted for the page");
        nz_result_free(&r);
        lm_close(lm);
    } else {
        CHECK(1, "# no language model at %s: restoration not checked", path);
    }
    return check_done();
}
