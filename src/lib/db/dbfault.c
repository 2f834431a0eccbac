/* db/dbfault.c (prefix dbf_) — fault-injecting allocator and VFS for SQLite in the torture build; see
 * dbfault.h.
 *
 * The VFS is a shim in the manner of SQLite's test_vfstrace.c / test_devsym.c: each file opened through
 * it is a struct holding the real file right after it, and every method forwards to the real one unless
 * the fault counter says this call fails.  Locks count only requests that take a lock (xLock, and
 * xShmLock with SQLITE_SHM_LOCK): unlocking cannot be refused, as in life. */
#include "db/dbfault.h"

#ifdef PP_FAULT

#include "core/fault.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static sqlite3_mem_methods real_mem;
static sqlite3_vfs *real_vfs;

static void *mem_malloc(int n)
{
    return ft_alloc_fails() ? NULL : real_mem.xMalloc(n);
}

static void *mem_realloc(void *p, int n)
{
    return ft_alloc_fails() ? NULL : real_mem.xRealloc(p, n);
}

static void mem_free(void *p) { real_mem.xFree(p); }
static int mem_size(void *p) { return real_mem.xSize(p); }
static int mem_roundup(int n) { return real_mem.xRoundup(n); }
static int mem_init(void *app) { return real_mem.xInit(app); }
static void mem_shutdown(void *app) { real_mem.xShutdown(app); }

typedef struct fault_file {
    sqlite3_file base;
    sqlite3_file *real; /* points just past this struct */
} fault_file;

#define REAL(f) (((fault_file *)(f))->real)

/* The SQLite code an injected fault answers for an operation of class c. */
static int fault_rc(enum ft_class c)
{
    switch (ft_io_fails(c)) {
    case FT_IOERR:
        switch (c) {
        case FT_READ: return SQLITE_IOERR_READ;
        case FT_WRITE: return SQLITE_IOERR_WRITE;
        case FT_SYNC: return SQLITE_IOERR_FSYNC;
        case FT_TRUNCATE: return SQLITE_IOERR_TRUNCATE;
        default: return SQLITE_IOERR;
        }
    case FT_FULL: return SQLITE_FULL;
    case FT_BUSY: return SQLITE_BUSY;
    default: return SQLITE_OK;
    }
}

static int f_close(sqlite3_file *f)
{
    return REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    int rc = fault_rc(FT_READ);
    return rc ? rc : REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    int rc = fault_rc(FT_WRITE);
    return rc ? rc : REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    int rc = fault_rc(FT_TRUNCATE);
    return rc ? rc : REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int f_sync(sqlite3_file *f, int flags)
{
    int rc = fault_rc(FT_SYNC);
    return rc ? rc : REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level)
{
    int rc = fault_rc(FT_LOCK);
    return rc ? rc : REAL(f)->pMethods->xLock(REAL(f), level);
}

static int f_unlock(sqlite3_file *f, int level) { return REAL(f)->pMethods->xUnlock(REAL(f), level); }

static int f_check_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

static int f_file_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int f_sector_size(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }

static int f_device_characteristics(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int f_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **p)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, p);
}

static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    if (flags & SQLITE_SHM_LOCK) {
        int rc = fault_rc(FT_LOCK);
        if (rc)
            return rc;
    }
    return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void f_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }

static int f_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }

static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **pp)
{
    return REAL(f)->pMethods->xFetch(REAL(f), off, n, pp);
}

static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
    return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

/* One method table per iVersion of the real files', so SQLite sees the same capabilities (a version-1
 * file has no shared memory, and WAL must then not be offered). */
