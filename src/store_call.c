/*
 * store_call.c: calls, their reference numbers, and case events in the
 * database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

/* A NULL id (?18) makes SQLite choose the next one. */
static const char call_insert_sql[] =
    "INSERT INTO calls (uuid, case_id, started_at, channel, direction,"
    " number, department, ivr, rep, hold_seconds, duration_seconds, outcome,"
    " promise, promised_by, notes, created_at, updated_at, id, credited,"
    " promise_status, promise_marked_at, promise_note, follow_up_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)";

/* updated_at does not go back: a device whose clock is a little behind
 * the one that last changed the row still records a change after it, so
 * two journals that sync agree on it (store_sync_apply keeps the later
 * one too).  A time more than STORE_SKEW_MAX ahead is no clock's skew but
 * a clock set wrong: a change now replaces it, or the wrong time would
 * win every merge until the calendar caught up. */
static const char call_update_sql[] =
    "UPDATE calls SET uuid = ?1, case_id = ?2, started_at = ?3,"
    " channel = ?4, direction = ?5, number = ?6, department = ?7, ivr = ?8,"
    " rep = ?9, hold_seconds = ?10, duration_seconds = ?11, outcome = ?12,"
    " promise = ?13, promised_by = ?14, notes = ?15, created_at = ?16,"
    " updated_at = " STORE_UPDATED_SQL("?17") ", credited = ?19,"
    " promise_status = ?20, promise_marked_at = ?21, promise_note = ?22,"
    " follow_up_at = ?23 WHERE id = ?18";

static const char ref_insert_sql[] =
    "INSERT INTO call_refs (call_id, pos, ref) VALUES (?1, ?2, ?3)";

static const char event_insert_sql[] =
    "INSERT INTO case_events (uuid, case_id, at, kind, level, due_at, note,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?3)";

static const char events_sql[] =
    "SELECT id, uuid, case_id, at, kind, level, due_at, note"
    " FROM case_events WHERE case_id = ?1 ORDER BY at, id";

/* Reference numbers come back joined by the ASCII unit separator, which
 * one-line fields can never contain. */
#define REF_SEP "\x1f"

static const char calls_sql[] =
    "SELECT k.id, k.uuid, k.case_id, k.started_at, k.channel, k.direction,"
    " k.number, k.department, k.ivr, k.rep, k.hold_seconds,"
    " k.duration_seconds, k.outcome, k.promise, k.promised_by, k.notes,"
    " k.created_at, k.updated_at, c.org,"
    " (SELECT group_concat(ref, char(31)) FROM (SELECT ref FROM call_refs r"
    "   WHERE r.call_id = k.id ORDER BY pos)),"
    CALL_EXTRA_COLUMNS
    " FROM calls k JOIN cases c ON c.id = k.case_id"
    " WHERE 1%s%s%s%s ORDER BY %s LIMIT ?4";

/* Filters are pasted in only when used: "?1 IS NULL OR case_id = ?1" would
 * keep SQLite from using the index on case_id or started_at. */
static const char by_case[] = " AND k.case_id = ?1";
static const char by_org[] = " AND (c.org LIKE ?2 ESCAPE '\\' OR c.org IN"
    " (SELECT org FROM org_aliases WHERE alias LIKE ?2 ESCAPE '\\'))";
static const char by_since[] = " AND k.started_at >= ?3";
static const char by_id[] = " AND k.id = ?5";

static int
insert_refs(struct store *st, const struct cl_call *c)
{
	sqlite3_stmt *s;
	int rc = 0;

	if (c->nrefs == 0)
		return 0;
	if ((s = store_stmt(st, ref_insert_sql)) == NULL)
		return -1;
	for (size_t i = 0; i < c->nrefs && rc == 0; i++) {
		sqlite3_bind_int64(s, 1, c->id);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)i);
		bind_text(s, 3, c->refs[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, "record the reference numbers");
		sqlite3_reset(s);
	}
	return rc;
}

