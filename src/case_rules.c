/*
 * case_rules.c: the transitions of a case's state, one function per kind
 * of change, all reached through case_apply.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_rules.h"
#include "util.h"
#include "when.h"

/* Queue an event of the change; its note is copied. */
static void
add_event(struct case_effects *fx, const struct cl_case *c, int kind,
    time_t at, int level, time_t due, const char *note)
{
	struct cl_event *e = &fx->ev[fx->nev++];

	memset(e, 0, sizeof(*e));
	e->case_id = c->id;
	e->at = at;
	e->kind = kind;
	e->level = level;
	e->due = due;
	e->note = note && *note ? xstrdup(note) : NULL;
}

static void
set_followup(struct cl_case *c, time_t due, struct case_effects *fx)
{
	if (c->next_followup != due) {
		c->followup_seq++;
		fx->followup_moved = 1;
	}
	c->next_followup = due;
}

/* Reopening, by `reopen` or by a call with --reopen, is one thing: the
 * resolution and its note go, and a new stage begins (the policy counts
 * days and calls afresh). */
static void
reopen(struct cl_case *c, time_t at, const char *note,
    struct case_effects *fx)
{
	add_event(fx, c, EVENT_REOPEN, at, LEVEL_NONE, 0, note);
	c->status = c->escalation != LEVEL_NONE ? STATUS_ESCALATED :
	    STATUS_OPEN;
	c->resolved_at = 0;
	free(c->resolution);
	c->resolution = NULL;
	c->stage_at = at;
	fx->reopened = 1;
}

/* A call's outcome decides the status: resolved ends the case, escalated
 * raises the level by one, and the next follow-up follows the call. */
static int
apply_call(struct cl_case *c, const struct case_change *ch,
    const struct policy *p, time_t now, struct case_effects *fx)
{
	const struct cl_call *k = ch->call;
	/* A call recorded afterwards (--when) schedules from when it
	 * happened, as it would have had it been recorded then. */
	time_t from = k->started < now ? k->started : now;
	int next = policy_next_level(c->escalation);

	if (c->status == STATUS_RESOLVED && !ch->reopen)
		return RULE_NEEDS_REOPEN;
	if (k->outcome == OUTCOME_ESCALATED && next == LEVEL_NONE)
		return RULE_TOP_LEVEL;
	if (c->status == STATUS_RESOLVED)
		reopen(c, k->started, NULL, fx);
	if (k->outcome == OUTCOME_ESCALATED) {
		add_event(fx, c, EVENT_ESCALATE, k->started, next, 0, NULL);
		c->escalation = next;
		c->stage_at = k->started;
		fx->escalated = 1;
	}
	c->status = policy_status_after_call(k->outcome, c->escalation,
	    k->promise != NULL || k->promised_by != 0);
	if (c->status == STATUS_RESOLVED) {
		if (c->resolved_at == 0)
			c->resolved_at = k->started;
		set_followup(c, 0, fx);
	} else
		set_followup(c, policy_next_followup(ch->follow_up,
		    k->promised_by, fx->reopened ? 0 : c->next_followup, p,
		    from), fx);
	return RULE_OK;
}

static int
apply_resolve(struct cl_case *c, const struct case_change *ch, time_t now,
    struct case_effects *fx)
{
	if (c->status == STATUS_RESOLVED)
		return RULE_ALREADY_RESOLVED;
	add_event(fx, c, EVENT_RESOLVE, now, LEVEL_NONE, 0, ch->note);
	c->status = STATUS_RESOLVED;
	c->resolved_at = now;
	set_followup(c, 0, fx);
	if (ch->note && *ch->note) {
		free(c->resolution);
		c->resolution = xstrdup(ch->note);
	}
	return RULE_OK;
}

static int
apply_reopen(struct cl_case *c, const struct case_change *ch,
    const struct policy *p, time_t now, struct case_effects *fx)
{
	if (c->status != STATUS_RESOLVED)
		return RULE_NOT_RESOLVED;
	reopen(c, now, ch->note, fx);
	/* Always a new follow-up, so the reopened case is never forgotten
	 * (the sequence moves even when the time happens to be the same). */
	c->followup_seq++;
	c->next_followup = policy_next_followup(0, 0, 0, p, now);
	fx->followup_moved = 1;
	return RULE_OK;
}

static int
apply_escalate(struct cl_case *c, const struct case_change *ch, time_t now,
    struct case_effects *fx)
{
	int level = ch->level >= 0 ? ch->level :
	    policy_next_level(c->escalation);

