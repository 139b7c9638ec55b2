/*
 * store_vdir.c: what `ical --vdir` last wrote to each file of a folder
 * (schema/006_vdir.sql), read whole and written a row at a time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

static const char load_sql[] =
    "SELECT name, case_uuid, kind, hash, due_at, sequence, level,"
    " dismissed_due FROM vdir_files WHERE dir = ?1 ORDER BY name";

static const char put_sql[] =
    "INSERT OR REPLACE INTO vdir_files (dir, name, case_uuid, kind, hash,"
    " due_at, sequence, level, dismissed_due)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

static const char delete_sql[] =
    "DELETE FROM vdir_files WHERE dir = ?1 AND name = ?2";

int
store_vdir_load(struct store *st, const char *dir, struct vdir_file **out,
    size_t *n)
{
	sqlite3_stmt *s = store_prepare(st, load_sql);
	struct vdir_file *v = NULL;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	bind_text(s, 1, dir);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct vdir_file *f;
		const unsigned char *t;

		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, cap * sizeof(*v));
		}
		f = memset(&v[(*n)++], 0, sizeof(*f));
		f->name = col_text(s, 0);
		snprintf(f->case_uuid, sizeof(f->case_uuid), "%s",
		    (const char *)sqlite3_column_text(s, 1));
		f->escalation = strcmp((const char *)sqlite3_column_text(s, 2),
		    "escalation") == 0;
		if ((t = sqlite3_column_text(s, 3)) != NULL)
			snprintf(f->hash, sizeof(f->hash), "%s",
			    (const char *)t);
		f->due = col_time(s, 4);
		f->sequence = sqlite3_column_int(s, 5);
		t = sqlite3_column_text(s, 6);
		f->level = t ? enum_lookup(&level_names, (const char *)t) :
		    LEVEL_NONE;
		f->dismissed_due = col_time(s, 7);
	}
	sqlite3_finalize(s);
	*out = v;
	if (rc != SQLITE_DONE) {
		store_vdir_free(v, *n);
		*out = NULL;
		*n = 0;
		return store_error(st, "read what the calendar folder holds");
	}
	return 0;
}

int
store_vdir_put(struct store *st, const char *dir, const struct vdir_file *f)
{
	sqlite3_stmt *s = store_stmt(st, put_sql);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, dir);
	bind_text(s, 2, f->name);
	bind_text(s, 3, f->case_uuid);
	bind_text(s, 4, f->escalation ? "escalation" : "followup");
	bind_text(s, 5, *f->hash ? f->hash : NULL);
	sqlite3_bind_int64(s, 6, (sqlite3_int64)f->due);
	sqlite3_bind_int(s, 7, f->sequence);
	bind_text(s, 8, f->level == LEVEL_NONE ? NULL :
	    enum_name(&level_names, f->level));
	bind_time(s, 9, f->dismissed_due);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 :
	    store_error(st, "remember what the calendar folder holds");
}

int
store_vdir_delete(struct store *st, const char *dir, const char *name)
{
	sqlite3_stmt *s = store_stmt(st, delete_sql);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, dir);
	bind_text(s, 2, name);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 :
	    store_error(st, "forget a file of the calendar folder");
}

void
store_vdir_free(struct vdir_file *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int
store_case_get_uuid(struct store *st, const char *uuid, struct cl_case *out)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id FROM cases WHERE uuid = ?1");
	long long id = 0;
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, uuid);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "look up the case");
	return rc == SQLITE_DONE ? 1 : store_case_get(st, id, out);
}

int
store_vdir_is_sync(struct store *st, const char *path)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT 1 FROM sync_dirs d WHERE"
	    " path = ?1 AND EXISTS (SELECT 1 FROM sync_items WHERE dir = d.id)");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return store_error(st, "read the sync folders");
}