static void
bind_call(sqlite3_stmt *s, const struct cl_call *c)
{
	bind_text(s, 1, c->uuid);
	sqlite3_bind_int64(s, 2, c->case_id);
	bind_time(s, 3, c->started);
	bind_text(s, 4, enum_name(&channel_names, c->channel));
	bind_text(s, 5, enum_name(&direction_names, c->direction));
	bind_text(s, 6, c->number);
	bind_text(s, 7, c->department);
	bind_text(s, 8, c->ivr);
	bind_text(s, 9, c->rep);
	bind_long_opt(s, 10, c->hold);
	bind_long_opt(s, 11, c->duration);
	bind_text(s, 12, enum_name(&outcome_names, c->outcome));
	bind_text(s, 13, c->promise);
	bind_time(s, 14, c->promised_by);
	bind_text(s, 15, c->notes);
	bind_time(s, 16, c->created);
	bind_time(s, 17, c->updated);
	if (c->credited != 0)
		sqlite3_bind_int64(s, 19, c->credited);
	bind_text(s, 20, c->promise_mark == PMARK_NONE ? NULL :
	    enum_name(&promise_names, c->promise_mark));
	bind_time(s, 21, c->promise_marked);
	bind_text(s, 22, c->promise_note);
	bind_time(s, 23, c->follow_up);
}

int
store_call_insert(struct store *st, struct cl_call *c)
{
	sqlite3_stmt *s;
	int rc = 0;

	if (c->uuid[0] == '\0')
		uuid_new(c->uuid);
	if ((s = store_stmt(st, call_insert_sql)) == NULL)
		return -1;
	bind_call(s, c);
	if (c->id > 0)
		sqlite3_bind_int64(s, 18, c->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "record the call");
	else
		c->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_reset(s);
	return rc ? rc : insert_refs(st, c);
}

static void
split_refs(struct cl_call *c, const char *joined)
{
	const char *p = joined;

	while (p && *p) {
		size_t n = strcspn(p, REF_SEP);
		char *ref = xstrndup(p, n);

		call_add_ref(c, ref);
		free(ref);
		p += n;
		if (*p)
			p++;
	}
}

void
store_read_call(sqlite3_stmt *s, struct cl_call *c)
{
	const unsigned char *uuid = sqlite3_column_text(s, 1);

	c->id = sqlite3_column_int64(s, 0);
	snprintf(c->uuid, sizeof(c->uuid), "%s", uuid ? (const char *)uuid : "");
	c->case_id = sqlite3_column_int64(s, 2);
	c->started = col_time(s, 3);
	c->channel = enum_lookup(&channel_names,
	    (const char *)sqlite3_column_text(s, 4));
	c->direction = enum_lookup(&direction_names,
	    (const char *)sqlite3_column_text(s, 5));
	c->number = col_text(s, 6);
	c->department = col_text(s, 7);
	c->ivr = col_text(s, 8);
	c->rep = col_text(s, 9);
	c->hold = col_long_opt(s, 10);
	c->duration = col_long_opt(s, 11);
	c->outcome = sqlite3_column_type(s, 12) == SQLITE_NULL ? OUTCOME_NONE :
	    enum_lookup(&outcome_names, (const char *)sqlite3_column_text(s, 12));
	c->promise = col_text(s, 13);
	c->promised_by = col_time(s, 14);
	c->notes = col_text(s, 15);
	c->created = col_time(s, 16);
	c->updated = col_time(s, 17);
	c->org = col_text(s, 18);
	split_refs(c, (const char *)sqlite3_column_text(s, 19));
}

void
store_read_call_extra(sqlite3_stmt *s, int i, struct cl_call *c)
{
	const char *mark = (const char *)sqlite3_column_text(s, i + 1);

	c->credited = sqlite3_column_int64(s, i);
	c->promise_mark = mark ? enum_lookup(&promise_names, mark) : PMARK_NONE;
	c->promise_marked = col_time(s, i + 2);
	c->promise_note = col_text(s, i + 3);
	/* A call's credit is in its case's currency. */
	snprintf(c->currency, sizeof(c->currency), "%s",
	    sqlite3_column_type(s, i + 4) == SQLITE_TEXT ?
	    (const char *)sqlite3_column_text(s, i + 4) : "");
	c->follow_up = col_time(s, i + 5);
}

int
store_call_update(struct store *st, const struct cl_call *c, int refs)
{
	sqlite3_stmt *s;
	int rc = 0;

	if ((s = store_stmt(st, call_update_sql)) == NULL)
		return -1;
	bind_call(s, c);
	sqlite3_bind_int64(s, 18, c->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "update the call");
	sqlite3_reset(s);
	if (rc || !refs)
		return rc;
	if ((s = store_prepare(st, "DELETE FROM call_refs WHERE call_id = ?1"))
	    == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, c->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "update the reference numbers");
	sqlite3_finalize(s);
	return rc ? rc : insert_refs(st, c);
}

