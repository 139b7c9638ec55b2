/*
 * cmd_attachments.c: `calllog attachments [ID] [--json]`, the files kept
 * with the cases, and `calllog attachment get ID|HASH [-o FILE]`, one of
 * them written back out, byte for byte, checked against its hash.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "exhibit.h"
#include "jsonw.h"
#include "lookup.h"
#include "outfile.h"
#include "store.h"
#include "table.h"
#include "util.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct attachments_opts {
	int json;
	long limit;
};

static const struct opt attachments_opts[] = {
	OPT_JSON(struct attachments_opts, json),
	OPT_LIMIT(struct attachments_opts, limit),
	OPT_END
};

struct walk {
	struct jsonw json;
	struct table *table;
	long limit, n;
};

static int
emit(struct cl_attachment *at, void *arg)
{
	struct walk *w = arg;
	char id[24], ca[24], call[24], size[EXHIBIT_SIZE_BUFSZ];
	char added[WHEN_BUFSZ];

	if (w->limit > 0 && w->n >= w->limit)
		return 1;
	w->n++;
	if (w->table == NULL) {
		jsonw_object_begin(&w->json);
		jsonw_kint(&w->json, "id", at->id);
		jsonw_kstring(&w->json, "uuid", at->uuid);
		jsonw_kint(&w->json, "case", at->case_id);
		jsonw_kint_opt(&w->json, "call", at->call_id ? at->call_id : -1);
		jsonw_kstring(&w->json, "name", at->name);
		jsonw_kstring(&w->json, "media_type", at->media_type);
		jsonw_kint(&w->json, "size", at->size);
		jsonw_kstring(&w->json, "sha256", at->sha256);
		jsonw_ktime(&w->json, "added", at->added);
		jsonw_kstring(&w->json, "note", at->note);
		jsonw_object_end(&w->json);
		return 0;
	}
	snprintf(id, sizeof(id), "%lld", at->id);
	snprintf(ca, sizeof(ca), "%lld", at->case_id);
	snprintf(call, sizeof(call), at->call_id ? "%lld" : "-", at->call_id);
	exhibit_size(at->size, size);
	when_format_date(at->added, added);
	table_add(w->table, (const char *[]){ id, ca, call, at->name,
	    at->media_type, size, added, at->sha256 });
	return 0;
}

static int
run_attachments(struct ctx *ctx, struct args *a)
{
	const struct attachments_opts *o = a->bound;
	struct walk w = { .limit = o->limit };
	long long case_id = 0;
	int rc;

	if (a->npos > 0 && (rc = lookup_case(ctx->st, a->pos[0], "case",
	    &case_id)))
		return rc;
	if (o->json) {
		jsonw_init(&w.json, ctx->out);
		jsonw_array_begin(&w.json);
		rc = store_attachments_each(ctx->st, case_id, emit, &w);
		jsonw_end(&w.json, rc >= 0);
		return rc < 0 ? CMD_FAIL : CMD_OK;
	}
	w.table = table_create(8, (const char *[]){ "ID", "CASE", "CALL",
	    "NAME", "TYPE", "SIZE", "ADDED", "SHA256" });
	table_column(w.table, 3, LAYOUT_ESSENTIAL, 12, LAYOUT_SHRINK);
	table_column(w.table, 4, 60, 0, 0);
	table_column(w.table, 6, 50, 0, 0);
	table_column(w.table, 7, 40, 12, LAYOUT_SHRINK);
	rc = store_attachments_each(ctx->st, case_id, emit, &w);
	if (rc >= 0 && table_rows(w.table) == 0)
		fprintf(ctx->out, "no attachments%s; 'calllog attach ID FILE' "
		    "keeps one\n", case_id ? " on that case" : " yet");
	else if (rc >= 0)
		table_print(w.table, ctx->out);
	table_release(w.table);
	return rc < 0 ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_attachments = {
	.name = "attachments",
	.synopsis = "[ID] [--json] [--limit N]",
	.summary = "the files kept with the cases, in timeline order",
	.opts = attachments_opts,
	.bound_size = sizeof(struct attachments_opts),
	.min_args = 0, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_attachments,
};

/* What the options say, read by args_bind. */
struct attachment_opts {
	const char *out;	/* a file: never redacted */
};

