/*
 * test_policy.c: the escalation and follow-up rules as pure functions.
 */
#include <stdlib.h>
#include <time.h>

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

/*
 * The reminders due and their keys: "sent once" is keyed by them, so a key
 * that moved with the clock would send the same reminder on every run.
 */
static void
due_reminders(const struct policy *p)
{
	struct reminder r[REMIND_COUNT];
	struct cl_case c = fresh();
	int n;

	is_long(policy_due_reminders(&c, p, T0, r), 0,
	    "a fresh case has nothing due");

	c.next_followup = T0 - 3600;
	n = policy_due_reminders(&c, p, T0, r);
	is_long(n, 1, "a follow-up past due is one reminder");
	is_long(r[0].kind, REMIND_FOLLOWUP, "of kind follow-up");
	is_long(r[0].due, T0 - 3600, "due at the follow-up");
	is_long(r[0].key, T0 - 3600, "keyed by the follow-up's time");
	n = policy_due_reminders(&c, p, T0 + 5 * DAY, r);
	is_long(r[0].key, T0 - 3600, "the same key days later");

	c = fresh();
	c.promised_by = T0 - 60;
	n = policy_due_reminders(&c, p, T0, r);
	is_long(n, 2, "a promise past its deadline: its reminder, and an "
	    "escalation (a broken promise)");
	is_long(r[0].kind, REMIND_PROMISE, "the promise first");
	is_long(r[0].key, T0 - 60, "keyed by its deadline");
	is_long(r[1].kind, REMIND_ESCALATION, "then the escalation");
	is_long(r[1].level, LEVEL_SUPERVISOR, "asking for a supervisor");
	is_long(r[1].why, ESCALATE_PROMISE, "because of the promise");

	c = fresh();
	c.stage_at = T0 - 20 * DAY;
	n = policy_due_reminders(&c, p, T0, r);
	is_long(n, 1, "20 days in the stage: one escalation reminder");
	is_long(r[0].kind, REMIND_ESCALATION, "of kind escalation");
	is_long(r[0].key, T0 - 20 * DAY, "keyed by the stage's start");
	is_long(r[0].due, T0 - 6 * DAY, "due 14 days into the stage");
	n = policy_due_reminders(&c, p, T0 + 3 * DAY + 17, r);
	is_long(n, 1, "still one, three days later");
	is_long(r[0].key, T0 - 20 * DAY, "with the same key: sent once per "
	    "stage, whenever remind runs");
	c.escalation = LEVEL_SUPERVISOR;
	c.stage_at = T0;
	n = policy_due_reminders(&c, p, T0 + 15 * DAY, r);
	is_long(r[0].key, T0, "a new stage is a new key");
	is_long(r[0].level, LEVEL_COMPLAINT, "asking for the next level");

	c.next_followup = T0 - 1;
	c.status = STATUS_RESOLVED;
	is_long(policy_due_reminders(&c, p, T0 + 30 * DAY, r), 0,
	    "a resolved case has nothing due");
}

/*
 * One notification per case: the reminders due, most urgent first, and
 * how urgent the one that leads is.
 */
