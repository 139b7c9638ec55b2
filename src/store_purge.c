/*
 * store_purge.c: --purge, for text that must not be kept: the values a
 * change replaced are scrubbed from every recorded version of their rows,
 * the rows it deleted leave the history, and the file is rewritten so
 * that neither it nor its write-ahead log holds the old text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

/* One value to scrub from the history of one row. */
struct scrub {
	char *tbl;
	long long row_id;
	int pos;		/* -1: none */
	char *path;		/* "$.notes" */
	char *value;		/* as text; compared by its text */
};

static int
scrub_values(struct store *st, const struct scrub *v, size_t n)
{
	/* Text becomes a marker; numbers become null: either way, the old
	 * value is gone from every recorded version of the row. */
	static const char sql[] =
	    "UPDATE change_rows SET"
	    " old = CASE WHEN CAST(json_extract(old, ?4) AS TEXT) IS ?5"
	    "  THEN json_set(old, ?4, CASE json_type(old, ?4) WHEN 'text'"
	    "  THEN '(purged)' END) ELSE old END,"
	    " new = CASE WHEN CAST(json_extract(new, ?4) AS TEXT) IS ?5"
	    "  THEN json_set(new, ?4, CASE json_type(new, ?4) WHEN 'text'"
	    "  THEN '(purged)' END) ELSE new END"
	    " WHERE tbl = ?1 AND row_id = ?2 AND pos IS ?3";
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < n; i++) {
		sqlite3_stmt *s = store_prepare(st, sql);

		if (s == NULL)
			return -1;
		bind_text(s, 1, v[i].tbl);
		sqlite3_bind_int64(s, 2, v[i].row_id);
		if (v[i].pos >= 0)
			sqlite3_bind_int(s, 3, v[i].pos);
		bind_text(s, 4, v[i].path);
		bind_text(s, 5, v[i].value);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, "purge the history");
		sqlite3_finalize(s);
	}
	return rc;
}

/* The values the current change replaced, to scrub: the text a person
 * wrote.  A time, an amount or a state (status, outcome, ...) is no such
 * text, and a change that moved one besides (a deleted call leaves its
 * case's status and follow-up worked out again) must still be undone as
 * far as its history goes: a null time or a "(purged)" status would break
 * the row's constraints. */
static int
changed_values(struct store *st, struct scrub **out, size_t *n)
{
	static const char sql[] =
	    "SELECT r.tbl, r.row_id, r.pos, '$.' || o.key,"
	    " CAST(o.value AS TEXT) FROM change_rows r, json_each(r.old) o"
	    " WHERE r.change_id = ?1 AND r.op = 'update'"
	    " AND o.type = 'text'"
	    " AND o.value IS NOT json_extract(r.new, '$.' || o.key)"
	    " AND o.key NOT IN ('uuid', 'reason', 'status', 'priority',"
	    "  'escalation', 'currency', 'channel', 'direction', 'outcome',"
	    "  'promise_status', 'kind', 'level', 'media_type', 'sha256')";
	sqlite3_stmt *s = store_prepare(st, sql);
	int step;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, st->change_id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct scrub *v;

		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		v = &(*out)[(*n)++];
		v->tbl = col_text(s, 0);
		v->row_id = sqlite3_column_int64(s, 1);
		v->pos = sqlite3_column_type(s, 2) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(s, 2);
		v->path = col_text(s, 3);
		v->value = col_text(s, 4);
	}
	sqlite3_finalize(s);
	return step == SQLITE_DONE ? 0 : store_error(st, "purge the history");
}

int
store_purge_begin(struct store *st)
{
	/* Deleted cells and freed pages are overwritten with zeros from
	 * here on, so the old text is not left in free space. */
	if (sqlite3_exec(st->db, "PRAGMA secure_delete = ON", NULL, NULL,
	    NULL) != SQLITE_OK)
		return store_error(st, "prepare to purge");
	return 0;
}

int
store_change_purge(struct store *st)
{
	static const char finish_sql[] =
	    /* A sync's base of a purged record holds the old text too: it
	     * goes, and the next sync rewrites the record's item. */
	    "UPDATE sync_items SET base = NULL, fp = NULL WHERE rec IN"
	    " (SELECT json_extract(coalesce(old, new), '$.uuid') FROM"
	    "  change_rows WHERE change_id = ?1 AND tbl <> 'call_refs'"
	    " UNION SELECT uuid FROM calls WHERE id IN (SELECT row_id FROM"
	    "  change_rows WHERE change_id = ?1 AND tbl = 'call_refs'));"
	    /* A purged case's files go whole, with every recorded version
	     * of them, an undone attach's too: the bytes are what matters. */
	    "DELETE FROM change_rows WHERE tbl = 'attachments' AND case_id IN"
	    " (SELECT row_id FROM change_rows WHERE change_id = ?1 AND"
	    "  tbl = 'cases' AND op = 'delete');"
	    "DELETE FROM change_rows AS r WHERE EXISTS (SELECT 1 FROM"
	    " change_rows d WHERE d.change_id = ?1 AND d.op = 'delete'"
	    " AND d.tbl = r.tbl AND d.row_id = r.row_id AND d.pos IS r.pos);"
	    "UPDATE changes SET purged = 1 WHERE id = ?1;"
	    /* A file's bytes go with the last record that names them (an
	     * undone attach's record still does, for redo's sake). */
	    "DELETE FROM blobs WHERE sha256 NOT IN (SELECT sha256 FROM"
	    " attachments) AND sha256 NOT IN (SELECT json_extract(coalesce("
	    " old, new), '$.sha256') FROM change_rows WHERE tbl ="
	    " 'attachments');"
	    "DELETE FROM changes AS c WHERE id <> ?1 AND NOT EXISTS"
	    " (SELECT 1 FROM change_rows WHERE change_id = c.id);"
	    /* The search index keeps deleted words in its segments until
	     * they merge; rebuilt, it holds only what the calls hold. */
	    "INSERT INTO call_search (call_search) VALUES ('rebuild')";
	struct scrub *v;
	size_t n;
	const char *tail = finish_sql;
	int rc;

	if (st->change_id == 0)
		return error("internal error: purge outside a change");
	if ((rc = changed_values(st, &v, &n)) == 0)
		rc = scrub_values(st, v, n);
	for (size_t i = 0; i < n; i++) {
		free(v[i].tbl);
		free(v[i].path);
		free(v[i].value);
	}
	free(v);
	while (rc == 0 && *tail) {
		sqlite3_stmt *s;

		if (sqlite3_prepare_v2(st->db, tail, -1, &s, &tail) != SQLITE_OK)
			return store_error(st, "purge the history");
		if (s == NULL)
			break;
		if (sqlite3_bind_parameter_count(s) > 0)
			sqlite3_bind_int64(s, 1, st->change_id);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, "purge the history");
		sqlite3_finalize(s);
	}
	if (rc == 0)
		st->purge_pending = 1;
	return rc;
}

/* After a purge is committed: the file is rewritten without free pages,
 * and the write-ahead log, which still holds the pages as they were, is
 * copied in and emptied. */
int
store_purge_finish(struct store *st)
{
	st->purge_pending = 0;
	/* The change is committed by now, so the exit status must say so:
	 * what failed is only the compaction, which a later purge redoes. */
	if (sqlite3_exec(st->db, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE)",
	    NULL, NULL, NULL) != SQLITE_OK)
		warning("the purge is saved, but the old text stays in unused "
		    "pages of '%s' until the file is compacted (%s); free some "
		    "space, then run: sqlite3 '%s' VACUUM", st->path,
		    sqlite3_errmsg(st->db), st->path);
	return 0;
}
