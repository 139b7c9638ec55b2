/*
 * outfile: the files commands write for a person (export -o, dossier -o,
 * ical -o and --vdir, backup).  Each is checked against the journal before
 * anything is written, so that no output option can replace the journal or
 * its write-ahead log, by name or through a link.
 */
#ifndef CALLLOG_OUTFILE_H
#define CALLLOG_OUTFILE_H

#include <stddef.h>

struct store;

/*
 * Whether dest may be written: 0 when it is neither the journal of st nor
 * one of its side files (-wal, -shm, -journal), compared by device and
 * inode and, for files not there yet, by their resolved names.  -1 after
 * reporting.
 */
int outfile_check(struct store *st, const char *dest);

/* outfile_check, then write_file_atomic with mode 0600.  Returns 0, or -1
 * after reporting. */
int outfile_write(struct store *st, const char *dest, const char *data,
    size_t len);

/* outfile_check, then write dest atomically (mode 0600) with what
 * fill(fd, arg) writes, as a stream: a file too large to hold in memory
 * (an attachment).  fill returns 0, or -1 after reporting; then dest is
 * left as it was.  Returns 0, or -1 after reporting. */
int outfile_stream(struct store *st, const char *dest,
    int (*fill)(int fd, void *arg), void *arg);

#endif
