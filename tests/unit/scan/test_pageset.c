/* test_pageset.c — page sets (pageset.c): files NAME-pN.EXT / NAME_pN.EXT group into one document per NAME
 * and directory (others stay as they are), a directory's images into one; a set's source resolves to its
 * files in natural order (p2 before p10), images only; the hash is the same for the same files and changes
 * with a page. */
#include "check.h"
#include "scan/pageset.h"

#include <sys/stat.h>
#include <unistd.h>

static void put(const char *path, const char *bytes)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fputs(bytes, f);
        fclose(f);
    }
}

int main(void)
{
    char tmpl[] = "/tmp/test_pageset.XXXXXX";
    char *dir = mkdtemp(tmpl);
    if (!dir)
        SKIP_ALL("no temporary directory");
    char path[256];
    const char *names[] = { "scan-p10.png", "scan-p2.png", "scan-p1.png", "other_p1.jpg", "notes.txt",
                            "scan-p3.pdf", "plain.png" };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        put(path, names[i]);
    }

    strvec in = STRVEC_INIT, out = STRVEC_INIT;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        sv_push(&in, path);
    }
    pset_group(&in, 0, &out);
    CHECK(out.n == 5, "7 files, 2 sets by name: %zu documents", out.n);
    char want[256];
    snprintf(want, sizeof want, "%s/scan-p*", dir);
    CHECK_STR(out.n ? out.v[0] : NULL, want, "the set named by its first file's place");
    snprintf(want, sizeof want, "%s/other_p*", dir);
    CHECK_STR(out.n > 1 ? out.v[1] : NULL, want, "NAME_pN too");
    CHECK(out.n == 5 && strstr(out.v[2], "notes.txt") && strstr(out.v[3], "scan-p3.pdf") && strstr(out.v[4], "plain.png"),
          "text, PDF and unnumbered files stay documents");
    CHECK(pset_is_source(out.v[0]) && !pset_is_source(in.v[4]), "a pattern is a set's source, a file is not");

    strvec files = STRVEC_INIT;
    pp_err e;
    pp_err_clear(&e);
    CHECK(pset_files(out.v[0], &files, &e) == PP_OK && files.n == 3, "three pages: %zu %s", files.n, e.msg);
    CHECK(files.n == 3 && strstr(files.v[0], "scan-p1.png") && strstr(files.v[1], "scan-p2.png") &&
              strstr(files.v[2], "scan-p10.png"), "natural order: p1, p2, p10");
    char h1[PP_HASH_HEX], h2[PP_HASH_HEX];
    size_t bytes = 0;
    CHECK(pset_hash(&files, h1, &bytes, &e) == PP_OK && bytes == 34,
          "hash over the files, %zu bytes", bytes);
    CHECK(pset_hash(&files, h2, &bytes, &e) == PP_OK && !strcmp(h1, h2), "the same files, the same hash");
    put(files.v[1], "changed");
    CHECK(pset_hash(&files, h2, &bytes, &e) == PP_OK && strcmp(h1, h2), "a changed page, another hash");
    sv_free(&files);

    /* a directory of images is one set; grouping by directory */
    strvec bydir = STRVEC_INIT;
    pset_group(&in, 1, &bydir);
    CHECK(bydir.n == 3 && !strcmp(bydir.v[0], dir), "by directory: the images one set, the text and PDF apart (%zu)",
          bydir.n);
    CHECK(pset_is_source(dir), "a directory is a set's source");
    CHECK(pset_files(dir, &files, &e) == PP_OK && files.n == 5, "its five images: %zu", files.n);
    sv_free(&files);
    pp_err_clear(&e);
    snprintf(want, sizeof want, "%s/none-p*", dir);
    CHECK(pset_files(want, &files, &e) == PP_EXIT_INPUT && strstr(e.msg, "without page images"), "an empty set: %s",
          e.msg);
    sv_free(&files);
    sv_free(&bydir);
    sv_free(&in);
    sv_free(&out);
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        remove(path);
    }
    rmdir(dir);
    return check_done();
}
