/*
 * cmd_import.c: `calllog import FILE`, reading back what `export` wrote.
 * The file is read three times.  First, before the journal is locked,
 * its text is redacted as add's would be, in the parsed file (redaction
 * never holds the write lock).  Then, in the command's one transaction,
 * every record is checked, against the others and against the journal,
 * with nothing written; then each is stored.  The file is read and its
 * header checked by import_file.c, each record by import_check.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "import.h"
#include "store.h"

struct pass {
	struct ctx *ctx;
	struct import_reader rd;
	int write;		/* 0: check everything; 1: store it */
	int redact;		/* the first pass: redact, journal unread */
	int keep_ids;		/* the journal is empty: keep the file's ids */
	struct import_keys keys;	/* first pass: what was seen */
	size_t ncases, ncalls, nnotes, nattachments;
	long long first_id;	/* of the first case stored */
	long long max_id;	/* the largest id in the file */
};

/*
 * The largest id kept from a file.  A hand-made file with an id near 2^63
 * would push every later case to a 19-digit number (or leave SQLite no
 * id to give), so a file with larger ids is renumbered as if the journal
 * were not empty.
 */
#define KEEP_ID_MAX 999999999LL

/*
 * First pass: a record's uuid and id are its own in the file, and its
 * uuid is new to the journal (ids are renumbered when the journal is not
 * empty, so only uuids can clash with it).
 */
static int
note_record(struct pass *p, const char *path, char table, long long id,
    const char *uuid)
{
	const char *owner;
	long long oid;

	if (id > p->max_id)
		p->max_id = id;

	import_keys_add(&p->keys, KEY_UNIQUE, xasprintf("u\x1f%s", uuid), path,
	    "uuid", "uuid");
	import_keys_add(&p->keys, KEY_UNIQUE, xasprintf("i\x1f%c\x1f%lld",
	    table, id), path, "id", "id");
	if (table == 'c')
		import_keys_add(&p->keys, KEY_DEFINES, xasprintf("c\x1f%s",
		    uuid), path, NULL, NULL);
	if (p->keep_ids || p->redact)
		return CMD_OK;
	switch (store_uuid_owner(p->ctx->st, uuid, &owner, &oid)) {
	case 0:
		return CMD_OK;
	case 1:
		return import_error(&p->rd, path, "uuid", "%s is already in "
		    "the journal, as %s %lld; was this file imported before?",
		    uuid, owner, oid), CMD_USAGE;
	default:
		return CMD_FAIL;
	}
}

static int
take_call(struct pass *p, const char *case_path, const struct cl_case *c,
    size_t i, json_t *v)
{
	struct cl_call k = { 0 };
	char path[96];
	int rc = CMD_USAGE, failed;

	snprintf(path, sizeof(path), "%s.calls[%zu]", case_path, i);
	/* A call's credit is in its case's currency. */
	p->rd.currency = c->currency;
	failed = import_record(&p->rd, path, v, xfer_call_fields, &k) == -1;
	p->rd.currency = NULL;
	if (failed)
		goto out;
	if (k.hold >= 0 && k.duration >= 0 && k.hold > k.duration) {
		import_error(&p->rd, path, "hold_seconds", "%ld is longer than "
		    "duration_seconds (%ld), which includes the hold", k.hold,
		    k.duration);
		goto out;
	}
	k.case_id = c->id;
	if (!p->write)
		rc = note_record(p, path, 'k', k.id, k.uuid);
	else if ((rc = store_import_call(p->ctx->st, &k, p->keep_ids) ?
	    CMD_FAIL : CMD_OK) == CMD_OK)
		p->ncalls++;
out:
	call_clear(&k);
	return rc;
}

static int
take_event(struct pass *p, const char *case_path, const struct cl_case *c,
    size_t i, json_t *v)
{
	struct event_row e = { 0 };
	char path[96];
	int rc = CMD_USAGE;

	snprintf(path, sizeof(path), "%s.events[%zu]", case_path, i);
	if (import_record(&p->rd, path, v, xfer_event_fields, &e) == -1)
		goto out;
	if ((e.ev.kind == EVENT_ESCALATE) != (e.ev.level != LEVEL_NONE)) {
		import_error(&p->rd, path, "level", e.ev.level == LEVEL_NONE ?
		    "an escalate event needs a level" : "only an escalate "
		    "event has a level; give null");
		goto out;
	}
	e.ev.case_id = c->id;
	if (!p->write)
		rc = note_record(p, path, 'e', e.ev.id, e.ev.uuid);
	else
		rc = store_import_event(p->ctx->st, &e, p->keep_ids) ?
		    CMD_FAIL : CMD_OK;
out:
	event_clear(&e.ev);
	return rc;
}

