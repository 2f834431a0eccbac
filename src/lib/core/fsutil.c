/* core/fsutil.c (prefix fs_) — see fsutil.h. */
#include "core/fsutil.h"
#include "core/hash.h"
#include "core/strmap.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir of every directory named by a prefix of `path` that ends before a '/', then of `path` itself
 * when `self`.  One that exists already is fine (whatever it is: what is opened in it says if it is no
 * directory), so a tree made half by another process or an earlier run is finished, not refused. */
static int mkdir_prefixes(const char *path, int self, int code, pp_err *e)
{
    char *p = xstrdup(path);
    size_t n = strlen(p);
    for (size_t i = 1; i <= n; i++) {
        if (i < n ? p[i] != '/' : !self)
            continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            pp_err_set(e, code, "%s: cannot create directory: %s", p, strerror(errno));
            free(p);
            return e->code;
        }
        p[i] = c;
    }
    free(p);
    return PP_OK;
}

int fs_mkdirs(const char *dir, int code, pp_err *e)
{
    if (mkdir_prefixes(dir, 1, code, e))
        return e->code;
    struct stat st;
    if (stat(dir, &st) != 0)
        return pp_err_set(e, code, "%s: cannot create directory: %s", dir, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return pp_err_set(e, code, "%s: cannot create directory: %s", dir, strerror(ENOTDIR));
    return PP_OK;
}

int fs_mkdir_parents(const char *path, int code, pp_err *e)
{
    return mkdir_prefixes(path, 0, code, e);
}

int fs_read_file(const char *path, size_t max, char **buf, size_t *len, pp_err *e)
{
    *buf = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: not a regular file", path);
    }
    if ((unsigned long long)st.st_size > max) {
        fclose(f);
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: file is %lld bytes, more than the %zu-byte limit", path,
                          (long long)st.st_size, max);
    }
    size_t n = (size_t)st.st_size;
    char *p = malloc(n + 1);
    if (!p) {
        fclose(f);
        return pp_err_set(e, PP_EXIT_NOMEM, "%s: out of memory reading %zu bytes", path, n);
    }
    size_t got = fread(p, 1, n, f);
    int bad = ferror(f);
    fclose(f);
    if (bad || got != n) {
        free(p);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: read error", path);
    }
    p[n] = '\0';
    *buf = p;
    *len = n;
    return PP_OK;
}

int fs_is_input_name(const char *name)
{
    static const char *const exts[] = { ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".pdf", ".docx", ".odt", ".doc" };
    if (name[0] == '.')
        return 0;
    size_t n = strlen(name);
    /* Ground truth beside a sample (tesseract's naming) is not a document. */
    if (n > 7 && strcasecmp(name + n - 7, ".gt.txt") == 0)
        return 0;
    return fs_ext_in(name, exts, sizeof exts / sizeof exts[0]);
}

int fs_ext_in(const char *name, const char *const *exts, size_t nexts)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < nexts; i++) {
        size_t k = strlen(exts[i]);
        if (n > k && strcasecmp(name + n - k, exts[i]) == 0)
            return 1;
    }
    return 0;
}

/* Walks dir for inputs.  `seen` holds the directories entered so far (device:inode): a directory met
 * again through a link (a link to itself or to a parent) is a loop, reported and skipped, so two links
 * to their own directory no longer multiply the walk for ever and one link to a parent does not end
 * the run at the depth limit. */
static int walk(const char *dir, strvec *out, int depth, strmap *seen, pp_err *e)
{
    if (depth > 64)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: directories nested too deeply", dir);
    struct stat ds;
    if (stat(dir, &ds) == 0) {
        char key[64];
        int kn = snprintf(key, sizeof key, "%llu:%llu", (unsigned long long)ds.st_dev, (unsigned long long)ds.st_ino);
        int64_t had;
        if (kn > 0 && strmap_get(seen, key, (size_t)kn, &had)) {
            pp_warn("%s: a directory loop (a link to a directory already walked): skipped", dir);
            return PP_OK;
        }
        if (kn > 0)
            strmap_put(seen, key, (size_t)kn, 1);
    }
    DIR *d = opendir(dir);
    if (!d)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot read directory: %s", dir, strerror(errno));
    strvec names = STRVEC_INIT;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        sv_push(&names, de->d_name);
    }
    closedir(d);
    sv_sort(&names);
    size_t dl = strlen(dir);
    int rc = PP_OK;
    for (size_t i = 0; i < names.n && rc == PP_OK; i++) {
        char *path = xasprintf("%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", names.v[i]);
        struct stat st;
        if (stat(path, &st) != 0) {
            free(path);
            continue; /* a dangling link is not an input */
        }
        if (S_ISDIR(st.st_mode)) {
            rc = walk(path, out, depth + 1, seen, e);
            free(path);
        } else if (S_ISREG(st.st_mode) && fs_is_input_name(names.v[i])) {
            sv_push_owned(out, path);
        } else {
            free(path);
        }
    }
    sv_free(&names);
    return rc;
}

