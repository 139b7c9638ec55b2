/*
 * bundle.c: the only user of libarchive.  A zip rather than a folder: a
 * complaint form takes one upload, and a zip keeps the exhibits' names and
 * dates together with the dossier that numbers them.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>

#include "bundle.h"
#include "store.h"
#include "util.h"

struct bundle {
	struct archive *a;
};

static int
fail(struct bundle *b, const char *doing)
{
	return error("cannot write the bundle (%s): %s", doing,
	    archive_error_string(b->a) ? archive_error_string(b->a) :
	    "unknown error");
}

struct bundle *
bundle_open(int fd)
{
	struct bundle *b = xcalloc(1, sizeof(*b));

	b->a = archive_write_new();
	if (b->a == NULL || archive_write_set_format_zip(b->a) != ARCHIVE_OK ||
	    archive_write_open_fd(b->a, fd) != ARCHIVE_OK) {
		if (b->a)
			fail(b, "start the zip");
		else
			error("cannot write the bundle: out of memory");
		if (b->a)
			archive_write_free(b->a);
		free(b);
		return NULL;
	}
	return b;
}

static int
header(struct bundle *b, const char *name, long long size, time_t mtime)
{
	struct archive_entry *e = archive_entry_new();
	int rc;

	archive_entry_set_pathname_utf8(e, name);
	archive_entry_set_size(e, size);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_mtime(e, mtime, 0);
	rc = archive_write_header(b->a, e) == ARCHIVE_OK ? 0 :
	    fail(b, name);
	archive_entry_free(e);
	return rc;
}

int
bundle_add(struct bundle *b, const char *name, const void *p, size_t n,
    time_t mtime)
{
	if (header(b, name, (long long)n, mtime) == -1)
		return -1;
	if (n > 0 && archive_write_data(b->a, p, n) != (la_ssize_t)n)
		return fail(b, name);
	return 0;
}

struct sink {
	struct bundle *b;
	const char *name;
};

static int
to_zip(const void *p, size_t n, void *arg)
{
	struct sink *s = arg;

	return archive_write_data(s->b->a, p, n) == (la_ssize_t)n ? 0 :
	    fail(s->b, s->name);
}

int
bundle_add_blob(struct bundle *b, const char *name, struct store *st,
    const char *sha256, long long size, time_t mtime)
{
	struct sink s = { b, name };

	if (header(b, name, size, mtime) == -1)
		return -1;
	return store_blob_read(st, sha256, to_zip, &s);
}

int
bundle_close(struct bundle *b, int ok)
{
	int rc = 0;

	if (ok && archive_write_close(b->a) != ARCHIVE_OK)
		rc = fail(b, "finish the zip");
	archive_write_free(b->a);
	free(b);
	return rc;
}
