/* db/dbfault.c (prefix dbf_) — fault-injecting allocator and VFS for SQLite in the torture build; see
 * dbfault.h.
 *
 * The VFS is a shim (dbvfs.h): each file opened through it is a dbv_file holding the real file right
 * after it, and every method forwards to the real one unless the fault counter says this call fails.  Locks count only requests that take a lock (xLock, and
 * xShmLock with SQLITE_SHM_LOCK): unlocking cannot be refused, as in life. */
#include "db/dbfault.h"

#ifdef PP_FAULT

#include "core/fault.h"
#include "db/dbvfs.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

static sqlite3_mem_methods real_mem;

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

#define REAL DBV_REAL

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

static int f_lock(sqlite3_file *f, int level)
{
    int rc = fault_rc(FT_LOCK);
    return rc ? rc : REAL(f)->pMethods->xLock(REAL(f), level);
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

static sqlite3_io_methods methods[4];

static int v_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
    return dbv_open_real(vfs, name, file, sizeof(dbv_file), flags, out_flags, methods);
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
    sqlite3_vfs *real = sqlite3_vfs_find(NULL);
    if (!real) {
        fprintf(stderr, "parplan-fault: SQLite has no default VFS to wrap\n");
        return;
    }
    dbv_methods_init(methods);
    for (int v = 1; v <= 3; v++) {
        methods[v].xRead = f_read;
        methods[v].xWrite = f_write;
        methods[v].xTruncate = f_truncate;
        methods[v].xSync = f_sync;
        methods[v].xLock = f_lock;
        if (v >= 2)
            methods[v].xShmLock = f_shm_lock;
    }
    dbv_vfs_init(&fault_vfs, real, "parplan-fault", sizeof(dbv_file), v_open);
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
