/*
 * view.c: the JSON and text forms of the journal's records.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "money.h"
#include "view.h"
#include "when.h"

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

void
view_case_members(struct jsonw *j, const struct cl_case *c,
    const struct policy *p, time_t now)
{
	unsigned why = policy_escalation(c, p, now);
	int next = policy_next_level(c->escalation);

	jsonw_kint(j, "id", c->id);
	jsonw_kstring(j, "uuid", c->uuid);
	jsonw_kstring(j, "org", c->org);
	jsonw_kstring(j, "reason", enum_name(&reason_names, c->reason));
	jsonw_kstring(j, "title", c->title);
	jsonw_kstring(j, "account", c->account);
	jsonw_kstring(j, "status", enum_name(&status_names, c->status));
	jsonw_kstring(j, "priority", enum_name(&priority_names, c->priority));
	jsonw_ktime(j, "opened", c->opened);
	jsonw_ktime(j, "updated", c->updated);
	jsonw_ktime(j, "next_followup", c->next_followup);
	jsonw_kbool(j, "overdue", policy_overdue(c, now));
	jsonw_kstring(j, "escalation", enum_name(&level_names, c->escalation));
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
	jsonw_ktime(j, "resolved", c->resolved_at);
	jsonw_kstring(j, "resolution", c->resolution);
	view_money_members(j, c);
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

/* Money as decimal strings, never floats (DESIGN.md): what is disputed,
 * what was credited, and what is still outstanding. */
void
view_money_members(struct jsonw *j, const struct cl_case *c)
{
	char buf[MONEY_BUFSZ];

	money_format(c->amount, c->currency, buf);
	jsonw_kstring(j, "amount", c->amount ? buf : NULL);
	jsonw_kstring(j, "currency", c->currency[0] ? c->currency : NULL);
	money_format(c->credited, c->currency, buf);
	jsonw_kstring(j, "credited", c->credited ? buf : NULL);
	money_format(money_outstanding(c->amount, c->credited),
	    c->currency, buf);
	jsonw_kstring(j, "outstanding", c->amount ? buf : NULL);
	jsonw_kstring(j, "merchant", c->merchant);
	jsonw_ktime(j, "charged", c->charged_at);
}

void
view_call_members(struct jsonw *j, const struct cl_call *c, int with_org)
{
	jsonw_kint(j, "id", c->id);
	jsonw_kstring(j, "uuid", c->uuid);
	jsonw_kint(j, "case", c->case_id);
	if (with_org)
		jsonw_kstring(j, "org", c->org);
	jsonw_ktime(j, "started", c->started);
	jsonw_kstring(j, "channel", enum_name(&channel_names, c->channel));
	jsonw_kstring(j, "direction", enum_name(&direction_names,
	    c->direction));
	view_number_json(j, c->number);
	jsonw_kstring(j, "department", c->department);
	jsonw_kstring(j, "ivr", c->ivr);
	jsonw_kstring(j, "rep", c->rep);
	jsonw_key(j, "refs");
	jsonw_array_begin(j);
	for (size_t i = 0; i < c->nrefs; i++)
		jsonw_string(j, c->refs[i]);
	jsonw_array_end(j);
	jsonw_kint_opt(j, "hold_seconds", c->hold);
	jsonw_kint_opt(j, "duration_seconds", c->duration);
	jsonw_kstring(j, "outcome", enum_name(&outcome_names, c->outcome));
	jsonw_kstring(j, "promise", c->promise);
	jsonw_ktime(j, "promised_by", c->promised_by);
	jsonw_kstring(j, "notes", c->notes);
	jsonw_ktime(j, "created", c->created);
	jsonw_ktime(j, "updated", c->updated);
	if (c->credited) {
		char buf[MONEY_BUFSZ];

		/* A call has no currency of its own: its case's. */
		money_format(c->credited, c->currency, buf);
		jsonw_kstring(j, "credited", buf);
	} else
		jsonw_kstring(j, "credited", NULL);
}

void
view_call_json(struct jsonw *j, const struct cl_call *c, int with_org)
{
	jsonw_object_begin(j);
	view_call_members(j, c, with_org);
	jsonw_object_end(j);
}

void
view_event_json(struct jsonw *j, const struct cl_event *e)
{
	jsonw_object_begin(j);
	jsonw_kstring(j, "uuid", e->uuid);
	jsonw_ktime(j, "at", e->at);
	jsonw_kstring(j, "kind", enum_name(&event_names, e->kind));
	jsonw_kstring(j, "level", e->level == LEVEL_NONE ? NULL :
	    enum_name(&level_names, e->level));
	jsonw_ktime(j, "due", e->due);
	jsonw_kstring(j, "note", e->note);
	jsonw_object_end(j);
}

void
view_note_json(struct jsonw *j, const struct cl_note *n, const char *cur)
{
	char m[MONEY_BUFSZ];

	money_format(n->credited, cur, m);
	jsonw_object_begin(j);
	jsonw_kint(j, "id", n->id);
	jsonw_kstring(j, "uuid", n->uuid);
	jsonw_ktime(j, "at", n->at);
	jsonw_kstring(j, "text", n->text);
	jsonw_kstring(j, "credited", n->credited ? m : NULL);
	jsonw_ktime(j, "created", n->created);
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
