/* scan/pdfimg.c (prefix pdfimg_) — image sizes declared in a PDF, checked before decoding; see pdfimg.h.
 *
 * A scan of the mapped file for "N G obj <<": each dictionary is read with a small tokenizer (strings,
 * hex strings, comments and nested dictionaries skipped) for /Subtype, /Width and /Height at its own
 * level.  Bytes inside compressed streams can look like "obj" too: what follows is then rarely a
 * dictionary, and one that reads as an image over the limit is refused, which for a file that hides
 * such a thing is right.  Linear in the file's size. */
#include "scan/pdfimg.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* How far a dictionary is read before it is taken for garbage (image dictionaries are a few hundred
 * bytes; a colour space's palette inside one can be a few KB). */
#define DICT_MAX (256 * 1024)

typedef struct buf {
    const unsigned char *p;
    size_t n;
} buf;

static int is_space(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}

static int is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' ||
           c == '/' || c == '%';
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Skips white space and comments from i; returns the new position. */
static size_t skip_space(const buf *b, size_t i, size_t end)
{
    while (i < end) {
        if (is_space(b->p[i])) {
            i++;
        } else if (b->p[i] == '%') {
            while (i < end && b->p[i] != '\n' && b->p[i] != '\r')
                i++;
        } else {
            break;
        }
    }
    return i;
}

/* A non-negative integer token at i (digits up to a delimiter or white space); -1 when there is none. */
static long read_int(const buf *b, size_t *i, size_t end)
{
    size_t j = *i;
    long v = 0;
    if (j >= end || !is_digit(b->p[j]))
        return -1;
    while (j < end && is_digit(b->p[j])) {
        if (v > (LONG_MAX - 9) / 10)
            v = LONG_MAX / 10; /* saturates: any such size is over every limit */
        v = v * 10 + (b->p[j] - '0');
        j++;
    }
    if (j < end && !is_space(b->p[j]) && !is_delim(b->p[j]))
        return -1; /* 12.5, 12abc: not an integer */
    *i = j;
    return v;
}

/* A size value: an integer, or "N G R" (then *ref = N and the result is -2). */
static long read_size(const buf *b, size_t *i, size_t end, long *ref)
{
    size_t j = skip_space(b, *i, end);
    long v = read_int(b, &j, end);
    if (v < 0)
        return -1;
    *i = j;
    size_t k = skip_space(b, j, end);
    long gen = read_int(b, &k, end);
    if (gen >= 0) {
        k = skip_space(b, k, end);
        if (k < end && b->p[k] == 'R' && (k + 1 == end || is_space(b->p[k + 1]) || is_delim(b->p[k + 1]))) {
            *ref = v;
            *i = k + 1;
            return -2;
        }
    }
    return v;
}

/* Whether "obj" at i is preceded by "N G " (an object header); sets *num. */
static int object_header(const buf *b, size_t i, long *num)
{
    size_t j = i;
    if (j == 0 || !is_space(b->p[j - 1]))
        return 0;
    while (j > 0 && is_space(b->p[j - 1]))
        j--;
    size_t gen_end = j;
    while (j > 0 && is_digit(b->p[j - 1]))
        j--;
    if (j == gen_end || j == 0 || !is_space(b->p[j - 1]))
        return 0;
    while (j > 0 && is_space(b->p[j - 1]))
        j--;
    size_t num_end = j;
    while (j > 0 && is_digit(b->p[j - 1]))
        j--;
    if (j == num_end || (j > 0 && !is_space(b->p[j - 1]) && !is_delim(b->p[j - 1])))
        return 0;
    size_t k = j;
    *num = read_int(b, &k, num_end);
    return *num >= 0;
}

/* The integer object N ("N G obj 1234"), the last definition in the file (incremental updates append);
 * -1 when there is none. */
static long resolve(const buf *b, long num)
{
    long found = -1;
    const unsigned char *p = b->p, *end = b->p + b->n;
    while ((p = memmem(p, (size_t)(end - p), "obj", 3)) != NULL) {
        size_t i = (size_t)(p - b->p);
        long n;
        p += 3;
        if (!object_header(b, i, &n) || n != num)
            continue;
        size_t j = skip_space(b, i + 3, b->n);
        long v = read_int(b, &j, b->n);
        if (v >= 0)
            found = v;
    }
    return found;
}

typedef struct image_dict {
    int image;          /* /Subtype /Image */
    long w, h;          /* -1 absent, -2 a reference (wref, href) */
    long wref, href;
} image_dict;

