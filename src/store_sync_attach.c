/*
 * store_sync_attach.c: what `calllog sync` asks of the journal about the
 * files kept on a record (sync_attach.c writes and reads them as ATTACH
 * lines): the attachments of one call or case, where a client's file
 * goes, and the fingerprint a sync remembers once it carried them.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "syncrec.h"

int
store_record_attachments(struct store *st, int kind, const char *uuid,
    int (*fn)(struct cl_attachment *, void *), void *arg)
{
	/* A call's files, or a case's that are on no call (those go with
	 * their call's item); by id, so an item's lines keep their order. */
	static const char *const sql[] = {
		"SELECT a.id, a.name, a.media_type, a.size, a.sha256"
		" FROM attachments a JOIN cases c ON c.id = a.case_id"
		" WHERE c.uuid = ?1 AND a.call_id IS NULL ORDER BY a.id",
		"SELECT a.id, a.name, a.media_type, a.size, a.sha256"
		" FROM attachments a JOIN calls k ON k.id = a.call_id"
		" WHERE k.uuid = ?1 ORDER BY a.id",
	};
	sqlite3_stmt *s;
	int rc = 0, step;

	if (kind != SYNC_CASE && kind != SYNC_CALL)
		return 0;
	if ((s = store_prepare(st, sql[kind])) == NULL)
		return -1;
	bind_text(s, 1, uuid);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		struct cl_attachment a = { 0 };
		const unsigned char *t = sqlite3_column_text(s, 4);

		a.id = sqlite3_column_int64(s, 0);
		a.name = col_text(s, 1);
		a.media_type = col_text(s, 2);
		a.size = sqlite3_column_int64(s, 3);
		snprintf(a.sha256, sizeof(a.sha256), "%s",
		    t ? (const char *)t : "");
		rc = fn(&a, arg);
		attachment_clear(&a);
		if (rc)
			break;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		rc = store_error(st, "list the record's attachments");
	sqlite3_finalize(s);
	return rc;
}

int
store_record_ids(struct store *st, int kind, const char *uuid,
    long long *case_id, long long *call_id)
{
	static const char *const sql[] = {
		"SELECT id, 0 FROM cases WHERE uuid = ?1",
		"SELECT case_id, id FROM calls WHERE uuid = ?1",
	};
	sqlite3_stmt *s;
	int step;

	if (kind != SYNC_CASE && kind != SYNC_CALL)
		return 1;
	if ((s = store_prepare(st, sql[kind])) == NULL)
		return -1;
	bind_text(s, 1, uuid);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		*case_id = sqlite3_column_int64(s, 0);
		*call_id = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	if (step == SQLITE_ROW)
		return 0;
	return step == SQLITE_DONE ? 1 : store_error(st, "find the record");
}

int
store_sync_set_fp(struct store *st, long long dir, const char *name,
    const char *was, const char *fp)
{
	sqlite3_stmt *s = store_stmt(st, "UPDATE sync_items SET fp = ?3"
	    " WHERE dir = ?1 AND name = ?2 AND fp = ?4");
	int rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dir);
	bind_text(s, 2, name);
	bind_text(s, 3, fp);
	bind_text(s, 4, was);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : store_error(st, "save the sync state");
}

int
store_has_attachments(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st,
	    "SELECT 1 FROM attachments LIMIT 1");
	int step;

	if (s == NULL)
		return -1;
	step = sqlite3_step(s);
	sqlite3_finalize(s);
	if (step == SQLITE_ROW || step == SQLITE_DONE)
		return step == SQLITE_ROW;
	return store_error(st, "read the attachments");
}
