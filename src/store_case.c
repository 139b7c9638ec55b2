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
#include "store_fields.h"
#include "store_int.h"
#include "util.h"

/*
 * A case's columns are its export fields' (xfer_case_fields, each at its
 * declaration's column, store_fields.h): the INSERT, the UPDATE and the
 * first columns of every query are built from that one table, so a field
 * added to it is stored and read at once.  The figures from the case's
 * calls come after them; the triggers of schema/004_summary.sql keep them
 * on the case's row, so a listing reads one row per case.
 */
#define CASE_DERIVED \
    ", c.ncalls, c.last_call_at, c.stage_calls, c.last_promise," \
    " c.last_promised_by, c.credited"

/* The contact details calendars and reminders show, after CASE_DERIVED
 * only when asked for: most listings do not need them. */
#define CONTACT_COLUMNS ", c.last_number, c.last_rep, c.refs"

/* "SELECT" the case's columns "FROM cases c" and then rest, with the
 * contact details when contact; the caller frees it. */
static char *
case_select(int contact, const char *rest)
{
	static char *cols;

	return xasprintf("SELECT %s" CASE_DERIVED "%s FROM cases c %s",
	    store_fields_columns(xfer_case_fields, "c", &cols),
	    contact ? CONTACT_COLUMNS : "", rest);
}

static void
read_refs(const char *refs, struct cl_case *c)
{
	while (refs && *refs) {
		size_t n = strcspn(refs, "\x1f");

		c->refs = xrealloc(c->refs, (c->nrefs + 1) * sizeof(*c->refs));
		c->refs[c->nrefs++] = xstrndup(refs, n);
		refs += n + (refs[n] != '\0');
	}
}

/* Fill c from a row of case_select; c must be zeroed. */
static void
read_case(sqlite3_stmt *s, struct cl_case *c)
{
	int i = store_fields_count(xfer_case_fields);

	store_fields_read(s, xfer_case_fields, c);
	c->ncalls = sqlite3_column_int(s, i);
	c->last_call = col_time(s, i + 1);
	c->stage_calls = sqlite3_column_int(s, i + 2);
	c->promise = col_text(s, i + 3);
	c->promised_by = col_time(s, i + 4);
	c->credited = sqlite3_column_int64(s, i + 5);
	if (sqlite3_column_count(s) > i + 6) {
		c->last_number = col_text(s, i + 6);
		c->last_rep = col_text(s, i + 7);
		read_refs((const char *)sqlite3_column_text(s, i + 8), c);
	}
}

int
store_case_insert(struct store *st, struct cl_case *c)
{
	static char *sql;
	sqlite3_stmt *s;
	int rc = 0;

	if (c->uuid[0] == '\0')
		uuid_new(c->uuid);
	if ((s = store_stmt(st, store_fields_insert(xfer_case_fields, "cases",
	    NULL, &sql))) == NULL)
		return -1;
	/* A NULL id makes SQLite choose the next one. */
	store_fields_bind(s, xfer_case_fields, c, c->id > 0);
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
	static char *sql;
	sqlite3_stmt *s;
	int rc = 0;

	if ((s = store_stmt(st, store_fields_update(xfer_case_fields, "cases",
	    NULL, 0, &sql))) == NULL)
		return -1;
	store_fields_bind(s, xfer_case_fields, c, 1);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "update the case");
	sqlite3_reset(s);
	return rc;
}

int
store_case_get(struct store *st, long long id, struct cl_case *out)
{
	char *sql = case_select(1, "WHERE c.id = ?1");
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc;

	free(sql);
	if (s == NULL)
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
	char *sql, *where;
	char *pattern = NULL;
	sqlite3_stmt *s;
	int rc, step;

	/* Only fixed fragments are pasted; every value is bound. */
	where = xasprintf("WHERE 1%s%s%s%s%s ORDER BY %s LIMIT ?3",
	    f->unresolved ? " AND c.status <> 'resolved'" : "",
	    f->org ? " AND (c.org LIKE ?1 ESCAPE '\\' OR c.org IN"
	    " (SELECT org FROM org_aliases WHERE alias LIKE ?1 ESCAPE '\\'))" :
	    "",
	    f->due_before ? " AND c.next_followup_at <= ?2" : "",
	    f->status ? " AND c.status = ?4" : "",
	    f->since ? " AND c.updated_at >= ?5" : "",
	    f->by_activity ? "c.updated_at DESC, c.id DESC" :
	    "c.next_followup_at IS NULL, c.next_followup_at, c.id DESC");
	sql = case_select(f->contact, where);
	s = store_prepare(st, sql);
	free(where);
	free(sql);
	if (s == NULL)
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
