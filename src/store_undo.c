/*
 * store_undo.c: `undo` — the newest change that is not undone yet, put
 * back row by row from the old values the history recorded (store_history.c
 * keeps them; the statements are built from the tables' declaration,
 * field_table.c, as the triggers are).
 */
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

/* Run a statement built from fixed fragments, binding json as ?1 and the
 * row's key as ?2 and ?3. */
static int
run_row_sql(struct store *st, const char *sql, const char *json,
    long long row_id, sqlite3_stmt *from)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc = 0;

	if (s == NULL)
		return -1;
	bind_text(s, 1, json);
	sqlite3_bind_int64(s, 2, row_id);
	if (sqlite3_column_type(from, 3) != SQLITE_NULL)
		sqlite3_bind_int64(s, 3, sqlite3_column_int64(from, 3));
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "undo the change");
	sqlite3_finalize(s);
	return rc;
}

/* The statement that puts one recorded row back: op "insert" is undone by
 * deleting the row, "update" by writing the old values, "delete" by
 * inserting them. */
static char *
undo_sql(const struct field_table *t, const char *op)
{
	char *where, *sql, *cols, *values;

	where = t->pos ? xasprintf(" WHERE %s = ?2 AND %s = ?3", t->key,
	    t->pos) : xasprintf(" WHERE %s = ?2", t->key);
	if (strcmp(op, "insert") == 0) {
		sql = xasprintf("DELETE FROM %s%s", t->name, where);
	} else if (strcmp(op, "update") == 0) {
		cols = store_history_columns(t, "", " = json_extract(?1, '$.", "')",
		    ",");
		sql = xasprintf("UPDATE %s SET %s%s", t->name, cols, where);
		free(cols);
	} else {
		cols = store_history_columns(t, "", NULL, "", ", ");
		values = store_history_columns(t, "json_extract(?1, '$.", NULL, "')",
		    ", ");
		sql = xasprintf("INSERT INTO %s (%s) VALUES (%s)", t->name, cols,
		    values);
		free(cols);
		free(values);
	}
	free(where);
	return sql;
}

/* Undo the rows of change id: first, newest first, the inserts and
 * updates; then the deleted rows come back, parents before children, so
 * that a case's calls find it and its figures are counted again.  A row
 * comes back as it was before the change: with the old values of the
 * change's first record of it (an update before the delete left the
 * delete's old values not the first ones), once however often it was
 * deleted, and not at all when the change added it. */
static int
undo_rows(struct store *st, long long id)
{
	static const char rows_sql[] =
	    "SELECT r.tbl, r.op, r.row_id, r.pos, CASE WHEN ?2 THEN f.old"
	    " ELSE r.old END FROM change_rows r JOIN change_rows f"
	    " ON f.id = (SELECT min(x.id) FROM change_rows x WHERE"
	    "  x.change_id = r.change_id AND x.tbl = r.tbl AND"
	    "  x.row_id = r.row_id AND x.pos IS r.pos)"
	    " WHERE r.change_id = ?1 AND (?2 = (r.op = 'delete'))"
	    " AND (NOT ?2 OR (f.op <> 'insert' AND NOT EXISTS (SELECT 1"
	    "  FROM change_rows y WHERE y.change_id = r.change_id AND"
	    "  y.tbl = r.tbl AND y.row_id = r.row_id AND y.pos IS r.pos AND"
	    "  y.op = 'delete' AND y.id < r.id)))"
	    " ORDER BY CASE WHEN ?2 THEN CASE r.tbl WHEN 'cases' THEN 0"
	    "  WHEN 'calls' THEN 1 WHEN 'call_refs' THEN 2 ELSE 3 END END,"
	    " CASE WHEN ?2 THEN r.id ELSE -r.id END";
	int rc = 0;

	for (int pass = 0; rc == 0 && pass < 2; pass++) {
		sqlite3_stmt *s = store_prepare(st, rows_sql);
		int step;

		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int(s, 2, pass);
		while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
			const struct field_table *t = field_table_find(
			    (const char *)sqlite3_column_text(s, 0));
			char *sql;

			if (t == NULL) {
				rc = error("cannot undo: the history names an "
				    "unknown table; run 'calllog doctor'");
				break;
			}
			sql = undo_sql(t, (const char *)sqlite3_column_text(s, 1));
			rc = run_row_sql(st, sql,
			    (const char *)sqlite3_column_text(s, 4),
			    sqlite3_column_int64(s, 2), s);
			free(sql);
		}
		if (rc == 0 && step != SQLITE_DONE)
			rc = store_error(st, "read the history");
		sqlite3_finalize(s);
	}
	return rc;
}

int
store_undo(struct store *st, time_t now, struct change_info *out)
{
	sqlite3_stmt *s;
	int rc, step;

	memset(out, 0, sizeof(*out));
	st->undoing = 1;
	/* Undo is not itself a change: undoing again reaches the one
	 * before, rather than undoing the undo. */
	if (sqlite3_exec(st->db, "UPDATE change_state SET change_id = 0;"
	    "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK)
		return store_error(st, "undo the change");
	if (st->change_id) {
		s = store_prepare(st, "DELETE FROM changes WHERE id = ?1");
		if (s == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, st->change_id);
		step = sqlite3_step(s);
		sqlite3_finalize(s);
		if (step != SQLITE_DONE)
			return store_error(st, "undo the change");
		st->change_id = 0;
	}
	/* A purged change cannot be undone: the values it replaced are
	 * gone (a marker or null stands in their place, in its rows and in
	 * the earlier versions of them), so undoing it, or any change
	 * before it, would write the marker into the record or fail on a
	 * required column.  It is where undo stops, and stays so: going
	 * around it would undo the earlier changes under it. */
	s = store_prepare(st, "SELECT id, at, command, summary, purged"
	    " FROM changes WHERE undone_at IS NULL ORDER BY id DESC LIMIT 1");
	if (s == NULL)
		return -1;
	step = sqlite3_step(s);
	if (step == SQLITE_ROW) {
		out->id = sqlite3_column_int64(s, 0);
		out->at = col_time(s, 1);
		out->command = col_text(s, 2);
		out->summary = col_text(s, 3);
		out->purged = sqlite3_column_int(s, 4);
	}
	sqlite3_finalize(s);
	if (step == SQLITE_DONE)
		return 1;
	if (step != SQLITE_ROW)
		return store_error(st, "read the history");
	if (out->purged)
		return 2;
	if ((rc = undo_rows(st, out->id)) != 0)
		return rc;
	s = store_prepare(st, "UPDATE changes SET undone_at = ?2 WHERE id = ?1");
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, out->id);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
	step = sqlite3_step(s);
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : store_error(st, "undo the change");
}
