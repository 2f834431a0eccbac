/* scan/pageset.c (prefix pset_) — see pageset.h. */
#include "scan/pageset.h"
#include "core/fsutil.h"
#include "core/strmap.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Page images: what a scanner writes a page as (a PDF or a text is a document of its own). */
static int image_name(const char *name)
{
    static const char *const exts[] = { ".png", ".jpg", ".jpeg", ".tif", ".tiff" };
    return fs_is_input_name(name) && fs_ext_in(name, exts, sizeof exts / sizeof exts[0]);
}

/* For a file name NAME-pN.EXT or NAME_pN.EXT: the length of NAME plus its separator (the stem up to the
 * 'p'), else 0. */
static size_t page_stem(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot || dot == name)
        return 0;
    const char *d = dot;
    while (d > name && d[-1] >= '0' && d[-1] <= '9')
        d--;
    if (d == dot || d - name < 3 || (d[-1] != 'p' && d[-1] != 'P') || (d[-2] != '-' && d[-2] != '_'))
        return 0;
    return (size_t)(d - 1 - name);
}

static int cmp_natural(const void *a, const void *b)
{
    return strverscmp(*(char *const *)a, *(char *const *)b);
}

int pset_is_source(const char *source)
{
    size_t n = strlen(source);
    if (n > 3 && source[n - 1] == '*' && (source[n - 2] == 'p' || source[n - 2] == 'P') &&
        (source[n - 3] == '-' || source[n - 3] == '_'))
        return 1;
    struct stat sb;
    return stat(source, &sb) == 0 && S_ISDIR(sb.st_mode);
}

int pset_files(const char *source, strvec *files, pp_err *e)
{
    size_t n = strlen(source);
    int pattern = n > 3 && source[n - 1] == '*';
    char *dir;
    const char *stem = NULL;
    size_t stem_len = 0;
    if (pattern) {
        const char *slash = strrchr(source, '/');
        dir = slash ? xstrndup(source, slash == source ? 1 : (size_t)(slash - source)) : xstrdup(".");
        stem = slash ? slash + 1 : source;
        stem_len = strlen(stem) - 2; /* NAME and its separator, without "p*" */
    } else {
        dir = xstrdup(source);
    }
    DIR *d = opendir(dir);
    if (!d) {
        pp_err_set(e, PP_EXIT_INPUT, "%s: cannot read the page set's directory: %s", dir, strerror(errno));
        free(dir);
        return e->code;
    }
    strvec names = STRVEC_INIT;
    struct dirent *de;
    /* readdir returns NULL both at the end and on an error; only errno tells them apart.  A listing cut
     * short by an I/O error would be a smaller set under another hash, a different document. */
    for (;;) {
        errno = 0;
        if ((de = readdir(d)) == NULL)
            break;
        if (!image_name(de->d_name))
            continue;
        if (pattern && !(page_stem(de->d_name) == stem_len && strncmp(de->d_name, stem, stem_len) == 0 &&
                         (de->d_name[stem_len] | 0x20) == 'p'))
            continue;
        sv_push(&names, de->d_name);
    }
    int read_errno = errno;
    closedir(d);
    if (read_errno || names.n == 0) {
        if (read_errno)
            pp_err_set(e, PP_EXIT_INPUT, "%s: cannot read the page set's directory: %s", dir, strerror(read_errno));
        else
            pp_err_set(e, PP_EXIT_INPUT, "%s: page set without page images (PNG, JPEG, TIFF)", source);
        sv_free(&names);
        free(dir);
        return e->code;
    }
    /* names.v is NULL while nothing was pushed, and qsort's base must not be NULL even for no elements
     * (C11 7.22.5; UBSan's nonnull check), hence the empty set returned above. */
    qsort(names.v, names.n, sizeof *names.v, cmp_natural);
    for (size_t i = 0; i < names.n; i++)
        sv_push_owned(files, strcmp(dir, "/") ? xasprintf("%s/%s", dir, names.v[i]) : xasprintf("/%s", names.v[i]));
    sv_free(&names);
    free(dir);
    return PP_OK;
}

int pset_hash(const strvec *files, char out[PP_HASH_HEX], size_t *bytes, pp_err *e)
{
    pp_hasher *h = hash_new();
    *bytes = 0;
    for (size_t i = 0; i < files->n; i++) {
        char one[PP_HASH_HEX];
        size_t b;
        if (hash_file(files->v[i], one, &b, e)) {
            hash_final(h, one);
            return e->code;
        }
        if (b == 0) {
            hash_final(h, one);
            return pp_err_set(e, PP_EXIT_INPUT, "%s: file is empty", files->v[i]);
        }
        hash_update(h, one, strlen(one) + 1);
        *bytes += b;
    }
    hash_final(h, out);
    return PP_OK;
}

void pset_group(const strvec *in, int dirs, strvec *out)
{
    strmap done = STRMAP_INIT;
    for (size_t i = 0; i < in->n; i++) {
        const char *path = in->v[i];
        const char *slash = strrchr(path, '/');
        const char *name = slash ? slash + 1 : path;
        char *set = NULL;
        size_t stem = page_stem(name);
        if (!image_name(name))
            set = NULL;
        else if (dirs)
            set = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
        else if (stem)
            set = xasprintf("%.*sp*", (int)(name - path + (long)stem), path);
        if (!set) {
            sv_push(out, path);
            continue;
        }
        int64_t ignore;
        if (!strmap_get(&done, set, strlen(set), &ignore)) {
            strmap_put(&done, set, strlen(set), 1);
            sv_push_owned(out, set);
        } else {
            free(set);
        }
    }
    strmap_clear(&done);
}
