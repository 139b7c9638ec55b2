/*
 * store_import.c: writing rows exactly as an export file gives them —
 * uuids, times and, into an empty journal, ids — and the look-ups import
 * makes before it writes anything.
 */
#include <stdio.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

/* A NULL id makes SQLite choose the next one. */
static const char case_sql[] =
    "INSERT INTO cases (id, uuid, org, reason, title, account, status,"
    " priority, opened_at, updated_at, next_followup_at, followup_seq,"
    " escalation, stage_at, resolved_at, resolution)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16)";

static const char call_sql[] =
    "INSERT INTO calls (id, uuid, case_id, started_at, channel, direction,"
    " number, department, ivr, rep, hold_seconds, duration_seconds, outcome,"
    " promise, promised_by, notes, created_at, updated_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18)";

static const char ref_sql[] =
    "INSERT INTO call_refs (call_id, pos, ref) VALUES (?1, ?2, ?3)";

static const char event_sql[] =
    "INSERT INTO case_events (id, uuid, case_id, at, kind, level, due_at,"
    " note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

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
	sqlite3_finalize(s);
	return rc;
}

int
store_import_case(struct store *st, struct cl_case *c, int keep_id)
{
	sqlite3_stmt *s = store_prepare(st, case_sql);

	if (s == NULL)
		return -1;
	bind_id(s, c->id, keep_id);
	bind_text(s, 2, c->uuid);
	bind_text(s, 3, c->org);
	bind_text(s, 4, enum_name(&reason_names, c->reason));
	bind_text(s, 5, c->title);
	bind_text(s, 6, c->account);
	bind_text(s, 7, enum_name(&status_names, c->status));
	bind_text(s, 8, enum_name(&priority_names, c->priority));
	bind_time(s, 9, c->opened);
	bind_time(s, 10, c->updated);
	bind_time(s, 11, c->next_followup);
	sqlite3_bind_int(s, 12, c->followup_seq);
	bind_text(s, 13, enum_name(&level_names, c->escalation));
	bind_time(s, 14, c->stage_at);
	bind_time(s, 15, c->resolved_at);
	bind_text(s, 16, c->resolution);
	return insert(st, s, &c->id, "import the case");
}

int
store_import_call(struct store *st, struct cl_call *k, int keep_id)
{
	sqlite3_stmt *s = store_prepare(st, call_sql);
	int rc = 0;

	if (s == NULL)
		return -1;
	bind_id(s, k->id, keep_id);
	bind_text(s, 2, k->uuid);
	sqlite3_bind_int64(s, 3, k->case_id);
	bind_time(s, 4, k->started);
	bind_text(s, 5, enum_name(&channel_names, k->channel));
	bind_text(s, 6, enum_name(&direction_names, k->direction));
	bind_text(s, 7, k->number);
	bind_text(s, 8, k->department);
	bind_text(s, 9, k->ivr);
	bind_text(s, 10, k->rep);
	bind_long_opt(s, 11, k->hold);
	bind_long_opt(s, 12, k->duration);
	bind_text(s, 13, enum_name(&outcome_names, k->outcome));
	bind_text(s, 14, k->promise);
	bind_time(s, 15, k->promised_by);
	bind_text(s, 16, k->notes);
	bind_time(s, 17, k->created);
	bind_time(s, 18, k->updated);
	if (insert(st, s, &k->id, "import the call") == -1)
		return -1;
	if (k->nrefs == 0)
		return 0;
	if ((s = store_prepare(st, ref_sql)) == NULL)
		return -1;
	for (size_t i = 0; rc == 0 && i < k->nrefs; i++) {
		sqlite3_bind_int64(s, 1, k->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, k->refs[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, "import the reference numbers");
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_import_event(struct store *st, struct event_row *e, int keep_id)
{
	sqlite3_stmt *s = store_prepare(st, event_sql);

	if (s == NULL)
		return -1;
	bind_id(s, e->ev.id, keep_id);
	bind_text(s, 2, e->ev.uuid);
	sqlite3_bind_int64(s, 3, e->ev.case_id);
	bind_time(s, 4, e->ev.at);
	bind_text(s, 5, enum_name(&event_names, e->ev.kind));
	bind_text(s, 6, e->ev.level == LEVEL_NONE ? NULL :
	    enum_name(&level_names, e->ev.level));
	bind_time(s, 7, e->ev.due);
	bind_text(s, 8, e->ev.note);
	bind_time(s, 9, e->updated);
	return insert(st, s, &e->ev.id, "import the case's history");
}

int
store_import_directory(struct store *st, struct directory_row *d,
    int keep_id)
{
	sqlite3_stmt *s = store_prepare(st, directory_sql);

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
	sqlite3_stmt *s = store_prepare(st, reminder_sql);

	if (s == NULL)
		return -1;
	bind_text(s, 1, r->case_uuid);
	bind_text(s, 2, enum_name(&reminder_kind_names, r->kind));
	bind_time(s, 3, r->due);
	bind_time(s, 4, r->sent);
	return insert(st, s, NULL, "import the reminders");
}

int
store_journal_is_empty(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT NOT EXISTS (SELECT 1 FROM"
	    " cases) AND NOT EXISTS (SELECT 1 FROM directory)");
	int rc = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		rc = sqlite3_column_int(s, 0);
	else
		store_error(st, "read the journal");
	sqlite3_finalize(s);
	return rc;
}

int
store_uuid_owner(struct store *st, const char *uuid, const char **what,
    long long *id)
{
	static const char *const owners[] = {
		"case", "call", "event", "directory entry"
	};
	sqlite3_stmt *s = store_prepare(st, owner_sql);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uuid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*what = owners[sqlite3_column_int(s, 0) & 3];
		*id = sqlite3_column_int64(s, 1);
		rc = 1;
	} else if (rc == SQLITE_DONE)
		rc = 0;
	else
		rc = store_error(st, "read the journal");
	sqlite3_finalize(s);
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
