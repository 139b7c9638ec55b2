/*
 * test_case_rules.c: every transition of a case's state, and every
 * refusal, through case_apply alone.
 */
#include <stdlib.h>
#include <string.h>

#include "case_rules.h"
#include "tap.h"
#include "util.h"

#define DAY (24L * 60 * 60)
#define T0 1795000000L

static struct policy pol;

static struct cl_case
fresh(void)
{
	struct cl_case c = { 0 };

	c.id = 7;
	c.status = STATUS_OPEN;
	c.escalation = LEVEL_NONE;
	c.opened = c.stage_at = T0 - DAY;
	c.next_followup = T0 + 3 * DAY;
	c.followup_seq = 1;
	return c;
}

static struct cl_case
resolved(void)
{
	struct cl_case c = fresh();

	c.status = STATUS_RESOLVED;
	c.resolved_at = T0 - 1;
	c.resolution = xstrdup("refunded");
	c.next_followup = 0;
	return c;
}

static struct cl_call
call(int outcome)
{
	struct cl_call k = { 0 };

	k.started = T0;
	k.outcome = outcome;
	return k;
}

static int
apply(struct cl_case *c, const struct case_change *ch,
    struct case_effects *fx)
{
	return case_apply(c, ch, &pol, T0, fx);
}

static void
test_calls(void)
{
	struct case_effects fx;
	struct cl_case c = fresh();
	struct cl_call k = call(OUTCOME_FOLLOW_UP);
	struct case_change ch = { .kind = CHANGE_CALL, .call = &k };
	char msg[200];

	is_long(apply(&c, &ch, &fx), RULE_OK, "a follow-up call applies");
	is_long(c.status, STATUS_OPEN, "and leaves the case open");
	is_long(c.next_followup, T0 + 3 * DAY, "keeping a follow-up ahead");
	is_long(fx.nev, 0, "with no event");
	is_long(c.updated, T0, "the case is updated now");

	k = call(OUTCOME_CALLBACK);
	is_long(apply(&c, &ch, &fx), RULE_OK, "a callback call applies");
	is_long(c.status, STATUS_WAITING, "and the case waits on them");

	ch.follow_up = T0 + DAY;
	k = call(OUTCOME_INFO);
	apply(&c, &ch, &fx);
	is_long(c.next_followup, T0 + DAY, "--follow-up moves the follow-up");
	is_long(c.followup_seq, 2, "and bumps its sequence");
	ok(fx.followup_moved, "and says it moved");
	ch.follow_up = 0;

	k = call(OUTCOME_ESCALATED);
	is_long(apply(&c, &ch, &fx), RULE_OK, "an escalated call applies");
	is_long(c.escalation, LEVEL_SUPERVISOR, "raising the level by one");
	is_long(c.status, STATUS_ESCALATED, "the case is escalated");
	is_long(c.stage_at, T0, "a new stage begins");
	is_long(fx.nev, 1, "one event");
	is_long(fx.ev[0].kind, EVENT_ESCALATE, "an escalation");
	is_long(fx.ev[0].level, LEVEL_SUPERVISOR, "to the supervisor");
	case_effects_clear(&fx);

	c.escalation = LEVEL_REGULATOR;
	is_long(apply(&c, &ch, &fx), RULE_TOP_LEVEL, "no level above the "
	    "regulator");
	is_long(c.escalation, LEVEL_REGULATOR, "a refusal changes nothing");

	c = fresh();
	k = call(OUTCOME_RESOLVED);
	is_long(apply(&c, &ch, &fx), RULE_OK, "a resolving call applies");
	is_long(c.status, STATUS_RESOLVED, "the case is resolved");
	is_long(c.resolved_at, T0, "at the call");
	is_long(c.next_followup, 0, "with no follow-up");

	c = resolved();
	k = call(OUTCOME_FOLLOW_UP);
	is_long(apply(&c, &ch, &fx), RULE_NEEDS_REOPEN, "a call on a resolved "
	    "case needs --reopen");
	is_long(c.status, STATUS_RESOLVED, "and the case stays resolved");
	is_str(c.resolution, "refunded", "with its resolution");
	ok(case_rule_is_usage(RULE_NEEDS_REOPEN), "that refusal is bad usage");
	case_rule_message(RULE_NEEDS_REOPEN, &c, msg, sizeof(msg));
	ok(strstr(msg, "--reopen") != NULL, "its message says --reopen");

	k = call(OUTCOME_INFO);
	is_long(apply(&c, &ch, &fx), RULE_NEEDS_REOPEN, "even an info call");
	ch.reopen = 1;
	k = call(OUTCOME_FOLLOW_UP);
	is_long(apply(&c, &ch, &fx), RULE_OK, "with --reopen it applies");
	is_long(c.status, STATUS_OPEN, "the case is open again");
	ok(c.resolution == NULL, "the old resolution note goes, as with "
	    "reopen");
	is_long(c.resolved_at, 0, "no resolution time");
	is_long(fx.nev, 1, "one event");
	is_long(fx.ev[0].kind, EVENT_REOPEN, "a reopening");
	ok(fx.reopened, "reported as reopened");
	is_long(c.next_followup, T0 + 7 * DAY, "a fresh default follow-up");
	case_effects_clear(&fx);
	case_clear(&c);
}

