/*
 * cmd_attach.c: `calllog attach ID FILE... [--call N] [--note TEXT]`,
 * documents kept with a case (DESIGN.md, "Evidence").  Every file is
 * checked before anything is written (a regular file, not empty, within
 * [attach] max_size, a name fit to show), so one bad file refuses them
 * all.  Text is redacted like a note before it is stored; any other file
 * is kept as given, and the command says so: calllog cannot read a photo
 * for card numbers.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "exhibit.h"
#include "lookup.h"
#include "mediatype.h"
#include "redact.h"
#include "store.h"
#include "util.h"

/* What the options say, read by args_bind. */
struct attach_opts {
	long long call;		/* 0: the case's */
	const char *note;
};

static const struct opt attach_opts[] = {
	{ "call", 0, OPT_VALUE | OPT_RAW, "N",
	    "the call the files belong to (on the same case)",
	    OPT_TO(OPT_ID, struct attach_opts, call) },
	{ "note", 0, OPT_VALUE, "TEXT",
	    "what the files are (the same note on each)",
	    OPT_TO(OPT_STRING, struct attach_opts, note) },
	OPT_END
};

/* One file to keep, opened and checked. */
struct file {
	const char *path;
	int fd;
	struct cl_attachment a;
	char *text;		/* redacted text, for a text file */
	struct redact_counts found;
};

/* Open path and check it is a file attach takes. */
static int
open_file(const char *path, long long max, struct file *f)
{
	struct stat sb;

	f->path = path;
	/* O_NONBLOCK: a FIFO is refused, not waited on. */
	f->fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (f->fd == -1)
		return error("cannot open '%s': %s", path, strerror(errno)),
		    CMD_FAIL;
	if (fstat(f->fd, &sb) == -1)
		return error("cannot read '%s': %s", path, strerror(errno)),
		    CMD_FAIL;
	if (S_ISDIR(sb.st_mode))
		return error("'%s' is a directory; attach the files in it",
		    path), CMD_USAGE;
	if (!S_ISREG(sb.st_mode))
		return error("'%s' is not a regular file (a device, a pipe or "
		    "a socket); save it to a file first", path), CMD_USAGE;
	if (sb.st_size == 0)
		return error("'%s' is empty; nothing to keep", path),
		    CMD_USAGE;
	if (sb.st_size > max)
		return error("'%s' is %lld bytes, over the limit of %lld "
		    "([attach] max_size in the configuration)", path,
		    (long long)sb.st_size, max), CMD_USAGE;
	f->a.size = sb.st_size;
	/* Its name's removals are said with its text's (report). */
	if ((f->a.name = exhibit_name(path, &f->found)) == NULL)
		return CMD_USAGE;
	return CMD_OK;
}

/* Its media type from its first bytes; a text file read whole and
 * redacted (its size is bounded by max_size). */
static int
read_kind(struct file *f)
{
	size_t n = f->a.size < MEDIATYPE_HEAD ? (size_t)f->a.size :
	    MEDIATYPE_HEAD;
	char *head = xmalloc(n), *raw;
	ssize_t r = pread(f->fd, head, n, 0);

	if (r <= 0) {
		free(head);
		return error("cannot read '%s': %s", f->path, r == 0 ?
		    "it ended early" : strerror(errno)), CMD_FAIL;
	}
	f->a.media_type = mediatype_of(head, (size_t)r);
	free(head);
	if (strncmp(f->a.media_type, "text/", 5) != 0)
		return CMD_OK;
	raw = xmalloc((size_t)f->a.size + 1);
	r = pread(f->fd, raw, (size_t)f->a.size, 0);
	if (r != (ssize_t)f->a.size) {
		free(raw);
		return error("cannot read '%s': %s", f->path, r < 0 ?
		    strerror(errno) : "it changed while it was read"),
		    CMD_FAIL;
	}
	raw[r] = '\0';
	if (memchr(raw, '\0', (size_t)r) != NULL) {
		/* Not text after all: kept as given, like any binary. */
		free(f->a.media_type);
		f->a.media_type = xstrdup("application/octet-stream");
		free(raw);
		return CMD_OK;
	}
	f->text = redact_text(raw, &f->found);
	free(raw);
	return CMD_OK;
}

static int
store_file(struct ctx *ctx, struct file *f)
{
	struct attach_src src = { .fd = f->fd };

	if (f->text) {
		src.mem = f->text;
		src.size = (long long)strlen(f->text);
		if (src.size == 0)
			return error("'%s' holds nothing once redacted",
			    f->path), CMD_USAGE;
	} else
		src.size = f->a.size;
	return store_attach(ctx->st, &f->a, &src) == 0 ? CMD_OK : CMD_FAIL;
}

