/* db/dbvfs.c (prefix dbv_) — forwarding methods for the VFS shims; see dbvfs.h. */
#include "db/dbvfs.h"

#include <string.h>

#define REAL DBV_REAL
#define WRAPPED(vfs) ((sqlite3_vfs *)(vfs)->pAppData)

static int f_close(sqlite3_file *f)
{
    return REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
}

static int f_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xRead(REAL(f), buf, n, off);
}

static int f_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    return REAL(f)->pMethods->xWrite(REAL(f), buf, n, off);
}

static int f_truncate(sqlite3_file *f, sqlite3_int64 size) { return REAL(f)->pMethods->xTruncate(REAL(f), size); }
static int f_sync(sqlite3_file *f, int flags) { return REAL(f)->pMethods->xSync(REAL(f), flags); }

static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int f_lock(sqlite3_file *f, int level) { return REAL(f)->pMethods->xLock(REAL(f), level); }
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

void dbv_methods_init(sqlite3_io_methods methods[4])
{
    memset(&methods[0], 0, sizeof methods[0]);
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
}

int dbv_open_real(sqlite3_vfs *shim, const char *name, sqlite3_file *file, size_t size, int flags,
                  int *out_flags, const sqlite3_io_methods methods[4])
{
    sqlite3_vfs *real = WRAPPED(shim);
    dbv_file *df = (dbv_file *)file;
    df->real = (sqlite3_file *)((char *)file + size);
    memset(df->real, 0, (size_t)real->szOsFile);
    int rc = real->xOpen(real, name, df->real, flags, out_flags);
    if (!df->real->pMethods) {
        file->pMethods = NULL;
        return rc;
    }
    int v = df->real->pMethods->iVersion;
    file->pMethods = &methods[v < 1 ? 1 : v > 3 ? 3 : v];
    return rc;
}

static int v_delete(sqlite3_vfs *vfs, const char *name, int sync)
{
    return WRAPPED(vfs)->xDelete(WRAPPED(vfs), name, sync);
}

static int v_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return WRAPPED(vfs)->xAccess(WRAPPED(vfs), name, flags, out);
}

static int v_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return WRAPPED(vfs)->xFullPathname(WRAPPED(vfs), name, n, out);
}

static void *v_dlopen(sqlite3_vfs *vfs, const char *name) { return WRAPPED(vfs)->xDlOpen(WRAPPED(vfs), name); }
static void v_dlerror(sqlite3_vfs *vfs, int n, char *msg) { WRAPPED(vfs)->xDlError(WRAPPED(vfs), n, msg); }

static void (*v_dlsym(sqlite3_vfs *vfs, void *h, const char *sym))(void)
{
    return WRAPPED(vfs)->xDlSym(WRAPPED(vfs), h, sym);
}

static void v_dlclose(sqlite3_vfs *vfs, void *h) { WRAPPED(vfs)->xDlClose(WRAPPED(vfs), h); }

static int v_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    return WRAPPED(vfs)->xRandomness(WRAPPED(vfs), n, out);
}

static int v_sleep(sqlite3_vfs *vfs, int us) { return WRAPPED(vfs)->xSleep(WRAPPED(vfs), us); }
static int v_current_time(sqlite3_vfs *vfs, double *t) { return WRAPPED(vfs)->xCurrentTime(WRAPPED(vfs), t); }

static int v_get_last_error(sqlite3_vfs *vfs, int n, char *s)
{
    return WRAPPED(vfs)->xGetLastError(WRAPPED(vfs), n, s);
}

static int v_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
    return WRAPPED(vfs)->xCurrentTimeInt64(WRAPPED(vfs), t);
}

void dbv_vfs_init(sqlite3_vfs *shim, sqlite3_vfs *real, const char *name, size_t file_size,
                  int (*open)(sqlite3_vfs *, const char *, sqlite3_file *, int, int *))
{
    *shim = (sqlite3_vfs){
        .iVersion = 2, .szOsFile = (int)file_size + real->szOsFile, .mxPathname = real->mxPathname,
        .zName = name, .pAppData = real, .xOpen = open, .xDelete = v_delete, .xAccess = v_access,
        .xFullPathname = v_full_pathname, .xDlOpen = v_dlopen, .xDlError = v_dlerror, .xDlSym = v_dlsym,
        .xDlClose = v_dlclose, .xRandomness = v_randomness, .xSleep = v_sleep, .xCurrentTime = v_current_time,
        .xGetLastError = v_get_last_error, .xCurrentTimeInt64 = v_current_time_int64,
    };
}
