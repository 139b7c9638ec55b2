/*
 * store_sync.c: the journal's side of `calllog sync`: its records as the
 * fields syncrec.h defines, written back by uuid, and what the sync last
 * agreed with each folder (schema/007_sync.sql).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "syncrec.h"
#include "util.h"

/* Whether the record's case is outside the folder's bound ([sync]
 * resolved_within): resolved before ?2, the cutoff (NULL: no bound). */
#define OUT_OF(c) " ifnull(" c "status = 'resolved' AND " c "resolved_at" \
	" < ?2, 0)"

/* Each kind's columns in the order of its field table (syncrec.h), after
 * the record's uuid and updated_at; then whether it is out of bound. */
static const char *const select_cols[SYNC_KINDS] = {
	[SYNC_CASE] =
	    "SELECT uuid, updated_at, org, reason, title, account, status,"
	    " priority, opened_at, next_followup_at, escalation, stage_at,"
	    " resolved_at, resolution, amount, currency, merchant, charged_at,"
	    OUT_OF(""),
	[SYNC_CALL] =
	    "SELECT k.uuid, k.updated_at, c.uuid, k.started_at, k.channel,"
	    " k.direction, k.number, k.department, k.ivr, k.rep,"
	    " (SELECT group_concat(ref, char(10)) FROM (SELECT ref FROM"
	    "  call_refs WHERE call_id = k.id ORDER BY pos)),"
	    " k.hold_seconds, k.duration_seconds, k.outcome, k.promise,"
	    " k.promised_by, k.notes, k.created_at, k.credited,"
	    " k.promise_status, k.promise_marked_at, k.promise_note,"
	    OUT_OF("c."),
	[SYNC_EVENT] =
	    "SELECT e.uuid, e.updated_at, c.uuid, e.at, e.kind, e.level,"
	    " e.due_at, e.note," OUT_OF("c."),
};

static const char *const select_from[SYNC_KINDS] = {
	[SYNC_CASE] = " FROM cases",
	[SYNC_CALL] = " FROM calls k JOIN cases c ON c.id = k.case_id",
	[SYNC_EVENT] = " FROM case_events e JOIN cases c ON c.id = e.case_id",
};

static const char *const where_uuid[SYNC_KINDS] = {
	" WHERE uuid = ?1", " WHERE k.uuid = ?1", " WHERE e.uuid = ?1"
};

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

static void
read_rec(sqlite3_stmt *s, int kind, struct sync_rec *r)
{
	const unsigned char *t;

	r->kind = kind;
	snprintf(r->uuid, sizeof(r->uuid), "%s",
	    (const char *)sqlite3_column_text(s, 0));
	r->updated = col_time(s, 1);
	for (int i = 0; i < sync_kinds[kind].nfields; i++) {
		free(r->f[i]);
		r->f[i] = (t = sqlite3_column_text(s, 2 + i)) ?
		    xstrdup((const char *)t) : NULL;
	}
}

/* The uuid column of each kind's select_sql, for the join with the
 * sync state. */
static const char *const uuid_col[SYNC_KINDS] = {
	"uuid", "k.uuid", "e.uuid"
};

int
store_sync_records_each(struct store *st, int kind, long long dir,
    time_t cutoff, const char *lo, const char *hi,
    int (*want)(const struct sync_peek *, void *),
    int (*fn)(struct sync_rec *, void *), void *arg)
{
	/* All of them in the table's own order: ordered by uuid, each row
	 * was a lookup through the uuid index, three times the time on a
	 * large journal.  A range of uuids goes through that index.  With
	 * dir, each row's state comes with it, through the state's index by
	 * record (a lookup a row: for the few records a sync looks at). */
	char *sql = xasprintf("%s%s%s%s%s%s%s%s%s", select_cols[kind],
	    dir ? ", si.name, si.fp" : ", NULL, NULL", select_from[kind],
	    dir ? " LEFT JOIN sync_items si ON si.dir = ?3 AND si.rec = " : "",
	    dir ? uuid_col[kind] : "", lo ? " WHERE " : "",
	    lo ? uuid_col[kind] : "", lo ? " >= ?4 AND " : "",
	    lo ? uuid_col[kind] : "");
	char *full = xasprintf("%s%s", sql, lo ? " < ?5" : "");
	sqlite3_stmt *s = store_prepare(st, full);
	struct sync_rec r = { 0 };
	int rc = 0, step, n = sync_kinds[kind].nfields;

	free(sql);
	free(full);
	if (s == NULL)
		return -1;
	if (cutoff)
		sqlite3_bind_int64(s, 2, (sqlite3_int64)cutoff);
	if (dir)
		sqlite3_bind_int64(s, 3, dir);
	if (lo) {
		bind_text(s, 4, lo);
		bind_text(s, 5, hi);
	}
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_fp fp;
		struct sync_peek pk;
		char sum[17];

		/* The fingerprint from the row as it is, so that a record
		 * nothing changed is never copied. */
		sync_fp_init(&fp);
		for (int i = 0; i < n; i++) {
			const char *t = (const char *)sqlite3_column_text(s,
			    2 + i);

			sync_fp_field(&fp, t, t ? (size_t)sqlite3_column_bytes(s,
			    2 + i) : 0);
		}
		sync_fp_end(&fp, col_time(s, 1), sum);
		pk.uuid = (const char *)sqlite3_column_text(s, 0);
		pk.fp = sum;
		pk.out = sqlite3_column_int(s, 2 + n);
		pk.st_name = (const char *)sqlite3_column_text(s, 3 + n);
		pk.st_fp = (const char *)sqlite3_column_text(s, 4 + n);
		if ((rc = want(&pk, arg)) != 1)
			continue;
		read_rec(s, kind, &r);
		rc = fn(&r, arg);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "read the journal's records");
	sync_rec_clear(&r);
	sqlite3_finalize(s);
	return rc < 0 ? rc : 0;
}

