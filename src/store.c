/*
 * store.c: opening the journal database, its schema migrations and the
 * command's transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "migrations.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

/* Long enough for four writers adding at once, each holding the write lock
 * for a few milliseconds, to queue rather than see "database is locked". */
#define BUSY_TIMEOUT_MS 30000

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

/* Create the missing directories of path's parent with mode 0700, as the
 * XDG base directory specification asks for data directories. */
static int
make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			rc = error("cannot create directory '%s': %s", dir,
			    strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* Create the database file 0600 whatever the umask, before SQLite opens it,
 * so that no moment exists when the journal is readable by others.
 * Returns 1 when it made the file, 0 when another calllog just did. */
static int
create_file(const char *path)
{
	int fd;

	if (make_parent_dirs(path) == -1)
		return -1;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 && errno == EEXIST)
		return 0;
	if (fd == -1)
		return error("cannot create database '%s': %s", path,
		    strerror(errno));
	if (fchmod(fd, 0600) == -1) {
		close(fd);
		return error("cannot set permissions of '%s': %s", path,
		    strerror(errno));
	}
	close(fd);
	return 1;
}

int
store_schema_latest(void)
{
	return migrations_count;
}

int
store_schema_version(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA user_version");
	int v = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	else if (s)
		store_error(st, "read the schema version");
	sqlite3_finalize(s);
	return v;
}

/* A database at version 0 with tables in it belongs to another program:
 * adding calllog's tables to it would be a surprise.  Returns 0 when the
 * database is empty, else -1 after reporting. */
static int
foreign_tables(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM sqlite_schema");
	int n = -1;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (n == 0)
		return 0;
	if (n > 0)
		error("'%s' is an SQLite database of another program, not a "
		    "calllog journal; check --db and CALLLOG_DB", st->path);
	return -1;
}

/* Apply the migrations this database has not seen, all in one transaction,
 * re-reading the version under the write lock since another calllog may
 * have migrated it meanwhile. */
static int
migrate(struct store *st)
{
	int v = store_schema_version(st);
	char *err = NULL;

	if (v < 0)
		return -1;
	if (v > migrations_count)
		return error("database '%s' was written by a newer calllog "
		    "(schema %d, this calllog knows %d); upgrade calllog",
		    st->path, v, migrations_count);
	if (v == migrations_count)
		return 0;
	if (v == 0 && foreign_tables(st) != 0)
		return -1;
	if (store_begin(st, 1) == -1)
		return -1;
	v = store_schema_version(st);
	for (int i = v < 0 ? migrations_count : v; i < migrations_count; i++) {
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
		    migrations[i].version);
		if (sqlite3_exec(st->db, migrations[i].sql, NULL, NULL, &err) ||
		    sqlite3_exec(st->db, pragma, NULL, NULL, &err)) {
			error("cannot apply schema %s to '%s': %s",
			    migrations[i].name, st->path, err);
			sqlite3_free(err);
			store_rollback(st);
			return -1;
		}
	}
	return v < 0 ? (store_rollback(st), -1) : store_commit(st);
}

static int
configure(struct store *st)
{
	static const char setup[] =
	    "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;";
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	/* Reading the schema first turns "not a database" into a clear
	 * error before anything tries to write to the file. */
	if (sqlite3_exec(st->db, "SELECT count(*) FROM sqlite_schema", NULL,
	    NULL, NULL) != SQLITE_OK)
		return store_error(st, "open the journal");
	if (sqlite3_exec(st->db, setup, NULL, NULL, NULL) != SQLITE_OK)
		return store_error(st, "configure the journal");
	return 0;
}

/* WAL lets readers work beside a writer.  Set once the file is known to be
 * a journal, so that another program's database is never converted. */
static int
use_wal(struct store *st)
{
	sqlite3_stmt *s;
	int rc = 0;

	if (sqlite3_db_readonly(st->db, "main") == 1)
		return 0;	/* readers may still work; writers say why */
	s = store_prepare(st, "PRAGMA journal_mode = WAL");
	if (s == NULL)
		return -1;
	if (sqlite3_step(s) != SQLITE_ROW)
		rc = store_error(st, "switch the journal to WAL mode");
	sqlite3_finalize(s);
	return rc;
}

int
store_open(const char *path, unsigned flags, struct store **out)
{
	struct store *st;
	struct stat sb;
	int created = 0;

	if (stat(path, &sb) == -1) {
		if (errno != ENOENT)
			return error("cannot open database '%s': %s", path,
			    strerror(errno));
		if (flags & STORE_NOCREATE)
			return error("no journal at '%s' yet; 'calllog add' "
			    "starts one", path);
		if ((created = create_file(path)) == -1)
			return -1;
	} else if (!S_ISREG(sb.st_mode))
		return error("database '%s' is not a regular file; check --db "
		    "or CALLLOG_DB", path);
	st = xcalloc(1, sizeof(*st));
	st->path = xstrdup(path);
	st->created = created;
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			error("cannot open database '%s': out of memory", path);
		else
			store_error(st, "open the journal");
		store_close(st);
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (configure(st) == -1 || migrate(st) == -1 || use_wal(st) == -1) {
		store_discard(st);
		return -1;
	}
	*out = st;
	return 0;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

static int
journal_empty(struct store *st)
{
	sqlite3_stmt *s = NULL;
	int empty = 0;

	store_rollback(st);
	if (sqlite3_prepare_v2(st->db, "SELECT (SELECT count(*) FROM cases) +"
	    " (SELECT count(*) FROM directory)", -1, &s, NULL) != SQLITE_OK)
		empty = 1;	/* no schema yet: nothing of anyone's in it */
	else if (sqlite3_step(s) == SQLITE_ROW)
		empty = sqlite3_column_int(s, 0) == 0;
	sqlite3_finalize(s);
	return empty;
}

void
store_discard(struct store *st)
{
	char *path;

	if (st == NULL)
		return;
	/* Another calllog may have written to the new file meanwhile: only
	 * a journal still empty is removed. */
	if (!st->created || !journal_empty(st)) {
		store_close(st);
		return;
	}
	path = xstrdup(st->path);
	store_close(st);
	unlink(path);
	for (const char *const *sfx = (const char *const[]){ "-wal", "-shm",
	    "-journal", NULL }; *sfx; sfx++) {
		char *side = xasprintf("%s%s", path, *sfx);

		unlink(side);
		free(side);
	}
	free(path);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < STMT_CACHE && st->cache[i].sql; i++)
		sqlite3_finalize(st->cache[i].s);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

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
	return 0;
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
