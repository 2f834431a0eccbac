/* core/atomicfile.c (prefix af_) — see atomicfile.h. */
#include "core/atomicfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int af_open(af_file *a, const char *path, pp_err *e)
{
    memset(a, 0, sizeof *a);
    if (!path || strcmp(path, "-") == 0) {
        a->f = stdout;
        return PP_OK;
    }
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    char *tmp = xasprintf("%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int err = errno;
        free(tmp);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write: %s", path, strerror(err));
    }
    mode_t mask = umask(0);
    umask(mask);
    FILE *f = NULL;
    if (fchmod(fd, 0666 & ~mask) != 0 || !(f = fdopen(fd, "wb"))) {
        int err = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot write: %s", path, strerror(err));
    }
    a->f = f;
    a->path = xstrdup(path);
    a->tmp = tmp;
    return PP_OK;
}

void af_abort(af_file *a)
{
    if (a->f && a->f != stdout)
        fclose(a->f);
    if (a->tmp)
        unlink(a->tmp);
    free(a->tmp);
    free(a->path);
    memset(a, 0, sizeof *a);
}

int af_commit(af_file *a, pp_err *e)
{
    if (!a->f)
        return PP_OK;
    if (a->f == stdout) {
        if (fflush(stdout) != 0)
            pp_err_set(e, PP_EXIT_INPUT, "stdout: write failed: %s", strerror(errno));
        memset(a, 0, sizeof *a);
        return e->code;
    }
    int bad = fflush(a->f) != 0 || fsync(fileno(a->f)) != 0;
    int err = errno;
    if (fclose(a->f) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    a->f = NULL;
    if (!bad && rename(a->tmp, a->path) != 0) {
        bad = 1;
        err = errno;
    }
    if (bad)
        pp_err_set(e, PP_EXIT_INPUT, "%s: write failed: %s", a->path, strerror(err));
    else {
        free(a->tmp);
        a->tmp = NULL;
    }
    af_abort(a);
    return e->code;
}

int af_same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    return a && b && stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int af_refuse_db(const char *out, const char *db, pp_err *e)
{
    if (!out || strcmp(out, "-") == 0)
        return PP_OK;
    static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
    for (size_t i = 0; i < sizeof suffix / sizeof *suffix; i++) {
        char *p = xasprintf("%s%s", db, suffix[i]);
        int same = af_same_file(out, p);
        free(p);
        if (same)
            return pp_err_set(e, PP_EXIT_USAGE, "%s: is the database %s%s (the output would overwrite it); "
                                                "choose another --out", out, db, suffix[i]);
    }
    return PP_OK;
}
