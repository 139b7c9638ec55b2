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
#include "store_fields.h"
#include "util.h"
#include "xfer.h"

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
read_directory(sqlite3_stmt *s, struct directory_row *d)
{
	d->id = sqlite3_column_int64(s, 0);
	store_col_uuid(s, 1, d->uuid);
	d->org = col_text(s, 2);
	d->purpose = col_text(s, 3);
	d->number = col_text(s, 4);
	d->note = col_text(s, 5);
	d->updated = col_time(s, 6);
}

static void
read_reminder(sqlite3_stmt *s, struct sent_reminder *r)
{
	store_col_uuid(s, 0, r->case_uuid);
	r->kind = store_col_enum(s, 1, &reminder_kind_names);
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
	static char *sql;
	sqlite3_stmt *s = store_prepare(st, store_fields_select(
	    xfer_case_fields, "cases", "ORDER BY id", &sql));
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_case c = { 0 };

		store_fields_read(s, xfer_case_fields, &c);
		rc = fn(&c, arg);
		case_clear(&c);
	}
	return finish(st, s, rc, step, "list the cases");
}

int
store_export_events(struct store *st, long long case_id,
    int (*fn)(struct event_row *, void *), void *arg)
{
	static char *sql;
	sqlite3_stmt *s = store_prepare(st, store_fields_select(
	    xfer_event_fields, "case_events", "WHERE case_id = ?1 ORDER BY at,"
	    " id", &sql));
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct event_row e = { 0 };

		store_fields_read(s, xfer_event_fields, &e);
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