	if (c->status == STATUS_RESOLVED)
		return RULE_RESOLVED;
	if (level == LEVEL_NONE && ch->level < 0)
		return RULE_TOP_LEVEL;
	if (level <= c->escalation)
		return RULE_NOT_HIGHER;
	add_event(fx, c, EVENT_ESCALATE, now, level, 0, ch->note);
	c->escalation = level;
	c->status = STATUS_ESCALATED;
	c->stage_at = now;
	fx->escalated = 1;
	return RULE_OK;
}

static int
apply_followup(struct cl_case *c, const struct case_change *ch, time_t now,
    struct case_effects *fx)
{
	if (c->status == STATUS_RESOLVED)
		return RULE_RESOLVED;
	add_event(fx, c, EVENT_FOLLOWUP, now, LEVEL_NONE, ch->due, ch->note);
	set_followup(c, ch->due, fx);
	return RULE_OK;
}

int
case_apply(struct cl_case *c, const struct case_change *ch,
    const struct policy *p, time_t now, struct case_effects *fx)
{
	int rc = RULE_OK;

	memset(fx, 0, sizeof(*fx));
	switch (ch->kind) {
	case CHANGE_CALL:
		rc = apply_call(c, ch, p, now, fx);
		break;
	case CHANGE_RESOLVE:
		rc = apply_resolve(c, ch, now, fx);
		break;
	case CHANGE_REOPEN:
		rc = apply_reopen(c, ch, p, now, fx);
		break;
	case CHANGE_ESCALATE:
		rc = apply_escalate(c, ch, now, fx);
		break;
	case CHANGE_FOLLOWUP:
		rc = apply_followup(c, ch, now, fx);
		break;
	case CHANGE_PROMISE:
	case CHANGE_EDIT:
		/* Neither moves the state: a promise kept does not resolve
		 * the case (DESIGN.md), and a correction is not an event. */
		break;
	}
	/* A computed date is held to the bound typed ones are (when.h), so
	 * that export, import and iCalendar can carry every date kept. */
	if (rc == RULE_OK && (long long)c->next_followup > WHEN_MAX_TIME) {
		case_effects_clear(fx);
		return RULE_TOO_LATE;
	}
	if (rc == RULE_OK)
		c->updated = now;
	return rc;
}

void
case_effects_clear(struct case_effects *fx)
{
	for (int i = 0; i < fx->nev; i++)
		event_clear(&fx->ev[i]);
	memset(fx, 0, sizeof(*fx));
}

int
case_promise_status(const struct cl_case *c, const struct cl_call *k,
    time_t now, int *marked)
{
	struct cl_promise p = policy_promise_of_call(k);
	struct promise_status ps;

	policy_promise(c, &p, now, &ps);
	*marked = ps.marked;
	return ps.status;
}

void
case_rule_message(int rule, const struct cl_case *c, char *buf, size_t n)
{
	long long id = c->id;

	switch (rule) {
	case RULE_NEEDS_REOPEN:
		snprintf(buf, n, "case %lld is resolved; give --reopen to "
		    "record a call that reopens it, or 'calllog show %lld' to "
		    "check the case", id, id);
		break;
	case RULE_RESOLVED:
		snprintf(buf, n, "case %lld is resolved; 'calllog reopen %lld' "
		    "first", id, id);
		break;
	case RULE_ALREADY_RESOLVED:
		snprintf(buf, n, "case %lld is already resolved", id);
		break;
	case RULE_NOT_RESOLVED:
		snprintf(buf, n, "case %lld is not resolved; it is %s", id,
		    enum_name(&status_names, c->status));
		break;
	case RULE_TOP_LEVEL:
		snprintf(buf, n, "case %lld is already with a regulator; there "
		    "is no level above", id);
		break;
	case RULE_NOT_HIGHER:
		snprintf(buf, n, "case %lld is already escalated to %s; choose "
		    "a higher --level", id, enum_name(&level_names,
		    c->escalation));
		break;
	case RULE_TOO_LATE:
		snprintf(buf, n, "case %lld: the next follow-up would fall "
		    "after 2999-12-31, the last date calllog can keep; give an "
		    "earlier date", id);
		break;
	default:
		snprintf(buf, n, "case %lld: the change was refused", id);
	}
}

int
case_rule_is_usage(int rule)
{
	return rule == RULE_NEEDS_REOPEN || rule == RULE_NOT_HIGHER ||
	    rule == RULE_TOO_LATE;
}
