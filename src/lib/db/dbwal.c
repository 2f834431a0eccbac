/* db/dbwal.c (prefix dbw_) — the write-ahead log written a commit at a time; see dbwal.h.
 *
 * A file opened through the shim is the wrapped VFS's file, unchanged, unless it is a log
 * (SQLITE_OPEN_WAL): the database and its journals get the real methods themselves and cost nothing.
 * A log is a dbw_file holding the real file right after it (dbvfs.h), whose other methods forward.
 *
 * Where a commit ends is read from the log's own format (https://sqlite.org/fileformat2.html#walformat),
 * not from the way SQLite happens to split its writes: a 32-byte header (page size at bytes 8-11), then
 * frames of a 24-byte header and a page, a commit frame being one whose header's bytes 4-7 (the database
 * size after the commit) are not zero.  The page size is taken from the log header when the shim sees it
 * written, else read from the file once.  A commit field the shim cannot read whole in one write counts
 * as a commit (writing early is always safe; writing late is not).
 *
 * Measured (tools/bench-extract.sh, 40 MB, 3,552 documents, about 20 frames each, strace -c): the
 * stage's pwrite calls went from 154,555 to 24,802, its CPU time down a tenth; docs/architecture.md. */
#include "db/dbwal.h"
#include "db/dbvfs.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

/* A commit larger than this is written in parts of this size (a spilled cache, a bulk load): the
 * gathering saves nothing more past a few pages, and memory stays bounded. */
#define DBW_MAX_GATHER (1 << 20)

/* The unix VFS writes at most 0x1ffff bytes a call (seekAndWriteFd masks the count to 17 bits: a
 * larger write came back short, as a full disk); gathered bytes go out in pieces of at most this. */
#define DBW_MAX_WRITE (124 * 1024)

#define DBW_LOG_HEADER 32   /* the log's header */
#define DBW_FRAME_HEADER 24 /* each frame's */

typedef struct dbw_file {
    dbv_file v;            /* the real file, just past this struct (dbvfs.h) */
    unsigned char *buf;    /* the gathered bytes, for the file at [off, off + len) */
    sqlite3_int64 off;
    size_t len, cap;
    sqlite3_int64 commit_end; /* > 0: the gathered bytes end a commit once they reach this offset */
    uint32_t page_size;       /* 0 until known */
    int header_read;          /* the file's header was read for it (once: dbw_learn_page_size) */
} dbw_file;

static sqlite3_vfs dbw_vfs;
static unsigned long real_writes;

#define REAL DBV_REAL

unsigned long dbw_real_writes(void)
{
    return __atomic_load_n(&real_writes, __ATOMIC_RELAXED);
}

static int dbw_real_write(dbw_file *w, const void *buf, int n, sqlite3_int64 off)
{
    __atomic_add_fetch(&real_writes, 1, __ATOMIC_RELAXED);
    return w->v.real->pMethods->xWrite(w->v.real, buf, n, off);
}

/* Writes what is gathered; the bytes are dropped either way (after a failed write SQLite rolls the
 * transaction back and writes its frames again). */
static int dbw_flush(dbw_file *w)
{
    int rc = SQLITE_OK;
    for (size_t at = 0; at < w->len && rc == SQLITE_OK; at += DBW_MAX_WRITE) {
        size_t n = w->len - at < DBW_MAX_WRITE ? w->len - at : DBW_MAX_WRITE;
        rc = dbw_real_write(w, w->buf + at, (int)n, w->off + (sqlite3_int64)at);
    }
    w->len = 0;
    w->commit_end = 0;
    return rc;
}

static uint32_t dbw_be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The log's page size from its header's bytes 8-11 (65536 is written as 1); 0 when not a power of two
 * from 512 to 65536 (no log header). */
static uint32_t dbw_page_size(const unsigned char *hdr)
{
    uint32_t ps = dbw_be32(hdr + 8);
    if (ps == 1)
        ps = 65536;
    return ps >= 512 && ps <= 65536 && (ps & (ps - 1)) == 0 ? ps : 0;
}

/* Learns the page size before a write of [off, off + n): from the write itself when it holds the log
 * header (a log started over writes a new one), else from the file's header, read once: without it the
 * log is written as it comes (w_write), rather than read again before every write. */
static void dbw_learn_page_size(dbw_file *w, const unsigned char *buf, int n, sqlite3_int64 off)
{
    if (off == 0 && n >= 12) {
        w->page_size = dbw_page_size(buf);
        return;
    }
    if (w->page_size || w->header_read)
        return;
    w->header_read = 1;
    unsigned char hdr[DBW_LOG_HEADER];
    /* nothing is gathered here: a gathered run starting at 0 would have taught the size above */
    if (w->v.real->pMethods->xRead(w->v.real, hdr, sizeof hdr, 0) == SQLITE_OK)
        w->page_size = dbw_page_size(hdr);
}

/* Marks in w->commit_end the end of every commit frame whose commit field lies in this write (or is cut
 * by its ends: counted as a commit). */
