/*
 * store_sync_apply.c: records a sync carries in, written to the journal by
 * uuid (an update keeps a row's id, so the ids people use stay), and the
 * records it deletes here, each named before it goes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "syncrec.h"
#include "util.h"

/* ?1 the uuid, ?2 updated_at, then the fields from ?3; an update leaves
 * a row's id, and so the ids people use, as they were.  updated_at is the
 * merged record's, as both sides now agree on it: sync_merge already took
 * the later of the two, and keeping a later one here (a clock set a year
 * ahead) would differ from the folder's and be written back on every
 * sync. */
static const char *const update_sql[SYNC_KINDS] = {
	[SYNC_CASE] =
	    "UPDATE cases SET updated_at = ?2, org = ?3,"
	    " reason = ?4, title = ?5, account = ?6, status = ?7, priority = ?8,"
	    " opened_at = ?9,"
	    " followup_seq = followup_seq + (next_followup_at IS NOT ?10),"
	    " next_followup_at = ?10, escalation = ?11, stage_at = ?12,"
	    " resolved_at = ?13, resolution = ?14, amount = ?15,"
	    " currency = ?16, merchant = ?17, charged_at = ?18"
	    " WHERE uuid = ?1",
	[SYNC_CALL] =
	    "UPDATE calls SET updated_at = ?2,"
	    " case_id = (SELECT id FROM cases WHERE uuid = ?3),"
	    " started_at = ?4, channel = ?5, direction = ?6, number = ?7,"
	    " department = ?8, ivr = ?9, rep = ?10, hold_seconds = ?12,"
	    " duration_seconds = ?13, outcome = ?14, promise = ?15,"
	    " promised_by = ?16, notes = ?17, created_at = ?18,"
	    " credited = ?19, promise_status = ?20, promise_marked_at = ?21,"
	    " promise_note = ?22 WHERE uuid = ?1",
	[SYNC_EVENT] =
	    "UPDATE case_events SET updated_at = ?2,"
	    " case_id = (SELECT id FROM cases WHERE uuid = ?3), at = ?4,"
	    " kind = ?5, level = ?6, due_at = ?7, note = ?8 WHERE uuid = ?1",
};

static const char *const insert_sql[SYNC_KINDS] = {
	[SYNC_CASE] =
	    "INSERT INTO cases (uuid, updated_at, org, reason, title, account,"
	    " status, priority, opened_at, next_followup_at, escalation,"
	    " stage_at, resolved_at, resolution, amount, currency, merchant,"
	    " charged_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
	[SYNC_CALL] =
	    "INSERT INTO calls (uuid, updated_at, case_id, started_at,"
	    " channel, direction, number, department, ivr, rep, hold_seconds,"
	    " duration_seconds, outcome, promise, promised_by, notes,"
	    " created_at, credited, promise_status, promise_marked_at,"
	    " promise_note) VALUES (?1, ?2,"
	    " (SELECT id FROM cases WHERE uuid = ?3), ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
	[SYNC_EVENT] =
	    "INSERT INTO case_events (uuid, updated_at, case_id, at, kind,"
	    " level, due_at, note) VALUES (?1, ?2,"
	    " (SELECT id FROM cases WHERE uuid = ?3), ?4, ?5, ?6, ?7, ?8)",
};

static const char *const delete_sql[SYNC_KINDS] = {
	"DELETE FROM cases WHERE uuid = ?1",
	"DELETE FROM calls WHERE uuid = ?1",
	"DELETE FROM case_events WHERE uuid = ?1",
};

static int
run(struct store *st, const char *sql, const struct sync_rec *r,
    const char *doing)
{
	sqlite3_stmt *s = store_stmt(st, sql);
	int rc, n = r ? sync_kinds[r->kind].nfields : 0;

	if (s == NULL)
		return -1;
	bind_text(s, 1, r->uuid);
	if (sqlite3_bind_parameter_count(s) > 1)
		bind_time(s, 2, r->updated);
	for (int i = 0; i < n && 3 + i <= sqlite3_bind_parameter_count(s);
	    i++)
		bind_text(s, 3 + i, r->f[i]);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, doing);
	return 0;
}

/* A call's reference numbers, replaced only when they changed, so that
 * the history shows only what did. */
