/*
 * case_rules: the one set of rules for a case's state (DESIGN.md,
 * "Correcting the record").  Every command that changes a case's status,
 * escalation, resolution or follow-up -- add, resolve, reopen, followup,
 * escalate, promise, edit -- describes the change and asks case_apply,
 * so the rules cannot drift apart between commands.  Pure: the case, the
 * change, the policy and the clock are given; nothing is read or written.
 *
 *	struct case_change ch = { .kind = CHANGE_RESOLVE, .note = "refunded" };
 *	struct case_effects fx;
 *	if (case_apply(&c, &ch, &policy, now, &fx) != RULE_OK) ...refused...
 *	...store c and fx.ev[0 .. fx.nev-1]...; case_effects_clear(&fx);
 */
#ifndef CALLLOG_CASE_RULES_H
#define CALLLOG_CASE_RULES_H

#include <stddef.h>
#include <time.h>

#include "model.h"
#include "policy.h"

enum change_kind {
	CHANGE_CALL,		/* a call recorded on the case */
	CHANGE_RESOLVE,
	CHANGE_REOPEN,
	CHANGE_ESCALATE,
	CHANGE_FOLLOWUP,	/* the next follow-up moved */
	CHANGE_PROMISE,		/* a promise marked kept, broken, withdrawn */
	CHANGE_EDIT		/* the case's own fields corrected */
};

struct case_change {
	int kind;
	const struct cl_call *call;	/* CHANGE_CALL */
	int reopen;		/* CHANGE_CALL: a resolved case may reopen */
	time_t follow_up;	/* CHANGE_CALL: asked for; 0: none */
	int level;		/* CHANGE_ESCALATE: -1 for the next one */
	time_t due;		/* CHANGE_FOLLOWUP */
	const char *note;	/* resolve, reopen, escalate, followup */
};

/* Why a change was refused; RULE_OK (0) when it was applied. */
enum rule_result {
	RULE_OK,
	RULE_NEEDS_REOPEN,	/* a call on a resolved case without reopen */
	RULE_RESOLVED,		/* escalate or followup on a resolved case */
	RULE_ALREADY_RESOLVED,
	RULE_NOT_RESOLVED,	/* reopen of a case that is not resolved */
	RULE_TOP_LEVEL,		/* escalation beyond the regulator */
	RULE_NOT_HIGHER,	/* escalation to the level it has, or lower */
	RULE_TOO_LATE		/* the follow-up it works out would pass the
				   last date calllog keeps (WHEN_MAX_TIME) */
};

/* What the change did besides the case's own fields. */
struct case_effects {
	struct cl_event ev[3];	/* to record, in order; notes owned here */
	int nev;
	int reopened;
	int escalated;
	int followup_moved;
};

/*
 * Apply ch to case c at time now.  On RULE_OK, c holds the new case (its
 * updated time now) and *fx the events to record, with case_id and at
 * set; the caller stores both and calls case_effects_clear.  On a refusal
 * c and *fx are left as they were (fx zeroed) -- but for RULE_TOO_LATE,
 * known only once the change is worked out, after which c is to be
 * discarded.
 */
int case_apply(struct cl_case *c, const struct case_change *ch,
    const struct policy *p, time_t now, struct case_effects *fx);

void case_effects_clear(struct case_effects *fx);

/*
 * What became of the promise made on call k of case c, as of now: the
 * status policy_promise decides (PMARK_NONE: open), *marked set when it
 * was marked by hand.
 */
int case_promise_status(const struct cl_case *c, const struct cl_call *k,
    time_t now, int *marked);

/*
 * A one-line message for a refusal, saying what to do, into buf; and
 * whether the refusal is bad usage (exit 2) rather than a failure (1).
 */
void case_rule_message(int rule, const struct cl_case *c, char *buf,
    size_t n);
int case_rule_is_usage(int rule);

#endif
