/*
 * store_sync_state.c: what `calllog sync` last agreed with each folder
 * (schema/007_sync.sql): the folders known, and per file its item's name,
 * UID, record, stat and the record's fields as both sides had them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "syncrec.h"
#include "util.h"

int
store_sync_dir(struct store *st, const char *path, long long *dir)
{
	sqlite3_stmt *s;
	int rc;

	/* Looked up before it is added: an upsert of a known folder counts
	 * as a change, and a sync with nothing to do changes nothing. */
	if ((s = store_prepare(st, "SELECT id FROM sync_dirs WHERE path = ?1"))
	    == NULL)
		return -1;
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*dir = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE || (s = store_prepare(st, "INSERT INTO sync_dirs"
	    " (path) VALUES (?1) RETURNING id")) == NULL)
		return rc == SQLITE_DONE ? -1 :
		    store_error(st, "remember the folder");
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*dir = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : store_error(st, "remember the folder");
}

int
store_sync_is_reminders(struct store *st, const char *path)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT 1 FROM vdir_files WHERE dir = ?1 LIMIT 1");
	int rc;

	if (s == NULL)
		return -1;
	bind_text(s, 1, path);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc == SQLITE_ROW;
	return store_error(st, "read the reminder folders");
}

#define STATE_COLS "SELECT name, uid, rec, kind, mtime, size, inode," \
	" sequence, fp FROM sync_items"

/* A state row into it; name and uid point into the statement's row. */
static void
read_state(sqlite3_stmt *s, struct sync_item *it)
{
	const unsigned char *t;

	memset(it, 0, sizeof(*it));
	it->name = (char *)sqlite3_column_text(s, 0);
	it->uid = (char *)sqlite3_column_text(s, 1);
	if ((t = sqlite3_column_text(s, 2)) != NULL)
		snprintf(it->rec, sizeof(it->rec), "%s", (const char *)t);
	it->kind = -1;
	t = sqlite3_column_text(s, 3);
	for (int k = 0; t && k < SYNC_KINDS; k++)
		if (strcmp((const char *)t, sync_kinds[k].name) == 0)
			it->kind = k;
	it->mtime = sqlite3_column_int64(s, 4);
	it->size = sqlite3_column_int64(s, 5);
	it->inode = sqlite3_column_int64(s, 6);
	it->sequence = sqlite3_column_int(s, 7);
	if ((t = sqlite3_column_text(s, 8)) != NULL)
		snprintf(it->fp, sizeof(it->fp), "%s", (const char *)t);
}

/* Every row of sql (?1 the folder) to fn, read as a stream. */
static int
state_each(struct store *st, const char *sql, long long dir, const char *lo,
    const char *hi, int (*fn)(const struct sync_item *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc = 0, step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	if (lo)
		bind_text(s, 2, lo);
	if (hi)
		bind_text(s, 3, hi);
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_item it;

		read_state(s, &it);
		rc = fn(&it, arg);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "read the sync state");
	sqlite3_finalize(s);
	return rc ? -1 : 0;
}

int
store_sync_state_each(struct store *st, long long dir,
    int (*fn)(const struct sync_item *, void *), void *arg)
{
	return state_each(st, STATE_COLS " WHERE dir = ?1 ORDER BY name", dir,
	    NULL, NULL, fn, arg);
}

int
store_sync_orphans(struct store *st, long long dir, const char *lo,
    const char *hi, int (*fn)(const struct sync_item *, void *), void *arg)
{
	char *sql = xasprintf(STATE_COLS " si WHERE dir = ?1%s AND kind !="
	    " 'other' AND NOT EXISTS (SELECT 1 FROM cases WHERE uuid ="
	    " si.rec) AND NOT EXISTS (SELECT 1 FROM calls WHERE uuid ="
	    " si.rec) AND NOT EXISTS (SELECT 1 FROM case_events WHERE uuid ="
	    " si.rec) ORDER BY name", lo ? " AND rec >= ?2 AND rec < ?3" : "");
	int rc = state_each(st, sql, dir, lo, hi, fn, arg);

	free(sql);
	return rc;
}

int
store_sync_children(struct store *st, long long dir, const char *case_uuid,
    int (*fn)(const struct sync_item *, void *), void *arg)
{
	return state_each(st, STATE_COLS " WHERE dir = ?1 AND rec IN (SELECT"
	    " c.uuid FROM calls c JOIN cases k ON k.id = c.case_id WHERE"
	    " k.uuid = ?2 UNION ALL SELECT e.uuid FROM case_events e JOIN"
	    " cases k ON k.id = e.case_id WHERE k.uuid = ?2)", dir, case_uuid,
	    NULL, fn, arg);
}

