/*
 * cmd_export.c: `calllog export`, the whole journal as one JSON document
 * that `import` reads back without loss, or its calls as CSV for
 * spreadsheets.  Rows are written as they are read, so a journal of any
 * size is exported in constant memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "outfile.h"
#include "jsonw.h"
#include "money.h"
#include "store.h"
#include "util.h"
#include "when.h"
#include "xfer.h"

/* What the options say, read by args_bind. */
struct export_opts {
	const char *format;	/* "json" or "csv"; NULL: json */
	const char *output;
	int attachments;
};

static const struct opt export_opts[] = {
	{ "format", 'f', OPT_VALUE, "json|csv",
	    "json: everything, for import (the default); csv: the calls",
	    OPT_TO(OPT_STRING, struct export_opts, format) },
	{ "output", 'o', OPT_VALUE, "FILE",
	    "write to FILE, replacing it atomically",
	    OPT_TO(OPT_STRING, struct export_opts, output) },
	{ "attachments", 0, 0, NULL,
	    "csv: the attached files (name, size, SHA-256), not the calls",
	    OPT_TO(OPT_BOOL, struct export_opts, attachments) },
	OPT_END
};

struct export {
	struct store *st;
	FILE *fp;
	struct jsonw j;
	const struct cl_case *c;	/* CSV: the case of the calls */
};

static void
json_object(struct export *x, const struct xfer_field *f, const void *rec,
    const char *cur)
{
	jsonw_object_begin(&x->j);
	xfer_write_members(&x->j, f, rec, cur);
	jsonw_object_end(&x->j);
}

static int
json_call(struct cl_call *k, void *arg)
{
	json_object(arg, xfer_call_fields, k, k->currency);
	return 0;
}

static int
json_event(struct event_row *e, void *arg)
{
	json_object(arg, xfer_event_fields, e, NULL);
	return 0;
}

static int
json_note(struct cl_note *n, void *arg)
{
	struct export *x = arg;

	json_object(x, xfer_note_fields, n, x->c->currency);
	return 0;
}

static int
json_directory(struct directory_row *d, void *arg)
{
	json_object(arg, xfer_directory_fields, d, NULL);
	return 0;
}

static int
json_reminder(struct sent_reminder *r, void *arg)
{
	json_object(arg, xfer_reminder_fields, r, NULL);
	return 0;
}

/* A case with its calls and events nested, each read as it is written. */
static int
json_case(struct cl_case *c, void *arg)
{
	struct export *x = arg;
	struct call_filter f = { .case_id = c->id, .oldest_first = 1 };
	int rc;

	jsonw_object_begin(&x->j);
	xfer_write_members(&x->j, xfer_case_fields, c, NULL);
	jsonw_key(&x->j, "calls");
	jsonw_array_begin(&x->j);
	rc = store_calls_each(x->st, &f, json_call, x);
	jsonw_array_end(&x->j);
	jsonw_key(&x->j, "events");
	jsonw_array_begin(&x->j);
	if (rc == 0)
		rc = store_export_events(x->st, c->id, json_event, x);
	jsonw_array_end(&x->j);
	jsonw_key(&x->j, "notes");
	jsonw_array_begin(&x->j);
	x->c = c;
	if (rc == 0)
		rc = store_notes_each(x->st, c->id, json_note, x);
	x->c = NULL;
	jsonw_array_end(&x->j);
	jsonw_key(&x->j, "attachments");
	jsonw_array_begin(&x->j);
	if (rc == 0)
		rc = xfer_write_attachments(&x->j, x->st, c->id);
	jsonw_array_end(&x->j);
	jsonw_object_end(&x->j);
	return rc;
}