static int
take_note(struct pass *p, const char *case_path, const struct cl_case *c,
    size_t i, json_t *v)
{
	struct cl_note n = { 0 };
	char path[96];
	int rc = CMD_USAGE, failed;

	snprintf(path, sizeof(path), "%s.notes[%zu]", case_path, i);
	p->rd.currency = c->currency;
	failed = import_record(&p->rd, path, v, xfer_note_fields, &n) == -1;
	p->rd.currency = NULL;
	if (failed)
		goto out;
	n.case_id = c->id;
	if (!p->write)
		rc = note_record(p, path, 'n', n.id, n.uuid);
	else if ((rc = store_import_note(p->ctx->st, &n, p->keep_ids) ?
	    CMD_FAIL : CMD_OK) == CMD_OK)
		p->nnotes++;
out:
	note_clear(&n);
	return rc;
}

static int
take_attachment(struct pass *p, const char *case_path,
    const struct cl_case *c, json_t *calls, size_t i, json_t *v)
{
	char path[96], uuid[UUID_BUFSZ];
	long long id = 0;
	int mode = p->redact ? IMPORT_ATTACH_REDACT : p->write ?
	    IMPORT_ATTACH_WRITE : IMPORT_ATTACH_CHECK, rc;

	snprintf(path, sizeof(path), "%s.attachments[%zu]", case_path, i);
	rc = import_attachment(&p->rd, p->ctx->st, path, v, calls, c->id, mode,
	    p->keep_ids, p->ctx->cfg.attach_max, &id, uuid);
	if (rc == CMD_OK && mode == IMPORT_ATTACH_CHECK)
		rc = note_record(p, path, 'a', id, uuid);
	if (rc == CMD_OK && mode == IMPORT_ATTACH_WRITE)
		p->nattachments++;
	return rc;
}

/* A case, then its calls, events, notes and attachments, which refer to
 * its (new) id. */
static int
take_case(struct pass *p, size_t i, json_t *v)
{
	struct cl_case c = { 0 };
	char path[32];
	json_t *w;
	size_t k;
	int rc = CMD_USAGE;

	snprintf(path, sizeof(path), "cases[%zu]", i);
	if (import_record(&p->rd, path, v, xfer_case_fields, &c) == -1)
		goto out;
	if (!p->write)
		rc = note_record(p, path, 'c', c.id, c.uuid);
	else if ((rc = store_import_case(p->ctx->st, &c, p->keep_ids) ?
	    CMD_FAIL : CMD_OK) == CMD_OK && p->ncases++ == 0)
		p->first_id = c.id;
	json_array_foreach(json_object_get(v, "calls"), k, w)
		if (rc == CMD_OK)
			rc = take_call(p, path, &c, k, w);
	json_array_foreach(json_object_get(v, "events"), k, w)
		if (rc == CMD_OK)
			rc = take_event(p, path, &c, k, w);
	json_array_foreach(json_object_get(v, "notes"), k, w)
		if (rc == CMD_OK)
			rc = take_note(p, path, &c, k, w);
	json_array_foreach(json_object_get(v, "attachments"), k, w)
		if (rc == CMD_OK)
			rc = take_attachment(p, path, &c,
			    json_object_get(v, "calls"), k, w);
out:
	case_clear(&c);
	return rc;
}

static int
take_directory(struct pass *p, size_t i, json_t *v)
{
	struct directory_row d = { 0 };
	char path[48];
	long long id;
	int rc = CMD_USAGE;

	snprintf(path, sizeof(path), "directory[%zu]", i);
	if (import_record(&p->rd, path, v, xfer_directory_fields, &d) == -1)
		goto out;
	if (p->write) {
		rc = store_import_directory(p->ctx->st, &d, p->keep_ids) ?
		    CMD_FAIL : CMD_OK;
		goto out;
	}
	import_keys_add(&p->keys, KEY_UNIQUE, xasprintf("d\x1f%s\x1f%s\x1f%s",
	    d.org, d.purpose, d.number), path, NULL,
	    "organization, purpose and number");
	if ((rc = note_record(p, path, 'd', d.id, d.uuid)) != CMD_OK ||
	    p->redact)
		goto out;
	switch (store_directory_row_find(p->ctx->st, &d, &id)) {
	case 0:
		break;
	case 1:
		import_error(&p->rd, path, NULL, "%s, %s, %s is already in "
		    "the journal's directory; remove it from the file", d.org,
		    d.purpose, d.number);
		rc = CMD_USAGE;
		break;
	default:
		rc = CMD_FAIL;
	}
out:
	directory_row_clear(&d);
	return rc;
}

