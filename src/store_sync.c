/*
 * store_sync.c: the journal's records as `calllog sync` sees them, the
 * fields syncrec.h defines, read by kind and uuid (one at a time, or as a
 * stream beside the sync state); store_sync_apply.c writes them back,
 * store_sync_state.c keeps what the sync last agreed with each folder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "store_sync_sql.h"
#include "syncrec.h"
#include "util.h"

static void
read_rec(sqlite3_stmt *s, int kind, struct sync_rec *r)
{
	const unsigned char *t;

	r->kind = kind;
	snprintf(r->uuid, sizeof(r->uuid), "%s",
	    (const char *)sqlite3_column_text(s, 0));
	r->updated = col_time(s, 1);
	for (int i = 0; i < sync_kinds[kind].nfields; i++) {
		free(r->f[i]);
		r->f[i] = (t = sqlite3_column_text(s, 2 + i)) ?
		    xstrdup((const char *)t) : NULL;
	}
}

int
store_sync_records_each(struct store *st, int kind, long long dir,
    time_t cutoff, const char *lo, const char *hi,
    int (*want)(const struct sync_peek *, void *),
    int (*fn)(struct sync_rec *, void *), void *arg)
{
	/* All of them in the table's own order: ordered by uuid, each row
	 * was a lookup through the uuid index, three times the time on a
	 * large journal.  A range of uuids goes through that index.  With
	 * dir, each row's state comes with it, through the state's index by
	 * record (a lookup a row: for the few records a sync looks at). */
	char *sql = xasprintf("%s%s%s%s%s", store_sync_sql_select(kind),
	    dir ? ", si.name, si.fp" : ", NULL, NULL",
	    store_sync_sql_from(kind),
	    dir ? " LEFT JOIN sync_items si ON si.dir = ?3 AND si.rec = r.uuid"
	    : "", lo ? " WHERE r.uuid >= ?4 AND r.uuid < ?5" : "");
	sqlite3_stmt *s = store_prepare(st, sql);
	struct sync_rec r = { 0 };
	int rc = 0, step, n = sync_kinds[kind].nfields;

	free(sql);
	if (s == NULL)
		return -1;
	if (cutoff)
		sqlite3_bind_int64(s, 2, (sqlite3_int64)cutoff);
	if (dir)
		sqlite3_bind_int64(s, 3, dir);
	if (lo) {
		bind_text(s, 4, lo);
		bind_text(s, 5, hi);
	}
	while (rc == 0 && (step = sqlite3_step(s)) == SQLITE_ROW) {
		struct sync_fp fp;
		struct sync_peek pk;
		char sum[17];

		/* The fingerprint from the row as it is, so that a record
		 * nothing changed is never copied. */
		sync_fp_init(&fp);
		for (int i = 0; i < n; i++) {
			const char *t = (const char *)sqlite3_column_text(s,
			    2 + i);

			sync_fp_field(&fp, t, t ? (size_t)sqlite3_column_bytes(s,
			    2 + i) : 0);
		}
		sync_fp_end(&fp, col_time(s, 1), sum);
		pk.uuid = (const char *)sqlite3_column_text(s, 0);
		pk.fp = sum;
		pk.out = sqlite3_column_int(s, 2 + n);
		pk.st_name = (const char *)sqlite3_column_text(s, 3 + n);
		pk.st_fp = (const char *)sqlite3_column_text(s, 4 + n);
		if ((rc = want(&pk, arg)) != 1)
			continue;
		read_rec(s, kind, &r);
		rc = fn(&r, arg);
	}
	if (rc == 0 && step != SQLITE_DONE)
		rc = store_error(st, "read the journal's records");
	sync_rec_clear(&r);
	sqlite3_finalize(s);
	return rc < 0 ? rc : 0;
}

int
store_sync_record_get(struct store *st, int kind, const char *uuid,
    struct sync_rec *out)
{
	char *sql = xasprintf("%s%s WHERE r.uuid = ?1",
	    store_sync_sql_select(kind), store_sync_sql_from(kind));
	sqlite3_stmt *s = store_prepare(st, sql);
	int rc;

	free(sql);
	if (s == NULL)
		return -1;
	bind_text(s, 1, uuid);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_rec(s, kind, out);
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return 0;
	return rc == SQLITE_DONE ? 1 : store_error(st, "read a record");
}

int
store_sync_kind_of(struct store *st, const char *uuid)
{
	/* Prepared each time: store_stmt keeps few, for the statements
	 * run once a record. */
	sqlite3_stmt *s = store_prepare(st, "SELECT 0 FROM cases"
	    " WHERE uuid = ?1 UNION ALL SELECT 1 FROM calls WHERE uuid = ?1"
	    " UNION ALL SELECT 2 FROM case_events WHERE uuid = ?1 LIMIT 1");
	int rc, kind = -1;

	if (s == NULL)
		return -2;
	bind_text(s, 1, uuid);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		kind = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		store_error(st, "find a record by uuid");
		return -2;
	}
	return kind;
}
