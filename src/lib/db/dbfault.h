/* db/dbfault.h (prefix dbf_) — SQLite's side of the torture build's fault injection (core/fault.h).
 *
 * dbf_install() puts, before SQLite initialises, an allocator whose N-th allocation fails and a default
 * VFS that wraps the platform's and fails the N-th read, write, sync, truncation or lock as
 * PARPLAN_FAULT_ALLOC / PARPLAN_FAULT_IO say.  The faults then come out of SQLite as the real ones would
 * (SQLITE_NOMEM, SQLITE_IOERR_WRITE, SQLITE_FULL, SQLITE_BUSY), with SQLite's own messages, through every
 * statement of every stage.  Only a -DPP_FAULT build calls it (db_open); elsewhere it does nothing. */
#ifndef PARPLAN_DBFAULT_H
#define PARPLAN_DBFAULT_H

/* Idempotent and thread-safe; called by db_open before the first sqlite3_open. */
void dbf_install(void);

#endif
