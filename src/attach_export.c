/*
 * attach_export.c: a case's attachments in the export file, the bytes
 * too (base64), read from the journal a chunk at a time and written as
 * an array of strings of XFER_B64_LINE bytes each: `import` gives the same
 * bytes back under the same SHA-256.
 */
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "store.h"
#include "util.h"
#include "xfer.h"

struct b64 {
	struct jsonw *j;
	unsigned char buf[XFER_B64_LINE];
	size_t n;
};

static const char digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static void
flush(struct b64 *b)
{
	char out[XFER_B64_LINE / 3 * 4 + 5], *o = out;

	for (size_t i = 0; i < b->n; i += 3) {
		unsigned v = (unsigned)b->buf[i] << 16 |
		    (i + 1 < b->n ? (unsigned)b->buf[i + 1] << 8 : 0) |
		    (i + 2 < b->n ? b->buf[i + 2] : 0);

		*o++ = digits[v >> 18 & 63];
		*o++ = digits[v >> 12 & 63];
		*o++ = i + 1 < b->n ? digits[v >> 6 & 63] : '=';
		*o++ = i + 2 < b->n ? digits[v & 63] : '=';
	}
	*o = '\0';
	if (b->n)
		jsonw_string(b->j, out);
	b->n = 0;
}

static int
sink(const void *p, size_t n, void *arg)
{
	struct b64 *b = arg;
	const unsigned char *c = p;

	while (n > 0) {
		size_t k = sizeof(b->buf) - b->n < n ? sizeof(b->buf) - b->n : n;

		memcpy(b->buf + b->n, c, k);
		b->n += k;
		c += k;
		n -= k;
		if (b->n == sizeof(b->buf))
			flush(b);
	}
	return 0;
}

struct walk {
	struct jsonw *j;
	struct store *st;
};

static int
one(struct cl_attachment *a, void *arg)
{
	struct walk *w = arg;
	struct cl_attachment_row r = { a->id, "", a->name, a->media_type,
	    (int)a->size, a->added, a->note };
	struct b64 *b = xcalloc(1, sizeof(*b));
	int rc;

	memcpy(r.uuid, a->uuid, sizeof(r.uuid));
	jsonw_object_begin(w->j);
	xfer_write_members(w->j, xfer_attachment_fields, &r, NULL);
	jsonw_kstring(w->j, "call", a->call_uuid[0] ? a->call_uuid : NULL);
	jsonw_kstring(w->j, "sha256", a->sha256);
	jsonw_key(w->j, "data");
	jsonw_array_begin(w->j);
	b->j = w->j;
	rc = store_blob_read(w->st, a->sha256, sink, b);
	flush(b);
	free(b);
	jsonw_array_end(w->j);
	jsonw_object_end(w->j);
	return rc;
}

int
xfer_write_attachments(struct jsonw *j, struct store *st, long long case_id)
{
	struct walk w = { j, st };

	return store_attachments_each(st, case_id, one, &w) == 0 ? 0 : -1;
}
