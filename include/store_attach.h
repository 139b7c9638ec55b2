/*
 * store_attach.h: files kept with a case, their bytes stored once per
 * SHA-256 (store_attach.c, store_blob.c).
 * Part of store.h, which includes it; the conventions are store.h's.
 */
#ifndef CALLLOG_STORE_ATTACH_H
#define CALLLOG_STORE_ATTACH_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

/*
 * Attachments (schema/010_attachments.sql; DESIGN.md "Evidence"): files
 * kept inside the journal with a case, and on one of its calls or not.
 * The bytes are stored once per content, keyed by their SHA-256.
 */
struct cl_attachment {
	long long id;
	char uuid[UUID_BUFSZ];
	long long case_id;
	long long call_id;	/* 0: on the case, on no call */
	char call_uuid[UUID_BUFSZ];	/* read: the call's uuid, "" none */
	char *name;		/* a base name, checked like a line field */
	char *media_type;	/* from the bytes (mediatype.h) */
	long long size;
	char sha256[65];	/* lower-case hex */
	time_t added;
	char *note;		/* NULL: none */
};

void attachment_clear(struct cl_attachment *a);

/*
 * Where an attachment's bytes come from: mem (size bytes), or, when mem
 * is NULL, the open descriptor fd, read from its current offset for
 * exactly size bytes, in chunks, so that memory does not grow with the
 * file (a file that ends early or grows meanwhile is refused).
 */
struct attach_src {
	const void *mem;
	int fd;
	long long size;
};

/*
 * Keep the bytes of src with attachment a, within the command's change:
 * a->case_id (, a->call_id), a->name, a->media_type, a->added and a->note
 * are the caller's, checked; a->size, a->sha256, a->uuid (unless set) and
 * a->id are filled.  Bytes already in the journal are not stored again.
 * The caller bounds the size (config's [attach] max_size) and redacts
 * text before; an empty source is refused.  0, or -1 after reporting.
 * `calllog mail` keeps its .eml this way, from memory.
 */
int store_attach(struct store *st, struct cl_attachment *a,
    const struct attach_src *src);

/* Remove attachment id (its bytes stay for undo; a purge drops the bytes
 * nothing names any more).  0, 1 when there is none, -1 after reporting. */
int store_attachment_delete(struct store *st, long long id);

/* Attachment id into *a: 0, 1 when there is none, -1 after reporting. */
int store_attachment_get(struct store *st, long long id,
    struct cl_attachment *a);

/* The attachment whose hash starts with prefix (at least 4 hex digits),
 * its id into *id: 0; 1 none; 2 more than one; -1 after reporting. */
int store_attachment_by_hash(struct store *st, const char *prefix,
    long long *id);

/* The attachments of case_id (0: all), in timeline order: by their
 * call's time when on a call, else by when they were added. */
int store_attachments_each(struct store *st, long long case_id,
    int (*fn)(struct cl_attachment *, void *), void *arg);

/* The stored bytes of the blob sha256, in chunks, to sink (which returns
 * 0, or -1 after reporting), then checked against the hash.  0, or -1
 * after reporting. */
int store_blob_read(struct store *st, const char *sha256,
    int (*sink)(const void *p, size_t n, void *arg), void *arg);

/* Check every blob's bytes against its hash; fn is called with each one
 * that does not match (or whose size is wrong).  Returns the number of
 * mismatches, or -1 after reporting. */
int store_blobs_verify(struct store *st,
    void (*fn)(const char *sha256, const char *found, void *), void *arg);
#endif