/* Keeps the first of the paths of out[from..] that name the same file (device and inode): a file named
 * twice, or named and inside a directory named, is one input. */
static void drop_duplicates(strvec *out, size_t from)
{
    strmap seen = STRMAP_INIT;
    size_t keep = from;
    for (size_t i = from; i < out->n; i++) {
        struct stat st;
        char key[64];
        int n = stat(out->v[i], &st) == 0
                    ? snprintf(key, sizeof key, "%llu:%llu", (unsigned long long)st.st_dev, (unsigned long long)st.st_ino)
                    : 0;
        int64_t dummy;
        if (n > 0 && strmap_get(&seen, key, (size_t)n, &dummy)) {
            free(out->v[i]);
            continue;
        }
        if (n > 0)
            strmap_put(&seen, key, (size_t)n, 1);
        out->v[keep++] = out->v[i];
    }
    out->n = keep;
    if (out->v)
        out->v[keep] = NULL;
    strmap_clear(&seen);
}

int fs_collect_inputs(char *const *args, int nargs, strvec *out, pp_err *e)
{
    size_t from = out->n;
    strmap seen = STRMAP_INIT; /* directories walked, for loops */
    int rc = PP_OK;
    for (int i = 0; i < nargs && rc == PP_OK; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0)
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: %s", args[i], strerror(errno));
        else if (S_ISDIR(st.st_mode))
            rc = walk(args[i], out, 0, &seen, e);
        else if (!S_ISREG(st.st_mode))
            /* a FIFO would block the open for ever, a device (/dev/zero) never end: only files are read */
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: not a regular file (%s)", args[i],
                            S_ISFIFO(st.st_mode) ? "a FIFO" : S_ISSOCK(st.st_mode) ? "a socket" : "a device");
        else
            sv_push(out, args[i]);
    }
    strmap_clear(&seen);
    if (rc)
        return rc;
    drop_duplicates(out, from);
    return PP_OK;
}

char *fs_self_dir(void)
{
    char buf[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0)
        return xstrdup(".");
    buf[n] = '\0';
    char *slash = strrchr(buf, '/');
    if (slash)
        *slash = '\0';
    return xstrdup(buf);
}

int fs_parse_shard(const char *s, int *k, int *n)
{
    char *end;
    long kk = strtol(s, &end, 10);
    if (end == s || *end != '/')
        return -1;
    const char *rest = end + 1;
    long nn = strtol(rest, &end, 10);
    if (end == rest || *end || nn < 1 || nn > 100000 || kk < 1 || kk > nn)
        return -1;
    *k = (int)kk;
    *n = (int)nn;
    return 0;
}

void fs_shard_filter(strvec *inputs, int k, int n)
{
    size_t kept = 0;
    for (size_t i = 0; i < inputs->n; i++) {
        /* FNV-1a: fixed, portable, and spreads similar paths. */
        uint64_t h = hash_fnv1a(inputs->v[i], strlen(inputs->v[i]));
        if ((int)(h % (uint64_t)n) == k - 1)
            inputs->v[kept++] = inputs->v[i];
        else
            free(inputs->v[i]);
    }
    inputs->n = kept;
    if (inputs->v)
        inputs->v[kept] = NULL;
}

char *fs_absolute(const char *path)
{
    char *r = realpath(path, NULL);
    if (r) {
        char *copy = xstrdup(r); /* realpath's buffer is malloc'd outside the x* allocators */
        free(r);
        return copy;
    }
    if (path[0] == '/')
        return xstrdup(path);
    char *cwd = getcwd(NULL, 0);
    char *abs = xasprintf("%s/%s", cwd ? cwd : ".", path);
    free(cwd);
    return abs;
}
