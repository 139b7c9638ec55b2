/*
 * case_replay: a case's state worked out again from its calls and events,
 * for a call deleted or moved to another case (DESIGN.md, "Correcting the
 * record": both cases are left as if the call had always been where it
 * now is).  The state a call leaves follows the rules of case_rules.c
 * (policy_status_after_call, policy_next_followup); events recorded by
 * resolve, reopen, escalate and followup are replayed as they happened.
 * Pure: the case, its calls and events, the policy are given.
 *
 *	struct case_state s;
 *	case_replay(&c, calls, ncalls, events, nevents, &policy, &s);
 *	case_take_replay(&c, &s, &before, removed_or_moved_call,
 *	    CASE_LOST_CALL);
 */
#ifndef CALLLOG_CASE_REPLAY_H
#define CALLLOG_CASE_REPLAY_H

#include <stddef.h>
#include <time.h>

#include "model.h"
#include "policy.h"

struct case_state {
	int status;
	int escalation;
	time_t stage_at;
	time_t resolved_at;
	time_t next_followup;
	time_t last_at;		/* the newest call or event; 0: none */
};

/* The state calls (oldest first) and events (oldest first) leave case c
 * in; at the same time an event comes before a call (a call that
 * escalates or reopens records its event at its own time). */
void case_replay(const struct cl_case *c, const struct cl_call *calls,
    size_t ncalls, const struct cl_event *events, size_t nevents,
    const struct policy *p, struct case_state *out);

enum { CASE_LOST_CALL, CASE_GAINED_CALL };

/*
 * Take from s what the call k changes in c, which lost or gained it:
 * everything when k was (lost) or is (gained) the case's newest activity;
 * else its escalation when k escalated, and its resolution when k was the
 * call that resolved it.  The next follow-up is taken from s too whenever
 * the history explains the one c holds, that is when before (the replay
 * of the case as it was: with k when lost, without it when gained) gives
 * it: each call keeps the follow-up asked for on it (add --follow-up), so
 * the replay works it out exactly.  Returns whether c changed (its
 * followup_seq moves with its follow-up).
 */
int case_take_replay(struct cl_case *c, const struct case_state *s,
    const struct case_state *before, const struct cl_call *k, int how);

#endif
