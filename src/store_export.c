/*
 * store_export.c: every row of the journal as stored, for `export`; one
 * row at a time, so a journal of any size is written in constant memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

static const char cases_sql[] =
    "SELECT id, uuid, org, reason, title, account, status, priority,"
    " opened_at, updated_at, next_followup_at, followup_seq, escalation,"
    " stage_at, resolved_at, resolution, amount, currency, merchant,"
    " charged_at FROM cases ORDER BY id";

static const char events_sql[] =
    "SELECT id, uuid, case_id, at, kind, level, due_at, note, updated_at"
    " FROM case_events WHERE case_id = ?1 ORDER BY at, id";

static const char directory_sql[] =
    "SELECT id, uuid, org, purpose, number, note, updated_at"
    " FROM directory ORDER BY id";

static const char reminders_sql[] =
    "SELECT c.uuid, r.kind, r.due_at, r.sent_at FROM reminders_sent r"
    " JOIN cases c ON c.id = r.case_id ORDER BY r.case_id, r.kind, r.due_at";

void
directory_row_clear(struct directory_row *d)
{
	free(d->org);
	free(d->purpose);
	free(d->number);
	free(d->note);
	memset(d, 0, sizeof(*d));
}

static void
col_uuid(sqlite3_stmt *s, int i, char out[UUID_BUFSZ])
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, UUID_BUFSZ, "%s", t ? (const char *)t : "");
}

static int
col_enum(sqlite3_stmt *s, int i, const struct enum_names *e)
{
	return enum_lookup(e, (const char *)sqlite3_column_text(s, i));
}

static void
read_case(sqlite3_stmt *s, struct cl_case *c)
{
	c->id = sqlite3_column_int64(s, 0);
	col_uuid(s, 1, c->uuid);
	c->org = col_text(s, 2);
	c->reason = col_enum(s, 3, &reason_names);
	c->title = col_text(s, 4);
	c->account = col_text(s, 5);
	c->status = col_enum(s, 6, &status_names);
	c->priority = col_enum(s, 7, &priority_names);
	c->opened = col_time(s, 8);
	c->updated = col_time(s, 9);
	c->next_followup = col_time(s, 10);
	c->followup_seq = sqlite3_column_int(s, 11);
	c->escalation = col_enum(s, 12, &level_names);
	c->stage_at = col_time(s, 13);
	c->resolved_at = col_time(s, 14);
	c->resolution = col_text(s, 15);
	read_case_money(s, 16, c);
	c->merchant = col_text(s, 18);
	c->charged_at = col_time(s, 19);
}

static void
read_event(sqlite3_stmt *s, struct event_row *e)
{
	e->ev.id = sqlite3_column_int64(s, 0);
	col_uuid(s, 1, e->ev.uuid);
	e->ev.case_id = sqlite3_column_int64(s, 2);
	e->ev.at = col_time(s, 3);
	e->ev.kind = col_enum(s, 4, &event_names);
	e->ev.level = sqlite3_column_type(s, 5) == SQLITE_NULL ? LEVEL_NONE :
	    col_enum(s, 5, &level_names);
	e->ev.due = col_time(s, 6);
	e->ev.note = col_text(s, 7);
	e->updated = col_time(s, 8);
}

static void
read_directory(sqlite3_stmt *s, struct directory_row *d)
{
	d->id = sqlite3_column_int64(s, 0);
	col_uuid(s, 1, d->uuid);
	d->org = col_text(s, 2);
	d->purpose = col_text(s, 3);
	d->number = col_text(s, 4);
	d->note = col_text(s, 5);
	d->updated = col_time(s, 6);
}

static void
read_reminder(sqlite3_stmt *s, struct sent_reminder *r)
{
	col_uuid(s, 0, r->case_uuid);
	r->kind = col_enum(s, 1, &reminder_kind_names);
	r->due = col_time(s, 2);
	r->sent = col_time(s, 3);
}

/* End a listing: an error from stepping is reported, else fn's result
 * (nonzero when it stopped the walk) is returned. */
static int
finish(struct store *st, sqlite3_stmt *s, int rc, int step, const char *doing)
{
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, doing);
	sqlite3_finalize(s);
	return rc;
}

int
store_export_cases(struct store *st, int (*fn)(struct cl_case *, void *),
    void *arg)
{
	sqlite3_stmt *s = store_prepare(st, cases_sql);
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_case c = { 0 };

		read_case(s, &c);
		rc = fn(&c, arg);
		case_clear(&c);
	}
	return finish(st, s, rc, step, "list the cases");
}

int
store_export_events(struct store *st, long long case_id,
    int (*fn)(struct event_row *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, events_sql);
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct event_row e = { 0 };

		read_event(s, &e);
		rc = fn(&e, arg);
		event_clear(&e.ev);
	}
	return finish(st, s, rc, step, "list the case's history");
}

int
store_export_directory(struct store *st,
    int (*fn)(struct directory_row *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, directory_sql);
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct directory_row d = { 0 };

		read_directory(s, &d);
		rc = fn(&d, arg);
		directory_row_clear(&d);
	}
	return finish(st, s, rc, step, "read the directory");
}

int
store_export_reminders(struct store *st,
    int (*fn)(struct sent_reminder *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, reminders_sql);
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sent_reminder r = { 0 };

		read_reminder(s, &r);
		rc = fn(&r, arg);
	}
	return finish(st, s, rc, step, "read the reminders");
}