int
store_sync_get(struct store *st, long long dir, const char *name,
    const char *rec, struct sync_item *out)
{
	sqlite3_stmt *s = store_stmt(st, name ? STATE_COLS " WHERE dir = ?1"
	    " AND name = ?2" : STATE_COLS " WHERE dir = ?1 AND rec = ?2");
	int rc;

	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name ? name : rec);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_state(s, out);
		out->name = xstrdup(out->name);
		out->uid = xstrdup(out->uid ? out->uid : "");
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_error(st, "read the sync state");
}

void
store_sync_item_clear(struct sync_item *it)
{
	free(it->name);
	free(it->uid);
	memset(it, 0, sizeof(*it));
}

int
store_sync_base(struct store *st, long long dir, const char *name,
    struct sync_rec *base, char **extra)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT base, extra FROM sync_items"
	    " WHERE dir = ?1 AND name = ?2");
	const unsigned char *t;
	int rc, have = 0;

	*extra = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((t = sqlite3_column_text(s, 0)) != NULL)
			have = sync_rec_decode((const char *)t, base) == 0;
		*extra = col_text(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "read the sync state");
	return have ? 0 : 1;
}

int
store_sync_put(struct store *st, long long dir, const struct sync_item *it,
    const struct sync_rec *base, const char *extra)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT OR REPLACE INTO sync_items"
	    " (dir, name, uid, rec, kind, mtime, size, inode, sequence, fp,"
	    " base, extra) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
	    " ?11, ?12)");
	char *enc = NULL;
	char fp[17];
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, it->name);
	bind_text(s, 3, it->uid);
	bind_text(s, 4, it->rec[0] ? it->rec : NULL);
	bind_text(s, 5, it->kind >= 0 ? sync_kinds[it->kind].name : "other");
	sqlite3_bind_int64(s, 6, it->mtime);
	sqlite3_bind_int64(s, 7, it->size);
	sqlite3_bind_int64(s, 8, it->inode);
	sqlite3_bind_int(s, 9, it->sequence);
	if (base) {
		sync_rec_fingerprint(base, fp);
		enc = sync_rec_encode(base);
	}
	bind_text(s, 10, base ? fp : NULL);
	bind_text(s, 11, enc);
	bind_text(s, 12, extra);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	free(enc);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_touch(struct store *st, long long dir, const struct sync_item *it)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE sync_items SET mtime = ?3,"
	    " size = ?4, inode = ?5 WHERE dir = ?1 AND name = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, it->name);
	sqlite3_bind_int64(s, 3, it->mtime);
	sqlite3_bind_int64(s, 4, it->size);
	sqlite3_bind_int64(s, 5, it->inode);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_forget(struct store *st, long long dir, const char *name)
{
	sqlite3_stmt *s = store_stmt(st,
	    "DELETE FROM sync_items WHERE dir = ?1 AND name = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_forget_rec(struct store *st, long long dir, const char *rec)
{
	sqlite3_stmt *s = store_stmt(st,
	    "DELETE FROM sync_items WHERE dir = ?1 AND rec = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, rec);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_rebase(struct store *st, long long dir, int kind, const char *rec)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT base FROM sync_items"
	    " WHERE dir = ?1 AND rec = ?2");
	struct sync_rec base = { .kind = kind }, now = { 0 };
	char fb[17], fn[17];
	int rc, have = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, rec);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    sqlite3_column_text(s, 0) != NULL)
		have = sync_rec_decode((const char *)sqlite3_column_text(s,
		    0), &base) == 0;
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "read the sync state");
	if (have && (rc = store_sync_record_get(st, kind, rec, &now)) == 0 &&
	    now.updated != base.updated) {
		base.updated = now.updated;
		sync_rec_fingerprint(&base, fb);
		sync_rec_fingerprint(&now, fn);
		rc = 0;
		if (strcmp(fb, fn) == 0 && (s = store_prepare(st, "UPDATE"
		    " sync_items SET base = ?3, fp = ?4 WHERE dir = ?1 AND"
		    " rec = ?2")) != NULL) {
			char *enc;

			/* The journal's record is the base's fields: the
			 * times are the base's. */
			memcpy(now.t, base.t, sizeof(now.t));
			enc = sync_rec_encode(&now);

			sqlite3_bind_int64(s, 1, dir);
			bind_text(s, 2, rec);
			bind_text(s, 3, enc);
			bind_text(s, 4, fn);
			rc = sqlite3_step(s) == SQLITE_DONE ? 0 :
			    store_error(st, "save the sync state");
			sqlite3_finalize(s);
			free(enc);
		} else if (strcmp(fb, fn) == 0)
			rc = -1;
	}
	sync_rec_clear(&base);
	sync_rec_clear(&now);
	return rc == -1 ? -1 : 0;
}