static int
export_json(struct export *x, time_t now)
{
	struct xfer_header h = { .format = (char *)XFER_FORMAT,
	    .version = XFER_VERSION, .exported = now };
	int rc;

	jsonw_init(&x->j, x->fp);
	jsonw_object_begin(&x->j);
	xfer_write_members(&x->j, xfer_header_fields, &h, NULL);
	jsonw_key(&x->j, "cases");
	jsonw_array_begin(&x->j);
	if ((rc = store_export_cases(x->st, json_case, x)) == 0) {
		jsonw_array_end(&x->j);
		jsonw_key(&x->j, "directory");
		jsonw_array_begin(&x->j);
		rc = store_export_directory(x->st, json_directory, x);
	}
	if (rc == 0) {
		jsonw_array_end(&x->j);
		jsonw_key(&x->j, "reminders_sent");
		jsonw_array_begin(&x->j);
		rc = store_export_reminders(x->st, json_reminder, x);
	}
	jsonw_end(&x->j, rc == 0);
	return rc;
}

static const char *const csv_columns[] = {
	"call_id", "call_uuid", "case_id", "case_uuid", "org", "reason",
	"title", "status", "started", "started_local", "channel", "direction",
	"number", "department", "ivr", "rep", "refs", "hold_seconds",
	"duration_seconds", "outcome", "promise", "promised_by", "notes",
	"amount", "credited", "currency"
};
#define CSV_NCOLUMNS (sizeof(csv_columns) / sizeof(csv_columns[0]))
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * One CSV field as RFC 4180 has it: quoted when it holds a comma, a
 * quote or a line break, its quotes doubled.  NULL is an empty field.
 * A field a spreadsheet would run as a formula, one that begins with =,
 * +, -, @, a tab or a carriage return, is made inert as OWASP advises
 * (CSV injection): quoted, after a single quote.  So a phone number,
 * +18005282122, stays text too, where LibreOffice would make it a
 * number.  The CSV is for reading; JSON is the lossless export.
 */
