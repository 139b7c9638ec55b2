/*
 * fileio: small whole files read and replaced atomically, private folders
 * made, and a folder's files read without following links (what another
 * program writes into a folder is untrusted).  Each reports through
 * util's error() unless it says otherwise.
 */
#ifndef CALLLOG_FILEIO_H
#define CALLLOG_FILEIO_H

#include <stddef.h>

/*
 * mkdir -p with mode 0700: dir and its missing parents, as a calendar
 * folder or a data directory is private.  Returns 0, or -1 after
 * reporting the directory that could not be made.
 */
int make_dirs(const char *dir);

/*
 * Replace the file at path with data, atomically: written to a temporary
 * file beside it, synced, then renamed over it, so a reader sees the old
 * file or the new one and never a part; the directory is synced after the
 * rename, so the new file is there after a crash.  mode applies to a new
 * file.
 * Returns 0, or -1 after reporting.
 */
int write_file_atomic(const char *path, const char *data, size_t len,
    int mode);

/* fsync the directory holding path (after a rename into it).  0, or -1
 * after reporting. */
int sync_parent(const char *path);

/* Read a whole (small) file, NUL-terminated; the caller frees.  NULL
 * without a message, errno set, when it cannot be read or is longer than
 * max bytes (EFBIG): never a part of it. */
char *read_file(const char *path, size_t max);

/*
 * The regular file name directly in the folder dfd, read whole as
 * read_file does, but never through a symbolic link and never anything
 * but a regular file: what a folder another program writes into (a vdir)
 * holds is untrusted.  NULL with errno ELOOP (a symbolic link), EINVAL
 * (not a regular file: a directory, a FIFO, a device), EFBIG (over max
 * bytes) or the error of open or read.  The check is made on the file
 * opened, so a link put in its place meanwhile is not followed either.
 */
char *read_file_at(int dfd, const char *name, size_t max);

/* What read_file_at's errno means, for a message: "a symbolic link, not
 * followed", "not a regular file", or strerror's text. */
const char *read_file_at_why(int err);

#endif
