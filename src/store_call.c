/*
 * store_call.c: calls, their reference numbers, and case events in the
 * database.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_fields.h"
#include "store_int.h"
#include "util.h"

/*
 * A call's columns are its export fields' (xfer_call_fields, each at its
 * declaration's column, store_fields.h), and then its case's id: the
 * INSERT, the UPDATE and store_call_columns are built from that one
 * table, so a field added to it is stored and read at once.
 *
 * updated_at does not go back: a device whose clock is a little behind
 * the one that last changed the row still records a change after it, so
 * two journals that sync agree on it (store_sync_apply keeps the later
 * one too).  A time more than STORE_SKEW_MAX ahead is no clock's skew but
 * a clock set wrong: a change now replaces it, or the wrong time would
 * win every merge until the calendar caught up.
 */

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

/* The calls of the journal and their cases, filtered by the fragments
 * pasted at %s, ordered by the last. */
static const char calls_sql[] =
    "SELECT %s FROM calls k JOIN cases c ON c.id = k.case_id"
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

int
store_call_insert(struct store *st, struct cl_call *c)
{
	static char *sql;
	sqlite3_stmt *s;
	int rc = 0;

	if (c->uuid[0] == '\0')
		uuid_new(c->uuid);
	if ((s = store_stmt(st, store_fields_insert(xfer_call_fields, "calls",
	    "case_id", &sql))) == NULL)
		return -1;
	/* A NULL id makes SQLite choose the next one. */
	sqlite3_bind_int64(s, store_fields_bind(s, xfer_call_fields, c,
	    c->id > 0), c->case_id);
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

const char *
store_call_columns(void)
{
	static char *fields, *all;

	if (all == NULL)
		all = xasprintf("%s, k.case_id, c.org, (SELECT group_concat(ref,"
		    " char(31)) FROM (SELECT ref FROM call_refs r"
		    " WHERE r.call_id = k.id ORDER BY pos)), c.currency",
		    store_fields_columns(xfer_call_fields, "k", &fields));
	return all;
}

int
store_read_call(sqlite3_stmt *s, struct cl_call *c)
{
	int i = store_fields_count(xfer_call_fields);

	store_fields_read(s, xfer_call_fields, c);
	c->case_id = sqlite3_column_int64(s, i);
	c->org = col_text(s, i + 1);
	split_refs(c, (const char *)sqlite3_column_text(s, i + 2));
	/* A call's credit is in its case's currency. */
	snprintf(c->currency, sizeof(c->currency), "%s",
	    sqlite3_column_type(s, i + 3) == SQLITE_TEXT ?
	    (const char *)sqlite3_column_text(s, i + 3) : "");
	return i + 4;
}

int
store_call_update(struct store *st, const struct cl_call *c, int refs)
{
	static char *sql;
	sqlite3_stmt *s;
	int rc = 0;

	if ((s = store_stmt(st, store_fields_update(xfer_call_fields, "calls",
	    "case_id", 1, &sql))) == NULL)
		return -1;
	sqlite3_bind_int64(s, store_fields_bind(s, xfer_call_fields, c, 1),
	    c->case_id);
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
	char *sql = xasprintf(calls_sql, store_call_columns(), "", "", "",
	    by_id, "k.id");
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc;

	free(sql);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 5, id);
	sqlite3_bind_int64(s, 4, 1);
	memset(out, 0, sizeof(*out));
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		store_read_call(s, out);
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
	char *sql = xasprintf(calls_sql, store_call_columns(),
	    f->case_id ? by_case : "", f->org ? by_org : "",
	    f->since ? by_since : "", "", f->oldest_first ?
	    "k.started_at, k.id" : "k.started_at DESC, k.id DESC");
	char *pattern = NULL;
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc = 0, step;

	free(sql);
	if (s == NULL)
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
