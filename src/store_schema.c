/*
 * store_schema.c: whether a database is a calllog journal, and bringing
 * its schema up to date (schema/, compiled in as migrations.c).
 */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrations.h"
#include "store.h"
#include "store_int.h"
#include "util.h"

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
int
store_check_file_ownership(const char *path)
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

int
store_migrate(struct store *st)
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
