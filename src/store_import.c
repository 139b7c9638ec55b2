/*
 * store_import.c: writing rows exactly as an export file gives them —
 * uuids, times and, into an empty journal, ids — and the look-ups import
 * makes before it writes anything.
 */
#include <stdio.h>

#include "store.h"
#include "store_fields.h"
#include "store_int.h"
#include "util.h"

/* A NULL id makes SQLite choose the next one. */
static const char directory_sql[] =
    "INSERT INTO directory (id, uuid, org, purpose, number, note,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char reminder_sql[] =
    "INSERT INTO reminders_sent (case_id, kind, due_at, sent_at)"
    " VALUES ((SELECT id FROM cases WHERE uuid = ?1), ?2, ?3, ?4)";

/* The first column indexes owners[] in store_uuid_owner. */
static const char owner_sql[] =
    "SELECT 0, id FROM cases WHERE uuid = ?1"
    " UNION ALL SELECT 1, id FROM calls WHERE uuid = ?1"
    " UNION ALL SELECT 2, id FROM case_events WHERE uuid = ?1"
    " UNION ALL SELECT 3, id FROM directory WHERE uuid = ?1"
    " UNION ALL SELECT 4, id FROM notes WHERE uuid = ?1"
    " UNION ALL SELECT 5, id FROM attachments WHERE uuid = ?1"
    " LIMIT 1";

static void
bind_id(sqlite3_stmt *s, long long id, int keep_id)
{
	if (keep_id)
		sqlite3_bind_int64(s, 1, id);
	else
		sqlite3_bind_null(s, 1);
}

/* Step an insert; on success the row's id is written to *id. */
static int
insert(struct store *st, sqlite3_stmt *s, long long *id, const char *doing)
{
	int rc = 0;

	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, doing);
	else if (id)
		*id = sqlite3_last_insert_rowid(st->db);
	sqlite3_reset(s);
	return rc;
}

/* Cases and calls go through the store's own inserts, which keep a
 * given uuid and id: one statement and one binding for each kind of row. */
int
store_import_case(struct store *st, struct cl_case *c, int keep_id)
{
	if (!keep_id)
		c->id = 0;
	return store_case_insert(st, c);
}

int
store_import_call(struct store *st, struct cl_call *k, int keep_id)
{
	if (!keep_id)
		k->id = 0;
	return store_call_insert(st, k);
}

int
store_import_note(struct store *st, struct cl_note *n, int keep_id)
{
	if (!keep_id)
		n->id = 0;
	return store_note_insert(st, n);
}

int
store_import_event(struct store *st, struct event_row *e, int keep_id)
{
	/* The event's columns are its export fields' (store_fields.h); its
	 * case is the one it is written inside of. */
	static char *sql;
	sqlite3_stmt *s = store_stmt(st, store_fields_insert(xfer_event_fields,
	    "case_events", "case_id", &sql));

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, store_fields_bind(s, xfer_event_fields, e,
	    keep_id), e->ev.case_id);
	return insert(st, s, &e->ev.id, "import the case's history");
}

int
store_import_directory(struct store *st, struct directory_row *d,
    int keep_id)
{
	sqlite3_stmt *s = store_stmt(st, directory_sql);

	if (s == NULL)
		return -1;
	bind_id(s, d->id, keep_id);
	bind_text(s, 2, d->uuid);
	bind_text(s, 3, d->org);
	bind_text(s, 4, d->purpose);
	bind_text(s, 5, d->number);
	bind_text(s, 6, d->note);
	bind_time(s, 7, d->updated);
	return insert(st, s, &d->id, "import the directory");
}

int
store_import_reminder(struct store *st, const struct sent_reminder *r)
{
	sqlite3_stmt *s = store_stmt(st, reminder_sql);

	if (s == NULL)
		return -1;
	bind_text(s, 1, r->case_uuid);
	bind_text(s, 2, enum_name(&reminder_kind_names, r->kind));
	bind_time(s, 3, r->due);
	bind_time(s, 4, r->sent);
	return insert(st, s, NULL, "import the reminders");
}

int
store_uuid_owner(struct store *st, const char *uuid, const char **what,
    long long *id)
{
	static const char *const owners[] = {
		"case", "call", "event", "directory entry", "note",
		"attachment"
	};
	sqlite3_stmt *s = store_stmt(st, owner_sql);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uuid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*what = owners[sqlite3_column_int(s, 0) % 5];
		*id = sqlite3_column_int64(s, 1);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_error(st, "read the journal");
	sqlite3_reset(s);
	return rc;
}

int
store_directory_row_find(struct store *st, const struct directory_row *d,
    long long *id)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT id FROM directory"
	    " WHERE org = ?1 AND purpose = ?2 AND number = ?3");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, d->org);
	bind_text(s, 2, d->purpose);
	bind_text(s, 3, d->number);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_error(st, "read the directory");
	sqlite3_finalize(s);
	return rc;
}