/* Reads the dictionary starting at "<<" at i; 0 when it is not one (garbage, or longer than DICT_MAX). */
static int read_dict(const buf *b, size_t i, image_dict *d)
{
    size_t end = b->n - i > DICT_MAX ? i + DICT_MAX : b->n;
    int depth = 0, array = 0;
    memset(d, 0, sizeof *d);
    d->w = d->h = -1;
    while (i < end) {
        i = skip_space(b, i, end);
        if (i >= end)
            break;
        unsigned char c = b->p[i];
        if (c == '<' && i + 1 < end && b->p[i + 1] == '<') {
            depth++;
            i += 2;
        } else if (c == '>' && i + 1 < end && b->p[i + 1] == '>') {
            if (--depth == 0)
                return 1;
            i += 2;
        } else if (c == '<') { /* hex string */
            while (i < end && b->p[i] != '>')
                i++;
            i++;
        } else if (c == '(') { /* literal string: nested parentheses, backslash escapes */
            int nest = 0;
            for (; i < end; i++) {
                if (b->p[i] == '\\')
                    i++;
                else if (b->p[i] == '(')
                    nest++;
                else if (b->p[i] == ')' && --nest == 0)
                    break;
            }
            i++;
        } else if (c == '[' || c == ']') {
            array += c == '[' ? 1 : -1;
            i++;
        } else if (c == '/') {
            size_t s = ++i;
            while (i < end && !is_space(b->p[i]) && !is_delim(b->p[i]))
                i++;
            size_t len = i - s;
            if (depth != 1 || array)
                continue;
            const char *name = (const char *)b->p + s;
            if (len == 7 && memcmp(name, "Subtype", 7) == 0) {
                size_t j = skip_space(b, i, end);
                d->image = end - j >= 6 && memcmp(b->p + j, "/Image", 6) == 0 &&
                           (j + 6 == end || is_space(b->p[j + 6]) || is_delim(b->p[j + 6]));
            } else if (len == 5 && memcmp(name, "Width", 5) == 0) {
                d->w = read_size(b, &i, end, &d->wref);
            } else if (len == 6 && memcmp(name, "Height", 6) == 0) {
                d->h = read_size(b, &i, end, &d->href);
            }
        } else if (depth == 0) {
            return 0; /* not a dictionary */
        } else {
            /* a number, a keyword (R, true), or a stray delimiter (a lone '>' or ')'): always at least
             * one byte on, or the loop would stand still (fuzz_image found that with a lone '>') */
            size_t s0 = i;
            while (i < end && !is_space(b->p[i]) && !is_delim(b->p[i]))
                i++;
            if (i == s0)
                i++;
        }
    }
    return 0;
}

static int check_map(const char *path, const buf *b, long max_pixels, pp_err *e)
{
    const unsigned char *p = b->p, *end = b->p + b->n;
    while ((p = memmem(p, (size_t)(end - p), "obj", 3)) != NULL) {
        size_t i = (size_t)(p - b->p);
        p += 3;
        long num;
        if (!object_header(b, i, &num))
            continue;
        size_t j = skip_space(b, i + 3, b->n);
        image_dict d;
        if (j + 1 >= b->n || b->p[j] != '<' || b->p[j + 1] != '<' || !read_dict(b, j, &d) || !d.image)
            continue;
        long w = d.w == -2 ? resolve(b, d.wref) : d.w;
        long h = d.h == -2 ? resolve(b, d.href) : d.h;
        if ((d.w == -2 && w < 0) || (d.h == -2 && h < 0))
            return pp_err_set(e, PP_EXIT_INPUT, "%s: image object %ld: its %s refers to no number (corrupt PDF?)",
                              path, num, d.w == -2 && w < 0 ? "width" : "height");
        if (w <= 0 || h <= 0)
            continue; /* no size: Poppler refuses the image itself */
        if ((double)w * (double)h > (double)max_pixels)
            return pp_err_set(e, PP_EXIT_NOMEM,
                              "%s: image object %ld is %ldx%ld pixels, over the limit of %ld pixels (--max-pixels)",
                              path, num, w, h, max_pixels);
    }
    return PP_OK;
}

int pdfimg_check(const char *path, long max_pixels, pp_err *e)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int err = errno;
        close(fd);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot read: %s", path, strerror(err));
    }
    if (st.st_size <= 0 || (uint64_t)st.st_size > SIZE_MAX) {
        close(fd);
        return PP_OK; /* nothing to map: Poppler says what is wrong with it */
    }
    void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int err = errno;
    close(fd);
    if (m == MAP_FAILED)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot read: %s", path, strerror(err));
    buf b = { m, (size_t)st.st_size };
    int rc = check_map(path, &b, max_pixels, e);
    munmap(m, (size_t)st.st_size);
    return rc;
}
