/*
 * policy.c: escalation and follow-up rules, as pure functions of a case and
 * the clock.
 */
#include <string.h>

#include "policy.h"
#include "when.h"

#define DAY (24L * 60 * 60)

static time_t morning_after(time_t by);

void
policy_defaults(struct policy *p)
{
	p->days_open = 14;
	p->max_calls = 3;
	p->followup_secs = 7 * DAY;
}

void
policy_promise(const struct cl_case *c, const struct cl_promise *p,
    time_t now, struct promise_status *out)
{
	/* A reopening clears resolved_at: only a standing resolution
	 * counts, so a resolution made by mistake keeps nothing. */
	time_t resolved = c->status == STATUS_RESOLVED ? c->resolved_at : 0;

	memset(out, 0, sizeof(*out));
	if (p->mark != PMARK_NONE) {
		out->status = p->mark;
		out->marked = 1;
		if (p->mark == PMARK_KEPT)
			out->kept_at = p->marked;
		else if (p->mark == PMARK_BROKEN)
			out->broken_at = p->by && (p->marked == 0 ||
			    p->by < p->marked) ? p->by : p->marked;
		return;
	}
	if (resolved && (p->by == 0 || resolved <= p->by)) {
		out->status = PMARK_KEPT;
		out->kept_at = resolved;
	} else if (p->by && (resolved || p->by < now)) {
		out->status = PMARK_BROKEN;
		out->broken_at = p->by;
	} else
		out->status = PMARK_NONE;
}

struct cl_promise
policy_promise_of_call(const struct cl_call *k)
{
	return (struct cl_promise){ .call = k->id, .made = k->started,
	    .by = k->promised_by, .mark = k->promise_mark,
	    .marked = k->promise_marked, .text = k->promise,
	    .note = k->promise_note };
}

const struct cl_promise *
policy_case_promises(const struct cl_case *c, struct cl_promise *one,
    size_t *n)
{
	if (c->npromises || (c->promise == NULL && c->promised_by == 0)) {
		*n = c->npromises;
		return c->promises;
	}
	*one = (struct cl_promise){ .made = c->last_call,
	    .by = c->promised_by, .text = c->promise };
	*n = 1;
	return one;
}

int
policy_broken_promise(const struct cl_case *c, time_t now,
    struct cl_promise *which, struct promise_status *ps)
{
	struct cl_promise one;
	size_t n;
	const struct cl_promise *v = policy_case_promises(c, &one, &n);
	int found = 0;

	for (size_t i = 0; i < n; i++) {
		struct promise_status st;

		policy_promise(c, &v[i], now, &st);
		/* A promise broken before the last escalation was answered
		 * by it; one broken during this stage asks for the next. */
		if (st.status != PMARK_BROKEN || st.broken_at < c->stage_at ||
		    (found && st.broken_at < ps->broken_at))
			continue;
		*ps = st;
		if (which)
			*which = v[i];
		found = 1;
	}
	return found;
}

time_t
policy_promise_wait(const struct cl_case *c, time_t now)
{
	struct cl_promise one;
	size_t n;
	const struct cl_promise *v = policy_case_promises(c, &one, &n);
	time_t until = 0;

	for (size_t i = 0; i < n; i++) {
		struct promise_status st;

		policy_promise(c, &v[i], now, &st);
		if (st.status == PMARK_NONE && v[i].by > now && v[i].by > until)
			until = v[i].by;
	}
	return until;
}

int
policy_date_only(time_t t)
{
	struct tm tm;

	return t && localtime_r(&t, &tm) && tm.tm_hour == 23 &&
	    tm.tm_min == 59 && tm.tm_sec == 59;
}

int
policy_settled(const struct cl_case *c)
{
	return c->status != STATUS_RESOLVED && c->amount > 0 &&
	    c->credited >= c->amount;
}

unsigned
policy_escalation(const struct cl_case *c, const struct policy *p,
    time_t now)
{
	struct promise_status ps;
	unsigned why = 0;

	if (c->status == STATUS_RESOLVED || c->escalation == LEVEL_REGULATOR ||
	    policy_settled(c) || policy_promise_wait(c, now))
		return 0;
	if (p->days_open > 0 && now - c->stage_at >= p->days_open * DAY)
		why |= ESCALATE_DAYS;
	if (p->max_calls > 0 && c->stage_calls >= p->max_calls)
		why |= ESCALATE_CALLS;
	if (policy_broken_promise(c, now, NULL, &ps))
		why |= ESCALATE_PROMISE;
	return why;
}

int
policy_next_level(int level)
{
	switch (level) {
	case LEVEL_NONE:
		return LEVEL_SUPERVISOR;
	case LEVEL_SUPERVISOR:
		return LEVEL_COMPLAINT;
	case LEVEL_COMPLAINT:
		return LEVEL_REGULATOR;
	default:
		return LEVEL_NONE;
	}
}

int
policy_overdue(const struct cl_case *c, time_t now)
{
	return c->status != STATUS_RESOLVED && c->next_followup &&
	    c->next_followup <= now;
}

