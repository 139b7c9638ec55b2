/*
 * store_base.c: what every other store file builds on: reporting the
 * database's errors, the statement cache, binding and reading columns.
 * It calls nothing above it, so any store file may use it.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

int
store_error(struct store *st, const char *doing)
{
	int code = sqlite3_extended_errcode(st->db);

	if (code == SQLITE_READONLY || (code & 0xff) == SQLITE_READONLY)
		return error("cannot %s: database '%s' is read-only; check "
		    "the permissions of the file and its directory", doing,
		    st->path);
	if ((code & 0xff) == SQLITE_FULL)
		return error("cannot %s: the disk holding '%s' is full; free "
		    "some space and try again", doing, st->path);
	/* A file size limit or a full disk can show as a short write, whose
	 * errno SQLite does not keep. */
	if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
	    code == SQLITE_IOERR_TRUNCATE)
		return error("cannot %s: writing '%s' failed (is the disk full?); "
		    "nothing was changed", doing, st->path);
	if ((code & 0xff) == SQLITE_NOTADB || (code & 0xff) == SQLITE_CORRUPT)
		return error("cannot %s: '%s' is not a valid calllog database "
		    "(%s); check --db and CALLLOG_DB, or restore a backup", doing,
		    st->path, sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_BUSY)
		return error("cannot %s: database '%s' stayed locked by another "
		    "process for %d s; try again", doing, st->path,
		    BUSY_TIMEOUT_MS / 1000);
	return error("cannot %s in '%s': %s", doing, st->path,
	    sqlite3_errmsg(st->db));
}

sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_error(st, "read the journal");
		return NULL;
	}
	return s;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql)
{
	int i;

	for (i = 0; i < STMT_CACHE && st->cache[i].sql; i++)
		if (st->cache[i].sql == sql) {
			sqlite3_reset(st->cache[i].s);
			sqlite3_clear_bindings(st->cache[i].s);
			return st->cache[i].s;
		}
	if (i == STMT_CACHE)
		fatal("internal error: more than %d kept statements",
		    STMT_CACHE);
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &st->cache[i].s, NULL) != SQLITE_OK) {
		sqlite3_finalize(st->cache[i].s);
		st->cache[i].s = NULL;
		store_error(st, "read the journal");
		return NULL;
	}
	st->cache[i].sql = sql;
	return st->cache[i].s;
}

void
bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

void
bind_time(sqlite3_stmt *s, int i, time_t t)
{
	if (t)
		sqlite3_bind_int64(s, i, (sqlite3_int64)t);
	else
		sqlite3_bind_null(s, i);
}

void
bind_long_opt(sqlite3_stmt *s, int i, long v)
{
	if (v >= 0)
		sqlite3_bind_int64(s, i, v);
	else
		sqlite3_bind_null(s, i);
}

char *
col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

time_t
col_time(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? 0 :
	    (time_t)sqlite3_column_int64(s, i);
}

long
col_long_opt(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? -1 :
	    (long)sqlite3_column_int64(s, i);
}

char *
like_prefix(const char *prefix)
{
	char *out = xmalloc(strlen(prefix) * 2 + 2), *o = out;

	for (const char *p = prefix; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

int
store_query_int(struct store *st, const char *sql, const char *doing, int *v)
{
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW) {
		*v = sqlite3_column_int(s, 0);
		rc = 0;
	} else if (s)
		store_error(st, doing);
	sqlite3_finalize(s);
	return rc;
}
