/*
 * store_history.c: the change log behind `history`, `undo` and `--purge`
 * (schema/005_history.sql).  Each writing command is one change: store_txn.c
 * opens it when the command's transaction begins and closes it at commit;
 * the schema's triggers record every row the command touched, with its
 * old and new stored values as JSON.  Undo writes the old values back
 * (store_undo.c, above this file).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

/* The tables the history covers, their columns and which of them it
 * records, and how a row is named, are declared once (field_table.c);
 * the triggers of schema/013_history.sql are generated from the same
 * declaration.  Column names in the SQL below come from it, never from
 * the data. */

/* The next column from c on that the history records, or NULL. */
static const struct field_column *
recorded(const struct field_column *c)
{
	for (; !FIELD_COLUMN_END(c); c++)
		if (c->history)
			return c;
	return NULL;
}

/* The recorded columns of t joined by sep, each as pre, its name, and
 * post; with twice, as pre, name, twice, name, post ("'id', t.id"). */
char *
store_history_columns(const struct field_table *t, const char *pre,
    const char *twice, const char *post, const char *sep)
{
	char *sql = xstrdup("");
	int first = 1;

	for (const struct field_column *c = recorded(t->cols); c;
	    c = recorded(c + 1)) {
		const char *name = field_column_name(t, c);
		char *next = xasprintf("%s%s%s%s%s%s%s", sql, first ? "" : sep,
		    pre, name, twice ? twice : "", twice ? name : "", post);

		free(sql);
		sql = next;
		first = 0;
	}
	return sql;
}

void
store_set_command(struct store *st, const char *command, time_t now)
{
	st->command = command;
	st->command_at = now;
}

int
store_change_open(struct store *st)
{
	sqlite3_stmt *s;

	if (st->command == NULL)
		return 0;	/* a migration, or a test of the store */
	s = store_stmt(st, "INSERT INTO changes (at, command) VALUES (?1, ?2)");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)st->command_at);
	bind_text(s, 2, st->command);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return store_error(st, "start the change");
	}
	sqlite3_reset(s);
	st->change_id = sqlite3_last_insert_rowid(st->db);
	s = store_stmt(st, "UPDATE change_state SET change_id = ?1");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, st->change_id);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return store_error(st, "start the change");
	}
	sqlite3_reset(s);
	return 0;
}

/* A change that touched no row (a reminder run, a refused edit that
 * wrote nothing) leaves no trace in the history. */
int
store_change_close(struct store *st)
{
	static const char sql[] =
	    "DELETE FROM changes WHERE id = ?1 AND purged = 0 AND NOT EXISTS"
	    " (SELECT 1 FROM change_rows WHERE change_id = ?1);"
	    "UPDATE change_state SET change_id = NULL";
	sqlite3_stmt *s;
	const char *tail = sql;
	int rc = 0;

	if (st->change_id == 0 && !st->undoing)
		return 0;
	st->undoing = 0;
	while (rc == 0 && *tail) {
		if (sqlite3_prepare_v2(st->db, tail, -1, &s, &tail) != SQLITE_OK)
			return store_error(st, "finish the change");
		if (s == NULL)
			break;
		sqlite3_bind_int64(s, 1, st->change_id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, "finish the change");
		sqlite3_finalize(s);
	}
	st->change_id = 0;
	return rc;
}

int
store_change_describe(struct store *st, const char *summary)
{
	sqlite3_stmt *s;
	int rc = 0, idle;

	if (st->change_id == 0)
		return 0;
	if ((s = store_prepare(st, "UPDATE changes SET summary = ?1"
	    " WHERE id = ?2")) == NULL)
		return -1;
	bind_text(s, 1, summary);
	sqlite3_bind_int64(s, 2, st->change_id);
	/* Describing a change that has changed nothing yet is no change of
	 * its own (store_finish). */
	idle = sqlite3_total_changes64(st->db) == st->changes_begun;
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "describe the change");
	else if (idle)
		st->changes_begun = sqlite3_total_changes64(st->db);
	sqlite3_finalize(s);
	return rc;
}

void
change_info_clear(struct change_info *c)
{
	free(c->command);
	free(c->summary);
	memset(c, 0, sizeof(*c));
}

/* A row is recorded under the case it was on; a call moved to case ?1
 * (edit --call N --case M) belongs to that case's history too. */
#define MOVED_IN(t) "SELECT change_id FROM " t " WHERE tbl = 'calls'" \
    " AND op = 'update' AND json_extract(new, '$.case_id') = ?1" \
    " AND case_id <> ?1"

