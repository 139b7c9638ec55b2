/*
 * store_txn.c: the command's transaction.  It sits above the change log
 * (store_history.c) and the purge (store_purge.c), since every write opens
 * a change and a commit closes it; nothing beneath calls back up here.
 */
#include <stdlib.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

int
store_begin(struct store *st, int write)
{
	if (write && sqlite3_db_readonly(st->db, "main") == 1)
		return error("database '%s' is read-only; check the permissions "
		    "of the file and its directory", st->path);
	/* A reader lists: it visits each page about once, and the kernel
	 * caches the file anyway.  SQLite's default 2 MB page cache would
	 * only add to its memory (bench/: `open` of 10,000 cases, 11 MB). A
	 * writer keeps it, for the indexes and triggers it goes back to. */
	if (!write)
		sqlite3_exec(st->db, "PRAGMA cache_size = -512", NULL, NULL,
		    NULL);
	if (sqlite3_exec(st->db, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL,
	    NULL, NULL) != SQLITE_OK)
		return store_error(st, "start a transaction");
	/* Every write is one change in the history (store_history.c). */
	if (write && store_change_open(st) == -1) {
		store_rollback(st);
		return -1;
	}
	st->changes_begun = sqlite3_total_changes64(st->db);
	return 0;
}

/*
 * A command that changed no row (a sync with nothing to do) ends without
 * a commit: opening its change inserted a row that closing it deletes,
 * and committing that would still rewrite pages of the journal and its
 * WAL.  Nothing to save is saved by not writing (DESIGN.md: a second
 * sync with nothing changed writes nothing).  Only a command's own
 * transaction: the schema's migrations change no row either, and are
 * committed.
 */
int
store_finish(struct store *st)
{
	if (!sqlite3_get_autocommit(st->db) && st->change_id != 0 &&
	    !st->undoing && !st->purge_pending &&
	    sqlite3_total_changes64(st->db) == st->changes_begun) {
		store_rollback(st);
		return 0;
	}
	return store_commit(st);
}

int
store_commit(struct store *st)
{
	if (sqlite3_get_autocommit(st->db))
		return 0;	/* nothing begun, nothing to save */
	if (store_change_close(st) == -1) {
		store_rollback(st);
		return -1;
	}
	if (sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		store_error(st, "save the change");
		store_rollback(st);
		return -1;
	}
	return st->purge_pending ? store_purge_finish(st) : 0;
}

void
store_rollback(struct store *st)
{
	st->change_id = 0;
	st->purge_pending = 0;
	st->undoing = 0;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

