/*
 * store_attach.c: files kept in the journal (schema/010_attachments.sql).
 * A file is streamed into its blob a chunk at a time (sqlite3_blob_write
 * into a row made of zeros), so attaching a large file holds one chunk,
 * not the file; content already kept is not written again.  History triggers record the attachment rows; the
 * blobs are not history (store_purge.c drops those nothing names).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha256.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

#define CHUNK (64 * 1024)

void
attachment_clear(struct cl_attachment *a)
{
	free(a->name);
	free(a->media_type);
	free(a->note);
	memset(a, 0, sizeof(*a));
}

/* Up to n bytes of src at offset off into buf; the count, or -1. */
static long long
src_read(const struct attach_src *src, long long off, void *buf, size_t n)
{
	ssize_t r;

	if (src->mem) {
		if ((long long)n > src->size - off)
			n = (size_t)(src->size - off);
		memcpy(buf, (const char *)src->mem + off, n);
		return (long long)n;
	}
	do
		r = read(src->fd, buf, n);
	while (r == -1 && errno == EINTR);
	return r;
}

/* Stream src into blob row rowid, hashing it into hex. */
static int
stream_in(struct store *st, sqlite3_int64 rowid, const struct attach_src *src,
    char hex[SHA256_HEXSZ])
{
	sqlite3_blob *b;
	struct sha256 *h;
	char *buf = xmalloc(CHUNK);
	long long off = 0, r = 0;
	int rc = 0;
	char extra;

	if (sqlite3_blob_open(st->db, "main", "blobs", "data", rowid, 1, &b)
	    != SQLITE_OK) {
		free(buf);
		return store_error(st, "store the file");
	}
	h = sha256_new();
	while (off < src->size) {
		size_t want = src->size - off < CHUNK ?
		    (size_t)(src->size - off) : CHUNK;

		if ((r = src_read(src, off, buf, want)) <= 0)
			break;
		sha256_update(h, buf, (size_t)r);
		if (sqlite3_blob_write(b, buf, (int)r, (int)off) != SQLITE_OK) {
			rc = store_error(st, "store the file");
			break;
		}
		off += r;
	}
	if (rc == 0 && r < 0)
		rc = error("cannot read the file: %s", strerror(errno));
	else if (rc == 0 && (off != src->size || (!src->mem &&
	    src_read(src, off, &extra, 1) > 0)))
		rc = error("the file changed while it was read; attach it "
		    "again");
	sqlite3_blob_close(b);
	free(buf);
	if (rc == 0)
		sha256_finish(h, hex);
	else
		sha256_free(h);
	return rc;
}

/* The hash of src, read through once (a file from its start). */
static int
hash_src(const struct attach_src *src, char hex[SHA256_HEXSZ])
{
	struct sha256 *h = sha256_new();
	char *buf = xmalloc(CHUNK);
	long long off = 0, r = 0;

	if (!src->mem && lseek(src->fd, 0, SEEK_SET) == -1)
		r = -1;
	while (r >= 0 && off < src->size) {
		size_t want = src->size - off < CHUNK ?
		    (size_t)(src->size - off) : CHUNK;

		if ((r = src_read(src, off, buf, want)) <= 0)
			break;
		sha256_update(h, buf, (size_t)r);
		off += r;
	}
	free(buf);
	if (r < 0 || off != src->size) {
		sha256_free(h);
		return r < 0 ? error("cannot read the file: %s",
		    strerror(errno)) : error("the file changed while it was "
		    "read; attach it again");
	}
	sha256_finish(h, hex);
	return 0;
}

/*
 * Keep src's bytes under their hash, once.  The hash comes first, so
 * that the row is written with its key: an UPDATE of the key afterwards
 * would rewrite the whole row through memory.  Then the bytes are
 * streamed into a row of zeros and hashed again on the way in: a file
 * changed between the two reads is refused.
 */
static int
blob_put(struct store *st, const struct attach_src *src,
    char hex[SHA256_HEXSZ])
{
	sqlite3_stmt *s;
	char again[SHA256_HEXSZ];
	int rc, exists;

	if ((rc = hash_src(src, hex)) != 0)
		return rc;
	if ((s = store_prepare(st, "SELECT 1 FROM blobs WHERE sha256 = ?1"))
	    == NULL)
		return -1;
	bind_text(s, 1, hex);
	exists = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	if (exists)
		return 0;
	s = store_prepare(st, "INSERT INTO blobs (sha256, size, data)"
	    " VALUES (?1, ?2, zeroblob(?2))");
	if (s == NULL)
		return -1;
	bind_text(s, 1, hex);
	sqlite3_bind_int64(s, 2, src->size);
	rc = sqlite3_step(s) == SQLITE_DONE ? 0 :
	    store_error(st, "store the file");
	sqlite3_finalize(s);
	if (rc)
		return rc;
	if (!src->mem && lseek(src->fd, 0, SEEK_SET) == -1)
		return error("cannot read the file: %s", strerror(errno));
	if ((rc = stream_in(st, sqlite3_last_insert_rowid(st->db), src,
	    again)) != 0)
		return rc;
	if (strcmp(again, hex) != 0)
		return error("the file changed while it was read; attach it "
		    "again");
	return 0;
}

