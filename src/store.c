/*
 * store.c: opening the journal database, its schema migrations and the
 * command's transaction.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
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

/* "file:PATH?immutable=1", PATH percent-encoded as URIs need. */
static char *
file_uri(const char *path)
{
	char *uri = xmalloc(strlen(path) * 3 + 32), *o = uri;

	o += sprintf(o, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (isalnum(*p) || strchr("/-._~", *p))
			*o++ = (char)*p;
		else
			o += sprintf(o, "%%%02X", *p);
	strcpy(o, "?immutable=1");
	return uri;
}

/* PRAGMA application_id of a calllog journal ("CLog"), so that no other
 * program's database is ever taken for one. */
#define CALLLOG_APPLICATION_ID 0x434c6f67

/* The tables every calllog journal has had since schema 1: a database
 * marked by an older calllog (before the application id) is known by them. */
static const char journal_tables_sql[] =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN"
    " ('cases', 'calls', 'call_refs', 'case_events', 'directory',"
    " 'org_aliases', 'reminders_sent')";

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

/*
 * Whether the open database is a calllog journal, before anything is
 * written to it: 1 when it is (or is empty, to become one), or -1 after
 * reporting that it belongs to another program.  Marked by its
 * application id; an unmarked one is calllog's when it has calllog's
 * tables, since journals written before the mark have no other sign.
 * Another program's database, whatever its user_version, is refused.
 */
static int
check_ownership(struct store *st)
{
	static const char doing[] = "read the journal's schema";
	int appid, version, ntables, nours;

	if (store_query_int(st, "PRAGMA application_id", doing, &appid) ||
	    store_query_int(st, "PRAGMA user_version", doing, &version) ||
	    store_query_int(st, "SELECT count(*) FROM sqlite_schema", doing,
	    &ntables) ||
	    store_query_int(st, journal_tables_sql, doing, &nours))
		return -1;
	if (appid == CALLLOG_APPLICATION_ID ||
	    (appid == 0 && ntables == 0 && version == 0) ||
	    (appid == 0 && nours == 7))
		return 1;
	return error("'%s' is an SQLite database of another program, not a "
	    "calllog journal; calllog leaves it untouched; check --db and "
	    "CALLLOG_DB", st->path);
}

/*
 * check_ownership for a file, before anything opens it for writing: even
 * reading through a read-write connection can change another program's
 * database (the last connection to a WAL database checkpoints it on
 * close).  The header gives the application id; an unmarked file's tables
 * are read through an immutable, read-only connection, which takes no
 * lock and writes nothing.  Returns 0 when the file may be opened (a
 * journal, an empty file, or not a database, which opening reports), or
 * -1 after reporting.
 */
static int
check_file_ownership(const char *path)
{
	unsigned char h[100];
	struct store probe = { .path = (char *)path, .lockfd = -1 };
	char *uri;
	size_t n = 0;
	int fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return 0;	/* opening says why */
	while (n < sizeof(h)) {
		ssize_t r = read(fd, h + n, sizeof(h) - n);

		if (r <= 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	if (n < sizeof(h) || memcmp(h, "SQLite format 3", 16) != 0)
		return 0;
	if (((unsigned)h[68] << 24 | h[69] << 16 | h[70] << 8 | h[71]) ==
	    CALLLOG_APPLICATION_ID)
		return 0;
	uri = file_uri(path);
	rc = sqlite3_open_v2(uri, &probe.db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		rc = check_ownership(&probe) == 1 ? 0 : -1;
	else
		rc = 0;		/* the real open reports it */
	sqlite3_close(probe.db);
	return rc;
}

/* Apply the migrations this database has not seen, all in one transaction,
 * re-reading the version under the write lock since another calllog may
 * have migrated it meanwhile.  The application id is set with them. */
static int migrate_all(struct store *);

static int
migrate(struct store *st)
{
	int v, rc;

	if (check_ownership(st) == -1 || (v = store_schema_version(st)) < 0)
		return -1;
	if (v > migrations_count)
		return error("database '%s' was written by a newer calllog "
		    "(schema %d, this calllog knows %d); upgrade calllog",
		    st->path, v, migrations_count);
	if (v == migrations_count)
		return 0;
	/* A migration that rebuilds a table (SQLite's way to change a
	 * constraint) drops the old one: with foreign keys on, that would
	 * delete every row that refers to it.  They are checked instead
	 * before the migrations commit. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_error(st, "configure the journal");
	rc = migrate_all(st);
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL,
	    NULL) != SQLITE_OK && rc == 0)
		rc = store_error(st, "configure the journal");
	return rc;
}

/* The migrations from the version the database has, in one transaction. */
static int
migrate_all(struct store *st)
{
	static const char fk_sql[] =
	    "SELECT count(*) FROM pragma_foreign_key_check";
	int v, fk0 = 0, fk = 0;
	char *err = NULL;

	if (store_begin(st, 1) == -1)
		return -1;
	v = store_schema_version(st);
	if (v >= 0 && store_query_int(st, fk_sql, "check the journal", &fk0))
		return store_rollback(st), -1;
	for (int i = v < 0 ? migrations_count : v; i < migrations_count; i++) {
		char pragma[96];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d;"
		    "PRAGMA application_id = %d", migrations[i].version,
		    CALLLOG_APPLICATION_ID);
		if (sqlite3_exec(st->db, migrations[i].sql, NULL, NULL, &err) ||
		    sqlite3_exec(st->db, pragma, NULL, NULL, &err)) {
			error("cannot apply schema %s to '%s': %s",
			    migrations[i].name, st->path, err);
			sqlite3_free(err);
			store_rollback(st);
			return -1;
		}
	}
	/* A journal with rows pointing nowhere (written by hand) still
	 * opens; a migration that would make more is a bug, never applied. */
	if (v >= 0 && store_query_int(st, fk_sql, "check the journal", &fk))
		return store_rollback(st), -1;
	if (fk > fk0) {
		store_rollback(st);
		return error("cannot upgrade '%s': the new schema would lose "
		    "track of %d rows; report this bug", st->path, fk - fk0);
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

/* The directory holding path; the caller frees. */
static char *
parent_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	return dir;
}

/* Make a rename or link of a file in path's directory durable. */
static void
sync_parent_dir(const char *path)
{
	char *dir = parent_dir(path);
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Connect st to file, configure the connection and bring the schema up to
 * date; wal: switch the file to WAL (never for an in-memory journal). */
static int
connect_journal(struct store *st, const char *file, int wal)
{
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW;

	if (strcmp(file, ":memory:") == 0)
		oflags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(file, &st->db, oflags, NULL) != SQLITE_OK) {
		if (st->db == NULL)
			return error("cannot open database '%s': out of memory",
			    st->path);
		return store_error(st, "open the journal");
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (configure(st) == -1 || migrate(st) == -1 ||
	    (wal && use_wal(st) == -1))
		return -1;
	return 0;
}

static struct store *
store_new(const char *path)
{
	struct store *st = xcalloc(1, sizeof(*st));

	st->path = xstrdup(path);
	st->lockfd = -1;
	return st;
}

/* The database file and the files SQLite keeps beside it. */
static const char *const side_files[] = { "", "-journal", "-wal", "-shm" };

/* A private name beside path, made 0600 whatever the umask.  The caller
 * frees it.  NULL after reporting. */
static char *
private_file(const char *path)
{
	char *tmp = xasprintf("%s.new-XXXXXX", path);
	int fd;

	if ((fd = mkstemp(tmp)) == -1 || fchmod(fd, 0600) == -1) {
		error("cannot create database '%s': %s", path, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/* Give tmp the name path, unless something is there already; returns 0,
 * or -1 with errno set. */
static int
link_into_place(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	/* A file system without hard links; the caller holds the lock that
	 * every calllog starting a journal takes. */
	if (access(path, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

/* Take an exclusive flock on fd, waiting as long as for the database's
 * own locks.  Returns 0, or -1 with errno set. */
static int
flock_wait(int fd)
{
	for (int waited = 0; flock(fd, LOCK_EX | LOCK_NB) == -1;
	    waited += 10) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (waited >= BUSY_TIMEOUT_MS) {
			errno = EWOULDBLOCK;
			return -1;
		}
		usleep(10000);
	}
	return 0;
}

/*
 * Take the lock every calllog starting a journal in path's directory
 * holds (flock on the directory), so that two first commands run one
 * after the other instead of racing to create it.  Returns the descriptor
 * holding it, or -1 after reporting.
 */
static int
lock_parent_dir(const char *path)
{
	char *dir = parent_dir(path);
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    flock_wait(fd) == -1) {
		if (errno == EWOULDBLOCK)
			error("another calllog has been starting the journal "
			    "in '%s' for %d s; try again", dir,
			    BUSY_TIMEOUT_MS / 1000);
		else
			error("cannot lock directory '%s' to start the "
			    "journal: %s", dir, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}

/* Link a new journal into place; force: even one with nothing in it. */
static int
publish(struct store *st, int force)
{
	int rc = 0, empty;

	if (st->tmp == NULL || st->published)
		return 0;
	/* A new journal with nothing of the person's in it (a reminder run,
	 * a calendar folder mirrored): no file. */
	if (!force && (empty = store_journal_is_empty(st)) != 0)
		return empty == 1 ? 0 : -1;
	/* Built with a rollback journal, so that the file alone held the
	 * whole journal at every commit; it lives in WAL mode from now on.
	 * The switch writes only the header, and the log stays empty. */
	if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL,
	    NULL) != SQLITE_OK)
		rc = store_error(st, "switch the journal to WAL mode");
	else if (link_into_place(st->tmp, st->path) == -1)
		rc = error(errno == EEXIST ? "cannot start the journal at '%s': "
		    "another program made a file there meanwhile; nothing was "
		    "changed" : "cannot start the journal at '%s': %s",
		    st->path, strerror(errno));
	else {
		sync_parent_dir(st->path);
		st->published = 1;
	}
	unlink(st->tmp);
	if (st->lockfd != -1)
		close(st->lockfd);	/* releases the lock */
	st->lockfd = -1;
	return rc;
}

/*
 * Start the journal at path for st.  Nothing appears at path until the
 * command's change is committed (store_publish): the journal is built and
 * written under a private name beside it (0600 from the start, in a 0700
 * directory) and linked into place whole, so a refused first command
 * leaves no file, no process ever sees a half-made journal, and no
 * journal is ever removed.  The directory stays locked meanwhile, so a
 * second first command waits and then finds the journal.  early: publish
 * the empty journal at once, for a command that waits on a person.
 * Returns 1 when the journal is started, 0 when another calllog started it
 * meanwhile (open it as usual), -1 after reporting.
 */
static int
start_journal(struct store *st, const char *path, int early)
{
	if (make_parent_dirs(path) == -1 ||
	    (st->lockfd = lock_parent_dir(path)) == -1)
		return -1;
	if (access(path, F_OK) == 0) {
		close(st->lockfd);	/* another calllog made it meanwhile */
		st->lockfd = -1;
		return 0;
	}
	if ((st->tmp = private_file(path)) == NULL ||
	    connect_journal(st, st->tmp, 0) == -1)
		return -1;
	if (!early)
		return 1;
	/* Published, it is reopened by its name, in WAL mode, so that a
	 * crash leaves its journal where other processes look. */
	if (publish(st, 1) == -1)
		return -1;
	sqlite3_close(st->db);
	st->db = NULL;
	return 0;
}


int
store_publish(struct store *st)
{
	return publish(st, 0);
}

int
store_open(const char *path, unsigned flags, struct store **out)
{
	struct store *st = store_new(path);
	struct stat sb;
	int rc = 0;

	if (stat(path, &sb) == -1) {
		if (errno != ENOENT)
			rc = error("cannot open database '%s': %s", path,
			    strerror(errno));
		else if (flags & STORE_NOCREATE)
			rc = error("no journal at '%s' yet; 'calllog add' "
			    "starts one", path);
		/* A reader of a journal not yet started sees an empty one,
		 * and leaves no file behind. */
		else if (flags & STORE_READ)
			rc = connect_journal(st, ":memory:", 0);
		else if ((rc = start_journal(st, path, flags & STORE_EARLY))
		    == 0)
			rc = connect_journal(st, path, 1);
	} else if (!S_ISREG(sb.st_mode))
		rc = error("database '%s' is not a regular file; check --db "
		    "or CALLLOG_DB", path);
	else if ((rc = check_file_ownership(path)) == 0)
		rc = connect_journal(st, path, 1);
	if (rc == -1) {
		store_close(st);
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

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < STMT_CACHE && st->cache[i].sql; i++)
		sqlite3_finalize(st->cache[i].s);
	sqlite3_close(st->db);
	if (st->tmp) {		/* private names: nobody else uses them */
		for (size_t i = 0; i < sizeof(side_files) / sizeof(*side_files);
		    i++) {
			char *f = xasprintf("%s%s", st->tmp, side_files[i]);

			unlink(f);
			free(f);
		}
		free(st->tmp);
	}
	if (st->lockfd != -1)
		close(st->lockfd);
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