int
store_sync_record_get(struct store *st, int kind, const char *uuid,
    struct sync_rec *out)
{
	char *sql = xasprintf("%s%s%s", select_cols[kind], select_from[kind],
	    where_uuid[kind]);
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc;

	free(sql);
	if (s == NULL)
		return -1;
	bind_text(s, 1, uuid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_rec(s, kind, out);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_error(st, "read a record");
}

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

int
store_sync_dir(struct store *st, const char *path, long long *dir)
{
	sqlite3_stmt *s;
	int rc;

	/* Looked up before it is added: an upsert of a known folder counts
	 * as a change, and a sync with nothing to do changes nothing. */
	if ((s = store_prepare(st, "SELECT id FROM sync_dirs WHERE path = ?1"))
	    == NULL)
		return -1;
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*dir = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE || (s = store_prepare(st, "INSERT INTO sync_dirs"
	    " (path) VALUES (?1) RETURNING id")) == NULL)
		return rc == SQLITE_DONE ? -1 :
		    store_error(st, "remember the folder");
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*dir = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_error(st, "remember the folder");
}

int
store_sync_is_reminders(struct store *st, const char *path)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT 1 FROM vdir_files WHERE dir = ?1 LIMIT 1");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return store_error(st, "read the reminder folders");
}

#define STATE_COLS "SELECT name, uid, rec, kind, mtime, size, inode," \
	" sequence, fp FROM sync_items"

/* A state row into it; name and uid point into the statement's row. */
static void
read_state(sqlite3_stmt *s, struct sync_item *it)
{
	const unsigned char *t;

	memset(it, 0, sizeof(*it));
	it->name = (char *)sqlite3_column_text(s, 0);
	it->uid = (char *)sqlite3_column_text(s, 1);
	if ((t = sqlite3_column_text(s, 2)) != NULL)
		snprintf(it->rec, sizeof(it->rec), "%s", (const char *)t);
	it->kind = -1;
	t = sqlite3_column_text(s, 3);
	for (int k = 0; t && k < SYNC_KINDS; k++)
		if (strcmp((const char *)t, sync_kinds[k].name) == 0)
			it->kind = k;
	it->mtime = sqlite3_column_int64(s, 4);
	it->size = sqlite3_column_int64(s, 5);
	it->inode = sqlite3_column_int64(s, 6);
	it->sequence = sqlite3_column_int(s, 7);
	if ((t = sqlite3_column_text(s, 8)) != NULL)
		snprintf(it->fp, sizeof(it->fp), "%s", (const char *)t);
}

/* Every row of sql (?1 the folder) to fn, read as a stream. */
static int
state_each(struct store *st, const char *sql, long long dir, const char *lo,
    const char *hi, int (*fn)(const struct sync_item *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	if (lo) {
		bind_text(s, 2, lo);
		bind_text(s, 3, hi);
	}
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_item it;

		read_state(s, &it);
		rc = fn(&it, arg);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "read the sync state");
	sqlite3_finalize(s);
	return rc ? -1 : 0;
}

int
store_sync_state_each(struct store *st, long long dir,
    int (*fn)(const struct sync_item *, void *), void *arg)
{
	return state_each(st, STATE_COLS " WHERE dir = ?1 ORDER BY name", dir,
	    NULL, NULL, fn, arg);
}

int
store_sync_orphans(struct store *st, long long dir, const char *lo,
    const char *hi, int (*fn)(const struct sync_item *, void *), void *arg)
{
	char *sql = xasprintf(STATE_COLS " si WHERE dir = ?1%s AND kind !="
	    " 'other' AND NOT EXISTS (SELECT 1 FROM cases WHERE uuid ="
	    " si.rec) AND NOT EXISTS (SELECT 1 FROM calls WHERE uuid ="
	    " si.rec) AND NOT EXISTS (SELECT 1 FROM case_events WHERE uuid ="
	    " si.rec) ORDER BY name", lo ? " AND rec >= ?2 AND rec < ?3" : "");
	int rc = state_each(st, sql, dir, lo, hi, fn, arg);

	free(sql);
	return rc;
}

