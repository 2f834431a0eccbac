/* scan/tiffdir.c (prefix tiffdir_) — a TIFF's chain of image file directories; see tiffdir.h.
 *
 * TIFF 6.0 section 2 (and the BigTIFF extension): an 8-byte header (16 for BigTIFF) gives the first
 * IFD's offset; an IFD is a count, that many 12-byte entries (20 for BigTIFF), then the next IFD's
 * offset, 0 at the end.  Only tags 256 (ImageWidth) and 257 (ImageLength) are read, which the
 * specification makes SHORT or LONG (LONG8 too in BigTIFF) with one value held in the entry itself.
 * Offsets already visited are kept in an open-addressing set, so a loop is found at its first repeat. */
#include "scan/tiffdir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct reader {
    int fd;
    uint64_t size;
    int big_endian, big_tiff;
} reader;

static uint64_t get(const reader *r, const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v |= (uint64_t)p[r->big_endian ? bytes - 1 - i : i] << (8 * i);
    return v;
}

/* Reads n bytes at off; 0 when they are not all in the file. */
static int read_at(const reader *r, uint64_t off, void *buf, size_t n)
{
    if (off > r->size || n > r->size - off)
        return 0;
    size_t got = 0;
    while (got < n) {
        ssize_t k = pread(r->fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (k <= 0) {
            if (k < 0 && errno == EINTR)
                continue;
            return 0;
        }
        got += (size_t)k;
    }
    return 1;
}

/* The visited offsets: open addressing, linear probing, kept under half full. */
typedef struct offset_set {
    uint64_t *slot; /* 0 is empty: no IFD can be at offset 0, where the header is */
    size_t cap, n;
} offset_set;

static size_t slot_of(uint64_t off, size_t cap)
{
    return (size_t)((off * 0x9E3779B97F4A7C15ull) >> 17) & (cap - 1);
}

/* 1 when off was new (and is now in the set), 0 when it was already there. */
static int set_add(offset_set *s, uint64_t off)
{
    if (2 * (s->n + 1) > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 64;
        uint64_t *ns = xcalloc(ncap, sizeof *ns);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i]) {
                size_t j = slot_of(s->slot[i], ncap);
                while (ns[j])
                    j = (j + 1) & (ncap - 1);
                ns[j] = s->slot[i];
            }
        free(s->slot);
        s->slot = ns;
        s->cap = ncap;
    }
    size_t j = slot_of(off, s->cap);
    while (s->slot[j]) {
        if (s->slot[j] == off)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
    s->slot[j] = off;
    s->n++;
    return 1;
}

/* One IFD at off: its width and height into pg, the next IFD's offset into *next. */
static int read_ifd(const reader *r, const char *path, size_t page, uint64_t off, tiffdir_page *pg,
                    uint64_t *next, pp_err *e)
{
    int cbytes = r->big_tiff ? 8 : 2, esize = r->big_tiff ? 20 : 12, obytes = r->big_tiff ? 8 : 4;
    unsigned char c[8];
    if (!read_at(r, off, c, (size_t)cbytes))
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %zu: its directory is past the end of the file (truncated TIFF)",
                          path, page);
    uint64_t count = get(r, c, cbytes);
    /* each entry takes esize bytes of the file: a count the file cannot hold is corruption */
    if (count == 0 || count > (r->size - off) / (uint64_t)esize)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %zu: corrupt TIFF directory (%llu entries)", path, page,
                          (unsigned long long)count);
    size_t len = (size_t)count * (size_t)esize + (size_t)obytes;
    unsigned char *d = xmalloc(len);
    if (!read_at(r, off + (uint64_t)cbytes, d, len)) {
        free(d);
        return pp_err_set(e, PP_EXIT_INPUT, "%s: page %zu: truncated TIFF directory", path, page);
    }
    pg->offset = off;
    pg->w = pg->h = 0;
    for (uint64_t i = 0; i < count; i++) {
        const unsigned char *en = d + i * (uint64_t)esize;
        unsigned tag = (unsigned)get(r, en, 2), type = (unsigned)get(r, en + 2, 2);
        if (tag != 256 && tag != 257)
            continue;
        const unsigned char *val = en + (r->big_tiff ? 12 : 8);
        uint64_t v = type == 3 ? get(r, val, 2) : type == 4 ? get(r, val, 4) : type == 16 ? get(r, val, 8) : 0;
        long lv = v > (uint64_t)LONG_MAX ? LONG_MAX : (long)v;
        if (tag == 256)
            pg->w = lv;
        else
            pg->h = lv;
    }
    *next = get(r, d + (size_t)count * (size_t)esize, obytes);
    free(d);
    return PP_OK;
}

