/* core/fault.h (prefix ft_) — fault injection for the torture build: the N-th allocation, or the N-th
 * database I/O operation of a kind, fails, so a sweep over N walks every error path once.
 *
 * After SQLite's own harness (its test builds fail the N-th malloc, and a VFS shim the N-th I/O call).
 * Compiled in only with -DPP_FAULT (`make torture`, BUILD=build/torture); a release build has no hook
 * and reads none of these variables.  The settings, read from the environment at the first event:
 *
 *   PARPLAN_FAULT_ALLOC=N[+]       the N-th allocation fails (counted from 1 over the project's x*
 *                                  allocators, core/err.h, and SQLite's own, db/dbfault.c); with `+`
 *                                  every later one fails too (memory stays exhausted)
 *   PARPLAN_FAULT_IO=N:KIND[+]     the N-th database I/O operation that KIND applies to fails:
 *                                  ioerr  reads, writes, syncs and truncations answer SQLITE_IOERR_*
 *                                  full   writes answer SQLITE_FULL (the disk filled up)
 *                                  busy   lock requests answer SQLITE_BUSY (another process holds it)
 *   PARPLAN_FAULT_COUNT=1          at exit, print how many events of each class happened
 *                                  ("parplan-fault: 1234 allocations, 56 reads, ..."), the range a sweep walks
 *
 * When a fault fires it says so once on stderr ("parplan-fault: allocation 57 fails"), so the sweep can
 * tell a run that met its fault from one that ended first. */
#ifndef PARPLAN_FAULT_H
#define PARPLAN_FAULT_H

/* The classes of events counted.  An allocation is one class; the I/O classes are what each KIND of
 * PARPLAN_FAULT_IO counts (ioerr: read, write, sync, truncate; full: write; busy: lock). */
enum ft_class { FT_ALLOC, FT_READ, FT_WRITE, FT_SYNC, FT_TRUNCATE, FT_LOCK, FT_NCLASS };

/* What an I/O event is to answer: nothing, or the error of the configured kind. */
enum ft_kind { FT_NONE = 0, FT_IOERR, FT_FULL, FT_BUSY };

/* Counts an allocation; 1 when it is to fail. */
int ft_alloc_fails(void);
/* Counts an I/O event of class c (FT_READ .. FT_LOCK); the kind of error it is to answer, or FT_NONE. */
enum ft_kind ft_io_fails(enum ft_class c);

#endif
