/*
 * store_note.c: notes in the database (schema/009_ledger.sql): what the
 * person saw or received that is not a contact.  Their credits join the
 * calls' in the case's credited through the schema's triggers, and the
 * history's triggers record them for undo, so nothing here repeats that.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

/* A NULL id (?1) makes SQLite choose the next one, never one used before
 * (AUTOINCREMENT). */
static const char note_insert_sql[] =
    "INSERT INTO notes (id, uuid, case_id, at, text, credited, created_at,"
    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static const char notes_sql[] =
    "SELECT id, uuid, case_id, at, text, credited, created_at, updated_at"
    " FROM notes WHERE ?1 = 0 OR case_id = ?1 ORDER BY case_id, at, id";

int
store_note_insert(struct store *st, struct cl_note *n)
{
	sqlite3_stmt *s;
	int rc = 0;

	if (n->uuid[0] == '\0')
		uuid_new(n->uuid);
	if ((s = store_stmt(st, note_insert_sql)) == NULL)
		return -1;
	if (n->id > 0)
		sqlite3_bind_int64(s, 1, n->id);
	else
		sqlite3_bind_null(s, 1);
	bind_text(s, 2, n->uuid);
	sqlite3_bind_int64(s, 3, n->case_id);
	bind_time(s, 4, n->at);
	bind_text(s, 5, n->text);
	if (n->credited != 0)
		sqlite3_bind_int64(s, 6, n->credited);
	else
		sqlite3_bind_null(s, 6);
	bind_time(s, 7, n->created);
	bind_time(s, 8, n->updated);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "record the note");
	else
		n->id = sqlite3_last_insert_rowid(st->db);
	sqlite3_reset(s);
	return rc;
}

int
store_notes_each(struct store *st, long long case_id,
    int (*fn)(struct cl_note *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, notes_sql);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, case_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_note n = { 0 };
		const unsigned char *uuid = sqlite3_column_text(s, 1);

		n.id = sqlite3_column_int64(s, 0);
		snprintf(n.uuid, sizeof(n.uuid), "%s",
		    uuid ? (const char *)uuid : "");
		n.case_id = sqlite3_column_int64(s, 2);
		n.at = col_time(s, 3);
		n.text = col_text(s, 4);
		n.credited = sqlite3_column_int64(s, 5);
		n.created = col_time(s, 6);
		n.updated = col_time(s, 7);
		rc = fn(&n, arg);
		note_clear(&n);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "list the case's notes");
	sqlite3_finalize(s);
	return rc;
}
