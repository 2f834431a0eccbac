/* core/fsutil.h (prefix fs_) — files and paths: reading whole files with a size cap, making directories, and
 * turning command-line arguments (files and directory trees) into a sorted list of input documents. */
#ifndef PARPLAN_FSUTIL_H
#define PARPLAN_FSUTIL_H

#include <stddef.h>

#include "core/err.h"
#include "core/strvec.h"

/* Largest file read whole into memory (text inputs); bigger ones are refused with PP_EXIT_NOMEM. */
#define PP_MAX_TEXT_BYTES ((size_t)256 << 20)

/* mkdir -p, the one in parplan: creates `dir` and every missing directory above it (mode 0777 before the
 * umask).  Returns PP_OK when `dir` is a directory afterwards, else `code` (the caller's exit code for
 * it: PP_EXIT_DB for a database's directory, PP_EXIT_INPUT for an output directory) with
 * "DIR: cannot create directory: why" in e. */
int fs_mkdirs(const char *dir, int code, pp_err *e);
/* The same for the directories above a file about to be created at `path` (the file itself is not
 * made, nor checked). */
int fs_mkdir_parents(const char *path, int code, pp_err *e);
/* Reads a whole file; *buf is NUL-terminated (the NUL is not counted in *len). */
int fs_read_file(const char *path, size_t max, char **buf, size_t *len, pp_err *e);
/* Files named on the command line are taken whatever their name; directories are walked recursively,
 * in sorted order, taking the files whose extension parplan reads (fs_is_input_name).  A file named
 * more than once (twice, or also inside a directory named, or through a link) is taken once, at its
 * first place. */
int fs_collect_inputs(char *const *args, int nargs, strvec *out, pp_err *e);
int fs_is_input_name(const char *name);
/* Whether name ends in one of exts[0..nexts) (".png"), letter case aside. */
int fs_ext_in(const char *name, const char *const *exts, size_t nexts);
/* Parses "K/N" (1 <= K <= N); returns 0 on success. */
int fs_parse_shard(const char *s, int *k, int *n);
/* Keeps the inputs of shard K of N: a stable choice by a hash of each path as given, so the same
 * command on every machine splits the same list the same way whatever order it is listed in. */
void fs_shard_filter(strvec *inputs, int k, int n);
/* The directory holding the running executable (to find sibling stage programs). */
char *fs_self_dir(void);
/* The absolute path of an existing file with symbolic links resolved (realpath); for one that cannot be
 * resolved, the working directory joined to it (or path itself when absolute).  Always a new string. */
char *fs_absolute(const char *path);

#endif
