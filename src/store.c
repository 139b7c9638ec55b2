/*
 * store.c: opening the journal database (a new one built under a private
 * name and linked into place whole) and closing it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

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
	if (configure(st) == -1 || store_migrate(st) == -1 ||
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
	else if (store_link_into_place(st->tmp, st->path) == -1)
		rc = error(errno == EEXIST ? "cannot start the journal at '%s': "
		    "another program made a file there meanwhile; nothing was "
		    "changed" : "cannot start the journal at '%s': %s",
		    st->path, strerror(errno));
	else {
		store_sync_parent_dir(st->path);
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
	if (store_make_parent_dirs(path) == -1 ||
	    (st->lockfd = store_lock_parent_dir(path)) == -1)
		return -1;
	if (access(path, F_OK) == 0) {
		close(st->lockfd);	/* another calllog made it meanwhile */
		st->lockfd = -1;
		return 0;
	}
	if ((st->tmp = store_private_file(path)) == NULL ||
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
	else if ((rc = store_check_file_ownership(path)) == 0)
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
store_journal_is_empty(struct store *st)
{
	int empty;

	return store_query_int(st, "SELECT NOT EXISTS (SELECT 1 FROM cases)"
	    " AND NOT EXISTS (SELECT 1 FROM directory)", "read the journal",
	    &empty) ? -1 : empty;
}
