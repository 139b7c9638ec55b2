/*
 * xfer.c: the export file's field tables, and writing a record by them.
 */
#include <stddef.h>

#include "field.h"
#include "money.h"
#include "store.h"
#include "util.h"
#include "xfer.h"

/* Shorthands for the tables: a field of record type T at member M. */
#define ID(T, M) { "id", XF_ID, 0, offsetof(T, M), 0, NULL, 0, NULL, "id" }
#define UUID(K, T, M) { K, XF_UUID, 0, offsetof(T, M), 0, NULL, 0, NULL, \
    "uuid" }
#define LINE(K, F, T, M, MAX) { K, XF_LINE, F, offsetof(T, M), MAX, NULL, 0, \
    NULL, NULL }
#define TIME(K, F, T, M) { K, XF_TIME, F, offsetof(T, M), 0, NULL, 0, NULL, \
    NULL }
#define ENUM(K, F, T, M, N, NV) { K, XF_ENUM, F, offsetof(T, M), 0, &N, NV, \
    NULL, NULL }
#define OF(K, TY, F, T, M) { K, TY, F, offsetof(T, M), 0, NULL, 0, NULL, NULL }
#define LIST(K) { K, XF_LIST, 0, 0, 0, NULL, 0, NULL, NULL }
#define END { NULL, XF_LIST, 0, 0, 0, NULL, 0, NULL, NULL }
/* A field of a case, a call or an event: its limits are its declaration's
 * (field.h), D, which import checks it by as sync and add do. */
#define DECL(K, TY, F, T, M, D) { K, TY, F, offsetof(T, M), 0, NULL, 0, &D, \
    NULL }
#define DENUM(K, F, T, M, N, NV, D) { K, XF_ENUM, F, offsetof(T, M), 0, &N, \
    NV, &D, NULL }
/* A column a record keeps itself, C, that the export writes. */
#define KEPT(K, TY, F, T, M, C) { K, TY, F, offsetof(T, M), 0, NULL, 0, \
    NULL, C }

const struct xfer_field xfer_header_fields[] = {
	LINE("format", 0, struct xfer_header, format, LIMIT_NAME),
	OF("version", XF_COUNT, 0, struct xfer_header, version),
	TIME("exported", 0, struct xfer_header, exported),
	LIST("cases"),
	LIST("directory"),
	LIST("reminders_sent"),
	END
};

/* The directory's limits are `numbers add`'s; the records', their
 * declarations' (field.h). */
const struct xfer_field xfer_case_fields[] = {
	ID(struct cl_case, id),
	UUID("uuid", struct cl_case, uuid),
	DECL("org", XF_LINE, 0, struct cl_case, org, field_case[CF_ORG]),
	DENUM("reason", 0, struct cl_case, reason, reason_names, 0,
	    field_case[CF_REASON]),
	DECL("title", XF_LINE, XF_NULL, struct cl_case, title,
	    field_case[CF_TITLE]),
	DECL("account", XF_ACCOUNT, XF_NULL, struct cl_case, account,
	    field_case[CF_ACCOUNT]),
	DENUM("status", 0, struct cl_case, status, status_names, 0,
	    field_case[CF_STATUS]),
	DENUM("priority", 0, struct cl_case, priority, priority_names, 0,
	    field_case[CF_PRIORITY]),
	DECL("opened", XF_TIME, 0, struct cl_case, opened,
	    field_case[CF_OPENED]),
	KEPT("updated", XF_TIME, 0, struct cl_case, updated, "updated_at"),
	DECL("next_followup", XF_TIME, XF_NULL, struct cl_case, next_followup,
	    field_case[CF_FOLLOWUP]),
	KEPT("followup_seq", XF_COUNT, 0, struct cl_case, followup_seq,
	    "followup_seq"),
	DENUM("escalation", 0, struct cl_case, escalation, level_names, 0,
	    field_case[CF_ESCALATION]),
	DECL("stage_at", XF_TIME, 0, struct cl_case, stage_at,
	    field_case[CF_STAGE_AT]),
	DECL("resolved", XF_TIME, XF_NULL, struct cl_case, resolved_at,
	    field_case[CF_RESOLVED_AT]),
	DECL("resolution", XF_TEXT, XF_NULL, struct cl_case, resolution,
	    field_case[CF_RESOLUTION]),
	DECL("amount", XF_MONEY, XF_NULL | XF_OPTIONAL, struct cl_case, amount,
	    field_case[CF_AMOUNT]),
	DECL("currency", XF_CURRENCY, XF_NULL | XF_OPTIONAL, struct cl_case,
	    currency, field_case[CF_CURRENCY]),
	DECL("merchant", XF_LINE, XF_NULL | XF_OPTIONAL, struct cl_case,
	    merchant, field_case[CF_MERCHANT]),
	DECL("charged", XF_TIME, XF_NULL | XF_OPTIONAL, struct cl_case,
	    charged_at, field_case[CF_CHARGED]),
	LIST("calls"),
	LIST("events"),
	/* Notes came after version 1: a file without them still imports. */
	{ "notes", XF_LIST, XF_OPTIONAL, 0, 0, NULL, 0, NULL, NULL },
	/* So did attachments (xfer.h says what else they hold). */
	{ "attachments", XF_LIST, XF_OPTIONAL, 0, 0, NULL, 0, NULL, NULL },
	END
};