static void
ordering(const struct policy *p)
{
	struct reminder r[REMIND_COUNT];
	struct cl_case c = fresh();
	int n;

	c.reason = REASON_BILLING;
	c.next_followup = T0 - 2 * DAY;
	c.promised_by = T0 - 3 * DAY;
	c.stage_at = T0 - 4 * DAY;
	n = policy_due_reminders(&c, p, T0, r);
	is_long(n, 3, "a late follow-up, a broken promise, an escalation");
	policy_order_reminders(r, n, T0);
	is_long(r[0].kind, REMIND_ESCALATION, "the escalation leads");
	is_long(r[1].kind, REMIND_PROMISE, "then the broken promise");
	is_long(r[2].kind, REMIND_FOLLOWUP, "then the follow-up");
	ok(policy_urgent(&c, &r[0], T0), "an escalation step is critical");

	is_long(policy_reminder_rank(&(struct reminder){
	    .kind = REMIND_ESCALATION, .level = LEVEL_REGULATOR }, T0),
	    RANK_REGULATOR, "the regulator step ranks first");
	ok(policy_reminder_rank(&(struct reminder){ .kind = REMIND_ESCALATION,
	    .level = LEVEL_REGULATOR }, T0) < policy_reminder_rank(
	    &(struct reminder){ .kind = REMIND_ESCALATION,
	    .level = LEVEL_COMPLAINT }, T0), "above the complaint step");
	ok(policy_reminder_rank(&(struct reminder){ .kind = REMIND_ESCALATION,
	    .level = LEVEL_COMPLAINT }, T0) < policy_reminder_rank(
	    &(struct reminder){ .kind = REMIND_ESCALATION,
	    .level = LEVEL_SUPERVISOR }, T0), "above the supervisor step");
	ok(policy_reminder_rank(&(struct reminder){ .kind = REMIND_ESCALATION,
	    .level = LEVEL_SUPERVISOR }, T0) < policy_reminder_rank(
	    &(struct reminder){ .kind = REMIND_PROMISE, .due = T0 }, T0),
	    "above a broken promise");
	is_long(policy_reminder_rank(&(struct reminder){
	    .kind = REMIND_FOLLOWUP, .due = T0 - DAY - 1 }, T0), RANK_OVERDUE,
	    "a follow-up more than a day late is overdue");
	is_long(policy_reminder_rank(&(struct reminder){
	    .kind = REMIND_FOLLOWUP, .due = T0 - DAY }, T0), RANK_FOLLOWUP,
	    "one a day late is just due");
	ok(RANK_PROMISE < RANK_OVERDUE && RANK_OVERDUE < RANK_FOLLOWUP,
	    "a broken promise, then overdue, then due follow-ups");

	r[0] = (struct reminder){ .kind = REMIND_FOLLOWUP, .due = T0 - 60 };
	r[1] = (struct reminder){ .kind = REMIND_PROMISE, .due = T0 - 120 };
	policy_order_reminders(r, 2, T0);
	is_long(r[0].kind, REMIND_PROMISE, "a promise before a follow-up");
	r[0] = (struct reminder){ .kind = REMIND_FOLLOWUP, .due = T0 - 60 };
	policy_order_reminders(r, 1, T0);
	is_long(r[0].due, T0 - 60, "one reminder stays as it is");

	ok(!policy_urgent(&c, &(struct reminder){ .kind = REMIND_FOLLOWUP,
	    .due = T0 - 3600 }, T0), "a follow-up just due is not critical");
	ok(!policy_urgent(&c, &(struct reminder){ .kind = REMIND_PROMISE,
	    .due = T0 - 3600 }, T0), "nor a promise just broken");
	ok(policy_urgent(&c, &(struct reminder){ .kind = REMIND_FOLLOWUP,
	    .due = T0 - DAY - 1 }, T0), "a follow-up over a day late is");
	c.reason = REASON_FRAUD;
	ok(policy_urgent(&c, &(struct reminder){ .kind = REMIND_FOLLOWUP,
	    .due = T0 - 3600 }, T0), "so is anything about fraud");
	c.reason = REASON_LOST_CARD;
	ok(policy_urgent(&c, &(struct reminder){ .kind = REMIND_FOLLOWUP,
	    .due = T0 - 3600 }, T0), "or a lost card");
}

