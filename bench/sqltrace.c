/*
 * sqltrace.c: an LD_PRELOAD library that writes down every SQL statement a
 * program runs through SQLite, with its bound values, as a script the
 * sqlite3 command replays:
 *
 *   LD_PRELOAD=sqltrace.so SQLTRACE=FILE calllog ...
 *   sqlite3 -batch -init /dev/null DB < FILE
 *
 * The benchmark's floor is that replay: the same statements, with the same
 * values bound to the same parameters (so the same query plans), run by
 * the sqlite3 shell -- the SQLite work of a calllog command without the
 * rest of calllog.  Taking the SQL from calllog as it runs keeps the floor
 * right whatever src/store*.c becomes.
 *
 * Each statement is written when it is first stepped (after a prepare or
 * a reset), preceded by ".parameter set ?N VALUE" for its bound values;
 * sqlite3_exec's SQL is written as it is.  After an INSERT, "-- rowid
 * TABLE N" records the row id it made, so that a replay on a journal that
 * has grown can use the new row's id (bench/bench.py does that).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXP 32

struct param {
	int type;		/* SQLITE_NULL, _INTEGER, _FLOAT, _TEXT */
	sqlite3_int64 i;
	double d;
	char *t;
};

struct rec {
	sqlite3_stmt *s;
	int stepped;
	struct param p[MAXP + 1];
	struct rec *next;
};

static struct rec *recs;
static FILE *out;
/* Calls into SQLite from inside SQLite (sqlite3_exec stepping its own
 * statements, the schema being read on first use) are not the program's. */
static int depth;

static FILE *
trace(void)
{
	if (out == NULL) {
		const char *path = getenv("SQLTRACE");

		out = fopen(path ? path : "/dev/stderr", "a");
	}
	return out;
}

static struct rec *
find(sqlite3_stmt *s, int make)
{
	struct rec *r;

	for (r = recs; r; r = r->next)
		if (r->s == s)
			return r;
	if (!make)
		return NULL;
	r = calloc(1, sizeof(*r));
	r->s = s;
	r->next = recs;
	recs = r;
	return r;
}

static void
drop(sqlite3_stmt *s)
{
	for (struct rec **rp = &recs; *rp; rp = &(*rp)->next)
		if ((*rp)->s == s) {
			struct rec *r = *rp;

			*rp = r->next;
			for (int i = 0; i <= MAXP; i++)
				free(r->p[i].t);
			free(r);
			return;
		}
}

static struct param *
slot(sqlite3_stmt *s, int i)
{
	struct rec *r = find(s, 1);

	if (i < 1 || i > MAXP)
		return NULL;
	free(r->p[i].t);
	r->p[i].t = NULL;
	return &r->p[i];
}

#define REAL(name) \
	static __typeof__(name) *real; \
	if (real == NULL) \
		real = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

int
sqlite3_bind_int64(sqlite3_stmt *s, int i, sqlite3_int64 v)
{
	struct param *p = slot(s, i);
	REAL(sqlite3_bind_int64);

	if (p) {
		p->type = SQLITE_INTEGER;
		p->i = v;
	}
	return real(s, i, v);
}

int
sqlite3_bind_int(sqlite3_stmt *s, int i, int v)
{
	struct param *p = slot(s, i);
	REAL(sqlite3_bind_int);

	if (p) {
		p->type = SQLITE_INTEGER;
		p->i = v;
	}
	return real(s, i, v);
}

int
sqlite3_bind_double(sqlite3_stmt *s, int i, double v)
{
	struct param *p = slot(s, i);
	REAL(sqlite3_bind_double);

	if (p) {
		p->type = SQLITE_FLOAT;
		p->d = v;
	}
	return real(s, i, v);
}

int
sqlite3_bind_null(sqlite3_stmt *s, int i)
{
	struct param *p = slot(s, i);
	REAL(sqlite3_bind_null);

	if (p)
		p->type = SQLITE_NULL;
	return real(s, i);
}

