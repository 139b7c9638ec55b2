/*
 * store_move.c: the events a deleted or moved call takes with it
 * (store.h, store_call_events_follow; call_move.h says why).
 */
#include "store.h"
#include "store_int.h"

int
store_call_events_follow(struct store *st, const struct cl_call *k,
    long long to_case, time_t now)
{
	static const char sql[] =
	    "DELETE FROM case_events WHERE case_id = ?1 AND at = ?2"
	    " AND note IS NULL AND (kind = 'reopen' OR (kind = 'escalate'"
	    " AND ?3 = 0));"
	    "UPDATE case_events SET case_id = ?3,"
	    " updated_at = " STORE_UPDATED_SQL("?4")
	    " WHERE case_id = ?1 AND at = ?2 AND note IS NULL"
	    " AND kind = 'escalate' AND ?3 <> 0";
	const char *tail = sql;
	int rc = 0;

	while (rc == 0 && *tail) {
		sqlite3_stmt *s;

		if (sqlite3_prepare_v2(st->db, tail, -1, &s, &tail) != SQLITE_OK)
			return store_error(st, "move the call's events");
		if (s == NULL)
			break;
		sqlite3_bind_int64(s, 1, k->case_id);
		bind_time(s, 2, k->started);
		sqlite3_bind_int64(s, 3, to_case);
		bind_time(s, 4, now);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = store_error(st, "move the call's events");
		sqlite3_finalize(s);
	}
	return rc;
}
