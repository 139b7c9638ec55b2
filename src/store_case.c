/*
 * store_case.c: cases in the database, with the figures derived from their
 * calls (count, last contact, calls of the current escalation stage, newest
 * promise), which the schema's triggers keep on the case row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "orgmatch.h"
#include "policy.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

/* A NULL id (?16) makes SQLite choose the next one. */
static const char case_insert_sql[] =
    "INSERT INTO cases (uuid, org, reason, title, account, status, priority,"
    " opened_at, updated_at, next_followup_at, followup_seq, escalation,"
    " stage_at, resolved_at, resolution, id, amount, currency, merchant,"
    " charged_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
    " ?15, ?16, ?17, ?18, ?19, ?20)";

/* updated_at does not go back (store_call.c says why and how far). */
static const char case_update_sql[] =
    "UPDATE cases SET org = ?2, reason = ?3, title = ?4, account = ?5,"
    " status = ?6, priority = ?7, opened_at = ?8,"
    " updated_at = " STORE_UPDATED_SQL("?9") ","
    " next_followup_at = ?10, followup_seq = ?11, escalation = ?12,"
    " stage_at = ?13, resolved_at = ?14, resolution = ?15, amount = ?17,"
    " currency = ?18, merchant = ?19, charged_at = ?20"
    " WHERE id = ?16";

/* The columns every case query returns, in the order read_case expects.
 * The figures from the case's calls are kept on its row by the triggers of
 * schema/004_summary.sql, so a listing reads one row per case. */
#define CASE_COLUMNS \
    "c.id, c.uuid, c.org, c.reason, c.title, c.account, c.status," \
    " c.priority, c.opened_at, c.updated_at, c.next_followup_at," \
    " c.followup_seq, c.escalation, c.stage_at, c.resolved_at," \
    " c.resolution, c.ncalls, c.last_call_at, c.stage_calls," \
    " c.last_promise, c.last_promised_by, c.amount, c.currency," \
    " c.merchant, c.charged_at, c.credited%s FROM cases c"

static void
bind_case(sqlite3_stmt *s, const struct cl_case *c)
{
	bind_text(s, 1, c->uuid);
	bind_text(s, 2, c->org);
	bind_text(s, 3, enum_name(&reason_names, c->reason));
	bind_text(s, 4, c->title);
	bind_text(s, 5, c->account);
	bind_text(s, 6, enum_name(&status_names, c->status));
	bind_text(s, 7, enum_name(&priority_names, c->priority));
	bind_time(s, 8, c->opened);
	bind_time(s, 9, c->updated);
	bind_time(s, 10, c->next_followup);
	sqlite3_bind_int(s, 11, c->followup_seq);
	bind_text(s, 12, enum_name(&level_names, c->escalation));
	bind_time(s, 13, c->stage_at);
	bind_time(s, 14, c->resolved_at);
	bind_text(s, 15, c->resolution);
	if (c->amount > 0)
		sqlite3_bind_int64(s, 17, c->amount);
	bind_text(s, 18, c->currency[0] ? c->currency : NULL);
	bind_text(s, 19, c->merchant);
	bind_time(s, 20, c->charged_at);
}

/* The contact details calendars and reminders show, appended to
 * CASE_COLUMNS only when asked for: most listings do not need them. */
#define CONTACT_COLUMNS ", c.last_number, c.last_rep, c.refs"

void
read_case_money(sqlite3_stmt *s, int i, struct cl_case *c)
{
	const unsigned char *cur = sqlite3_column_text(s, i + 1);

	c->amount = sqlite3_column_int64(s, i);
	snprintf(c->currency, sizeof(c->currency), "%s",
	    cur ? (const char *)cur : "");
}