static void
test_commands(void)
{
	struct case_effects fx;
	struct cl_case c = fresh();
	struct case_change ch = { .kind = CHANGE_RESOLVE, .note = "fixed" };

	is_long(apply(&c, &ch, &fx), RULE_OK, "resolve applies");
	is_long(c.status, STATUS_RESOLVED, "resolved");
	is_str(c.resolution, "fixed", "the note is the resolution");
	is_long(c.next_followup, 0, "no follow-up");
	is_long(fx.nev, 1, "one event");
	is_long(fx.ev[0].kind, EVENT_RESOLVE, "a resolution");
	is_str(fx.ev[0].note, "fixed", "with the note");
	case_effects_clear(&fx);
	is_long(apply(&c, &ch, &fx), RULE_ALREADY_RESOLVED, "twice is refused");
	ok(!case_rule_is_usage(RULE_ALREADY_RESOLVED), "as a failure");

	ch = (struct case_change){ .kind = CHANGE_FOLLOWUP, .due = T0 + DAY };
	is_long(apply(&c, &ch, &fx), RULE_RESOLVED, "followup on a resolved "
	    "case is refused");
	ch = (struct case_change){ .kind = CHANGE_ESCALATE, .level = -1 };
	is_long(apply(&c, &ch, &fx), RULE_RESOLVED, "escalate too");

	ch = (struct case_change){ .kind = CHANGE_REOPEN };
	is_long(apply(&c, &ch, &fx), RULE_OK, "reopen applies");
	is_long(c.status, STATUS_OPEN, "open again");
	ok(c.resolution == NULL, "without the resolution");
	is_long(c.stage_at, T0, "a new stage");
	is_long(c.next_followup, T0 + 7 * DAY, "a default follow-up");
	case_effects_clear(&fx);
	is_long(apply(&c, &ch, &fx), RULE_NOT_RESOLVED, "reopen of an open "
	    "case is refused");

	ch = (struct case_change){ .kind = CHANGE_FOLLOWUP, .due = T0 + DAY };
	is_long(apply(&c, &ch, &fx), RULE_OK, "followup applies");
	is_long(c.next_followup, T0 + DAY, "moving the follow-up");
	is_long(fx.ev[0].due, T0 + DAY, "its event has the new time");
	case_effects_clear(&fx);

	ch = (struct case_change){ .kind = CHANGE_ESCALATE, .level = -1 };
	is_long(apply(&c, &ch, &fx), RULE_OK, "escalate applies");
	is_long(c.escalation, LEVEL_SUPERVISOR, "to the next level");
	case_effects_clear(&fx);
	ch.level = LEVEL_SUPERVISOR;
	is_long(apply(&c, &ch, &fx), RULE_NOT_HIGHER, "not to the same level");
	ok(case_rule_is_usage(RULE_NOT_HIGHER), "which is bad usage");
	ch.level = LEVEL_REGULATOR;
	is_long(apply(&c, &ch, &fx), RULE_OK, "a level may be skipped");
	case_effects_clear(&fx);
	ch.level = -1;
	is_long(apply(&c, &ch, &fx), RULE_TOP_LEVEL, "nothing above the "
	    "regulator");

	ch = (struct case_change){ .kind = CHANGE_REOPEN };
	c.status = STATUS_RESOLVED;
	apply(&c, &ch, &fx);
	is_long(c.status, STATUS_ESCALATED, "an escalated case reopens "
	    "escalated");
	case_effects_clear(&fx);

	c.updated = 0;
	ch = (struct case_change){ .kind = CHANGE_PROMISE };
	is_long(apply(&c, &ch, &fx), RULE_OK, "marking a promise applies");
	is_long(c.status, STATUS_ESCALATED, "and does not resolve the case");
	is_long(c.updated, T0, "it updates the case");
	ch = (struct case_change){ .kind = CHANGE_EDIT };
	c.status = STATUS_RESOLVED;
	is_long(apply(&c, &ch, &fx), RULE_OK, "an edit of a resolved case "
	    "applies");
	is_long(c.status, STATUS_RESOLVED, "without changing its state");
	is_long(fx.nev, 0, "or recording an event");
	case_clear(&c);
}

static void
test_promises(void)
{
	struct cl_case c = fresh();
	struct cl_call k = call(OUTCOME_FOLLOW_UP);
	int marked;

	k.promise = (char *)"refund";
	k.promised_by = T0 + DAY;
	is_long(case_promise_status(&c, &k, T0, &marked), PMARK_NONE,
	    "a promise is open until its deadline");
	ok(!marked, "and not marked");
	is_long(case_promise_status(&c, &k, T0 + 2 * DAY, &marked),
	    PMARK_BROKEN, "broken once the deadline passed unresolved");
	c.status = STATUS_RESOLVED;
	c.resolved_at = T0 + DAY;
	is_long(case_promise_status(&c, &k, T0 + 2 * DAY, &marked),
	    PMARK_KEPT, "kept when resolved by the deadline");
	c.resolved_at = T0 + DAY + 1;
	is_long(case_promise_status(&c, &k, T0 + 2 * DAY, &marked),
	    PMARK_BROKEN, "broken when resolved after it");
	k.promise_mark = PMARK_WITHDRAWN;
	is_long(case_promise_status(&c, &k, T0 + 2 * DAY, &marked),
	    PMARK_WITHDRAWN, "a status marked by hand wins");
	ok(marked, "and says it was marked");
	k.promise_mark = PMARK_NONE;
	k.promised_by = 0;
	is_long(case_promise_status(&c, &k, T0, &marked), PMARK_KEPT,
	    "without a deadline, kept when the case is resolved");
	c.status = STATUS_OPEN;
	is_long(case_promise_status(&c, &k, T0 + 99 * DAY, &marked),
	    PMARK_NONE, "and open while it is not");
}

int
main(void)
{
	policy_defaults(&pol);
	test_calls();
	test_commands();
	test_promises();
	return tap_done();
}
