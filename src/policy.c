/*
 * policy.c: escalation and follow-up rules, as pure functions of a case and
 * the clock.
 */
#include "policy.h"
#include "when.h"

#define DAY (24L * 60 * 60)

void
policy_defaults(struct policy *p)
{
	p->days_open = 14;
	p->max_calls = 3;
	p->followup_secs = 7 * DAY;
}

unsigned
policy_escalation(const struct cl_case *c, const struct policy *p,
    time_t now)
{
	unsigned why = 0;

	if (c->status == STATUS_RESOLVED || c->escalation == LEVEL_REGULATOR)
		return 0;
	if (p->days_open > 0 && now - c->stage_at >= p->days_open * DAY)
		why |= ESCALATE_DAYS;
	if (p->max_calls > 0 && c->stage_calls >= p->max_calls)
		why |= ESCALATE_CALLS;
	/* A deadline that passed before the last escalation was answered by
	 * it; one that passes during this stage asks for the next level. */
	if (c->promised_by && c->promised_by < now &&
	    c->promised_by >= c->stage_at)
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
	int n = 0;

	if (c->status == STATUS_RESOLVED)
		return 0;
	if (c->next_followup && c->next_followup <= now)
		out[n++] = (struct reminder){ .kind = REMIND_FOLLOWUP,
		    .due = c->next_followup, .key = c->next_followup };
	if (c->promised_by && c->promised_by <= now)
		out[n++] = (struct reminder){ .kind = REMIND_PROMISE,
		    .due = c->promised_by, .key = c->promised_by };
	if (why)
		out[n++] = (struct reminder){ .kind = REMIND_ESCALATION,
		    .due = policy_escalation_deadline(c, p), .key = c->stage_at,
		    .why = why, .level = policy_next_level(c->escalation) };
	return n;
}

time_t
policy_escalation_deadline(const struct cl_case *c, const struct policy *p)
{
	time_t t = 0;

	if (c->status == STATUS_RESOLVED || c->escalation == LEVEL_REGULATOR)
		return 0;
	if (p->days_open > 0)
		t = c->stage_at + p->days_open * DAY;
	if (c->promised_by && c->promised_by >= c->stage_at &&
	    (t == 0 || c->promised_by < t))
		t = c->promised_by;
	if (p->max_calls > 0 && c->stage_calls >= p->max_calls &&
	    c->last_call && (t == 0 || c->last_call < t))
		t = c->last_call;
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
