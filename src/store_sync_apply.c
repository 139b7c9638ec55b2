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
#include "store_sync_sql.h"
#include "syncrec.h"
#include "util.h"

/* An update leaves a row's id, and so the ids people use, as they were.
 * updated_at is the merged record's, as both sides now agree on it:
 * sync_merge already took the later of the two, and keeping a later one
 * here (a clock set a year ahead) would differ from the folder's and be
 * written back on every sync.  The SQL is the declaration's
 * (store_sync_sql.c). */
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

/* Write list field i (a call's reference numbers), a row a value. */
static int
put_list(struct store *st, const struct sync_rec *r, int i)
{
	sqlite3_stmt *s = store_stmt(st, store_sync_sql_list_delete(r->kind,
	    i));
	const char *p = r->f[i];
	int rc, pos = 0;

	if (s == NULL)
		return -1;
	bind_text(s, 1, r->uuid);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_error(st, "replace a record's list");
	if ((s = store_stmt(st, store_sync_sql_list_insert(r->kind, i))) ==
	    NULL)
		return -1;
	while (p && *p) {
		size_t n = strcspn(p, "\n");

		bind_text(s, 1, r->uuid);
		sqlite3_bind_int(s, 2, pos++);
		sqlite3_bind_text(s, 3, p, (int)n, SQLITE_TRANSIENT);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			return store_error(st, "replace a record's list");
		p += n + (p[n] == '\n');
	}
	return 0;
}

/* The record's lists, each replaced only when it changed, so that the
 * history shows only what did. */
static int
put_lists(struct store *st, const struct sync_rec *r)
{
	const struct field_kind *k = &sync_kinds[r->kind];
	struct sync_rec now = { 0 };
	int rc = 0, got = 0;

	for (int i = 0; i < k->nfields && rc == 0; i++) {
		if (k->fields[i].type != FT_LIST)
			continue;
		if (!got++ && (rc = store_sync_record_get(st, r->kind, r->uuid,
		    &now)) != 0)
			return rc == 1 ? error("internal error: no %s %s",
			    k->name, r->uuid) : -1;
		if ((now.f[i] == NULL) != (r->f[i] == NULL) ||
		    (r->f[i] && strcmp(now.f[i], r->f[i]) != 0))
			rc = put_list(st, r, i);
	}
	sync_rec_clear(&now);
	return rc;
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
	if (run(st, store_sync_sql_update(r->kind), r, "update a record") == -1)
		return -1;
	if (sqlite3_changes(st->db) == 0 &&
	    run(st, store_sync_sql_insert(r->kind), r, "add a record") == -1)
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
	return put_lists(st, r);
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