/* Fill c from a row of CASE_COLUMNS; c must be zeroed. */
static void
read_case(sqlite3_stmt *s, struct cl_case *c)
{
	const unsigned char *uuid = sqlite3_column_text(s, 1);

	c->id = sqlite3_column_int64(s, 0);
	snprintf(c->uuid, sizeof(c->uuid), "%s", uuid ? (const char *)uuid : "");
	c->org = col_text(s, 2);
	c->reason = enum_lookup(&reason_names,
	    (const char *)sqlite3_column_text(s, 3));
	c->title = col_text(s, 4);
	c->account = col_text(s, 5);
	c->status = enum_lookup(&status_names,
	    (const char *)sqlite3_column_text(s, 6));
	c->priority = enum_lookup(&priority_names,
	    (const char *)sqlite3_column_text(s, 7));
	c->opened = col_time(s, 8);
	c->updated = col_time(s, 9);
	c->next_followup = col_time(s, 10);
	c->followup_seq = sqlite3_column_int(s, 11);
	c->escalation = enum_lookup(&level_names,
	    (const char *)sqlite3_column_text(s, 12));
	c->stage_at = col_time(s, 13);
	c->resolved_at = col_time(s, 14);
	c->resolution = col_text(s, 15);
	c->ncalls = sqlite3_column_int(s, 16);
	c->last_call = col_time(s, 17);
	c->stage_calls = sqlite3_column_int(s, 18);
	c->promise = col_text(s, 19);
	c->promised_by = col_time(s, 20);
	read_case_money(s, 21, c);
	c->merchant = col_text(s, 23);
	c->charged_at = col_time(s, 24);
	c->credited = sqlite3_column_int64(s, 25);
	if (sqlite3_column_count(s) > 26) {
		const char *refs = (const char *)sqlite3_column_text(s, 28);

		c->last_number = col_text(s, 26);
		c->last_rep = col_text(s, 27);
		while (refs && *refs) {
			size_t n = strcspn(refs, "\x1f");

			c->refs = xrealloc(c->refs, (c->nrefs + 1) *
			    sizeof(*c->refs));
			c->refs[c->nrefs++] = xstrndup(refs, n);
			refs += n + (refs[n] != '\0');
		}
	}
}

int
store_case_insert(struct store *st, struct cl_case *c)
{
	sqlite3_stmt *s;
	int rc = 0;

	if (c->uuid[0] == '\0')
		uuid_new(c->uuid);
	if ((s = store_stmt(st, case_insert_sql)) == NULL)
		return -1;
	bind_case(s, c);
	if (c->id > 0)
		sqlite3_bind_int64(s, 16, c->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "record the case");
	else
		c->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_reset(s);
	return rc;
}

int
store_case_update(struct store *st, const struct cl_case *c)
{
	sqlite3_stmt *s;
	int rc = 0;

	if ((s = store_stmt(st, case_update_sql)) == NULL)
		return -1;
	bind_case(s, c);
	sqlite3_bind_int64(s, 16, c->id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "update the case");
	sqlite3_reset(s);
	return rc;
}