static void dbw_find_commits(dbw_file *w, const unsigned char *buf, int n, sqlite3_int64 off)
{
    sqlite3_int64 fsz = DBW_FRAME_HEADER + (sqlite3_int64)w->page_size, end = off + n;
    if (end <= DBW_LOG_HEADER)
        return;
    sqlite3_int64 k = off <= DBW_LOG_HEADER ? 0 : (off - DBW_LOG_HEADER) / fsz;
    for (;; k++) {
        sqlite3_int64 h = DBW_LOG_HEADER + k * fsz; /* frame k's header */
        if (h + 4 >= end)
            break;
        if (h + 8 <= off)
            continue; /* its commit field was written before */
        int commit = 1;
        if (h + 4 >= off && h + 8 <= end)
            commit = dbw_be32(buf + (h + 4 - off)) != 0;
        if (commit && h + fsz > w->commit_end)
            w->commit_end = h + fsz;
    }
}

/* Adds [off, off + n) to the gathered bytes, which must end at off (or be empty); 0, or -1 when memory
 * ran out (nothing changed). */
static int dbw_gather(dbw_file *w, const void *buf, int n, sqlite3_int64 off)
{
    if (w->len + (size_t)n > w->cap) {
        size_t cap = w->cap ? w->cap : 128 * 1024;
        while (cap < w->len + (size_t)n)
            cap *= 2;
        unsigned char *nb = sqlite3_realloc64(w->buf, cap);
        if (!nb)
            return -1;
        w->buf = nb;
        w->cap = cap;
    }
    if (!w->len)
        w->off = off;
    memcpy(w->buf + w->len, buf, (size_t)n);
    w->len += (size_t)n;
    return 0;
}

static int w_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    dbw_file *w = (dbw_file *)f;
    int rc;
    if (w->len && off != w->off + (sqlite3_int64)w->len && (rc = dbw_flush(w)) != SQLITE_OK)
        return rc;
    dbw_learn_page_size(w, buf, n, off);
    /* without the page size no commit can be told apart: written at once, as without the shim */
    if (!w->page_size || n <= 0 || (size_t)n >= DBW_MAX_WRITE) {
        if ((rc = dbw_flush(w)) != SQLITE_OK)
            return rc;
        return dbw_real_write(w, buf, n, off);
    }
    if (dbw_gather(w, buf, n, off) != 0) { /* out of memory: what is gathered, then this, as they come */
        if ((rc = dbw_flush(w)) != SQLITE_OK)
            return rc;
        return dbw_real_write(w, buf, n, off);
    }
    dbw_find_commits(w, buf, n, off);
    if ((w->commit_end && w->off + (sqlite3_int64)w->len >= w->commit_end) || w->len >= DBW_MAX_GATHER)
        return dbw_flush(w);
    return SQLITE_OK;
}

static int w_close(sqlite3_file *f)
{
    dbw_file *w = (dbw_file *)f;
    int rc = dbw_flush(w);
    sqlite3_free(w->buf);
    w->buf = NULL;
    w->cap = 0;
    int rc2 = w->v.real->pMethods ? w->v.real->pMethods->xClose(w->v.real) : SQLITE_OK;
    return rc != SQLITE_OK ? rc : rc2;
}

static int w_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    int rc = dbw_flush((dbw_file *)f);
    return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int w_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    int rc = dbw_flush((dbw_file *)f);
    return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int w_sync(sqlite3_file *f, int flags)
{
    int rc = dbw_flush((dbw_file *)f);
    return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int w_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    int rc = dbw_flush((dbw_file *)f);
    return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int w_file_control(sqlite3_file *f, int op, void *arg)
{
    /* a file control may look at the file (its size hint, a persisted log): it sees it whole */
    int rc = dbw_flush((dbw_file *)f);
    return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int w_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    int rc = dbw_flush((dbw_file *)f);
    return rc != SQLITE_OK ? rc : REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}

/* One method table per iVersion of the real files', so SQLite sees the same capabilities. */
static sqlite3_io_methods wal_methods[4];

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
    sqlite3_vfs *real = vfs->pAppData;
    if (!(flags & SQLITE_OPEN_WAL)) /* the real file itself, at the start of the space SQLite gave */
        return real->xOpen(real, name, file, flags, out_flags);
    dbw_file *w = (dbw_file *)file;
    memset(w, 0, sizeof *w);
    return dbv_open_real(vfs, name, file, sizeof *w, flags, out_flags, wal_methods);
}

static int install_rc = -1;

static void install(void)
{
    sqlite3_vfs *def = sqlite3_vfs_find(NULL);
    /* the real files must have a version-2 VFS's calls (xCurrentTimeInt64) to be wrapped whole */
    if (!def || def->iVersion < 2)
        return;
    dbv_methods_init(wal_methods);
    for (int v = 1; v <= 3; v++) {
        sqlite3_io_methods *io = &wal_methods[v];
        io->xClose = w_close;
        io->xRead = w_read;
        io->xWrite = w_write;
        io->xTruncate = w_truncate;
        io->xSync = w_sync;
        io->xFileSize = w_file_size;
        io->xFileControl = w_file_control;
        if (v >= 3)
            io->xFetch = w_fetch;
    }
    dbv_vfs_init(&dbw_vfs, def, "parplan-wal", sizeof(dbw_file), v_open);
    if (sqlite3_vfs_register(&dbw_vfs, 1) == SQLITE_OK)
        install_rc = 0;
}

int dbw_install(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
    return install_rc;
}
