/* db/dbvfs.h (prefix dbv_) — the forwarding half of a VFS shim: everything a shim does not change goes
 * to the VFS it wraps, in the manner of SQLite's test_vfstrace.c.  Two shims use it: dbwal (the log
 * written a commit at a time, every build) and dbfault (the torture build's failing I/O).
 *
 * A shim's file is a struct that starts with a dbv_file and holds the wrapped VFS's file right after
 * it; the shim's VFS keeps the wrapped VFS in pAppData, so shims can wrap one another (the torture build
 * puts dbwal over dbfault over the platform's).  A shim fills its tables with the forwarders first, then
 * sets the few methods it changes. */
#ifndef PARPLAN_DBVFS_H
#define PARPLAN_DBVFS_H

#include <sqlite3.h>
#include <stddef.h>

typedef struct dbv_file {
    sqlite3_file base;
    sqlite3_file *real; /* the wrapped VFS's file, at dbv_open_real's `size` bytes from the start */
} dbv_file;

#define DBV_REAL(f) (((dbv_file *)(f))->real)

/* Fills methods[1..3], one table per iVersion of the real files' (a version-1 file has no shared memory,
 * and WAL must then not be offered), with methods that forward every call to DBV_REAL(file). */
void dbv_methods_init(sqlite3_io_methods methods[4]);

/* Fills *shim as a version-2 VFS called `name` whose every call but xOpen goes to `real` (kept in
 * pAppData; the shim's VFS must live as long as SQLite may use it); a shim's file takes `file_size`
 * bytes (its struct, from a dbv_file on) before the real file's. */
void dbv_vfs_init(sqlite3_vfs *shim, sqlite3_vfs *real, const char *name, size_t file_size,
                  int (*open)(sqlite3_vfs *, const char *, sqlite3_file *, int, int *));

/* For a shim's xOpen: opens the real file at `size` bytes into `file` (a shim file of that size) and
 * gives the shim's file methods[v] for the real file's version v.  SQLite calls xClose on a file with
 * methods even when the open failed, so the shim's file has methods exactly when the real file has. */
int dbv_open_real(sqlite3_vfs *shim, const char *name, sqlite3_file *file, size_t size, int flags,
                  int *out_flags, const sqlite3_io_methods methods[4]);

#endif
