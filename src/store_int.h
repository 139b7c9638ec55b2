/*
 * store_int.h: what the store's own files share; nothing outside store*.c
 * includes this (it is the only path to <sqlite3.h>).
 */
#ifndef CALLLOG_STORE_INT_H
#define CALLLOG_STORE_INT_H

#include <sqlite3.h>
#include <time.h>

/* Statements an import, a reminder run or a sync steps once per row. */
#define STMT_CACHE 24

/* Long enough for four writers adding at once, each holding the write lock
 * for a few milliseconds, to queue rather than see "database is locked". */
#define BUSY_TIMEOUT_MS 30000

struct store {
	sqlite3 *db;
	char *path;
	char *tmp;		/* a journal being started: its private name,
				   linked to path by store_publish; SQLite's
				   side files are named after it till close */
	int published;		/* tmp was linked to path */
	int lockfd;		/* held while tmp is unpublished, or -1 */
	const char *command;	/* the command whose changes are recorded */
	time_t command_at;
	long long change_id;	/* its change, while its transaction is open */
	int purge_pending;	/* a purge committed: vacuum and checkpoint */
	int undoing;		/* recording is off until commit */
	long long changes_begun;	/* rows changed once the change was
					   open (sqlite3_total_changes) */
	struct {
		const char *sql;	/* a static string, known by its address */
		sqlite3_stmt *s;
	} cache[STMT_CACHE];
};

/* Append case c's promises (c->id set) to c->promises, oldest first;
 * 0, or -1 after reporting. */
struct cl_case;
int store_read_promises(struct store *st, struct cl_case *c);

/*
 * The store's floors, each using only those beneath it:
 *   store.c                opening and closing (store_fs.c, store_schema.c)
 *   store_schema.c         ownership and migrations, in a transaction
 *   store_txn.c            the command's transaction
 *   store_undo.c           undo, on the history's declarations
 *   store_history.c, store_purge.c, store_call.c, ...   the records
 *   store_base.c           errors, statements, binding, columns
 */

/* store_base.c */

/* Report the database's last error with what we were doing; returns -1. */
int store_error(struct store *st, const char *doing);

/* Prepare sql; returns NULL after reporting. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);

/*
 * The statement for sql, a static string, kept for the life of the store:
 * prepared on first use, then reset and unbound.  Preparing an insert also
 * compiles every trigger it fires (the search index, the case figures), so
 * a statement run once per row of an import is prepared once.  The caller
 * resets it when done and never finalizes it.  NULL after reporting.
 */
sqlite3_stmt *store_stmt(struct store *st, const char *sql);

/* Bind helpers: NULL pointers and zero times bind SQL NULL. */
void bind_text(sqlite3_stmt *s, int i, const char *v);
void bind_time(sqlite3_stmt *s, int i, time_t t);
void bind_long_opt(sqlite3_stmt *s, int i, long v);	/* -1: NULL */

/* Column helpers: SQL NULL reads as NULL, 0 or -1 respectively. */
char *col_text(sqlite3_stmt *s, int i);			/* caller frees */
time_t col_time(sqlite3_stmt *s, int i);
long col_long_opt(sqlite3_stmt *s, int i);

/*
 * Fill c (zeroed) from a row whose first columns are store_call_columns:
 * the call, its case's org and currency, and its reference numbers
 * joined by the unit separator, with k the call and c its case.  Every
 * query of calls uses them, so a call reads the same wherever it is
 * listed.  Returns the number of the row's next column.
 */
struct cl_call;
const char *store_call_columns(void);
int store_read_call(sqlite3_stmt *s, struct cl_call *c);

/* Open the command's change (when a command was set) as its write
 * transaction begins, and close it before commit (store_txn.c);
 * store_history.c. */
int store_change_open(struct store *st);
int store_change_close(struct store *st);
struct field_table;
/* The recorded columns of t joined by sep, each as pre, its name and
 * post; with twice, as pre, name, twice, name, post ("'id', t.id"): the
 * SQL of undo (store_undo.c) and of doctor's check, from the declaration
 * (store_history.c).  The caller frees it. */
char *store_history_columns(const struct field_table *t, const char *pre,
    const char *twice, const char *post, const char *sep);
/* After a commit that purged: compact the file, so the old text leaves
 * it.  A failure is only warned of, the change being kept.  Returns 0. */
int store_purge_finish(struct store *st);

/* store_schema.c, for store.c.  0 when the file at path may be opened for
 * writing (a journal, an empty file, or not a database, which opening
 * reports), -1 after reporting it belongs to another program. */
int store_check_file_ownership(const char *path);
/* Check the open database is a journal and apply the migrations it has
 * not seen; 0, or -1 after reporting. */
int store_migrate(struct store *st);

/* store_fs.c, for store.c: each returns -1 (NULL) after reporting, but
 * store_link_into_place, which sets errno for its caller to report. */
int store_make_parent_dirs(const char *path);
void store_sync_parent_dir(const char *path);
char *store_private_file(const char *path);
int store_link_into_place(const char *tmp, const char *path);
int store_lock_parent_dir(const char *path);

/* Run sql, which gives one integer, into *v.  Returns 0, or -1 after
 * reporting what it was doing. */
int store_query_int(struct store *st, const char *sql, const char *doing,
    int *v);

/* The updated_at a change made at time t (an SQL parameter) leaves: the
 * row's own when it is later by at most STORE_SKEW_MAX (a clock a little
 * behind another device's), else t (store_call.c says why). */
#define STORE_SKEW_MAX "86400"
#define STORE_UPDATED_SQL(t) \
    "CASE WHEN updated_at > " t " AND updated_at - " t " <= " \
    STORE_SKEW_MAX " THEN updated_at ELSE " t " END"


/* The escaped LIKE pattern matching names that start with prefix. */
char *like_prefix(const char *prefix);

#endif
