/*
 * view.c: the JSON and text forms of the journal's records.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "store.h"
#include "money.h"
#include "view.h"
#include "when.h"
#include "xfer.h"

static void open_promise(struct jsonw *j, const struct cl_case *c,
    time_t now);

#define DAY (24L * 60 * 60)

static const char *const reason_titles[REASON_COUNT] = {
	"lost or stolen card", "billing inquiry or dispute",
	"account management", "card activation", "unauthorized activity",
	"travel", "rewards", "business card", "general inquiry"
};

const char *
view_case_title(const struct cl_case *c)
{
	if (c->title && *c->title)
		return c->title;
	return c->reason >= 0 && c->reason < REASON_COUNT ?
	    reason_titles[c->reason] : "";
}

/*
 * show --json's members are the record's fields as the export writes
 * them (xfer.h: the same keys, types and order), so a field added to the
 * export is shown at once, with what the policy derives among them.  The
 * hooks below put those where the contract (DESIGN.md) has always had
 * them, and leave out what it never had.
 */
struct case_view {
	const struct policy *p;
	time_t now;
};

/* Whether and why to escalate, and the figures from the case's calls. */
static void
escalation_members(struct jsonw *j, const struct cl_case *c,
    const struct policy *p, time_t now)
{
	unsigned why = policy_escalation(c, p, now);
	int next = policy_next_level(c->escalation);

	jsonw_kbool(j, "escalate_suggested", why != 0);
	jsonw_kstring(j, "escalate_to", why && next != LEVEL_NONE ?
	    enum_name(&level_names, next) : NULL);
	jsonw_key(j, "escalate_reasons");
	jsonw_array_begin(j);
	if (why & ESCALATE_DAYS)
		jsonw_string(j, "days_open");
	if (why & ESCALATE_CALLS)
		jsonw_string(j, "calls");
	if (why & ESCALATE_PROMISE)
		jsonw_string(j, "promise_broken");
	jsonw_array_end(j);
	/* Credited in full: not escalated, to be resolved instead. */
	jsonw_kbool(j, "resolve_suggested", policy_settled(c));
	jsonw_kint(j, "calls", c->ncalls);
	jsonw_ktime(j, "last_call", c->last_call);
	open_promise(j, c, now);
}

/* Money as decimal strings, never floats (DESIGN.md): what was credited
 * and what is still outstanding, after what is disputed. */
static void
credit_members(struct jsonw *j, const struct cl_case *c)
{
	char buf[MONEY_BUFSZ];

	money_format(c->credited, c->currency, buf);
	jsonw_kstring(j, "credited", c->credited ? buf : NULL);
	money_format(money_outstanding(c->amount, c->credited),
	    c->currency, buf);
	jsonw_kstring(j, "outstanding", c->amount ? buf : NULL);
}

/* followup_seq and stage_at are the policy's bookkeeping, never shown. */
static int
case_own(struct jsonw *j, const struct xfer_field *f, const void *rec,
    void *arg)
{
	const struct cl_case *c = rec;
	const struct case_view *v = arg;

	if (!strcmp(f->key, "followup_seq") || !strcmp(f->key, "stage_at"))
		return XFER_SKIP;
	if (!strcmp(f->key, "escalation"))
		jsonw_kbool(j, "overdue", policy_overdue(c, v->now));
	else if (!strcmp(f->key, "resolved"))
		escalation_members(j, c, v->p, v->now);
	else if (!strcmp(f->key, "merchant"))
		credit_members(j, c);
	return XFER_WRITE;
}

void
view_case_members(struct jsonw *j, const struct cl_case *c,
    const struct policy *p, time_t now)
{
	struct case_view v = { p, now };

	xfer_write_members_by(j, xfer_case_fields, c, NULL, case_own, &v);
	view_promises_json(j, c, now);
}

/* The newest promise still open, or nulls: a promise kept, broken or
 * withdrawn is no longer open. */
static void
open_promise(struct jsonw *j, const struct cl_case *c, time_t now)
{
	struct cl_promise one;
	size_t n;
	const struct cl_promise *v = policy_case_promises(c, &one, &n);
	const struct cl_promise *open = NULL;

	for (size_t i = 0; i < n; i++) {
		struct promise_status ps;

		policy_promise(c, &v[i], now, &ps);
		if (ps.status == PMARK_NONE)
			open = &v[i];
	}
	jsonw_kstring(j, "open_promise", open ? open->text : NULL);
	jsonw_ktime(j, "open_promise_by", open ? open->by : 0);
}