static void
report(struct ctx *ctx, const struct file *f)
{
	char size[EXHIBIT_SIZE_BUFSZ];

	exhibit_size(f->a.size, size);
	fprintf(ctx->out, "attached %s as attachment %lld (%s, %s, sha256 "
	    "%.12s)\n", f->a.name, f->a.id, f->a.media_type, size,
	    f->a.sha256);
	if (f->text || redact_any(&f->found))
		redact_report(&f->found, f->a.name);
	if (f->text == NULL)
		fprintf(ctx->out, "  %s is kept as given: calllog cannot read "
		    "this kind of file (%s) for card numbers\n", f->a.name,
		    f->a.media_type);
}

/* The case, and the call when --call names one of its calls. */
static int
read_target(struct ctx *ctx, struct args *a, long long *case_id,
    long long *call_id)
{
	struct cl_case c = { 0 };
	struct cl_call k = { 0 };
	int rc;

	if ((rc = lookup_case(ctx->st, a->pos[0], "case", case_id)))
		return rc;
	if ((rc = store_case_get(ctx->st, *case_id, &c)) != 0)
		return rc == 1 ? (error("no case %lld; 'calllog cases' lists "
		    "the cases", *case_id), CMD_FAIL) : CMD_FAIL;
	case_clear(&c);
	if ((*call_id = ((const struct attach_opts *)a->bound)->call) == 0)
		return CMD_OK;
	rc = store_call_get(ctx->st, *call_id, &k);
	if (rc == 0 && k.case_id != *case_id) {
		error("call %lld is on case %lld, not case %lld", *call_id,
		    k.case_id, *case_id);
		rc = 2;
	} else if (rc == 1)
		error("no call %lld; 'calllog show %lld' lists the case's "
		    "calls", *call_id, *case_id);
	call_clear(&k);
	return rc == 0 ? CMD_OK : rc == 2 ? CMD_USAGE : CMD_FAIL;
}

static int
run_attach(struct ctx *ctx, struct args *a)
{
	const struct attach_opts *o = a->bound;
	int n = a->npos - 1, rc = CMD_OK, i;
	struct file *f = xcalloc((size_t)n, sizeof(*f));
	long long case_id, call_id;
	char summary[160];

	for (i = 0; i < n; i++)
		f[i].fd = -1;
	if (o->note && check_text("--note", o->note, LIMIT_NOTE) == -1)
		rc = CMD_USAGE;
	for (i = 0; rc == CMD_OK && i < n; i++)
		if ((rc = open_file(a->pos[i + 1], ctx->cfg.attach_max, &f[i]))
		    == CMD_OK)
			rc = read_kind(&f[i]);
	if (rc == CMD_OK)
		rc = read_target(ctx, a, &case_id, &call_id);
	for (i = 0; rc == CMD_OK && i < n; i++) {
		f[i].a.case_id = case_id;
		f[i].a.call_id = call_id;
		f[i].a.added = ctx->now;
		f[i].a.note = o->note ? xstrdup(o->note) : NULL;
		rc = store_file(ctx, &f[i]);
	}
	if (rc == CMD_OK) {
		if (n == 1)
			snprintf(summary, sizeof(summary), "attached %s to case "
			    "%lld (attachment %lld)", f[0].a.name, case_id,
			    f[0].a.id);
		else
			snprintf(summary, sizeof(summary), "attached %d files to "
			    "case %lld (attachments %lld to %lld)", n, case_id,
			    f[0].a.id, f[n - 1].a.id);
		if (store_change_describe(ctx->st, summary) == -1)
			rc = CMD_FAIL;
	}
	for (i = 0; rc == CMD_OK && i < n; i++)
		report(ctx, &f[i]);
	for (i = 0; i < n; i++) {
		if (f[i].fd >= 0)
			close(f[i].fd);
		free(f[i].text);
		attachment_clear(&f[i].a);
	}
	free(f);
	return rc;
}

const struct cmd cmd_attach = {
	.name = "attach",
	.synopsis = "ID FILE... [--call N] [--note TEXT]",
	.summary = "keep documents with a case: receipts, letters, screenshots",
	.opts = attach_opts,
	.bound_size = sizeof(struct attach_opts),
	/* The files are never text to redact: raw_pos covers 32 arguments. */
	.min_args = 2, .max_args = 32,
	.raw_pos = ~1u,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB,
	.run = run_attach,
};