const struct xfer_field xfer_attachment_fields[] = {
	ID(struct cl_attachment_row, id),
	UUID("uuid", struct cl_attachment_row, uuid),
	DECL("name", XF_LINE, 0, struct cl_attachment_row, name,
	    field_attachment_name),
	LINE("media_type", 0, struct cl_attachment_row, media_type, 127),
	OF("size", XF_COUNT, 0, struct cl_attachment_row, size),
	TIME("added", 0, struct cl_attachment_row, added),
	{ "note", XF_TEXT, XF_NULL, offsetof(struct cl_attachment_row, note),
	    LIMIT_NOTE, NULL, 0, NULL, NULL },
	END
};

const struct xfer_field xfer_call_fields[] = {
	ID(struct cl_call, id),
	UUID("uuid", struct cl_call, uuid),
	DECL("started", XF_TIME, 0, struct cl_call, started,
	    field_call[KF_STARTED]),
	DENUM("channel", 0, struct cl_call, channel, channel_names, 0,
	    field_call[KF_CHANNEL]),
	DENUM("direction", 0, struct cl_call, direction, direction_names, 0,
	    field_call[KF_DIRECTION]),
	DECL("number", XF_PHONE, XF_NULL, struct cl_call, number,
	    field_call[KF_NUMBER]),
	DECL("department", XF_LINE, XF_NULL, struct cl_call, department,
	    field_call[KF_DEPARTMENT]),
	DECL("ivr", XF_LINE, XF_NULL, struct cl_call, ivr, field_call[KF_IVR]),
	DECL("rep", XF_LINE, XF_NULL, struct cl_call, rep, field_call[KF_REP]),
	DECL("refs", XF_REFS, 0, struct cl_call, refs, field_call[KF_REFS]),
	DECL("hold_seconds", XF_SECONDS, XF_NULL, struct cl_call, hold,
	    field_call[KF_HOLD]),
	DECL("duration_seconds", XF_SECONDS, XF_NULL, struct cl_call, duration,
	    field_call[KF_DURATION]),
	DENUM("outcome", XF_NULL, struct cl_call, outcome, outcome_names,
	    OUTCOME_NONE, field_call[KF_OUTCOME]),
	DECL("promise", XF_LINE, XF_NULL, struct cl_call, promise,
	    field_call[KF_PROMISE]),
	DECL("promised_by", XF_TIME, XF_NULL, struct cl_call, promised_by,
	    field_call[KF_PROMISED_BY]),
	DECL("notes", XF_TEXT, XF_NULL, struct cl_call, notes,
	    field_call[KF_NOTES]),
	DECL("created", XF_TIME, 0, struct cl_call, created,
	    field_call[KF_CREATED]),
	KEPT("updated", XF_TIME, 0, struct cl_call, updated, "updated_at"),
	DECL("credited", XF_MONEY, XF_NULL | XF_OPTIONAL | XF_SIGNED,
	    struct cl_call, credited, field_call[KF_CREDITED]),
	DENUM("promise_status", XF_NULL | XF_OPTIONAL, struct cl_call,
	    promise_mark, promise_names, PMARK_NONE,
	    field_call[KF_PROMISE_STATUS]),
	DECL("promise_marked", XF_TIME, XF_NULL | XF_OPTIONAL, struct cl_call,
	    promise_marked, field_call[KF_PROMISE_MARKED]),
	DECL("promise_note", XF_TEXT, XF_NULL | XF_OPTIONAL, struct cl_call,
	    promise_note, field_call[KF_PROMISE_NOTE]),
	/* the follow-up asked for on the call: the case's history */
	KEPT("follow_up", XF_TIME, XF_NULL | XF_OPTIONAL, struct cl_call,
	    follow_up, "follow_up_at"),
	END
};

const struct xfer_field xfer_event_fields[] = {
	ID(struct event_row, ev.id),
	UUID("uuid", struct event_row, ev.uuid),
	DECL("at", XF_TIME, 0, struct event_row, ev.at, field_event[EF_AT]),
	DENUM("kind", 0, struct event_row, ev.kind, event_names, 0,
	    field_event[EF_KIND]),
	DENUM("level", XF_NULL, struct event_row, ev.level, level_names,
	    LEVEL_NONE, field_event[EF_LEVEL]),
	DECL("due", XF_TIME, XF_NULL, struct event_row, ev.due,
	    field_event[EF_DUE]),
	DECL("note", XF_TEXT, XF_NULL, struct event_row, ev.note,
	    field_event[EF_NOTE]),
	KEPT("updated", XF_TIME, 0, struct event_row, updated, "updated_at"),
	END
};