int
store_attach(struct store *st, struct cl_attachment *a,
    const struct attach_src *src)
{
	sqlite3_stmt *s;
	int rc;

	if (src->size <= 0)
		return error("internal error: an empty attachment");
	if ((rc = blob_put(st, src, a->sha256)) != 0)
		return rc;
	a->size = src->size;
	if (a->uuid[0] == '\0')
		uuid_new(a->uuid);
	s = store_prepare(st, "INSERT INTO attachments (id, uuid, case_id,"
	    " call_id, name, media_type, size, sha256, added_at, note)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	if (s == NULL)
		return -1;
	if (a->id > 0)
		sqlite3_bind_int64(s, 1, a->id);
	bind_text(s, 2, a->uuid);
	sqlite3_bind_int64(s, 3, a->case_id);
	if (a->call_id > 0)
		sqlite3_bind_int64(s, 4, a->call_id);
	bind_text(s, 5, a->name);
	bind_text(s, 6, a->media_type);
	sqlite3_bind_int64(s, 7, a->size);
	bind_text(s, 8, a->sha256);
	bind_time(s, 9, a->added);
	bind_text(s, 10, a->note);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "record the attachment");
	else
		a->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_finalize(s);
	return rc;
}

#define ATT_COLS "a.id, a.uuid, a.case_id, a.call_id, a.name, a.media_type," \
    " a.size, a.sha256, a.added_at, a.note, k.uuid"
#define ATT_FROM " FROM attachments a LEFT JOIN calls k ON k.id = a.call_id"

static void
read_attachment(sqlite3_stmt *s, struct cl_attachment *a)
{
	const unsigned char *t;

	a->id = sqlite3_column_int64(s, 0);
	t = sqlite3_column_text(s, 1);
	snprintf(a->uuid, sizeof(a->uuid), "%s", t ? (const char *)t : "");
	a->case_id = sqlite3_column_int64(s, 2);
	a->call_id = sqlite3_column_int64(s, 3);
	a->name = col_text(s, 4);
	a->media_type = col_text(s, 5);
	a->size = sqlite3_column_int64(s, 6);
	t = sqlite3_column_text(s, 7);
	snprintf(a->sha256, sizeof(a->sha256), "%s", t ? (const char *)t : "");
	a->added = col_time(s, 8);
	a->note = col_text(s, 9);
	t = sqlite3_column_text(s, 10);
	snprintf(a->call_uuid, sizeof(a->call_uuid), "%s",
	    t ? (const char *)t : "");
}

int
store_attachment_get(struct store *st, long long id, struct cl_attachment *a)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT " ATT_COLS ATT_FROM
	    " WHERE a.id = ?1");
	int step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	step = sqlite3_step(s);
	if (step == SQLITE_ROW)
		read_attachment(s, a);
	sqlite3_finalize(s);
	if (step == SQLITE_ROW)
		return 0;
	return step == SQLITE_DONE ? 1 : store_error(st, "read the attachment");
}

int
store_attachment_by_hash(struct store *st, const char *prefix, long long *id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT id FROM attachments"
	    " WHERE substr(sha256, 1, length(?1)) = lower(?1)"
	    " ORDER BY id LIMIT 2");
	int n = 0, step;

	if (s == NULL)
		return -1;
	bind_text(s, 1, prefix);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		if (n++ == 0)
			*id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (step != SQLITE_DONE)
		return store_error(st, "find the attachment");
	return n == 0 ? 1 : n == 1 ? 0 : 2;
}

int
store_attachments_each(struct store *st, long long case_id,
    int (*fn)(struct cl_attachment *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT " ATT_COLS ATT_FROM
	    " WHERE ?1 = 0 OR a.case_id = ?1"
	    " ORDER BY a.case_id, coalesce(k.started_at, a.added_at), a.id");
	int rc = 0, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_attachment a = { 0 };

		read_attachment(s, &a);
		rc = fn(&a, arg);
		attachment_clear(&a);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "list the attachments");
	sqlite3_finalize(s);
	return rc;
}