static const struct opt attachment_opts[] = {
	{ "output", 'o', OPT_VALUE | OPT_RAW, "FILE",
	    "write it to FILE (atomically), else to standard output",
	    OPT_TO(OPT_STRING, struct attachment_opts, out) },
	OPT_END
};

/* ID (digits) or a prefix of the hash (hex, at least 4, a letter among
 * them or all 64: digits alone are an id, as everywhere). */
static int
find_attachment(struct ctx *ctx, const char *given, struct cl_attachment *at)
{
	size_t len = strlen(given);
	long long id;
	int rc;

	if (strspn(given, "0123456789") == len && len < 64) {
		if (parse_id(given, "the attachment", &id) == -1)
			return CMD_USAGE;
	} else if (len < 4 || len > 64 ||
	    strspn(given, "0123456789abcdefABCDEF") != len) {
		return error("'%s' is neither an attachment id nor a hash "
		    "prefix of at least 4 hex digits", given), CMD_USAGE;
	} else if ((rc = store_attachment_by_hash(ctx->st, given, &id))) {
		if (rc == 1)
			error("no attachment's hash starts with %s; "
			    "'calllog attachments' lists them", given);
		else if (rc == 2)
			error("more than one attachment's hash starts with %s; "
			    "give more of it", given);
		return rc == 2 ? CMD_USAGE : CMD_FAIL;
	}
	if ((rc = store_attachment_get(ctx->st, id, at)) == 1)
		error("no attachment %lld; 'calllog attachments' lists them",
		    id);
	return rc == 0 ? CMD_OK : CMD_FAIL;
}

struct fill {
	struct store *st;
	const char *sha256;
	FILE *fp;
	int fd;
};

static int
to_fd(const void *p, size_t n, void *arg)
{
	const struct fill *f = arg;
	const char *b = p;

	while (n > 0) {
		ssize_t w = write(f->fd, b, n);

		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			return error("cannot write the file: %s",
			    strerror(errno));
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Standard output: through the stream, which escapes what a terminal
 * would take for commands (main's guard). */
static int
to_stream(const void *p, size_t n, void *arg)
{
	const struct fill *f = arg;

	return fwrite(p, 1, n, f->fp) == n ? 0 :
	    error("cannot write output: %s", strerror(errno));
}

static int
fill(int fd, void *arg)
{
	struct fill *f = arg;

	f->fd = fd;
	return store_blob_read(f->st, f->sha256, to_fd, f);
}

static int
run_attachment(struct ctx *ctx, struct args *a)
{
	const struct attachment_opts *o = a->bound;
	struct cl_attachment at = { 0 };
	struct fill f = { ctx->st, NULL, ctx->out, -1 };
	int rc;

	if (strcmp(a->pos[0], "get") != 0)
		return error("'%s' is no attachment action; use: calllog "
		    "attachment get ID|HASH [-o FILE]", a->pos[0]), CMD_USAGE;
	if (a->npos < 2)
		return error("which attachment? calllog attachment get ID|HASH"),
		    CMD_USAGE;
	if ((rc = find_attachment(ctx, a->pos[1], &at)) != CMD_OK)
		goto out;
	f.sha256 = at.sha256;
	if (o->out) {
		rc = outfile_stream(ctx->st, o->out, fill, &f) == 0 ?
		    CMD_OK : CMD_FAIL;
	} else if (strncmp(at.media_type, "text/", 5) != 0 &&
	    isatty(STDOUT_FILENO)) {
		error("attachment %lld is %s, not text for a terminal; give "
		    "-o FILE, or redirect standard output", at.id,
		    at.media_type);
		rc = CMD_USAGE;
	} else {
		rc = store_blob_read(ctx->st, at.sha256, to_stream, &f) == 0 ?
		    CMD_OK : CMD_FAIL;
	}
out:
	attachment_clear(&at);
	return rc;
}

const struct cmd cmd_attachment = {
	.name = "attachment",
	.synopsis = "get ID|HASH [-o FILE]",
	.summary = "write a kept file back out, checked against its hash",
	.opts = attachment_opts,
	.bound_size = sizeof(struct attachment_opts),
	.min_args = 1, .max_args = 2,
	.raw_pos = 3u,
	.flags = CMD_NEEDS_DB | CMD_EXISTING_DB | CMD_DATA,
	.run = run_attachment,
};