int
policy_status_after_call(int outcome, int escalation, int promised)
{
	if (outcome == OUTCOME_RESOLVED)
		return STATUS_RESOLVED;
	if (escalation != LEVEL_NONE)
		return STATUS_ESCALATED;
	if (outcome == OUTCOME_CALLBACK || promised)
		return STATUS_WAITING;
	return STATUS_OPEN;
}

time_t
policy_next_followup(time_t asked, time_t promised_by, time_t current,
    const struct policy *p, time_t now)
{
	if (asked)
		return asked;
	if (promised_by && policy_date_only(promised_by))
		return morning_after(promised_by);
	if (promised_by)
		return promised_by + DAY;
	if (current > now)
		return current;
	return now + p->followup_secs;
}

int
policy_due_reminders(const struct cl_case *c, const struct policy *p,
    time_t now, struct reminder out[REMIND_COUNT])
{
	unsigned why = policy_escalation(c, p, now);
	struct promise_status ps;
	int n = 0;

	if (c->status == STATUS_RESOLVED)
		return 0;
	if (c->next_followup && c->next_followup <= now)
		out[n++] = (struct reminder){ .kind = REMIND_FOLLOWUP,
		    .due = c->next_followup, .key = c->next_followup };
	if (policy_broken_promise(c, now, NULL, &ps))
		out[n++] = (struct reminder){ .kind = REMIND_PROMISE,
		    .due = ps.broken_at, .key = ps.broken_at };
	if (why)
		out[n++] = (struct reminder){ .kind = REMIND_ESCALATION,
		    .due = policy_escalation_deadline(c, p), .key = c->stage_at,
		    .why = why, .level = policy_next_level(c->escalation) };
	return n;
}

/* A deadline given as a date ends at midnight: what follows it is due
 * the next morning at 09:00, not in the middle of the night. */
static time_t
morning_after(time_t by)
{
	return policy_date_only(by) ? by + 1 + 9 * 3600 : by;
}

/* The first second after deadline by (0 for none): a promise is broken
 * once its deadline has passed.  The same instant in every zone, so a
 * calendar written under another TZ does not move. */
static time_t
past(time_t by)
{
	return by ? by + 1 : 0;
}

time_t
policy_escalation_deadline(const struct cl_case *c, const struct policy *p)
{
	struct cl_promise one;
	size_t n;
	const struct cl_promise *v = policy_case_promises(c, &one, &n);
	time_t t = 0, wait = 0;

	if (c->status == STATUS_RESOLVED || c->escalation == LEVEL_REGULATOR ||
	    policy_settled(c))
		return 0;
	if (p->days_open > 0)
		t = c->stage_at + p->days_open * DAY;
	for (size_t i = 0; i < n; i++) {
		struct promise_status st;
		time_t broke;

		/* When it breaks (unmarked: at its deadline, the case being
		 * unresolved; escalation is due the second after) or broke
		 * (marked broken: as policy_promise says). */
		policy_promise(c, &v[i], 0, &st);
		broke = v[i].mark == PMARK_NONE ? v[i].by : st.broken_at;
		if (broke && broke >= c->stage_at) {
			time_t at = v[i].mark == PMARK_NONE ? past(broke) : broke;

			if (t == 0 || at < t)
				t = at;
		}
		if (v[i].mark == PMARK_NONE && past(v[i].by) > wait)
			wait = past(v[i].by);
	}
	if (p->max_calls > 0 && c->stage_calls >= p->max_calls &&
	    c->last_call && (t == 0 || c->last_call < t))
		t = c->last_call;
	/* Nothing is escalated while the rep's deadline is ahead. */
	if (t && wait > t)
		t = wait;
	/* A deadline is shown and exported: keep it a date that reads back. */
	return t > (time_t)WHEN_MAX_TIME ? (time_t)WHEN_MAX_TIME : t;
}

int
policy_reminder_rank(const struct reminder *r, time_t now)
{
	switch (r->kind) {
	case REMIND_ESCALATION:
		return r->level == LEVEL_REGULATOR ? RANK_REGULATOR :
		    r->level == LEVEL_COMPLAINT ? RANK_COMPLAINT :
		    RANK_SUPERVISOR;
	case REMIND_PROMISE:
		return RANK_PROMISE;
	default:
		return now - r->due > POLICY_OVERDUE_SECS ? RANK_OVERDUE :
		    RANK_FOLLOWUP;
	}
}

void
policy_order_reminders(struct reminder *r, int n, time_t now)
{
	/* An insertion sort: n is at most REMIND_COUNT, and it is stable. */
	for (int i = 1; i < n; i++) {
		struct reminder x = r[i];
		int rank = policy_reminder_rank(&x, now), k = i;

		for (; k > 0 && policy_reminder_rank(&r[k - 1], now) > rank; k--)
			r[k] = r[k - 1];
		r[k] = x;
	}
}

int
policy_urgent(const struct cl_case *c, const struct reminder *lead,
    time_t now)
{
	if (c->reason == REASON_LOST_CARD || c->reason == REASON_FRAUD)
		return 1;
	if (lead->kind == REMIND_ESCALATION)
		return 1;
	return now - lead->due > POLICY_OVERDUE_SECS;
}