int
store_history_each(struct store *st, long long case_id, long limit,
    int (*fn)(const struct change_info *, const struct change_row *, void *),
    void *arg)
{
	static const char sql[] =
	    "SELECT c.id, c.at, c.command, c.summary, c.undone_at, c.purged,"
	    " r.tbl, r.op, r.row_id, r.pos, r.case_id, r.old, r.new"
	    " FROM (SELECT * FROM changes WHERE ?1 = 0 OR id IN"
	    "  (SELECT change_id FROM change_rows WHERE case_id = ?1"
	    "   UNION " MOVED_IN("change_rows") ")"
	    "  ORDER BY id DESC LIMIT ?2) c"
	    " LEFT JOIN change_rows r ON r.change_id = c.id"
	    "  AND (?1 = 0 OR r.case_id = ?1 OR (r.tbl = 'calls'"
	    "   AND r.op = 'update' AND json_extract(r.new, '$.case_id') = ?1))"
	    " ORDER BY c.id DESC, r.id";
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	sqlite3_bind_int64(s, 2, limit > 0 ? limit : -1);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct change_info c = { 0 };
		struct change_row r = { 0 };

		c.id = sqlite3_column_int64(s, 0);
		c.at = col_time(s, 1);
		c.command = (char *)sqlite3_column_text(s, 2);
		c.summary = (char *)sqlite3_column_text(s, 3);
		c.undone_at = col_time(s, 4);
		c.purged = sqlite3_column_int(s, 5);
		r.table = (const char *)sqlite3_column_text(s, 6);
		r.op = (const char *)sqlite3_column_text(s, 7);
		r.row_id = sqlite3_column_int64(s, 8);
		r.pos = sqlite3_column_type(s, 9) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(s, 9);
		r.case_id = sqlite3_column_int64(s, 10);
		r.old_json = (const char *)sqlite3_column_text(s, 11);
		r.new_json = (const char *)sqlite3_column_text(s, 12);
		if ((rc = fn(&c, r.table ? &r : NULL, arg)) != 0)
			break;
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "read the history");
	sqlite3_finalize(s);
	return rc;
}

/* The JSON the triggers record for a row of t, as an SQL expression over
 * the table's alias "t". */
static char *
row_json_sql(const struct field_table *t)
{
	char *cols = store_history_columns(t, "'", "', t.", "", ", ");
	char *sql = xasprintf("json_object(%s)", cols);

	free(cols);
	return sql;
}

int
store_check_history(struct store *st, void (*fn)(const char *, void *),
    void *arg)
{
	/* The newest version of each row that no undo took back must be
	 * the row as it is: else undo would write the wrong old values. */
	static const char last_sql[] =
	    "WITH last AS (SELECT r.row_id, r.pos, r.op, r.new, row_number()"
	    " OVER (PARTITION BY r.row_id, r.pos ORDER BY r.id DESC) AS n"
	    " FROM change_rows r JOIN changes c ON c.id = r.change_id"
	    " WHERE c.undone_at IS NULL AND r.tbl = '%s')"
	    " SELECT count(*), min(l.row_id) FROM last l LEFT JOIN %s t"
	    " ON %s WHERE l.n = 1 AND CASE WHEN l.op = 'delete'"
	    " THEN t.%s IS NOT NULL ELSE t.%s IS NULL OR l.new IS NOT"
	    " %s END";
	int problems = 0;

	for (const struct field_table *t = field_tables; t->name; t++) {
		char *json = row_json_sql(t), *on, *sql, msg[160];
		sqlite3_stmt *s;

		on = t->pos ? xasprintf("t.%s = l.row_id AND t.%s = l.pos",
		    t->key, t->pos) : xasprintf("t.%s = l.row_id", t->key);
		sql = xasprintf(last_sql, t->name, t->name, on, t->key, t->key,
		    json);
		free(on);
		free(json);
		s = store_prepare(st, sql);
		free(sql);
		if (s == NULL)
			return -1;
		if (sqlite3_step(s) != SQLITE_ROW) {
			sqlite3_finalize(s);
			return store_error(st, "check the history");
		}
		if (sqlite3_column_int(s, 0) > 0) {
			snprintf(msg, sizeof(msg), "the history of %d row%s of %s "
			    "(first: %lld) does not end in the row as stored; "
			    "undo would not restore it exactly",
			    sqlite3_column_int(s, 0), sqlite3_column_int(s, 0) == 1 ?
			    "" : "s", t->name, sqlite3_column_int64(s, 1));
			fn(msg, arg);
			problems++;
		}
		sqlite3_finalize(s);
	}
	return problems;
}
