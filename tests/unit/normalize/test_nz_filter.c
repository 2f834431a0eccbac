/* test_nz_filter.c — filter mode over streams: a legacy encoding detected and decoded, --from honoured, and
 * input that does not decode refused with exit 3 (its message goes to stderr). */
#include "check.h"
#include "normalize/nz_filter.h"
#include "text/encodings.h"
#include "text/viet.h"

#include <iconv.h>
#include <stdio.h>
#include <string.h>

/* UTF-8 -> CP1258 with the C library's iconv; 0 when it cannot. */
static size_t to_cp1258(const char *s, char *out, size_t size)
{
    iconv_t cd = iconv_open("CP1258", "UTF-8");
    if (cd == (iconv_t)-1)
        return 0;
    char *in = (char *)s, *o = out;
    size_t inleft = strlen(s), outleft = size;
    size_t rc = iconv(cd, &in, &inleft, &o, &outleft);
    iconv_close(cd);
    return rc == (size_t)-1 || inleft ? 0 : size - outleft;
}

/* Runs nz_filter over `in` (n bytes); the output in out (NUL-terminated). */
static int filter(const char *in, size_t n, const nz_opts *o, char *out, size_t size)
{
    FILE *fi = tmpfile(), *fo = tmpfile();
    if (!fi || !fo)
        return -1;
    fwrite(in, 1, n, fi);
    rewind(fi);
    int rc = nz_filter(fi, fo, o, NULL);
    rewind(fo);
    size_t k = fread(out, 1, size - 1, fo);
    out[k] = '\0';
    fclose(fi);
    fclose(fo);
    return rc;
}

int main(void)
{
    char out[4096];
    nz_opts o = { .style = VIET_STYLE_OLD, .from = -1, .quiet = 1 };
    const char *utf8 = "Hoà bình\n";
    CHECK(filter(utf8, strlen(utf8), &o, out, sizeof out) == PP_OK, "UTF-8 in");
    CHECK_STR(out, "Hòa bình\n", "normalized out");

    /* A sentence in CP1258 (made with iconv, as the e2e test does), detected without --from. */
    const char *plain = "Quyết định về việc phê duyệt kế hoạch phát triển kinh tế xã hội của tỉnh.\n";
    char cp[512];
    size_t cplen = to_cp1258(plain, cp, sizeof cp);
    if (cplen) {
        CHECK(filter(cp, cplen, &o, out, sizeof out) == PP_OK, "CP1258 in");
        CHECK_STR(out, plain, "CP1258 detected and decoded");
    } else {
        CHECK(1, "# iconv has no CP1258: detection not checked");
    }

    nz_opts viqr = o;
    viqr.from = ENC_VIQR;
    const char *vq = "Vie^.t Nam\n";
    CHECK(filter(vq, strlen(vq), &viqr, out, sizeof out) == PP_OK, "--from viqr");
    CHECK_STR(out, "Việt Nam\n", "VIQR decoded");

    /* 0x81 has no character in CP1258 (UTF-8 is decoded leniently, so it cannot be the example) */
    nz_opts c = o;
    c.from = ENC_CP1258;
    CHECK(filter("A\x81" "B", 3, &c, out, sizeof out) == PP_EXIT_INPUT && out[0] == '\0',
          "input that does not decode: exit 3, nothing written");
    return check_done();
}
