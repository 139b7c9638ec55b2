/*
 * field_table.c: every column of every table the history records, in the
 * journal's order, each one either a field declared in field.c (named by
 * its number, so its column's name is written once) or a column the
 * journal keeps itself, and whether the history records it.  The history
 * triggers (schema/013_history.sql, written by tools/gen_history), undo
 * and doctor's check of the history (store_history.c) all come from here.
 *
 * The order is the journal's own (PRAGMA table_info): the triggers write a
 * row as a JSON object in that order, and doctor compares the newest
 * version of a row with the row as stored, as text; a new order would
 * make every row recorded before it differ.
 */
#include <stddef.h>
#include <string.h>

#include "field.h"

/* A declared field of the table's kind; a column of the journal's own
 * that the history records (ids, the time of the last change); one it
 * does not (a case's figures from its calls, schema/004_summary.sql,
 * which follow the calls). */
#define F(I)		{ I, NULL, 1 }
#define OWN(N)		{ -1, N, 1 }
#define FIGURE(N)	{ -1, N, 0 }
#define END		{ -1, NULL, 0 }

static const struct field_column case_cols[] = {
	OWN("id"), OWN("uuid"), F(CF_ORG), F(CF_REASON), F(CF_TITLE),
	F(CF_ACCOUNT), F(CF_STATUS), F(CF_PRIORITY), F(CF_OPENED),
	OWN("updated_at"), F(CF_FOLLOWUP),
	/* which follow-up a reminder was sent for (policy) */
	OWN("followup_seq"),
	F(CF_ESCALATION), F(CF_STAGE_AT), F(CF_RESOLVED_AT), F(CF_RESOLUTION),
	FIGURE("ncalls"), FIGURE("stage_calls"), FIGURE("last_call_at"),
	FIGURE("last_number"), FIGURE("last_rep"), FIGURE("last_promise"),
	FIGURE("last_promised_by"), FIGURE("refs"),
	F(CF_AMOUNT), F(CF_CURRENCY), F(CF_MERCHANT), F(CF_CHARGED),
	/* the sum of its calls' and notes' credits */
	FIGURE("credited"),
	END
};

static const struct field_column call_cols[] = {
	OWN("id"), OWN("uuid"), F(KF_CASE), F(KF_STARTED), F(KF_CHANNEL),
	F(KF_DIRECTION), F(KF_NUMBER), F(KF_DEPARTMENT), F(KF_IVR), F(KF_REP),
	F(KF_HOLD), F(KF_DURATION), F(KF_OUTCOME), F(KF_PROMISE),
	F(KF_PROMISED_BY), F(KF_NOTES), F(KF_CREATED), OWN("updated_at"),
	F(KF_CREDITED), F(KF_PROMISE_STATUS), F(KF_PROMISE_MARKED),
	F(KF_PROMISE_NOTE),
	/* The follow-up asked for when the call was recorded (add
	 * --follow-up): the case's next follow-up's history, which
	 * case_replay reads back; the case's own field is the one every
	 * door changes. */
	OWN("follow_up_at"),
	END
};

/* A call's references, a row a value: the values of its field "ref". */
static const struct field_column ref_cols[] = {
	OWN("call_id"), OWN("pos"), { KF_REFS, "ref", 1 },
	END
};

static const struct field_column event_cols[] = {
	OWN("id"), OWN("uuid"), F(EF_CASE), F(EF_AT), F(EF_KIND), F(EF_LEVEL),
	F(EF_DUE), F(EF_NOTE), OWN("updated_at"),
	END
};

/* Notes and attachments have no fields declared yet (no door checks them
 * field by field): their columns are all declared here. */
static const struct field_column note_cols[] = {
	OWN("id"), OWN("uuid"), OWN("case_id"), OWN("at"), OWN("text"),
	OWN("credited"), OWN("created_at"), OWN("updated_at"),
	END
};

/* An attachment's bytes are no history: the blob stays while a version of
 * the row names it (schema/010_attachments.sql). */
static const struct field_column attachment_cols[] = {
	OWN("id"), OWN("uuid"), OWN("case_id"), OWN("call_id"), OWN("name"),
	OWN("media_type"), OWN("size"), OWN("sha256"), OWN("added_at"),
	OWN("note"),
	END
};

/* Parents before children: undo puts deleted rows back in this order. */
const struct field_table field_tables[] = {
	{ "cases", SYNC_CASE, "id", NULL, "id", NULL, case_cols },
	{ "calls", SYNC_CALL, "id", NULL, "case_id", NULL, call_cols },
	{ "call_refs", SYNC_CALL, "call_id", "pos", "call_id", "calls",
	    ref_cols },
	{ "case_events", SYNC_EVENT, "id", NULL, "case_id", NULL, event_cols },
	{ "notes", -1, "id", NULL, "case_id", NULL, note_cols },
	{ "attachments", -1, "id", NULL, "case_id", NULL, attachment_cols },
	{ NULL, -1, NULL, NULL, NULL, NULL, NULL }
};

const char *
field_column_name(const struct field_table *t, const struct field_column *c)
{
	if (c->own)
		return c->own;
	return field_kinds[t->kind].fields[c->field].column;
}

const struct field_table *
field_table_find(const char *name)
{
	for (const struct field_table *t = field_tables; t->name; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