/* A note's credit is in its case's currency, like a call's. */
const struct xfer_field xfer_note_fields[] = {
	ID(struct cl_note, id),
	UUID("uuid", struct cl_note, uuid),
	TIME("at", 0, struct cl_note, at),
	{ "text", XF_TEXT, 0, offsetof(struct cl_note, text), LIMIT_NOTE,
	    NULL, 0, NULL, NULL },
	OF("credited", XF_MONEY, XF_NULL | XF_SIGNED, struct cl_note,
	    credited),
	TIME("created", 0, struct cl_note, created),
	TIME("updated", 0, struct cl_note, updated),
	END
};

const struct xfer_field xfer_directory_fields[] = {
	ID(struct directory_row, id),
	UUID("uuid", struct directory_row, uuid),
	LINE("org", 0, struct directory_row, org, LIMIT_NAME),
	LINE("purpose", 0, struct directory_row, purpose, LIMIT_NAME),
	OF("number", XF_PHONE, 0, struct directory_row, number),
	LINE("note", XF_NULL, struct directory_row, note, LIMIT_LINE),
	TIME("updated", 0, struct directory_row, updated),
	END
};

const struct xfer_field xfer_reminder_fields[] = {
	UUID("case_uuid", struct sent_reminder, case_uuid),
	ENUM("kind", 0, struct sent_reminder, kind, reminder_kind_names, 0),
	TIME("due", 0, struct sent_reminder, due),
	TIME("sent", 0, struct sent_reminder, sent),
	END
};

#define AT(T, rec, f) ((const T *)(const void *)((const char *)(rec) + \
    (f)->offset))

/* The record's currency, for its money fields' decimals; dflt when the
 * record has none of its own. */
static const char *
record_currency(const struct xfer_field *f, const void *rec,
    const char *dflt)
{
	for (; f->key; f++)
		if (f->type == XF_CURRENCY)
			return AT(char, rec, f);
	return dflt ? dflt : "";
}

/* Field f of rec, money with the decimals of cur. */
static void
write_member(struct jsonw *j, const struct xfer_field *f, const void *rec,
    const char *cur)
{
	switch (f->type) {
	case XF_ID:
		jsonw_kint(j, f->key, *AT(long long, rec, f));
		break;
	case XF_UUID:
		jsonw_kstring(j, f->key, AT(char, rec, f));
		break;
	case XF_LINE:
	case XF_TEXT:
	case XF_PHONE:
	case XF_ACCOUNT:
		jsonw_kstring(j, f->key, *AT(char *, rec, f));
		break;
	case XF_TIME:
		jsonw_ktime(j, f->key, *AT(time_t, rec, f));
		break;
	case XF_ENUM: {
		int v = *AT(int, rec, f);

		jsonw_kstring(j, f->key, f->flags & XF_NULL &&
		    v == f->null_value ? NULL : enum_name(f->names, v));
		break;
	}
	case XF_SECONDS:
		jsonw_kint_opt(j, f->key, *AT(long, rec, f));
		break;
	case XF_COUNT:
		jsonw_kint(j, f->key, *AT(int, rec, f));
		break;
	case XF_REFS: {
		const struct cl_call *k = rec;

		jsonw_key(j, f->key);
		jsonw_array_begin(j);
		for (size_t i = 0; i < k->nrefs; i++)
			jsonw_string(j, k->refs[i]);
		jsonw_array_end(j);
		break;
	}
	case XF_MONEY: {
		char buf[MONEY_BUFSZ];
		long long v = *AT(long long, rec, f);

		money_format(v, cur, buf);
		jsonw_kstring(j, f->key, v ? buf : NULL);
		break;
	}
	case XF_CURRENCY:
		jsonw_kstring(j, f->key, *AT(char, rec, f) ?
		    AT(char, rec, f) : NULL);
		break;
	case XF_LIST:
		break;
	}
}

void
xfer_write_members_by(struct jsonw *j, const struct xfer_field *f,
    const void *rec, const char *dflt, xfer_own_fn *own, void *arg)
{
	const char *cur = record_currency(f, rec, dflt);

	for (; f->key; f++)
		if (own == NULL || own(j, f, rec, arg) == XFER_WRITE)
			write_member(j, f, rec, cur);
}

void
xfer_write_members(struct jsonw *j, const struct xfer_field *f,
    const void *rec, const char *dflt)
{
	xfer_write_members_by(j, f, rec, dflt, NULL, NULL);
}