/* Delete a row by id; its children go with it (ON DELETE CASCADE), and
 * the history's triggers keep every one of them for undo. */
static int
delete_row(struct store *st, const char *sql, long long id)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s) == SQLITE_DONE ? sqlite3_changes(st->db) > 0 ? 0 : 1
	    : store_error(st, "delete the record");
	sqlite3_finalize(s);
	return rc;
}

int
store_call_delete(struct store *st, long long id)
{
	return delete_row(st, "DELETE FROM calls WHERE id = ?1", id);
}

int
store_case_delete(struct store *st, long long id)
{
	return delete_row(st, "DELETE FROM cases WHERE id = ?1", id);
}

int
store_call_get(struct store *st, long long id, struct cl_call *out)
{
	char sql[sizeof(calls_sql) + sizeof(by_id) + 64];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof(sql), calls_sql, "", "", "", by_id, "k.id");
	if ((s = store_prepare(st, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 5, id);
	sqlite3_bind_int64(s, 4, 1);
	memset(out, 0, sizeof(*out));
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		store_read_call(s, out);
		store_read_call_extra(s, 20, out);
		rc = 0;
		break;
	case SQLITE_DONE:
		rc = 1;
		break;
	default:
		rc = store_error(st, "read the call");
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_calls_each(struct store *st, const struct call_filter *f,
    int (*fn)(struct cl_call *, void *), void *arg)
{
	char sql[sizeof(calls_sql) + sizeof(by_case) + sizeof(by_org) +
	    sizeof(by_since) + 64];
	char *pattern = NULL;
	sqlite3_stmt *s;
	int rc = 0, step;

	snprintf(sql, sizeof(sql), calls_sql, f->case_id ? by_case : "",
	    f->org ? by_org : "", f->since ? by_since : "", "", f->oldest_first ?
	    "k.started_at, k.id" : "k.started_at DESC, k.id DESC");
	if ((s = store_prepare(st, sql)) == NULL)
		return -1;
	if (f->case_id)
		sqlite3_bind_int64(s, 1, f->case_id);
	if (f->org) {
		pattern = like_prefix(f->org);
		bind_text(s, 2, pattern);
	}
	if (f->since)
		bind_time(s, 3, f->since);
	sqlite3_bind_int64(s, 4, f->limit > 0 ? f->limit : -1);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_call c = { 0 };

		store_read_call(s, &c);
		store_read_call_extra(s, 20, &c);
		rc = fn(&c, arg);
		call_clear(&c);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "list the calls");
	sqlite3_finalize(s);
	free(pattern);
	return rc;
}

int
store_event_insert(struct store *st, struct cl_event *e)
{
	sqlite3_stmt *s;
	int rc = 0;

	uuid_new(e->uuid);
	if ((s = store_stmt(st, event_insert_sql)) == NULL)
		return -1;
	bind_text(s, 1, e->uuid);
	sqlite3_bind_int64(s, 2, e->case_id);
	bind_time(s, 3, e->at);
	bind_text(s, 4, enum_name(&event_names, e->kind));
	bind_text(s, 5, e->level == LEVEL_NONE ? NULL :
	    enum_name(&level_names, e->level));
	bind_time(s, 6, e->due);
	bind_text(s, 7, e->note);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "record the change to the case");
	else
		e->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_reset(s);
	return rc;
}

int
store_events_each(struct store *st, long long case_id,
    int (*fn)(struct cl_event *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, events_sql);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_event e = { 0 };
		const unsigned char *uuid = sqlite3_column_text(s, 1);
		const char *level = (const char *)sqlite3_column_text(s, 5);

		e.id = sqlite3_column_int64(s, 0);
		snprintf(e.uuid, sizeof(e.uuid), "%s",
		    uuid ? (const char *)uuid : "");
		e.case_id = sqlite3_column_int64(s, 2);
		e.at = col_time(s, 3);
		e.kind = enum_lookup(&event_names,
		    (const char *)sqlite3_column_text(s, 4));
		e.level = level ? enum_lookup(&level_names, level) : LEVEL_NONE;
		e.due = col_time(s, 6);
		e.note = col_text(s, 7);
		rc = fn(&e, arg);
		event_clear(&e);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "list the case's history");
	sqlite3_finalize(s);
	return rc;
}