static int
put_refs(struct store *st, const struct sync_rec *r)
{
	struct sync_rec now = { 0 };
	sqlite3_stmt *s;
	const char *p = r->f[KF_REFS];
	int rc, pos = 0;

	if ((rc = store_sync_record_get(st, SYNC_CALL, r->uuid, &now)) != 0)
		return rc == 1 ? error("internal error: no call %s", r->uuid) :
		    -1;
	rc = (now.f[KF_REFS] == NULL) == (p == NULL) &&
	    (p == NULL || strcmp(now.f[KF_REFS], p) == 0);
	sync_rec_clear(&now);
	if (rc)
		return 0;
	if ((s = store_stmt(st, "DELETE FROM call_refs WHERE call_id ="
	    " (SELECT id FROM calls WHERE uuid = ?1)")) == NULL)
		return -1;
	bind_text(s, 1, r->uuid);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, "replace reference numbers");
	if ((s = store_stmt(st, "INSERT INTO call_refs (call_id, pos, ref)"
	    " VALUES ((SELECT id FROM calls WHERE uuid = ?1), ?2, ?3)")) == NULL)
		return -1;
	while (p && *p) {
		size_t n = strcspn(p, "\n");

		bind_text(s, 1, r->uuid);
		sqlite3_bind_int(s, 2, pos++);
		sqlite3_bind_text(s, 3, p, (int)n, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_error(st, "replace reference numbers");
		p += n + (p[n] == '\n');
	}
	return 0;
}

int
store_sync_apply(struct store *st, const struct sync_rec *r)
{
	sqlite3_stmt *s;
	int rc;

	if (r->kind != SYNC_CASE) {
		/* The record's case must be here: a missing one would be
		 * a NULL case_id, which the schema refuses less clearly. */
		if ((s = store_stmt(st, "SELECT 1 FROM cases WHERE uuid = ?1"))
		    == NULL)
			return -1;
		bind_text(s, 1, r->f[0]);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return 1;
		if (rc != SQLITE_ROW)
			return store_error(st, "find the record's case");
	}
	if (run(st, update_sql[r->kind], r, "update a record") == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0 &&
	    run(st, insert_sql[r->kind], r, "add a record") == -1)
		return -1;
	if (r->kind != SYNC_CASE) {
		/* A call or event written here touches its case (case_apply
		 * does so for every command); one carried from another
		 * device touches it the same, or the two journals would
		 * disagree on when the case last changed. */
		if ((s = store_stmt(st, "UPDATE cases SET updated_at = ?2"
		    " WHERE uuid = ?1 AND updated_at < ?2")) == NULL)
			return -1;
		bind_text(s, 1, r->f[0]);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)r->updated);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_error(st, "touch the record's case");
	}
	return r->kind == SYNC_CALL ? put_refs(st, r) : 0;
}

int
store_sync_delete(struct store *st, int kind, const char *uuid)
{
	struct sync_rec r = { .kind = kind };

	snprintf(r.uuid, sizeof(r.uuid), "%s", uuid);
	if (run(st, delete_sql[kind], &r, "delete a record") == -1)
		return -1;
	return sqlite3_changes(st->db) ? 0 : 1;
}

int
store_sync_delete_named(struct store *st, int kind, const char *uuid,
    int (*fn)(const struct sync_named *, void *), void *arg)
{
	/* The record, and for a case the calls and events that go with it
	 * (ON DELETE CASCADE), each by the ids people use. */
	static const char *const sql[SYNC_KINDS] = {
		"SELECT 0, id, id, title, org FROM cases WHERE uuid = ?1"
		" UNION ALL SELECT 1, k.id, c.id, c.title, c.org FROM calls k"
		" JOIN cases c ON c.id = k.case_id WHERE c.uuid = ?1"
		" UNION ALL SELECT 2, e.id, c.id, c.title, c.org FROM"
		" case_events e JOIN cases c ON c.id = e.case_id"
		" WHERE c.uuid = ?1",
		"SELECT 1, k.id, c.id, c.title, c.org FROM calls k"
		" JOIN cases c ON c.id = k.case_id WHERE k.uuid = ?1",
		"SELECT 2, e.id, c.id, c.title, c.org FROM case_events e"
		" JOIN cases c ON c.id = e.case_id WHERE e.uuid = ?1",
	};
	sqlite3_stmt *s = store_prepare(st, sql[kind]);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uuid);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_named n = {
			.kind = sqlite3_column_int(s, 0),
			.id = sqlite3_column_int64(s, 1),
			.case_id = sqlite3_column_int64(s, 2),
			.title = (const char *)sqlite3_column_text(s, 3),
			.org = (const char *)sqlite3_column_text(s, 4),
		};

		rc = fn(&n, arg);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "read the records to delete");
	sqlite3_finalize(s);
	if (rc)
		return -1;
	return store_sync_delete(st, kind, uuid);
}
