/*
 * import_attach.c: an attachment read back from an export file.  Its
 * bytes are untrusted like the rest of the file: bounded by [attach]
 * max_size, decoded strictly, and refused unless they are exactly the
 * size and SHA-256 the file states; their media type is read from them
 * again, and text is redacted as `attach` would.
 */
#include <string.h>

#include "cmd.h"
#include "exhibit.h"
#include "field.h"
#include "import.h"
#include "mediatype.h"
#include "redact.h"
#include "sha256.h"
#include "store.h"

static int
b64_value(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ?
	    c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52 : c == '+' ?
	    62 : c == '/' ? 63 : -1;
}

/* Decode data (an array of base64 strings, padding only at its very end)
 * into out (when not NULL, max bytes) and through h; the byte count, or
 * -1 when it is not such base64 or holds more than max bytes. */
static long long
decode(json_t *data, unsigned char *out, long long max, struct sha256 *h)
{
	long long n = 0;
	size_t i, last = json_array_size(data) - 1;
	json_t *line;
	int ended = 0;

	if (!json_is_array(data) || json_array_size(data) == 0)
		return -1;
	json_array_foreach(data, i, line) {
		const char *s = json_string_value(line);
		size_t len = s ? strlen(s) : 1;

		if (s == NULL || len % 4 || ended)
			return -1;
		for (size_t k = 0; k < len; k += 4) {
			int v[4], pad = 0;
			unsigned char b[3];

			for (int m = 0; m < 4; m++) {
				v[m] = s[k + m] == '=' && m >= 2 ? 0 :
				    b64_value((unsigned char)s[k + m]);
				pad += s[k + m] == '=';
				if (v[m] < 0 || (pad && s[k + m] != '='))
					return -1;
			}
			if (pad && (k + 4 != len || i != last))
				return -1;
			b[0] = (unsigned char)(v[0] << 2 | v[1] >> 4);
			b[1] = (unsigned char)(v[1] << 4 | v[2] >> 2);
			b[2] = (unsigned char)(v[2] << 6 | v[3]);
			if (n + 3 - pad > max)
				return -1;
			if (out)
				memcpy(out + n, b, (size_t)(3 - pad));
			sha256_update(h, b, (size_t)(3 - pad));
			n += 3 - pad;
			ended = pad > 0;
		}
	}
	return n;
}

/* The three members import_record does not read, out of v while it
 * reads the rest (and back after). */
static const char *const own[] = { "call", "sha256", "data" };

static int
check(struct import_reader *rd, const char *path, json_t *v, json_t *calls,
    const struct cl_attachment_row *r, long long max)
{
	json_t *call = json_object_get(v, "call"), *k;
	const char *sha = json_string_value(json_object_get(v, "sha256"));
	char why[FIELD_WHY_BUFSZ], got[SHA256_HEXSZ];
	char *base = exhibit_name_check(r->name, NULL, why, sizeof(why));
	int named = base != NULL, found = 0;
	struct sha256 *h;
	long long n;
	size_t i;

	free(base);
	if (!named)	/* said as a field's check is (import_value.c) */
		return import_error(rd, "", NULL, "%s%sname %s", path,
		    *path ? "." : "", why);
	if (strchr(r->name, '/'))
		return import_error(rd, path, "name", "expected a file name "
		    "without a folder");
	if (r->size < 1 || r->size > max)
		return import_error(rd, path, "size", "%d is not from 1 to the "
		    "limit of %lld bytes ([attach] max_size)", r->size, max);
	if (sha == NULL || strlen(sha) != 64 ||
	    strspn(sha, "0123456789abcdef") != 64)
		return import_error(rd, path, "sha256", "expected 64 "
		    "lower-case hex digits");
	if (call == NULL || (!json_is_null(call) && !json_is_string(call)))
		return import_error(rd, path, "call", "expected the uuid of one "
		    "of the case's calls, or null");
	json_array_foreach(calls, i, k)
		found |= json_is_string(call) && json_equal(call,
		    json_object_get(k, "uuid"));
	if (json_is_string(call) && !found)
		return import_error(rd, path, "call", "'%.40s' is none of the "
		    "case's calls", json_string_value(call));
	h = sha256_new();
	n = decode(json_object_get(v, "data"), NULL, r->size, h);
	sha256_finish(h, got);
	if (n != r->size)
		return import_error(rd, path, "data", "expected %d bytes in "
		    "base64 strings", r->size);
	if (strcmp(got, sha) != 0)
		return import_error(rd, path, "data", "its SHA-256 is %.16s..., "
		    "not the %.16s... the file states: the file was changed",
		    got, sha);
	return 0;
}

static int
store_it(struct store *st, json_t *v, const struct cl_attachment_row *r,
    long long case_id, int keep_ids)
{
	struct cl_attachment a = { 0 };
	struct attach_src src = { 0 };
	struct redact_counts found = { 0 };
	json_t *call = json_object_get(v, "call");
	unsigned char *buf = xmalloc((size_t)r->size + 1);
	struct sha256 *h = sha256_new();
	char hex[SHA256_HEXSZ], *text = NULL;
	const char *owner;
	int rc = CMD_FAIL;

	decode(json_object_get(v, "data"), buf, r->size, h);
	sha256_finish(h, hex);
	a.id = keep_ids ? r->id : 0;
	memcpy(a.uuid, r->uuid, sizeof(a.uuid));
	a.case_id = case_id;
	if (json_is_string(call) && store_uuid_owner(st,
	    json_string_value(call), &owner, &a.call_id) != 1)
		goto out;
	a.name = xstrdup(r->name);
	a.note = r->note ? xstrdup(r->note) : NULL;
	a.added = r->added;
	a.media_type = mediatype_of(buf, (size_t)r->size);
	src.mem = buf;
	src.size = r->size;
	buf[r->size] = '\0';
	if (!strncmp(a.media_type, "text/", 5) &&
	    !memchr(buf, '\0', (size_t)r->size)) {
		text = redact_text((char *)buf, &found);
		src.mem = text;
		src.size = (long long)strlen(text);
		redact_report(&found, a.name);
	}
	if (src.size > 0 && store_attach(st, &a, &src) == 0)
		rc = CMD_OK;
out:
	free(text);
	free(buf);
	attachment_clear(&a);
	return rc;
}

int
import_attachment(struct import_reader *rd, struct store *st,
    const char *path, json_t *v, json_t *calls, long long case_id, int mode,
    int keep_ids, long long max, long long *id, char *uuid)
{
	struct cl_attachment_row r = { 0 };
	json_t *kept[3];
	int rc = CMD_USAGE, failed;

	if (!json_is_object(v))
		return import_error(rd, path, NULL, "expected an object"),
		    CMD_USAGE;
	for (int i = 0; i < 3; i++) {
		kept[i] = json_incref(json_object_get(v, own[i]));
		json_object_del(v, own[i]);
	}
	failed = import_record(rd, path, v, xfer_attachment_fields, &r);
	for (int i = 0; i < 3; i++)
		if (kept[i])
			json_object_set_new(v, own[i], kept[i]);
	if (failed)
		goto out;
	*id = r.id;
	memcpy(uuid, r.uuid, UUID_BUFSZ);
	if (mode == IMPORT_ATTACH_REDACT)
		rc = CMD_OK;
	else if (mode == IMPORT_ATTACH_CHECK)
		rc = check(rd, path, v, calls, &r, max) ? CMD_USAGE : CMD_OK;
	else
		rc = store_it(st, v, &r, case_id, keep_ids);
out:
	free(r.name);
	free(r.media_type);
	free(r.note);
	return rc;
}