static int
take_reminder(struct pass *p, size_t i, json_t *v)
{
	struct sent_reminder r = { 0 };
	char path[48];

	snprintf(path, sizeof(path), "reminders_sent[%zu]", i);
	if (import_record(&p->rd, path, v, xfer_reminder_fields, &r) == -1)
		return CMD_USAGE;
	if (p->write)
		return store_import_reminder(p->ctx->st, &r) ? CMD_FAIL :
		    CMD_OK;
	import_keys_add(&p->keys, KEY_REFERS, xasprintf("c\x1f%s",
	    r.case_uuid), path, "case_uuid", "no case in the file has this "
	    "uuid");
	import_keys_add(&p->keys, KEY_UNIQUE, xasprintf("r\x1f%s\x1f%d\x1f%lld",
	    r.case_uuid, r.kind, (long long)r.due), path, NULL,
	    "case, kind and due time");
	return CMD_OK;
}

/* One pass over the whole file, in file order. */
static int
walk(struct pass *p, json_t *doc)
{
	json_t *v;
	size_t i;
	int rc = CMD_OK;

	json_array_foreach(json_object_get(doc, "cases"), i, v)
		if (rc == CMD_OK)
			rc = take_case(p, i, v);
	json_array_foreach(json_object_get(doc, "directory"), i, v)
		if (rc == CMD_OK)
			rc = take_directory(p, i, v);
	json_array_foreach(json_object_get(doc, "reminders_sent"), i, v)
		if (rc == CMD_OK)
			rc = take_reminder(p, i, v);
	return rc;
}

static int
run_import(struct ctx *ctx, struct args *a)
{
	const char *file = a->pos[0];
	struct redact_counts redacted = { 0 };
	struct pass p = { .ctx = ctx };
	json_t *doc = NULL;
	const char *why;
	int rc, empty;

	p.rd.file = strcmp(file, "-") == 0 ? "standard input" : file;
	if ((rc = import_load(&p.rd, file, &doc)) != CMD_OK ||
	    (rc = import_header(&p.rd, doc)) != CMD_OK)
		goto out;
	p.redact = 1;
	p.rd.redacted = &redacted;
	if ((rc = walk(&p, doc)) != CMD_OK)
		goto out;
	import_keys_clear(&p.keys);
	p.redact = 0;
	p.rd.redacted = NULL;
	if (store_begin(ctx->st, 1) == -1) {
		rc = CMD_FAIL;
		goto out;
	}
	if ((empty = store_journal_is_empty(ctx->st)) == -1) {
		rc = CMD_FAIL;
		goto out;
	}
	p.keep_ids = empty;
	if ((rc = walk(&p, doc)) != CMD_OK)
		goto out;
	if (p.keep_ids && p.max_id > KEEP_ID_MAX)
		p.keep_ids = 0;
	if (import_keys_check(&p.rd, &p.keys) == -1) {
		rc = CMD_USAGE;
		goto out;
	}
	p.write = 1;
	if ((rc = walk(&p, doc)) != CMD_OK)
		goto out;
	fprintf(ctx->out, "imported %zu case%s, %zu call%s", p.ncases,
	    p.ncases == 1 ? "" : "s", p.ncalls, p.ncalls == 1 ? "" : "s");
	if (p.nnotes)
		fprintf(ctx->out, ", %zu note%s", p.nnotes,
		    p.nnotes == 1 ? "" : "s");
	if (p.nattachments)
		fprintf(ctx->out, ", %zu attachment%s", p.nattachments,
		    p.nattachments == 1 ? "" : "s");
	fputc('\n', ctx->out);
	/* Ids are given in order, so the new ones are a range. */
	why = empty ? "the file's ids go past 999999999, so they were "
	    "renumbered" : "the journal was not empty";
	if (!p.keep_ids && p.ncases == 1)
		fprintf(ctx->out, "%s: it is case %lld now\n", why, p.first_id);
	else if (!p.keep_ids && p.ncases > 1)
		fprintf(ctx->out, "%s: they are cases %lld to %lld now\n", why,
		    p.first_id, p.first_id + (long long)p.ncases - 1);
	redact_report(&redacted, p.rd.first_redacted);
out:
	import_keys_clear(&p.keys);
	json_decref(doc);
	return rc;
}

const struct cmd cmd_import = {
	.name = "import",
	.synopsis = "FILE",
	.summary = "add an export file's cases to the journal ('-': standard "
	    "input)",
	.opts = NULL,
	.min_args = 1, .max_args = 1,
	.raw_pos = 1u << 0,		/* FILE */
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_BEGINS,
	.run = run_import,
};