int tiffdir_read(const char *path, tiffdir *dir, pp_err *e)
{
    memset(dir, 0, sizeof *dir);
    tiffdir_page **pages = &dir->pages;
    size_t *n = &dir->n;
    reader r = { .fd = open(path, O_RDONLY | O_CLOEXEC) };
    if (r.fd < 0)
        return pp_err_set(e, PP_EXIT_INPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    unsigned char h[16];
    int rc = PP_OK;
    if (fstat(r.fd, &st) != 0) {
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: cannot read: %s", path, strerror(errno));
        goto out;
    }
    r.size = (uint64_t)st.st_size;
    if (!read_at(&r, 0, h, 8) || (memcmp(h, "II", 2) != 0 && memcmp(h, "MM", 2) != 0)) {
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: not a TIFF (no TIFF header)", path);
        goto out;
    }
    r.big_endian = h[0] == 'M';
    unsigned magic = (unsigned)get(&r, h + 2, 2);
    uint64_t off;
    if (magic == 42) {
        off = get(&r, h + 4, 4);
    } else if (magic == 43 && read_at(&r, 0, h, 16) && get(&r, h + 4, 2) == 8) {
        r.big_tiff = 1;
        off = get(&r, h + 8, 8);
    } else {
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: not a TIFF (version %u)", path, magic);
        goto out;
    }
    offset_set seen = { 0 };
    size_t alloc = 0;
    while (off != 0) {
        if (off < 8 || !set_add(&seen, off)) {
            rc = pp_err_set(e, PP_EXIT_INPUT, "%s: page %zu: the TIFF's directories loop back (corrupt TIFF)", path,
                            *n + 1);
            break;
        }
        PP_GROW(*pages, *n + 1, alloc, 16);
        if ((rc = read_ifd(&r, path, *n + 1, off, &(*pages)[*n], &off, e)) != PP_OK)
            break;
        (*n)++;
    }
    free(seen.slot);
    dir->big_endian = r.big_endian;
    dir->big_tiff = r.big_tiff;
    if (rc == PP_OK && *n == 0)
        rc = pp_err_set(e, PP_EXIT_INPUT, "%s: not a readable TIFF (no pages found)", path);
out:
    close(r.fd);
    if (rc != PP_OK) {
        free(*pages);
        *pages = NULL;
        *n = 0;
    }
    return rc;
}

PIX *tiffdir_pix(const char *path, const tiffdir *d, size_t i)
{
    if (i >= d->n)
        return NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    struct stat st;
    if (fstat(fd, &st) != 0 || st.st_size < 16) {
        close(fd);
        return NULL;
    }
    /* MAP_PRIVATE: writing the header copies one page of memory, never the file, and each caller (the
     * OCR workers decode pages at once) has its own copy */
    unsigned char *m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    close(fd);
    if (m == MAP_FAILED)
        return NULL;
    uint64_t off = d->pages[i].offset;
    int at = d->big_tiff ? 8 : 4, bytes = d->big_tiff ? 8 : 4;
    for (int k = 0; k < bytes; k++)
        m[at + (d->big_endian ? bytes - 1 - k : k)] = (unsigned char)(off >> (8 * k));
    PIX *pix = pixReadMemTiff(m, (size_t)st.st_size, 0);
    munmap(m, (size_t)st.st_size);
    return pix;
}

void tiffdir_free(tiffdir *d)
{
    free(d->pages);
    memset(d, 0, sizeof *d);
}
