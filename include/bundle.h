/*
 * bundle.h: a zip file written as a stream (libarchive; bundle.c is its
 * only user), for `dossier --bundle`: the dossier and its exhibits, one
 * entry at a time, an exhibit read from the journal a chunk at a time.
 */
#ifndef CALLLOG_BUNDLE_H
#define CALLLOG_BUNDLE_H

#include <stddef.h>
#include <time.h>

struct bundle;
struct store;

/* A zip written to fd (not closed here).  NULL after reporting. */
struct bundle *bundle_open(int fd);
/* Add name with the bytes p (n), or with the blob sha256 of the journal
 * (size bytes).  0, or -1 after reporting. */
int bundle_add(struct bundle *b, const char *name, const void *p, size_t n,
    time_t mtime);
int bundle_add_blob(struct bundle *b, const char *name, struct store *st,
    const char *sha256, long long size, time_t mtime);
/* Finish the zip and free b; with ok 0 only free it.  0, or -1 after
 * reporting. */
int bundle_close(struct bundle *b, int ok);

#endif
