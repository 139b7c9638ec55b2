/*
 * store_blob.c: reading the kept bytes back, a chunk at a time
 * (sqlite3_blob_read), to write them out or to check them against their
 * hash (`calllog doctor`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sha256.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

#define CHUNK (64 * 1024)

/* Stream blob rowid through a hash and, when sink is not NULL, to it. */
static int
blob_stream(struct store *st, sqlite3_int64 rowid,
    int (*sink)(const void *, size_t, void *), void *arg,
    char hex[SHA256_HEXSZ])
{
	sqlite3_blob *b;
	struct sha256 *h;
	char *buf;
	int size, off = 0, rc = 0;

	if (sqlite3_blob_open(st->db, "main", "blobs", "data", rowid, 0, &b)
	    != SQLITE_OK)
		return store_error(st, "read the file's bytes");
	size = sqlite3_blob_bytes(b);
	buf = xmalloc(CHUNK);
	h = sha256_new();
	while (rc == 0 && off < size) {
		int n = size - off < CHUNK ? size - off : CHUNK;

		if (sqlite3_blob_read(b, buf, n, off) != SQLITE_OK) {
			rc = store_error(st, "read the file's bytes");
			break;
		}
		sha256_update(h, buf, (size_t)n);
		if (sink && sink(buf, (size_t)n, arg) == -1)
			rc = -1;
		off += n;
	}
	sqlite3_blob_close(b);
	free(buf);
	if (rc == 0)
		sha256_finish(h, hex);
	else
		sha256_free(h);
	return rc;
}

int
store_blob_read(struct store *st, const char *sha256,
    int (*sink)(const void *, size_t, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT id FROM blobs WHERE sha256 = ?1");
	sqlite3_int64 rowid = 0;
	char hex[SHA256_HEXSZ];
	int step, rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, sha256);
	if ((step = sqlite3_step(s)) == SQLITE_ROW)
		rowid = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (step == SQLITE_DONE)
		return error("the bytes of %.12s are missing from the journal; "
		    "run 'calllog doctor'", sha256);
	if (step != SQLITE_ROW)
		return store_error(st, "read the file's bytes");
	if ((rc = blob_stream(st, rowid, sink, arg, hex)) != 0)
		return rc;
	/* Written already, but the caller's file is not kept (outfile). */
	if (strcmp(hex, sha256) != 0)
		return error("the stored bytes of %.12s do not match their "
		    "hash; run 'calllog doctor'", sha256);
	return 0;
}

int
store_blobs_verify(struct store *st,
    void (*fn)(const char *sha256, const char *found, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT id, sha256, size, length(data) FROM blobs ORDER BY id");
	int bad = 0, step, rc = 0;

	if (s == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *want = (const char *)sqlite3_column_text(s, 1);
		char hex[SHA256_HEXSZ];

		if ((rc = blob_stream(st, sqlite3_column_int64(s, 0), NULL, NULL,
		    hex)))
			break;
		if (sqlite3_column_int64(s, 2) != sqlite3_column_int64(s, 3) ||
		    want == NULL || strcmp(hex, want) != 0) {
			fn(want ? want : "(none)", hex, arg);
			bad++;
		}
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "check the attachments");
	sqlite3_finalize(s);
	return rc ? -1 : bad;
}
