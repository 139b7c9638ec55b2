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

#define AT(T, rec, f) ((T *)(void *)((char *)(rec) + (f)->offset))

/* The column of export field f: its declaration's, or its own; NULL for a
 * list, which is read apart. */
static const char *
column_of(const struct xfer_field *f)
{
	if (f->type == XF_LIST || f->type == XF_REFS)
		return NULL;
	if (f->decl)
		return f->decl->column;
	if (f->column == NULL)
		fatal("internal error: export field %s has no column", f->key);
	return f->column;
}

/* "SELECT" the columns of the export's fields, in their order, "FROM"
 * table and then rest: built once a table, kept for the life of the
 * program, so that the export's list of columns is its fields'. */
static const char *
fields_sql(const struct xfer_field *fields, const char *table,
    const char *rest, char **cache)
{
	char *sql;

	if (*cache)
		return *cache;
	sql = xstrdup("SELECT");
	for (const struct xfer_field *f = fields; f->key; f++) {
		const char *col = column_of(f);
		char *next;

		if (col == NULL)
			continue;
		next = xasprintf("%s%s %s", sql, f == fields ? "" : ",", col);
		free(sql);
		sql = next;
	}
	*cache = xasprintf("%s FROM %s %s", sql, table, rest);
	free(sql);
	return *cache;
}

/* A row of fields_sql into rec, each field by its type at its offset. */
static void
read_fields(sqlite3_stmt *s, const struct xfer_field *fields, void *rec)
{
	int i = 0;

	for (const struct xfer_field *f = fields; f->key; f++) {
		if (column_of(f) == NULL)
			continue;
		switch (f->type) {
		case XF_ID:
		case XF_MONEY:
			*AT(long long, rec, f) = sqlite3_column_int64(s, i);
			break;
		case XF_UUID:
			col_uuid(s, i, AT(char, rec, f));
			break;
		case XF_LINE:
		case XF_TEXT:
		case XF_PHONE:
		case XF_ACCOUNT:
			*AT(char *, rec, f) = col_text(s, i);
			break;
		case XF_TIME:
			*AT(time_t, rec, f) = col_time(s, i);
			break;
		case XF_ENUM:
			*AT(int, rec, f) = f->flags & XF_NULL &&
			    sqlite3_column_type(s, i) == SQLITE_NULL ?
			    f->null_value : col_enum(s, i, f->names);
			break;
		case XF_SECONDS:
			*AT(long, rec, f) = col_long_opt(s, i);
			break;
		case XF_COUNT:
			*AT(int, rec, f) = sqlite3_column_int(s, i);
			break;
		case XF_CURRENCY:
			snprintf(AT(char, rec, f), 4, "%s",
			    sqlite3_column_type(s, i) == SQLITE_NULL ? "" :
			    (const char *)sqlite3_column_text(s, i));
			break;
		case XF_REFS:
		case XF_LIST:
			break;
		}
		i++;
	}
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
	static char *sql;
	sqlite3_stmt *s = store_prepare(st, fields_sql(xfer_case_fields,
	    "cases", "ORDER BY id", &sql));
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_case c = { 0 };

		read_fields(s, xfer_case_fields, &c);
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
	sqlite3_stmt *s = store_prepare(st, fields_sql(xfer_event_fields,
	    "case_events", "WHERE case_id = ?1 ORDER BY at, id", &sql));
	int rc = 0, step = SQLITE_DONE;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct event_row e = { 0 };

		read_fields(s, xfer_event_fields, &e);
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
