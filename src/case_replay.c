/*
 * case_replay.c: a case's state worked out again from its calls and
 * events (case_replay.h says when and why).
 */
#include <stdlib.h>

#include "case_replay.h"

static void
replay_event(struct case_state *s, const struct cl_event *e,
    const struct policy *p)
{
	switch (e->kind) {
	case EVENT_ESCALATE:
		s->escalation = e->level;
		s->status = STATUS_ESCALATED;
		s->stage_at = e->at;
		break;
	case EVENT_RESOLVE:
		s->status = STATUS_RESOLVED;
		s->resolved_at = e->at;
		s->next_followup = 0;
		break;
	case EVENT_REOPEN:
		s->status = s->escalation != LEVEL_NONE ? STATUS_ESCALATED :
		    STATUS_OPEN;
		s->resolved_at = 0;
		s->stage_at = e->at;
		s->next_followup = policy_next_followup(0, 0, 0, p, e->at);
		break;
	default:
		s->next_followup = e->due;
	}
}

static void
replay_call(struct case_state *s, const struct cl_call *k,
    const struct policy *p)
{
	/* A call on a resolved case reopens it (add --reopen): a new stage,
	 * and a follow-up counted from the call. */
	if (s->status == STATUS_RESOLVED && k->outcome != OUTCOME_RESOLVED) {
		s->resolved_at = 0;
		s->stage_at = k->started;
		s->next_followup = 0;
	}
	s->status = policy_status_after_call(k->outcome, s->escalation,
	    k->promise != NULL || k->promised_by != 0);
	if (s->status == STATUS_RESOLVED) {
		if (s->resolved_at == 0)
			s->resolved_at = k->started;
		s->next_followup = 0;
	} else
		s->next_followup = policy_next_followup(k->follow_up,
		    k->promised_by, s->next_followup, p, k->started);
}

void
case_replay(const struct cl_case *c, const struct cl_call *calls,
    size_t ncalls, const struct cl_event *events, size_t nevents,
    const struct policy *p, struct case_state *out)
{
	size_t i = 0, k = 0;

	*out = (struct case_state){ .status = STATUS_OPEN,
	    .escalation = LEVEL_NONE, .stage_at = c->opened };
	while (i < ncalls || k < nevents) {
		if (k < nevents && (i == ncalls ||
		    events[k].at <= calls[i].started)) {
			out->last_at = events[k].at;
			replay_event(out, &events[k++], p);
		} else {
			out->last_at = calls[i].started;
			replay_call(out, &calls[i++], p);
		}
	}
	/* A case without calls is due for its first one from opening. */
	if (ncalls == 0 && out->status != STATUS_RESOLVED &&
	    out->next_followup == 0)
		out->next_followup = policy_next_followup(0, 0, 0, p,
		    c->opened);
}

int
case_take_replay(struct cl_case *c, const struct case_state *s,
    const struct case_state *before, const struct cl_call *k, int how)
{
	struct cl_case was = *c;
	/* Lost: nothing newer remains; gained: nothing newer was there. */
	int newest = k->started >= s->last_at, had = c->resolution != NULL;
	int resolver = how == CASE_LOST_CALL && k->outcome == OUTCOME_RESOLVED
	    && c->status == STATUS_RESOLVED && c->resolved_at == k->started;

	if (newest || k->outcome == OUTCOME_ESCALATED || resolver) {
		c->escalation = s->escalation;
		c->stage_at = s->stage_at;
	}
	if (newest || resolver) {
		c->status = s->status;
		c->resolved_at = s->resolved_at;
	} else if (k->outcome == OUTCOME_ESCALATED &&
	    c->status != STATUS_RESOLVED)
		c->status = s->status == STATUS_RESOLVED ?
		    (c->escalation != LEVEL_NONE ? STATUS_ESCALATED :
		    STATUS_OPEN) : s->status;
	/* The follow-up the history explains (the replay with the call
	 * where it was gives the one stored) is the history's without it;
	 * one set otherwise (a calendar, a call recorded before calls kept
	 * their follow-up) stays unless the call was the newest activity.
	 * A resolved case has none. */
	if (newest || resolver || (c->next_followup ==
	    before->next_followup && (c->status != STATUS_RESOLVED ||
	    s->next_followup == 0)))
		c->next_followup = s->next_followup;
	if (c->status != STATUS_RESOLVED && c->resolution) {
		free(c->resolution);
		c->resolution = NULL;
	}
	if (c->next_followup != was.next_followup)
		c->followup_seq++;
	return had != (c->resolution != NULL) ||
	    c->status != was.status || c->escalation != was.escalation ||
	    c->stage_at != was.stage_at || c->resolved_at != was.resolved_at ||
	    c->next_followup != was.next_followup;
}
