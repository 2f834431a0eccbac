/* core/atomicfile.h (prefix af_) — output files written whole or not at all: the data goes to a temporary
 * file in the same directory, which replaces the target by rename(2) only once everything is written and
 * synced, so a reader (or a run killed half-way) sees the old file or the new one, never a torn one; and
 * the check that an output path is not one of the program's inputs (the database it reads). */
#ifndef PARPLAN_ATOMICFILE_H
#define PARPLAN_ATOMICFILE_H

#include <stdio.h>

#include "core/err.h"

typedef struct af_file {
    FILE *f;    /* write here */
    char *path; /* the target; NULL: f is stdout, nothing to rename */
    char *tmp;  /* the temporary file beside it */
} af_file;

/* Opens a temporary file beside `path` (".NAME.XXXXXX", mode 0666 less the umask, as fopen would make
 * it), or stdout when path is NULL or "-".  Errors: PP_EXIT_INPUT "PATH: cannot write: why". */
int af_open(af_file *a, const char *path, pp_err *e);
/* Flushes, syncs and closes the temporary file and renames it over the target.  On error the temporary
 * file is removed and the target left as it was.  a is empty afterwards either way. */
int af_commit(af_file *a, pp_err *e);
/* Closes and removes the temporary file (no-op on an empty af_file); the target is left as it was. */
void af_abort(af_file *a);

/* 1 when both paths name an existing file and it is the same one (device and inode, symbolic links
 * followed), else 0. */
int af_same_file(const char *a, const char *b);
/* When `out` is the database `db` or one of its SQLite companions (-wal, -shm, -journal), sets
 * PP_EXIT_USAGE "OUT: is the database DB (the output would overwrite it); choose another --out" and
 * returns it; PP_OK otherwise. */
int af_refuse_db(const char *out, const char *db, pp_err *e);

#endif