static sqlite3_io_methods methods[4];

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
    fault_file *ff = (fault_file *)file;
    ff->real = (sqlite3_file *)&ff[1];
    memset(ff->real, 0, (size_t)real_vfs->szOsFile);
    int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
    /* SQLite calls xClose on a file with methods even when the open failed, so the shim has methods
     * exactly when the real file has */
    if (!ff->real->pMethods) {
        file->pMethods = NULL;
        return rc;
    }
    int v = ff->real->pMethods->iVersion;
    file->pMethods = &methods[v < 1 ? 1 : v > 3 ? 3 : v];
    return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
    return real_vfs->xDelete(real_vfs, name, sync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return real_vfs->xAccess(real_vfs, name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name) { return real_vfs->xDlOpen(real_vfs, name); }
static void v_dlerror(sqlite3_vfs *vfs, int n, char *msg) { real_vfs->xDlError(real_vfs, n, msg); }

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    return real_vfs->xDlSym(real_vfs, h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h) { real_vfs->xDlClose(real_vfs, h); }
static int v_randomness(sqlite3_vfs *vfs, int n, char *out) { return real_vfs->xRandomness(real_vfs, n, out); }
static int v_sleep(sqlite3_vfs *vfs, int us) { return real_vfs->xSleep(real_vfs, us); }
static int v_current_time(sqlite3_vfs *vfs, double *t) { return real_vfs->xCurrentTime(real_vfs, t); }
static int v_get_last_error(sqlite3_vfs *vfs, int n, char *s) { return real_vfs->xGetLastError(real_vfs, n, s); }

static int v_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
    return real_vfs->xCurrentTimeInt64(real_vfs, t);
}

static sqlite3_vfs fault_vfs;

static void install(void)
{
    /* the allocator first: sqlite3_config refuses once SQLite has initialised, which
     * sqlite3_vfs_find does */
    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) == SQLITE_OK) {
        sqlite3_mem_methods m = real_mem;
        m.xMalloc = mem_malloc;
        m.xRealloc = mem_realloc;
        m.xFree = mem_free;
        m.xSize = mem_size;
        m.xRoundup = mem_roundup;
        m.xInit = mem_init;
        m.xShutdown = mem_shutdown;
        if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK)
            fprintf(stderr, "parplan-fault: SQLite's allocator could not be replaced\n");
    }
    real_vfs = sqlite3_vfs_find(NULL);
    if (!real_vfs) {
        fprintf(stderr, "parplan-fault: SQLite has no default VFS to wrap\n");
        return;
    }
    for (int v = 1; v <= 3; v++) {
        sqlite3_io_methods *io = &methods[v];
        *io = (sqlite3_io_methods){
            .iVersion = v, .xClose = f_close, .xRead = f_read, .xWrite = f_write, .xTruncate = f_truncate,
            .xSync = f_sync, .xFileSize = f_file_size, .xLock = f_lock, .xUnlock = f_unlock,
            .xCheckReservedLock = f_check_reserved, .xFileControl = f_file_control,
            .xSectorSize = f_sector_size, .xDeviceCharacteristics = f_device_characteristics,
        };
        if (v >= 2) {
            io->xShmMap = f_shm_map;
            io->xShmLock = f_shm_lock;
            io->xShmBarrier = f_shm_barrier;
            io->xShmUnmap = f_shm_unmap;
        }
        if (v >= 3) {
            io->xFetch = f_fetch;
            io->xUnfetch = f_unfetch;
        }
    }
    fault_vfs = (sqlite3_vfs){
        .iVersion = 2, .szOsFile = (int)sizeof(fault_file) + real_vfs->szOsFile, .mxPathname = real_vfs->mxPathname,
        .zName = "parplan-fault", .xOpen = v_open, .xDelete = v_delete, .xAccess = v_access,
        .xFullPathname = v_full_pathname, .xDlOpen = v_dlopen, .xDlError = v_dlerror, .xDlSym = v_dlsym,
        .xDlClose = v_dlclose, .xRandomness = v_randomness, .xSleep = v_sleep, .xCurrentTime = v_current_time,
        .xGetLastError = v_get_last_error, .xCurrentTimeInt64 = v_current_time_int64,
    };
    if (sqlite3_vfs_register(&fault_vfs, 1) != SQLITE_OK)
        fprintf(stderr, "parplan-fault: the fault VFS could not be registered\n");
}

void dbf_install(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, install);
}

#else

void dbf_install(void) {}

#endif
