/*
 * test_policy.c: the escalation and follow-up rules as pure functions.
 */
#include "policy.h"
#include "tap.h"

#define DAY (24L * 60 * 60)
#define T0 1795000000L		/* an arbitrary "now" */

static struct cl_case
fresh(void)
{
	struct cl_case c = { 0 };

	c.status = STATUS_OPEN;
	c.escalation = LEVEL_NONE;
	c.opened = c.stage_at = T0 - DAY;
	c.stage_calls = 1;
	return c;
}

int
main(void)
{
	struct policy p;
	struct cl_case c;

	policy_defaults(&p);
	is_long(p.days_open, 14, "default: escalate after 14 days");
	is_long(p.max_calls, 3, "default: escalate after 3 calls");
	is_long(p.followup_secs, 7 * DAY, "default: follow up in 7 days");

	c = fresh();
	is_long(policy_escalation(&c, &p, T0), 0, "a day-old case with one "
	    "call needs nothing");

	c.stage_at = T0 - 14 * DAY;
	is_long(policy_escalation(&c, &p, T0), ESCALATE_DAYS,
	    "14 days in the stage suggests escalation");
	c.stage_at = T0 - 14 * DAY + 1;
	is_long(policy_escalation(&c, &p, T0), 0, "one second short of 14 "
	    "days does not");

	c = fresh();
	c.stage_calls = 3;
	is_long(policy_escalation(&c, &p, T0), ESCALATE_CALLS,
	    "three calls without resolution suggest escalation");
	c.stage_calls = 2;
	is_long(policy_escalation(&c, &p, T0), 0, "two calls do not");

	c = fresh();
	c.promised_by = T0 - 1;
	is_long(policy_escalation(&c, &p, T0), ESCALATE_PROMISE,
	    "a promise past its deadline suggests escalation");
	c.promised_by = T0 + 1;
	is_long(policy_escalation(&c, &p, T0), 0, "a promise not yet due "
	    "does not");
	c.promised_by = c.stage_at - 1;
	is_long(policy_escalation(&c, &p, T0), 0, "a deadline that passed "
	    "before the last escalation was answered by it");
	c.promised_by = T0 + 5 * DAY;
	is_long(policy_escalation_deadline(&c, &p), T0 + 5 * DAY,
	    "an open promise sets the escalation deadline");
	c.promised_by = c.stage_at - 1;
	is_long(policy_escalation_deadline(&c, &p), c.stage_at + 14 * DAY,
	    "a promise broken before the stage does not");

	c = fresh();
	c.stage_calls = 5;
	c.stage_at = T0 - 30 * DAY;
	c.promised_by = T0 - DAY;
	is_long(policy_escalation(&c, &p, T0),
	    ESCALATE_DAYS | ESCALATE_CALLS | ESCALATE_PROMISE,
	    "all reasons are reported together");
	c.status = STATUS_RESOLVED;
	is_long(policy_escalation(&c, &p, T0), 0, "a resolved case is never "
	    "suggested");
	c.status = STATUS_ESCALATED;
	c.escalation = LEVEL_REGULATOR;
	is_long(policy_escalation(&c, &p, T0), 0, "nothing is above a "
	    "regulator");

	p.max_calls = 0;
	p.days_open = 0;
	c = fresh();
	c.stage_calls = 10;
	c.stage_at = T0 - 100 * DAY;
	is_long(policy_escalation(&c, &p, T0), 0, "thresholds of 0 are "
	    "switched off");
	policy_defaults(&p);

	is_long(policy_next_level(LEVEL_NONE), LEVEL_SUPERVISOR,
	    "first a supervisor");
	is_long(policy_next_level(LEVEL_SUPERVISOR), LEVEL_COMPLAINT,
	    "then a formal complaint");
	is_long(policy_next_level(LEVEL_COMPLAINT), LEVEL_REGULATOR,
	    "then a regulator");
	is_long(policy_next_level(LEVEL_REGULATOR), LEVEL_NONE,
	    "then nothing");

	c = fresh();
	c.next_followup = T0;
	ok(policy_overdue(&c, T0), "a follow-up due now is overdue");
	c.next_followup = T0 + 1;
	ok(!policy_overdue(&c, T0), "one due later is not");
	c.next_followup = 0;
	ok(!policy_overdue(&c, T0), "no follow-up is never overdue");
	c.next_followup = T0 - 1;
	c.status = STATUS_RESOLVED;
	ok(!policy_overdue(&c, T0), "a resolved case is never overdue");

	is_long(policy_status_after_call(OUTCOME_RESOLVED, LEVEL_SUPERVISOR,
	    1), STATUS_RESOLVED, "resolved ends the case, whatever else");
	is_long(policy_status_after_call(OUTCOME_FOLLOW_UP, LEVEL_SUPERVISOR,
	    0), STATUS_ESCALATED, "an escalated case stays escalated");
	is_long(policy_status_after_call(OUTCOME_CALLBACK, LEVEL_NONE, 0),
	    STATUS_WAITING, "a promised callback is waiting on them");
	is_long(policy_status_after_call(OUTCOME_INFO, LEVEL_NONE, 1),
	    STATUS_WAITING, "a promise is waiting on them");
	is_long(policy_status_after_call(OUTCOME_DROPPED, LEVEL_NONE, 0),
	    STATUS_OPEN, "a dropped call leaves the case open");
	is_long(policy_status_after_call(OUTCOME_NONE, LEVEL_NONE, 0),
	    STATUS_OPEN, "no outcome leaves the case open");

	is_long(policy_next_followup(T0 + 5, T0 + 2 * DAY, T0 + DAY, &p, T0),
	    T0 + 5, "an asked-for follow-up wins");
	is_long(policy_next_followup(0, T0 + 2 * DAY, T0 + DAY, &p, T0),
	    T0 + 3 * DAY, "else the day after a promise's deadline");
	is_long(policy_next_followup(0, 0, T0 + DAY, &p, T0), T0 + DAY,
	    "else the current follow-up when still ahead");
	is_long(policy_next_followup(0, 0, T0 - DAY, &p, T0), T0 + 7 * DAY,
	    "else the default interval from the call");
	is_long(policy_next_followup(0, 0, 0, &p, T0), T0 + 7 * DAY,
	    "a case without a follow-up gets the default interval");
	return tap_done();
}
