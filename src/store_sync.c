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
#include "syncrec.h"
#include "util.h"

/* Whether the record's case is outside the folder's bound ([sync]
 * resolved_within): resolved before ?2, the cutoff (NULL: no bound). */
#define OUT_OF(c) " ifnull(" c "status = 'resolved' AND " c "resolved_at" \
	" < ?2, 0)"

/* Each kind's columns in the order of its field table (syncrec.h), after
 * the record's uuid and updated_at; then whether it is out of bound. */
static const char *const select_cols[SYNC_KINDS] = {
	[SYNC_CASE] =
	    "SELECT uuid, updated_at, org, reason, title, account, status,"
	    " priority, opened_at, next_followup_at, escalation, stage_at,"
	    " resolved_at, resolution, amount, currency, merchant, charged_at,"
	    OUT_OF(""),
	[SYNC_CALL] =
	    "SELECT k.uuid, k.updated_at, c.uuid, k.started_at, k.channel,"
	    " k.direction, k.number, k.department, k.ivr, k.rep,"
	    " (SELECT group_concat(ref, char(10)) FROM (SELECT ref FROM"
	    "  call_refs WHERE call_id = k.id ORDER BY pos)),"
	    " k.hold_seconds, k.duration_seconds, k.outcome, k.promise,"
	    " k.promised_by, k.notes, k.created_at, k.credited,"
	    " k.promise_status, k.promise_marked_at, k.promise_note,"
	    OUT_OF("c."),
	[SYNC_EVENT] =
	    "SELECT e.uuid, e.updated_at, c.uuid, e.at, e.kind, e.level,"
	    " e.due_at, e.note," OUT_OF("c."),
};

static const char *const select_from[SYNC_KINDS] = {
	[SYNC_CASE] = " FROM cases",
	[SYNC_CALL] = " FROM calls k JOIN cases c ON c.id = k.case_id",
	[SYNC_EVENT] = " FROM case_events e JOIN cases c ON c.id = e.case_id",
};

static const char *const where_uuid[SYNC_KINDS] = {
	" WHERE uuid = ?1", " WHERE k.uuid = ?1", " WHERE e.uuid = ?1"
};

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

/* The uuid column of each kind's select_sql, for the join with the
 * sync state. */
static const char *const uuid_col[SYNC_KINDS] = {
	"uuid", "k.uuid", "e.uuid"
};

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
	char *sql = xasprintf("%s%s%s%s%s%s%s%s%s", select_cols[kind],
	    dir ? ", si.name, si.fp" : ", NULL, NULL", select_from[kind],
	    dir ? " LEFT JOIN sync_items si ON si.dir = ?3 AND si.rec = " : "",
	    dir ? uuid_col[kind] : "", lo ? " WHERE " : "",
	    lo ? uuid_col[kind] : "", lo ? " >= ?4 AND " : "",
	    lo ? uuid_col[kind] : "");
	char *full = xasprintf("%s%s", sql, lo ? " < ?5" : "");
	sqlite3_stmt *s = store_prepare(st, full);
	struct sync_rec r = { 0 };
	int rc = 0, step, n = sync_kinds[kind].nfields;

	free(sql);
	free(full);
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
	char *sql = xasprintf("%s%s%s", select_cols[kind], select_from[kind],
	    where_uuid[kind]);
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