int
store_case_get(struct store *st, long long id, struct cl_case *out)
{
	char sql[2048];
	sqlite3_stmt *s;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT " CASE_COLUMNS " WHERE c.id = ?1",
	    CONTACT_COLUMNS);
	if ((s = store_prepare(st, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	memset(out, 0, sizeof(*out));
	switch (sqlite3_step(s)) {
	case SQLITE_ROW:
		read_case(s, out);
		if ((rc = store_read_promises(st, out)) != 0)
			case_clear(out);
		break;
	case SQLITE_DONE:
		rc = 1;
		break;
	default:
		rc = store_error(st, "read the case");
	}
	sqlite3_finalize(s);
	return rc;
}

int
store_cases_each(struct store *st, const struct case_filter *f,
    int (*fn)(struct cl_case *, void *), void *arg)
{
	char sql[2048];
	char *pattern = NULL;
	sqlite3_stmt *s;
	int rc, step;

	/* Only fixed fragments are pasted; every value is bound. */
	snprintf(sql, sizeof(sql), "SELECT " CASE_COLUMNS " WHERE 1%s%s%s%s%s"
	    " ORDER BY %s LIMIT ?3",
	    f->contact ? CONTACT_COLUMNS : "",
	    f->unresolved ? " AND c.status <> 'resolved'" : "",
	    f->org ? " AND (c.org LIKE ?1 ESCAPE '\\' OR c.org IN"
	    " (SELECT org FROM org_aliases WHERE alias LIKE ?1 ESCAPE '\\'))" :
	    "",
	    f->due_before ? " AND c.next_followup_at <= ?2" : "",
	    f->status ? " AND c.status = ?4" : "",
	    f->since ? " AND c.updated_at >= ?5" : "",
	    f->by_activity ? "c.updated_at DESC, c.id DESC" :
	    "c.next_followup_at IS NULL, c.next_followup_at, c.id DESC");
	if ((s = store_prepare(st, sql)) == NULL)
		return -1;
	bind_text(s, 4, f->status);
	bind_time(s, 5, f->since);
	if (f->org) {
		pattern = like_prefix(f->org);
		bind_text(s, 1, pattern);
	}
	bind_time(s, 2, f->due_before);
	sqlite3_bind_int64(s, 3, f->limit > 0 ? f->limit : -1);
	rc = 0;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_case c = { 0 };

		read_case(s, &c);
		if ((rc = store_read_promises(st, &c)) == 0)
			rc = fn(&c, arg);
		case_clear(&c);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "list the cases");
	sqlite3_finalize(s);
	free(pattern);
	return rc;
}

int
store_reminder_sent(struct store *st, long long case_id, int kind,
    time_t key)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT 1 FROM reminders_sent"
	    " WHERE case_id = ?1 AND kind = ?2 AND due_at = ?3");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, enum_name(&reminder_kind_names, kind));
	sqlite3_bind_int64(s, 3, (sqlite3_int64)key);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return rc == SQLITE_DONE ? 0 : store_error(st, "read the reminders");
}

int
store_reminder_mark(struct store *st, long long case_id, int kind,
    time_t key, time_t at)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT OR IGNORE INTO"
	    " reminders_sent (case_id, kind, due_at, sent_at)"
	    " VALUES (?1, ?2, ?3, ?4)");
	int rc = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	bind_text(s, 2, enum_name(&reminder_kind_names, kind));
	sqlite3_bind_int64(s, 3, (sqlite3_int64)key);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)at);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "record the reminder");
	sqlite3_reset(s);
	return rc;
}

int
store_org_names(struct store *st, struct org_name **out, size_t *n)
{
	/* Each organization once, as the newest case spells it, and the
	 * aliases; alias targets count as known even before any case. */
	static const char sql[] =
	    "SELECT org, org FROM (SELECT org, max(id) AS newest FROM cases"
	    "  GROUP BY org COLLATE NOCASE ORDER BY newest DESC)"
	    " UNION ALL SELECT org, org FROM (SELECT DISTINCT org FROM"
	    "  org_aliases WHERE org NOT IN (SELECT org FROM cases))"
	    " UNION ALL SELECT alias, org FROM org_aliases";
	sqlite3_stmt *s = store_prepare(st, sql);
	size_t cap = 0;
	int step;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[*n].name = col_text(s, 0);
		(*out)[*n].org = col_text(s, 1);
		(*n)++;
	}
	sqlite3_finalize(s);
	if (step != SQLITE_DONE) {
		org_names_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_error(st, "read the organizations");
	}
	return 0;
}

void
org_names_free(struct org_name *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)v[i].name);
		free((char *)v[i].org);
	}
	free(v);
}

int
store_case_uuid_prefix(struct store *st, const char *prefix,
    long long *ids, int max)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT id FROM cases"
	    " WHERE uuid LIKE ?1 ESCAPE '\\' ORDER BY id LIMIT ?2");
	char *pattern = like_prefix(prefix);
	int n = 0, step;

	if (s == NULL) {
		free(pattern);
		return -1;
	}
	bind_text(s, 1, pattern);
	sqlite3_bind_int(s, 2, max);
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	free(pattern);
	return step == SQLITE_DONE ? n : store_error(st, "look up the case");
}

int
store_open_amounts(struct store *st)
{
	int any;

	return store_query_int(st, "SELECT EXISTS (SELECT 1 FROM cases"
	    " WHERE status <> 'resolved' AND amount IS NOT NULL)",
	    "list the cases", &any) ? -1 : any;
}
