/* db/dbwal.h (prefix dbw_) — a VFS shim that hands SQLite's write-ahead log to the kernel one commit at a
 * time instead of two writes per frame.
 *
 * SQLite writes each log frame as two pwrite calls (its 24-byte header, then the page), and a committed
 * document in parplan-extract is about 20 frames: 40 system calls a document, which perf measured at an
 * eighth of the stage's time.  Through this shim the writes to a `-wal` file that follow one another in
 * the file are gathered in memory and written with one call when the commit frame's page has been added
 * (its header says so: a non-zero database size), before SQLite publishes the commit in the wal-index, so
 * no other connection can see a frame that is not in the file yet.  The commit frame's write returns that
 * one call's result: a full disk or an I/O error fails the commit as it would have failed the frame.
 *
 * Every other way of reaching the log first writes what is gathered: a read (a checkpoint, or a page this
 * connection wrote), a write elsewhere in the file, a sync, a truncation, the size, a file control, and
 * closing.  The database file and the journal go straight to the wrapped VFS.  docs/architecture.md has
 * the measurements and the reasoning. */
#ifndef PARPLAN_DBWAL_H
#define PARPLAN_DBWAL_H

/* Makes the shim SQLite's default VFS, wrapping the default before it (the torture build's fault VFS
 * when that is installed first, so the faults still reach the gathered writes).  Idempotent and
 * thread-safe; db_open calls it before its first sqlite3_open.  Returns 0, or -1 when SQLite had no
 * default VFS or refused the registration (then nothing changed: SQLite writes as it always did). */
int dbw_install(void);

/* Calls the real file's write this process made for log files since start-up (for tests and
 * benchmarks: the coalescing is observable only through it). */
unsigned long dbw_real_writes(void);

#endif
