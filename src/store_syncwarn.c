/*
 * store_syncwarn.c: which version of a folder's file a sync already
 * warned of (schema/010_sync_warned.sql), so that it warns once.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

int
store_sync_warned(struct store *st, long long dir, const char *key,
    const char *version)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT version = ?3 FROM"
	    " sync_warned WHERE dir = ?1 AND name = ?2");
	int rc, seen = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, key);
	bind_text(s, 3, version);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		seen = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_error(st, "read the sync state");
	if (seen)
		return 1;
	if ((s = store_stmt(st, "INSERT OR REPLACE INTO sync_warned (dir,"
	    " name, version) VALUES (?1, ?2, ?3)")) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, key);
	bind_text(s, 3, version);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_sync_warned_keys(struct store *st, long long dir,
    char (**keys)[SYNC_WARN_KEYSZ], size_t *n)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT name FROM sync_warned"
	    " WHERE dir = ?1 ORDER BY name");
	int rc;

	*keys = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const unsigned char *k = sqlite3_column_text(s, 0);

		*keys = xrealloc(*keys, (*n + 1) * sizeof(**keys));
		snprintf((*keys)[(*n)++], SYNC_WARN_KEYSZ, "%s",
		    k ? (const char *)k : "");
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "read the sync state");
}

int
store_sync_warned_forget(struct store *st, long long dir, const char *key)
{
	sqlite3_stmt *s = store_stmt(st, "DELETE FROM sync_warned WHERE"
	    " dir = ?1 AND name = ?2");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, key);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}
