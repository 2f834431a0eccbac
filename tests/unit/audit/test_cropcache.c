/* test_cropcache.c — the review server's crop cache: a key finds its file, a miss is counted, and past the
 * byte budget the least recently used file is deleted (a cc_get counts as a use; the entry just added is
 * never the one evicted). */
#include "check.h"
#include "audit/cropcache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *put(cc_cache *c, const char *key, size_t bytes)
{
    char *path = cc_path(c), *keep = xstrdup(path);
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL, "write %s", path);
    for (size_t i = 0; f && i < bytes; i++)
        fputc('x', f);
    if (f)
        fclose(f);
    pp_err e;
    pp_err_clear(&e);
    CHECK(cc_put(c, key, path, &e) == 0, "cc_put %s: %s", key, e.msg);
    return keep;
}

int main(void)
{
    char dir[] = "/tmp/test_cropcache.XXXXXX";
    CHECK(mkdtemp(dir) != NULL, "temp dir");
    cc_cache c;
    cc_init(&c, dir, 250);
    CHECK(cc_get(&c, "a") == NULL && c.misses == 1, "empty cache misses");
    char *a = put(&c, "1:1:0,0,10,10:aa", 100);
    char *b = put(&c, "1:1:0,20,10,30:bb", 100);
    const char *got = cc_get(&c, "1:1:0,0,10,10:aa");
    CHECK(got && !strcmp(got, a) && c.hits == 1, "a key finds its file");
    CHECK(cc_get(&c, "1:1:0,0,10,10:ab") == NULL, "another outline is another key");
    /* a third file passes the budget: b, used least recently (a was just read), goes */
    char *d = put(&c, "1:2:0,0,10,10:cc", 100);
    CHECK(c.evicted == 1 && c.n == 2 && c.bytes == 200, "one evicted (%d), %zu bytes", c.evicted, c.bytes);
    CHECK(access(b, F_OK) != 0, "the least recently used file deleted");
    CHECK(access(a, F_OK) == 0 && access(d, F_OK) == 0, "the others kept");
    CHECK(cc_get(&c, "1:1:0,20,10,30:bb") == NULL, "evicted key misses");
    /* one file over the whole budget stays (it is the one asked for), the rest go */
    char *big = put(&c, "big", 400);
    CHECK(c.n == 1 && access(big, F_OK) == 0 && access(a, F_OK) != 0 && access(d, F_OK) != 0,
          "an entry over the budget alone (%zu entries)", c.n);
    pp_err e;
    pp_err_clear(&e);
    CHECK(cc_put(&c, "none", xasprintf("%s/missing.png", dir), &e) == PP_EXIT_INPUT, "a file not written refused");
    unlink(big);
    cc_free(&c);
    rmdir(dir);
    free(a);
    free(b);
    free(d);
    free(big);
    return check_done();
}
