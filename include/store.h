/*
 * store: the journal's SQLite database, the only module that sees SQL.
 *
 * Everything else works with the records of model.h.  Each command runs in
 * one transaction (store_begin .. store_commit, or store_rollback on any
 * error), so a failed command leaves the database as it was.  Functions
 * report their own errors through error() and return -1; "not found" is
 * returned as 1 without a message, for the caller to word.
 */
#ifndef CALLLOG_STORE_H
#define CALLLOG_STORE_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

/*
 * Open the journal at path, enable WAL, foreign keys and a busy timeout,
 * and bring its schema up to date.  A missing journal is created whole
 * (its directory 0700, the file 0600) unless flags say otherwise.  A
 * database written by a newer calllog, another program's database, or a
 * file that is not a database, is refused and left untouched.  Returns 0
 * and sets *out, or -1 after reporting.
 */
int store_open(const char *path, unsigned flags, struct store **out);

enum {
	STORE_NOCREATE = 1 << 0,	/* a missing journal is an error */
	STORE_READ = 1 << 1,	/* a missing journal reads as an empty one,
				   kept in memory: no file is created */
	STORE_EARLY = 1 << 2	/* a missing journal is created at once,
				   not when the first change is published */
};

/*
 * After a successful store_commit: a journal this command started becomes
 * visible at its path, if it now holds a case or a number (until then it
 * has a private name, so a command that fails, or changes nothing, leaves
 * no file).  Does nothing for a journal that existed.
 * Returns 0, or -1 after reporting (nothing was kept).
 */
int store_publish(struct store *st);

/* The path the store was opened with. */
const char *store_path(const struct store *st);

/* Close the database; accepts NULL. */
void store_close(struct store *st);

/* Start the command's transaction; write takes the write lock at once so a
 * concurrent writer waits here (busy timeout) rather than failing later. */
int store_begin(struct store *st, int write);
int store_commit(struct store *st);
/* store_commit, or store_rollback when the command changed no row. */
int store_finish(struct store *st);
void store_rollback(struct store *st);

/*
 * History (store_history.c).  Each writing command is one change: main
 * names the command, and its write transaction records every row it
 * touches, old and new values.
 */
void store_set_command(struct store *st, const char *command, time_t now);

/* What the change did, in a few words ("deleted call 4"), for history
 * and undo to show; no personal text, which a purge could not reach. */
int store_change_describe(struct store *st, const char *summary);

struct change_info {
	long long id;
	time_t at;
	char *command;
	char *summary;		/* NULL: none */
	time_t undone_at;	/* 0: not undone */
	int purged;
};

/* One row a change touched; JSON of its stored columns before and after
 * (NULL for an insert's old or a delete's new). */
struct change_row {
	const char *table;	/* "cases", "calls", "call_refs", "case_events" */
	const char *op;		/* "insert", "update", "delete" */
	long long row_id;	/* call_refs: the call */
	int pos;		/* call_refs: the position; else -1 */
	long long case_id;
	const char *old_json, *new_json;
};

void change_info_clear(struct change_info *c);

/*
 * Undo the newest change not yet undone: every row it touched gets its
 * old values back.  Undo is not itself recorded, so a second undo reaches
 * the change before.  Returns 0 with *out describing the change undone
 * (change_info_clear it), 1 when nothing is left to undo, 2 (with *out
 * describing it, nothing changed) when that change was purged, which
 * cannot be undone, nor can any change before it; -1 after reporting.
 */
int store_undo(struct store *st, time_t now, struct change_info *out);

/*
 * Call fn for each row of the newest limit changes (0: all), newest
 * change first, its rows in order; only those of case_id unless it is 0.
 * A change with no row of its own is passed once with row NULL.  Records
 * are valid only during the call.
 */
int store_history_each(struct store *st, long long case_id, long limit,
    int (*fn)(const struct change_info *, const struct change_row *, void *),
    void *arg);

/*
 * --purge: store_purge_begin before the command writes (freed space is
 * zeroed), store_change_purge after: the old values it replaced are
 * scrubbed from every recorded version of their rows, the rows it deleted
 * leave the history altogether, and the change is marked purged (it
 * cannot be undone).  At commit the file is vacuumed and its WAL emptied.
 */
int store_purge_begin(struct store *st);
int store_change_purge(struct store *st);

/* The schema version of the open database, and the newest this binary
 * knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);

/*
 * Copy the whole database to dest with SQLite's online backup API, inside
 * the current read transaction so the copy is consistent while others
 * write; the copy is written beside dest, switched to a single-file
 * journal, synced and renamed over dest.  Returns 0, or -1 after reporting.
 */
int store_backup(struct store *st, const char *dest);

/*
 * Check the database's integrity and foreign keys, calling fn with a
 * one-line description of each problem.  Returns the number of problems,
 * or -1 when the checks could not run.
 */
int store_check(struct store *st, void (*fn)(const char *problem, void *arg),
    void *arg);

/* Number of cases whose stored call figures are stale (first: the lowest
 * id), or -1. */
int store_check_summary(struct store *st, long long *first);

/* Check the history (store_history.c): the newest recorded version of
 * every row that was not undone is the row as stored.  Calls fn for each
 * problem; returns their number, or -1. */
int store_check_history(struct store *st, void (*fn)(const char *problem,
    void *arg), void *arg);

/* The journal mode ("wal"); the caller frees. */
char *store_journal_mode(struct store *st);

/* Whether the journal holds no case and no directory entry: 1 yes, 0 no,
 * -1 error. */
int store_journal_is_empty(struct store *st);

/* The rest of the store, one header per concern; a file may include only
 * the part it uses. */
#include "store_attach.h"
#include "store_dir.h"
#include "store_records.h"
#include "store_search.h"
#include "store_sync.h"
#include "store_xfer.h"

#endif
