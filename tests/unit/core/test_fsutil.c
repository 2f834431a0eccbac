/* test_fsutil.c — core/fsutil's mkdir -p: a missing tree is made, an existing one is fine, a file in the
 * way is an error with the caller's exit code, and the parents of a file path are made without the file. */
#include "check.h"
#include "core/fsutil.h"

#include <stdio.h>
#include <sys/stat.h>

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int main(void)
{
    pp_err e;
    pp_err_clear(&e);
    CHECK(fs_mkdirs("fsu/a/b/c", PP_EXIT_INPUT, &e) == PP_OK && is_dir("fsu/a/b/c"), "a tree is made: %s", e.msg);
    CHECK(fs_mkdirs("fsu/a/b/c", PP_EXIT_INPUT, &e) == PP_OK, "an existing tree is fine");
    CHECK(fs_mkdirs("fsu/a/b/d/", PP_EXIT_INPUT, &e) == PP_OK && is_dir("fsu/a/b/d"), "a trailing slash");
    FILE *f = fopen("fsu/file", "w");
    if (f)
        fclose(f);
    CHECK(fs_mkdirs("fsu/file", PP_EXIT_INPUT, &e) == PP_EXIT_INPUT && strstr(e.msg, "fsu/file: cannot create"),
          "a file in the way: %s", e.msg);
    pp_err_clear(&e);
    CHECK(fs_mkdirs("fsu/file/sub", PP_EXIT_DB, &e) == PP_EXIT_DB && strstr(e.msg, "fsu/file/sub: cannot create"),
          "below a file, with the caller's code: %s", e.msg);
    pp_err_clear(&e);
    CHECK(fs_mkdir_parents("fsu/p/q/r.db", PP_EXIT_DB, &e) == PP_OK && is_dir("fsu/p/q") && !is_dir("fsu/p/q/r.db"),
          "the parents of a file, not the file: %s", e.msg);
    return check_done();
}
