/* test_tiffdir.c — a TIFF's directory chain read once: pages, sizes and offsets in both byte orders and
 * in BigTIFF; loops, truncation and a missing chain refused by name; and each page decoded through
 * tiffdir_pix is the page Leptonica's own walk gives. */
#include "check.h"
#include "scan/tiffdir.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* Writes a TIFF of n pages (w[i] x h[i], ImageWidth as LONG, ImageLength as SHORT) to path; big: BigTIFF,
 * be: big-endian; next_of_last: the last directory's next offset (0, or a loop/garbage target). */
static void put(unsigned char *p, uint64_t v, int bytes, int be)
{
    for (int i = 0; i < bytes; i++)
        p[be ? bytes - 1 - i : i] = (unsigned char)(v >> (8 * i));
}

static void write_tiff(const char *path, int n, const long *w, const long *h, int big, int be, long next_of_last)
{
    unsigned char buf[4096];
    memset(buf, 0, sizeof buf);
    memcpy(buf, be ? "MM" : "II", 2);
    size_t pos;
    if (big) {
        put(buf + 2, 43, 2, be);
        put(buf + 4, 8, 2, be);
        put(buf + 8, 16, 8, be);
        pos = 16;
    } else {
        put(buf + 2, 42, 2, be);
        put(buf + 4, 8, 4, be);
        pos = 8;
    }
    int cb = big ? 8 : 2, es = big ? 20 : 12, ob = big ? 8 : 4, vo = big ? 12 : 8;
    for (int i = 0; i < n; i++) {
        size_t ifd = pos;
        put(buf + pos, 2, cb, be);
        pos += (size_t)cb;
        put(buf + pos, 256, 2, be), put(buf + pos + 2, 4, 2, be), put(buf + pos + 4, 1, big ? 8 : 4, be);
        put(buf + pos + vo, (uint64_t)w[i], 4, be);
        pos += (size_t)es;
        put(buf + pos, 257, 2, be), put(buf + pos + 2, 3, 2, be), put(buf + pos + 4, 1, big ? 8 : 4, be);
        put(buf + pos + vo, (uint64_t)h[i], 2, be);
        pos += (size_t)es;
        uint64_t next = i + 1 < n ? ifd + (size_t)cb + 2u * (size_t)es + (size_t)ob : (uint64_t)next_of_last;
        put(buf + pos, next, ob, be);
        pos += (size_t)ob;
    }
    FILE *f = fopen(path, "wb");
    fwrite(buf, 1, pos, f);
    fclose(f);
}

int main(void)
{
    long w[3] = { 100, 2480, 640 }, h[3] = { 200, 3508, 480 };
    tiffdir d;
    pp_err e;
    for (int big = 0; big <= 1; big++)
        for (int be = 0; be <= 1; be++) {
            write_tiff("t.tif", 3, w, h, big, be, 0);
            pp_err_clear(&e);
            int rc = tiffdir_read("t.tif", &d, &e);
            CHECK(rc == PP_OK && d.n == 3 && d.pages[0].w == 100 && d.pages[0].h == 200 && d.pages[1].w == 2480 &&
                      d.pages[1].h == 3508 && d.pages[2].w == 640 && d.pages[2].h == 480 && d.big_tiff == big &&
                      d.big_endian == be,
                  "3 pages, sizes read (%s, %s): %s", big ? "BigTIFF" : "classic", be ? "big-endian" : "little-endian",
                  e.msg);
            tiffdir_free(&d);
        }
    write_tiff("loop.tif", 2, w, h, 0, 0, 8);
    pp_err_clear(&e);
    CHECK(tiffdir_read("loop.tif", &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "page 3: the TIFF's directories loop back"),
          "a chain back to the first directory: %s", e.msg);
    write_tiff("past.tif", 1, w, h, 0, 0, 1000000);
    pp_err_clear(&e);
    CHECK(tiffdir_read("past.tif", &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "page 2: its directory is past the end"),
          "a next directory past the end: %s", e.msg);
    FILE *f = fopen("none.tif", "wb");
    fwrite("II*\0\0\0\0\0", 1, 8, f);
    fclose(f);
    pp_err_clear(&e);
    CHECK(tiffdir_read("none.tif", &d, &e) == PP_EXIT_INPUT && strstr(e.msg, "no pages found"), "no directory: %s", e.msg);
    pp_err_clear(&e);
    CHECK(tiffdir_read("check.h-does-not-exist", &d, &e) == PP_EXIT_INPUT, "a missing file: %s", e.msg);

    /* a real multi-page TIFF: every page through tiffdir_pix equals Leptonica's page i */
    const char *root = getenv("PARPLAN_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/samples/scans/plan-02-aged.tif", root ? root : ".");
    pp_err_clear(&e);
    if (tiffdir_read(path, &d, &e) == PP_OK) {
        CHECK(d.n == 3, "the sample TIFF has 3 pages (%zu)", d.n);
        for (size_t i = 0; i < d.n; i++) {
            PIX *a = tiffdir_pix(path, &d, i), *b = pixReadTiff(path, (l_int32)i);
            l_int32 same = 0;
            if (a && b)
                pixEqual(a, b, &same);
            CHECK(same && pixGetWidth(a) == d.pages[i].w && pixGetHeight(a) == d.pages[i].h,
                  "page %zu decoded as Leptonica's walk decodes it", i + 1);
            pixDestroy(&a);
            pixDestroy(&b);
        }
        tiffdir_free(&d);
    } else {
        CHECK(0, "reading %s: %s", path, e.msg);
    }
    return check_done();
}
