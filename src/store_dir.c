/*
 * store_dir.c: the person's own directory of numbers, and what their calls
 * to a number taught them (the IVR path that worked, the usual hold), and
 * the name the journal knows an organization by.
 */
#include <stdlib.h>
#include <string.h>

#include "directory.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

int
store_directory_load(struct store *st, struct directory *d)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT org, purpose, number, note"
	    " FROM directory ORDER BY org, purpose, id");
	int step;

	if (s == NULL)
		return -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW)
		directory_add(d, &(struct dir_entry){
		    .org = (char *)sqlite3_column_text(s, 0),
		    .purpose = (char *)sqlite3_column_text(s, 1),
		    .number = (char *)sqlite3_column_text(s, 2),
		    .note = (char *)sqlite3_column_text(s, 3) });
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : store_error(st, "read the directory");
}

int
store_directory_merged(struct store *st, struct directory *d)
{
	struct directory mine = { 0 };
	int rc = -1;

	if (directory_load_shipped(d) == 0 &&
	    store_directory_load(st, &mine) == 0) {
		directory_merge(d, &mine);
		rc = 0;
	}
	directory_clear(&mine);
	return rc;
}

int
store_directory_add(struct store *st, const struct dir_entry *e, time_t now)
{
	sqlite3_stmt *s = store_prepare(st, "INSERT INTO directory (uuid, org,"
	    " purpose, number, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
	    " ON CONFLICT (org, purpose, number) DO UPDATE SET note = ?5,"
	    " updated_at = ?6");
	char uuid[UUID_BUFSZ];
	int rc = 0;

	if (s == NULL)
		return -1;
	uuid_new(uuid);
	bind_text(s, 1, uuid);
	bind_text(s, 2, e->org);
	bind_text(s, 3, e->purpose);
	bind_text(s, 4, e->number);
	bind_text(s, 5, e->note);
	bind_time(s, 6, now);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = store_error(st, "add the number");
	sqlite3_finalize(s);
	return rc;
}

int
store_directory_remove(struct store *st, const char *org,
    const char *purpose, const char *number)
{
	sqlite3_stmt *s = store_prepare(st, "DELETE FROM directory WHERE"
	    " org = ?1 COLLATE NOCASE AND purpose = ?2"
	    " AND (?3 IS NULL OR number = ?3)");
	int n;

	if (s == NULL)
		return -1;
	bind_text(s, 1, org);
	bind_text(s, 2, purpose);
	bind_text(s, 3, number);
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_finalize(s);
		return store_error(st, "remove the number");
	}
	n = sqlite3_changes(st->db);
	sqlite3_finalize(s);
	return n;
}

int
store_number_stats(struct store *st, const char *e164,
    struct number_stats *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT started_at, ivr,"
	    " hold_seconds FROM calls WHERE number = ?1"
	    " ORDER BY started_at DESC, id DESC");
	long *holds = NULL;
	size_t nholds = 0;
	int step;

	memset(out, 0, sizeof(*out));
	out->median_hold = -1;
	if (s == NULL)
		return -1;
	bind_text(s, 1, e164);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		if (out->calls++ == 0)
			out->last_call = col_time(s, 0);
		if (out->ivr == NULL && sqlite3_column_type(s, 1) != SQLITE_NULL)
			out->ivr = col_text(s, 1);
		if (sqlite3_column_type(s, 2) != SQLITE_NULL) {
			holds = xrealloc(holds, (nholds + 1) * sizeof(*holds));
			holds[nholds++] = (long)sqlite3_column_int64(s, 2);
		}
	}
	sqlite3_finalize(s);
	/* The median, since one call left on hold for an hour should not
	 * make a line look slow. */
	if (nholds)
		out->median_hold = median_long(holds, nholds);
	free(holds);
	return step == SQLITE_DONE ? 0 : store_error(st, "read the calls");
}

int
store_org_canonical(struct store *st, const char *org, char **out)
{
	static const char sql[] =
	    "SELECT org FROM org_aliases WHERE alias = ?1"
	    " UNION ALL"
	    " SELECT org FROM (SELECT org FROM cases"
	    "  WHERE org = ?1 COLLATE NOCASE ORDER BY id DESC LIMIT 1)"
	    " LIMIT 1";
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, org);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = col_text(s, 0);
	else if (rc == SQLITE_DONE)
		*out = xstrdup(org);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "look up the organization");
	return 0;
}