int
store_sync_get(struct store *st, long long dir, const char *name,
    const char *rec, struct sync_item *out)
{
	sqlite3_stmt *s = store_stmt(st, name ? STATE_COLS " WHERE dir = ?1"
	    " AND name = ?2" : STATE_COLS " WHERE dir = ?1 AND rec = ?2");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name ? name : rec);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_state(s, out);
		out->name = xstrdup(out->name);
		out->uid = xstrdup(out->uid ? out->uid : "");
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_error(st, "read the sync state");
}

void
store_sync_item_clear(struct sync_item *it)
{
	free(it->name);
	free(it->uid);
	memset(it, 0, sizeof(*it));
}

int
store_sync_base(struct store *st, long long dir, const char *name,
    struct sync_rec *base, char **extra)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT base, extra FROM sync_items"
	    " WHERE dir = ?1 AND name = ?2");
	const unsigned char *t;
	int rc, have = 0;

	*extra = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((t = sqlite3_column_text(s, 0)) != NULL)
			have = sync_rec_decode((const char *)t, base) == 0;
		*extra = col_text(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "read the sync state");
	return have ? 0 : 1;
}

int
store_sync_put(struct store *st, long long dir, const struct sync_item *it,
    const struct sync_rec *base, const char *extra)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT OR REPLACE INTO sync_items"
	    " (dir, name, uid, rec, kind, mtime, size, inode, sequence, fp,"
	    " base, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12)");
	char *enc = NULL;
	char fp[17];
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, it->name);
	bind_text(s, 3, it->uid);
	bind_text(s, 4, it->rec[0] ? it->rec : NULL);
	bind_text(s, 5, it->kind >= 0 ? sync_kinds[it->kind].name : "other");
	sqlite3_bind_int64(s, 6, it->mtime);
	sqlite3_bind_int64(s, 7, it->size);
	sqlite3_bind_int64(s, 8, it->inode);
	sqlite3_bind_int(s, 9, it->sequence);
	if (base) {
		sync_rec_fingerprint(base, fp);
		enc = sync_rec_encode(base);
	}
	bind_text(s, 10, base ? fp : NULL);
	bind_text(s, 11, enc);
	bind_text(s, 12, extra);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(enc);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_touch(struct store *st, long long dir, const struct sync_item *it)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE sync_items SET mtime = ?3,"
	    " size = ?4, inode = ?5 WHERE dir = ?1 AND name = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, it->name);
	sqlite3_bind_int64(s, 3, it->mtime);
	sqlite3_bind_int64(s, 4, it->size);
	sqlite3_bind_int64(s, 5, it->inode);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_forget(struct store *st, long long dir, const char *name)
{
	sqlite3_stmt *s = store_stmt(st,
	    "DELETE FROM sync_items WHERE dir = ?1 AND name = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_forget_rec(struct store *st, long long dir, const char *rec)
{
	sqlite3_stmt *s = store_stmt(st,
	    "DELETE FROM sync_items WHERE dir = ?1 AND rec = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, rec);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_kind_of(struct store *st, const char *uuid)
{
	/* Prepared each time: store_stmt keeps few, for the statements
	 * run once a record. */
	sqlite3_stmt *s = store_prepare(st, "SELECT 0 FROM cases"
	    " WHERE uuid = ?1 UNION ALL SELECT 1 FROM calls WHERE uuid = ?1"
	    " UNION ALL SELECT 2 FROM case_events WHERE uuid = ?1 LIMIT 1");
	int rc, kind = -1;

	if (s == NULL)
		return -2;
	bind_text(s, 1, uuid);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		kind = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_error(st, "find a record by uuid");
		return -2;
	}
	return kind;
}

int
store_sync_rebase(struct store *st, long long dir, int kind, const char *rec)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT base FROM sync_items"
	    " WHERE dir = ?1 AND rec = ?2");
	struct sync_rec base = { .kind = kind }, now = { 0 };
	char fb[17], fn[17];
	int rc, have = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, rec);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    sqlite3_column_text(s, 0) != NULL)
		have = sync_rec_decode((const char *)sqlite3_column_text(s,
		    0), &base) == 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "read the sync state");
	if (have && (rc = store_sync_record_get(st, kind, rec, &now)) == 0 &&
	    now.updated != base.updated) {
		base.updated = now.updated;
		sync_rec_fingerprint(&base, fb);
		sync_rec_fingerprint(&now, fn);
		rc = 0;
		if (strcmp(fb, fn) == 0 && (s = store_prepare(st, "UPDATE"
		    " sync_items SET base = ?3, fp = ?4 WHERE dir = ?1 AND"
		    " rec = ?2")) != NULL) {
			char *enc;

			/* The journal's record is the base's fields: the
			 * times are the base's. */
			memcpy(now.t, base.t, sizeof(now.t));
			enc = sync_rec_encode(&now);

			sqlite3_bind_int64(s, 1, dir);
			bind_text(s, 2, rec);
			bind_text(s, 3, enc);
			bind_text(s, 4, fn);
			rc = sqlite3_step(s) == SQLITE_DONE ? 0 :
			    store_error(st, "save the sync state");
			sqlite3_finalize(s);
			free(enc);
		} else if (strcmp(fb, fn) == 0)
			rc = -1;
	}
	sync_rec_clear(&base);
	sync_rec_clear(&now);
	return rc == -1 ? -1 : 0;
}