/* The one judgement of a promise, and what escalation makes of it. */
static void
promises(const struct policy *p)
{
	struct cl_case c = fresh();
	struct cl_promise v[2] = { { .call = 1, .made = T0 - DAY,
	    .by = T0 - 3600 }, { .call = 2, .made = T0 - DAY } };
	struct promise_status ps;
	struct reminder r[REMIND_COUNT];
	struct tm tm = { .tm_year = 126, .tm_mon = 10, .tm_mday = 9,
	    .tm_hour = 23, .tm_min = 59, .tm_sec = 59, .tm_isdst = -1 };

	c.promises = v;
	c.npromises = 1;
	policy_promise(&c, &v[0], T0, &ps);
	is_long(ps.status, PMARK_BROKEN, "past its deadline, unresolved: "
	    "broken");
	is_long(ps.broken_at, T0 - 3600, "broken at the deadline");
	is_long(policy_escalation(&c, p, T0), ESCALATE_PROMISE,
	    "a broken promise suggests escalation");
	v[0].mark = PMARK_KEPT;
	v[0].marked = T0 - 7200;
	policy_promise(&c, &v[0], T0, &ps);
	is_long(ps.status * 10 + ps.marked, PMARK_KEPT * 10 + 1,
	    "marked kept by hand: kept, and marked");
	is_long(policy_escalation(&c, p, T0), 0, "a promise marked kept does "
	    "not escalate");
	is_long(policy_due_reminders(&c, p, T0, r), 0, "nor is it a reminder");
	v[0].mark = PMARK_BROKEN;
	v[0].by = T0 + DAY;
	policy_promise(&c, &v[0], T0, &ps);
	is_long(ps.broken_at, T0 - 7200, "marked broken before its deadline: "
	    "broken when marked");
	v[0] = (struct cl_promise){ .call = 1, .made = T0 - DAY,
	    .by = T0 - 3600 };

	c.status = STATUS_RESOLVED;
	c.resolved_at = T0 - 3600;
	policy_promise(&c, &v[0], T0, &ps);
	is_long(ps.status, PMARK_KEPT, "resolved by the deadline's second: kept");
	is_long(ps.kept_at, T0 - 3600, "kept when resolved");
	c.resolved_at = T0 - 3599;
	policy_promise(&c, &v[0], T0, &ps);
	is_long(ps.status, PMARK_BROKEN, "resolved a second late: broken");
	policy_promise(&c, &v[1], T0, &ps);
	is_long(ps.status, PMARK_KEPT, "no deadline, resolved: kept");
	c.status = STATUS_OPEN;
	c.resolved_at = 0;
	policy_promise(&c, &v[1], T0, &ps);
	is_long(ps.status, PMARK_NONE, "no deadline, reopened: open");
	policy_promise(&c, &v[0], T0, &ps);
	is_long(ps.status, PMARK_BROKEN, "a resolution reopened keeps nothing");

	c = fresh();
	c.stage_at = T0 - 20 * DAY;
	c.stage_calls = 4;
	v[0].by = T0 + DAY;
	c.promises = v;
	c.npromises = 1;
	is_long(policy_escalation(&c, p, T0), 0, "escalation waits for a "
	    "deadline still ahead");
	is_long(policy_promise_wait(&c, T0), T0 + DAY, "until that deadline");
	is_long(policy_escalation_deadline(&c, p), T0 + DAY + 1,
	    "and is due once it has passed");
	is_long(policy_escalation(&c, p, T0 + DAY + 1),
	    ESCALATE_DAYS | ESCALATE_CALLS | ESCALATE_PROMISE,
	    "then every reason counts");

	c.amount = 64210;
	c.credited = 64210;
	is_long(policy_settled(&c), 1, "credited in full: settled");
	is_long(policy_escalation(&c, p, T0 + DAY + 1), 0, "not escalated");
	is_long(policy_escalation_deadline(&c, p), 0, "nor given a deadline");
	c.credited = 64209;
	is_long(policy_settled(&c), 0, "a cent short is not settled");
	c.amount = c.credited = 0;
	is_long(policy_settled(&c), 0, "nor is a case without an amount");

	setenv("TZ", "America/New_York", 1);
	tzset();
	is_long(policy_date_only(mktime(&tm)), 1, "23:59:59 local: a deadline "
	    "given as a date");
	is_long(policy_date_only(mktime(&tm) - 1), 0, "a second before: a time");
	is_long(policy_next_followup(0, mktime(&tm), 0, p, T0),
	    mktime(&tm) + 1 + 9 * 3600, "the follow-up after a date deadline "
	    "is 09:00 the next morning");
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
	is_long(policy_escalation_deadline(&c, &p), T0 + 5 * DAY + 1,
	    "an open promise sets the escalation deadline, once passed");
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
	due_reminders(&p);
	ordering(&p);
	promises(&p);
	return tap_done();
}