static void
csv_field(FILE *fp, const char *s, int first)
{
	int inert;

	if (!first)
		fputc(',', fp);
	if (s == NULL)
		return;
	inert = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (!inert && s[strcspn(s, ",\"\r\n")] == '\0') {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	if (inert)
		fputc('\'', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

static void
csv_row_n(FILE *fp, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++)
		csv_field(fp, fields[i], i == 0);
	fputs("\r\n", fp);
}

#define csv_row(fp, fields) csv_row_n(fp, fields, CSV_NCOLUMNS)

/* A call's reference numbers in one field; the caller frees. */
static char *
join_refs(const struct cl_call *k)
{
	size_t len = 1;
	char *s;

	for (size_t i = 0; i < k->nrefs; i++)
		len += strlen(k->refs[i]) + 2;
	s = xmalloc(len);
	s[0] = '\0';
	for (size_t i = 0; i < k->nrefs; i++) {
		if (i)
			strcat(s, "; ");
		strcat(s, k->refs[i]);
	}
	return s;
}

static int
csv_call(struct cl_call *k, void *arg)
{
	const struct export *x = arg;
	const struct cl_case *c = x->c;
	char call_id[24], case_id[24], hold[24], duration[24];
	char started[WHEN_BUFSZ], local[WHEN_BUFSZ], by[WHEN_BUFSZ];
	char amount[MONEY_BUFSZ], credited[MONEY_BUFSZ];
	char *refs = join_refs(k);
	const char *row[] = {
		call_id, k->uuid, case_id, c->uuid, c->org,
		enum_name(&reason_names, c->reason), c->title,
		enum_name(&status_names, c->status), started, local,
		enum_name(&channel_names, k->channel),
		enum_name(&direction_names, k->direction), k->number,
		k->department, k->ivr, k->rep, refs,
		k->hold >= 0 ? hold : NULL, k->duration >= 0 ? duration : NULL,
		enum_name(&outcome_names, k->outcome), k->promise,
		k->promised_by ? by : NULL, k->notes,
		/* The case's amount on each of its calls, the call's own
		 * credit, both with their currency's decimals. */
		c->amount ? amount : NULL, k->credited ? credited : NULL,
		c->currency[0] ? c->currency : NULL
	};

	_Static_assert(sizeof(row) / sizeof(row[0]) == CSV_NCOLUMNS,
	    "a CSV row has a field for every column");
	snprintf(call_id, sizeof(call_id), "%lld", k->id);
	snprintf(case_id, sizeof(case_id), "%lld", c->id);
	snprintf(hold, sizeof(hold), "%ld", k->hold);
	snprintf(duration, sizeof(duration), "%ld", k->duration);
	when_format_utc(k->started, started);
	when_format_local(k->started, local);
	when_format_utc(k->promised_by, by);
	money_format(c->amount, c->currency, amount);
	money_format(k->credited, c->currency, credited);
	csv_row(x->fp, row);
	free(refs);
	return 0;
}

static int
csv_case(struct cl_case *c, void *arg)
{
	struct export *x = arg;
	struct call_filter f = { .case_id = c->id, .oldest_first = 1 };

	x->c = c;
	return store_calls_each(x->st, &f, csv_call, x);
}

static const char *const csv_attachment_columns[] = {
	"attachment_id", "attachment_uuid", "case_id", "call_id", "name",
	"media_type", "size", "sha256", "added", "added_local", "note"
};

/* A file's row: what it is and its hash, never its bytes (JSON has
 * those). */
static int
csv_attachment(struct cl_attachment *at, void *arg)
{
	struct export *x = arg;
	char id[24], ca[24], call[24], size[24], utc[WHEN_BUFSZ];
	char local[WHEN_BUFSZ];

	snprintf(id, sizeof(id), "%lld", at->id);
	snprintf(ca, sizeof(ca), "%lld", at->case_id);
	snprintf(call, sizeof(call), "%lld", at->call_id);
	snprintf(size, sizeof(size), "%lld", at->size);
	when_format_utc(at->added, utc);
	when_format_local(at->added, local);
	csv_row_n(x->fp, (const char *[]){ id, at->uuid, ca,
	    at->call_id ? call : NULL, at->name, at->media_type, size,
	    at->sha256, utc, local, at->note }, NCOLS(csv_attachment_columns));
	return 0;
}

static int
run_export(struct ctx *ctx, struct args *a)
{
	const struct export_opts *o = a->bound;
	const char *format = o->format ? o->format : "json";
	const char *path = o->output;
	struct export x = { .st = ctx->st, .fp = ctx->out };
	char *buf = NULL;
	size_t len = 0;
	int csv, rc;

	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
		return error("--format '%s' is not json or csv", format),
		    CMD_USAGE;
	if (path && *path == '\0')
		return error("-o needs a file name"), CMD_USAGE;
	if (path && outfile_check(ctx->st, path) == -1)
		return CMD_USAGE;
	csv = strcmp(format, "csv") == 0;
	/* A file is written whole or not at all, so it is built first. */
	if (path && (x.fp = open_memstream(&buf, &len)) == NULL)
		return error("cannot buffer the export: out of memory"),
		    CMD_FAIL;
	if (o->attachments && !csv)
		return error("--attachments lists the files in CSV; the JSON "
		    "export holds them already"), CMD_USAGE;
	if (csv && o->attachments) {
		csv_row_n(x.fp, csv_attachment_columns,
		    NCOLS(csv_attachment_columns));
		rc = store_attachments_each(ctx->st, 0, csv_attachment, &x);
	} else if (csv) {
		csv_row(x.fp, csv_columns);
		rc = store_export_cases(ctx->st, csv_case, &x);
		/* CSV has no end to leave out: a quoted field that never
		 * closes makes a strict reader fail, and says why to a lax
		 * one (a file is not written at all). */
		if (rc != 0 && !path)
			fputs("\"calllog: the export failed here; this file is "
			    "incomplete\r\n", x.fp);
	} else
		rc = export_json(&x, ctx->now);
	if (path) {
		fclose(x.fp);
		if (rc == 0)
			rc = outfile_write(ctx->st, path, buf, len);
		free(buf);
	}
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_export = {
	.name = "export",
	.synopsis = "[--format json|csv] [--attachments] [-o FILE]",
	.summary = "the whole journal as JSON (for import), or its calls as CSV",
	.opts = export_opts,
	.bound_size = sizeof(struct export_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_DATA,
	.run = run_export,
};