void
view_promises_json(struct jsonw *j, const struct cl_case *c, time_t now)
{
	jsonw_key(j, "promises");
	jsonw_array_begin(j);
	for (size_t i = 0; i < c->npromises; i++) {
		const struct cl_promise *p = &c->promises[i];
		struct promise_status ps;

		policy_promise(c, p, now, &ps);
		jsonw_object_begin(j);
		jsonw_kstring(j, "text", p->text);
		jsonw_ktime(j, "by", p->by);
		jsonw_kint(j, "call", p->call);
		jsonw_kstring(j, "status", enum_name(&promise_names,
		    ps.status));
		jsonw_kbool(j, "marked", ps.marked);
		jsonw_ktime(j, "marked_at", ps.marked ? p->marked : 0);
		jsonw_kstring(j, "note", p->note);
		jsonw_object_end(j);
	}
	jsonw_array_end(j);
}

/* A call's case by its id and, in listings of many cases, its org; its
 * number as E.164 and extension apart.  The promise's mark is shown in
 * the case's "promises", the follow-up asked for in its history. */
static int
call_own(struct jsonw *j, const struct xfer_field *f, const void *rec,
    void *arg)
{
	const struct cl_call *c = rec;
	const int *with_org = arg;

	if (!strcmp(f->key, "started")) {
		jsonw_kint(j, "case", c->case_id);
		if (*with_org)
			jsonw_kstring(j, "org", c->org);
	} else if (!strcmp(f->key, "number")) {
		view_number_json(j, c->number);
		return XFER_SKIP;
	} else if (!strcmp(f->key, "promise_status") ||
	    !strcmp(f->key, "promise_marked") ||
	    !strcmp(f->key, "promise_note") || !strcmp(f->key, "follow_up"))
		return XFER_SKIP;
	return XFER_WRITE;
}

void
view_call_members(struct jsonw *j, const struct cl_call *c, int with_org)
{
	/* A call has no currency of its own: its case's. */
	xfer_write_members_by(j, xfer_call_fields, c, c->currency, call_own,
	    &with_org);
}

void
view_call_json(struct jsonw *j, const struct cl_call *c, int with_org)
{
	jsonw_object_begin(j);
	view_call_members(j, c, with_org);
	jsonw_object_end(j);
}

/* An event or a note has no id in show's timeline (a note has), and
 * neither its updated_at: those are the export's, for a journal copied
 * whole. */
static int
timeline_own(struct jsonw *j, const struct xfer_field *f, const void *rec,
    void *arg)
{
	const int *with_id = arg;

	(void)j;
	(void)rec;
	if (!strcmp(f->key, "updated") || (!*with_id && !strcmp(f->key, "id")))
		return XFER_SKIP;
	return XFER_WRITE;
}

void
view_event_json(struct jsonw *j, const struct cl_event *e)
{
	/* The export's table is of an event with its updated_at. */
	struct event_row r = { *e, 0 };
	int with_id = 0;

	jsonw_object_begin(j);
	xfer_write_members_by(j, xfer_event_fields, &r, NULL, timeline_own,
	    &with_id);
	jsonw_object_end(j);
}

void
view_note_json(struct jsonw *j, const struct cl_note *n, const char *cur)
{
	int with_id = 1;

	jsonw_object_begin(j);
	xfer_write_members_by(j, xfer_note_fields, n, cur, timeline_own,
	    &with_id);
	jsonw_object_end(j);
}

void
view_escalation_text(unsigned why, const struct cl_case *c, time_t now,
    char *buf, size_t size)
{
	size_t len = 0;
	char when[WHEN_BUFSZ];
	struct cl_promise p;
	struct promise_status ps;

	buf[0] = '\0';
	if (why & ESCALATE_DAYS)
		len += (size_t)snprintf(buf + len, size - len, "%s%ld days "
		    "without resolution", len ? ", " : "",
		    (long)((now - c->stage_at) / DAY));
	if (why & ESCALATE_CALLS && len < size)
		len += (size_t)snprintf(buf + len, size - len, "%s%d calls "
		    "without resolution", len ? ", " : "", c->stage_calls);
	if (why & ESCALATE_PROMISE && len < size &&
	    policy_broken_promise(c, now, &p, &ps)) {
		view_format_deadline(p.by ? p.by : ps.broken_at, when);
		snprintf(buf + len, size - len, "%spromise %s %s not kept",
		    len ? ", " : "", p.by ? "due" : "marked", when);
	}
}

void
view_number(const char *e164, char *buf, size_t size)
{
	char shown[PHONE_BUFSZ];

	if (e164 == NULL) {
		snprintf(buf, size, "-");
		return;
	}
	phone_format(e164, shown);
	snprintf(buf, size, "%s", shown);
}

void
view_number_json(struct jsonw *j, const char *stored)
{
	char e164[PHONE_BUFSZ];
	const char *ext = stored ? phone_split(stored, e164) : NULL;

	jsonw_kstring(j, "number", stored ? e164 : NULL);
	jsonw_kstring(j, "extension", ext);
}

int
view_date_only(time_t t)
{
	return policy_date_only(t);
}

void
view_format_deadline(time_t t, char *buf)
{
	if (view_date_only(t))
		when_format_date(t, buf);
	else
		when_format_local(t, buf);
}
