/*
 * store_admin.c: the database's upkeep — consistent backups, and checks of
 * its integrity and of the figures triggers keep.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

/* Copy every page of the open database into the file at tmp, then make the
 * copy a plain single-file database and sync it. */
static int
copy_to(struct store *st, const char *tmp)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc = -1;

	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		error("cannot create backup '%s': %s", tmp, dst ?
		    sqlite3_errmsg(dst) : "out of memory");
		goto out;
	}
	if ((b = sqlite3_backup_init(dst, "main", st->db, "main")) == NULL) {
		error("cannot back up '%s': %s", st->path, sqlite3_errmsg(dst));
		goto out;
	}
	/* One step copies everything inside our read transaction, so the
	 * copy is one consistent moment of the journal. */
	if (sqlite3_backup_step(b, -1) != SQLITE_DONE) {
		sqlite3_backup_finish(b);
		error("cannot back up '%s': %s", st->path, sqlite3_errmsg(dst));
		goto out;
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK ||
	    sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL,
	    NULL) != SQLITE_OK) {
		error("cannot finish backup '%s': %s", tmp, sqlite3_errmsg(dst));
		goto out;
	}
	rc = 0;
out:
	if (sqlite3_close(dst) != SQLITE_OK && rc == 0)
		rc = error("cannot close backup '%s'", tmp);
	return rc;
}

int
store_backup(struct store *st, const char *dest)
{
	char *tmp = xasprintf("%s.tmp-%ld", dest, (long)getpid());
	FILE *fp;
	int rc;

	/* Create the copy 0600 before SQLite writes a byte of it. */
	unlink(tmp);
	if ((fp = fopen(tmp, "wx")) == NULL) {
		rc = error("cannot create backup '%s': %s", tmp,
		    strerror(errno));
		free(tmp);
		return rc;
	}
	fchmod(fileno(fp), 0600);
	fclose(fp);
	rc = copy_to(st, tmp);
	if (rc == 0) {
		if ((fp = fopen(tmp, "r+")) == NULL || fsync(fileno(fp)) == -1)
			rc = error("cannot sync backup '%s': %s", tmp,
			    strerror(errno));
		if (fp)
			fclose(fp);
	}
	if (rc == 0 && rename(tmp, dest) == -1)
		rc = error("cannot move backup to '%s': %s", dest,
		    strerror(errno));
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/* Run a checking pragma; each row other than a lone "ok" is a problem. */
static int
run_check(struct store *st, const char *sql, const char *what,
    void (*fn)(const char *, void *), void *arg)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int n = 0, step;

	if (s == NULL)
		return -1;
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		char line[512];
		int cols = sqlite3_column_count(s);
		size_t len;

		if (cols == 1 && strcmp((const char *)sqlite3_column_text(s, 0)
		    ? (const char *)sqlite3_column_text(s, 0) : "", "ok") == 0)
			continue;
		len = (size_t)snprintf(line, sizeof(line), "%s:", what);
		for (int i = 0; i < cols && len < sizeof(line); i++) {
			const unsigned char *t = sqlite3_column_text(s, i);

			len += (size_t)snprintf(line + len, sizeof(line) - len,
			    " %s", t ? (const char *)t : "null");
		}
		fn(line, arg);
		n++;
	}
	if (step != SQLITE_DONE)
		n = store_error(st, "check the journal");
	sqlite3_finalize(s);
	return n;
}

int
store_check(struct store *st, void (*fn)(const char *problem, void *arg),
    void *arg)
{
	int a = run_check(st, "PRAGMA integrity_check", "integrity", fn, arg);
	int b = a < 0 ? -1 : run_check(st, "PRAGMA foreign_key_check",
	    "foreign key (table, row, parent, constraint)", fn, arg);

	return a < 0 || b < 0 ? -1 : a + b;
}

/* Cases whose call figures (schema/004_summary.sql) or credits (the
 * ledger of calls and notes, 009_ledger.sql) differ from what their calls
 * and notes say: only a hand edit with the triggers dropped does that. */
int
store_check_summary(struct store *st, long long *first)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT count(*), min(c.id)"
	    " FROM cases c JOIN case_summary s ON s.case_id = c.id"
	    " JOIN case_credits cr ON cr.case_id = c.id"
	    " WHERE (c.ncalls, c.stage_calls, c.last_call_at, c.last_number,"
	    " c.last_rep, c.last_promise, c.last_promised_by, c.refs,"
	    " c.credited) IS NOT"
	    " (s.ncalls, s.stage_calls, s.last_call_at, s.last_number,"
	    " s.last_rep, s.last_promise, s.last_promised_by, s.refs,"
	    " cr.credited)");
	int n = -1;

	if (s == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW) {
		n = sqlite3_column_int(s, 0);
		*first = sqlite3_column_int64(s, 1);
	} else
		store_error(st, "check the case figures");
	sqlite3_finalize(s);
	return n;
}

char *
store_journal_mode(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA journal_mode");
	char *mode = NULL;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		mode = col_text(s, 0);
	sqlite3_finalize(s);
	return mode ? mode : xstrdup("unknown");
}