int
sqlite3_bind_text(sqlite3_stmt *s, int i, const char *v, int n,
    void (*d)(void *))
{
	struct param *p = slot(s, i);
	REAL(sqlite3_bind_text);

	if (p) {
		p->type = SQLITE_TEXT;
		p->t = n < 0 ? strdup(v) : strndup(v, (size_t)n);
	}
	return real(s, i, v, n, d);
}

int
sqlite3_clear_bindings(sqlite3_stmt *s)
{
	struct rec *r = find(s, 0);
	REAL(sqlite3_clear_bindings);

	if (r)
		for (int i = 0; i <= MAXP; i++) {
			free(r->p[i].t);
			r->p[i].t = NULL;
			r->p[i].type = 0;
		}
	return real(s);
}

/* A text value as the shell's dot-command argument: double-quoted for
 * the shell (backslash escapes), holding an SQL string literal. */
static void
put_text(FILE *fp, const char *t)
{
	fputs("\"'", fp);
	for (; *t; t++) {
		switch (*t) {
		case '\'': fputs("''", fp); break;
		case '"': fputs("\\\"", fp); break;
		case '\\': fputs("\\\\", fp); break;
		case '\n': fputs("\\n", fp); break;
		case '\t': fputs("\\t", fp); break;
		case '\r': fputs("\\r", fp); break;
		default: fputc(*t, fp);
		}
	}
	fputs("'\"", fp);
}

int
sqlite3_step(sqlite3_stmt *s)
{
	struct rec *r = find(s, 1);
	int rc;
	REAL(sqlite3_step);

	if (!r->stepped && depth == 0 && trace()) {
		const char *sql = sqlite3_sql(s);

		r->stepped = 1;
		for (int i = 1; i <= MAXP; i++) {
			struct param *p = &r->p[i];

			if (p->type == 0 || p->type == SQLITE_NULL)
				continue;	/* unbound is NULL */
			fprintf(out, ".parameter set ?%d ", i);
			if (p->type == SQLITE_INTEGER)
				fprintf(out, "%lld", (long long)p->i);
			else if (p->type == SQLITE_FLOAT)
				fprintf(out, "%.17g", p->d);
			else
				put_text(out, p->t);
			fputc('\n', out);
		}
		fprintf(out, "%s;\n", sql);
		fputs(".parameter clear\n", out);
		depth++;
		rc = real(s);
		depth--;
		if (rc == SQLITE_DONE && strncmp(sql, "INSERT INTO ", 12) == 0) {
			const char *t = sql + 12;

			fprintf(out, "-- rowid %.*s %lld\n", (int)strcspn(t,
			    " ("), t, (long long)sqlite3_last_insert_rowid(
			    sqlite3_db_handle(s)));
		}
		fflush(out);
		return rc;
	}
	depth++;
	rc = real(s);
	depth--;
	return rc;
}

int
sqlite3_prepare_v2(sqlite3 *db, const char *sql, int n, sqlite3_stmt **s,
    const char **tail)
{
	int rc;
	REAL(sqlite3_prepare_v2);

	depth++;
	rc = real(db, sql, n, s, tail);
	depth--;
	return rc;
}

/* calllog keeps per-row statements prepared this way (store_stmt). */
int
sqlite3_prepare_v3(sqlite3 *db, const char *sql, int n, unsigned flags,
    sqlite3_stmt **s, const char **tail)
{
	int rc;
	REAL(sqlite3_prepare_v3);

	depth++;
	rc = real(db, sql, n, flags, s, tail);
	depth--;
	return rc;
}

int
sqlite3_reset(sqlite3_stmt *s)
{
	struct rec *r = find(s, 0);
	REAL(sqlite3_reset);

	if (r)
		r->stepped = 0;
	return real(s);
}

int
sqlite3_finalize(sqlite3_stmt *s)
{
	REAL(sqlite3_finalize);

	drop(s);
	return real(s);
}

int
sqlite3_exec(sqlite3 *db, const char *sql,
    int (*cb)(void *, int, char **, char **), void *arg, char **err)
{
	int rc;
	REAL(sqlite3_exec);

	if (depth == 0 && trace()) {
		fprintf(out, "%s;\n", sql);
		fflush(out);
	}
	depth++;
	rc = real(db, sql, cb, arg, err);
	depth--;
	return rc;
}
