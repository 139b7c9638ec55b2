/*
 * store_promise.c: a case's promises, read with the case, so that every
 * view judges them with policy_promise from the same facts (DESIGN.md,
 * "Money and promises") and none can forget a promise marked by hand.
 */
#include <string.h>

#include "store.h"
#include "store_int.h"
#include "util.h"

static const char promises_sql[] =
    "SELECT id, started_at, promised_by, promise_status, promise_marked_at,"
    " promise, promise_note"
    " FROM calls WHERE case_id = ?1 AND (promise IS NOT NULL OR"
    " promised_by IS NOT NULL) ORDER BY started_at, id";

int
store_read_promises(struct store *st, struct cl_case *c)
{
	sqlite3_stmt *s = store_stmt(st, promises_sql);
	int step;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, c->id);
	while ((step = sqlite3_step(s)) == SQLITE_ROW) {
		const char *mark = (const char *)sqlite3_column_text(s, 3);
		struct cl_promise *p;

		c->promises = xrealloc(c->promises, (c->npromises + 1) *
		    sizeof(*c->promises));
		p = &c->promises[c->npromises++];
		p->call = sqlite3_column_int64(s, 0);
		p->made = col_time(s, 1);
		p->by = col_time(s, 2);
		p->mark = mark ? enum_lookup(&promise_names, mark) : PMARK_NONE;
		if (p->mark < 0)
			p->mark = PMARK_NONE;
		p->marked = col_time(s, 4);
		p->text = col_text(s, 5);
		p->note = col_text(s, 6);
	}
	sqlite3_reset(s);
	if (step != SQLITE_DONE)
		return store_error(st, "read the case's promises");
	return 0;
}
