/*
 * policy: when a case should be escalated, and to what (DESIGN.md,
 * "Escalation policy").  Pure functions: the case and the clock are given,
 * nothing is read or written.
 */
#ifndef CALLLOG_POLICY_H
#define CALLLOG_POLICY_H

#include <time.h>

#include "model.h"

struct policy {
	int days_open;		/* escalate after this many days in a stage */
	int max_calls;		/* ... or this many calls without resolution */
	long followup_secs;	/* default interval to the next follow-up */
};

/* Why a case should be escalated; several may hold at once. */
enum {
	ESCALATE_DAYS = 1 << 0,		/* open too long */
	ESCALATE_CALLS = 1 << 1,	/* too many calls */
	ESCALATE_PROMISE = 1 << 2	/* a promise was broken */
};

/*
 * What became of a promise (DESIGN.md, "Money and promises").  status is
 * a PMARK_* value, PMARK_NONE meaning still open.
 */
struct promise_status {
	int status;
	int marked;		/* the person marked it by hand */
	time_t kept_at;		/* kept: when (the resolution, or the
				   marking); 0 when not known */
	time_t broken_at;	/* broken: when (the deadline, or the marking
				   when earlier); 0 when not known */
};

/*
 * The one judgement of promise p of case c at now, which every view uses:
 * the status marked by hand when there is one; else kept when the case
 * stands resolved and was resolved by the deadline (or there is none),
 * broken when the deadline passed first, and open until then.  Only the
 * case's standing resolution counts: a case resolved and then reopened is
 * judged as if it had never been resolved.
 */
void policy_promise(const struct cl_case *c, const struct cl_promise *p,
    time_t now, struct promise_status *out);

/* The promise made on call k, as policy_promise takes it; its strings
 * are k's, borrowed. */
struct cl_promise policy_promise_of_call(const struct cl_call *k);

/*
 * The case's promises: c->promises, or, for a case built by hand without
 * them, its newest promise (promise, promised_by) unmarked.  Sets *n.
 */
const struct cl_promise *policy_case_promises(const struct cl_case *c,
    struct cl_promise *one, size_t *n);

/*
 * The newest broken promise of c at now whose breaking counts in the
 * current stage (a deadline that passed before the last escalation was
 * answered by it), into *ps and, when found, *which; 0 when there is none.
 */
int policy_broken_promise(const struct cl_case *c, time_t now,
    struct cl_promise *which, struct promise_status *ps);

/*
 * The latest deadline of an open promise still ahead of now, or 0:
 * escalation waits for it, since the representative asked for that time.
 */
time_t policy_promise_wait(const struct cl_case *c, time_t now);

/* Nonzero when deadline t was given as a date alone: input.c keeps it
 * as the last second of that local day. */
int policy_date_only(time_t t);

/*
 * Nonzero when an unresolved case's amount is credited in full (an
 * amount was set and nothing is outstanding): it is not escalated; the
 * views suggest resolving it instead.
 */
int policy_settled(const struct cl_case *c);

/* The defaults of DESIGN.md: 14 days, 3 calls, follow up in 7 days. */
void policy_defaults(struct policy *p);

/*
 * The reasons (ESCALATE_* bits) case c should be escalated at time now, or
 * 0: the one decision every view (open, show, remind, ical) uses.  Days
 * and calls are counted from the start of the current stage (the opening,
 * the last escalation or the last reopening), so a supervisor gets the
 * same chance the first agent had; a promise broken (by policy_promise)
 * counts when it broke during the stage.  Nothing is suggested while an
 * open promise's deadline is ahead (policy_promise_wait), for a case
 * credited in full (policy_settled), a resolved case, or one already with
 * a regulator.
 */
unsigned policy_escalation(const struct cl_case *c, const struct policy *p,
    time_t now);

/* The level after level, or LEVEL_NONE when there is none. */
int policy_next_level(int level);

/* Nonzero when the case's next follow-up is at or before now. */
int policy_overdue(const struct cl_case *c, time_t now);

/*
 * The status a case takes after a call with the given outcome, given its
 * escalation level and whether the call carried a promise: resolved ends
 * it; an escalated case stays escalated; a callback or a promise means
 * waiting on them; anything else is open.
 */
int policy_status_after_call(int outcome, int escalation, int promised);

/*
 * The next follow-up after a call made at now: the one asked for when
 * given (nonzero); else the day after a promise's deadline (09:00 the
 * next morning for a deadline given as a date); else the
 * case's current follow-up when still ahead; else the default interval
 * from now.
 */
time_t policy_next_followup(time_t asked, time_t promised_by,
    time_t current, const struct policy *p, time_t now);

/* What a reminder is about. */
enum reminder_kind {
	REMIND_FOLLOWUP, REMIND_PROMISE, REMIND_ESCALATION, REMIND_COUNT
};

struct reminder {
	int kind;
	time_t due;		/* when it fell due */
	time_t key;		/* identifies it for "sent once": the due time,
				   or for an escalation the stage's start */
	unsigned why;		/* REMIND_ESCALATION: ESCALATE_* bits */
	int level;		/* REMIND_ESCALATION: the level to ask for */
};

/*
 * The reminders due for case c at now, at most one of each kind, written
 * to out; returns how many.  A follow-up is due at its time, a promise at
 * its deadline, an escalation once per stage in which the thresholds are
 * crossed (so escalating, or reopening, makes a new one possible).
 */
int policy_due_reminders(const struct cl_case *c, const struct policy *p,
    time_t now, struct reminder out[REMIND_COUNT]);

/*
 * When the case should be escalated at the latest: the earliest of the
 * stage's start plus the days threshold, the deadline of a promise not
 * marked by hand (or when one was marked broken) in the stage, and the
 * last call when the calls threshold is reached -- but not before the
 * latest deadline of a promise not marked by hand, which escalation
 * waits for -- each taken once it has passed, a second after it (the
 * midnight after a deadline given as a date).  0 for a resolved case, one credited in full, or one already
 * with a regulator.  Calendars show it as a due date.
 */
time_t policy_escalation_deadline(const struct cl_case *c,
    const struct policy *p);

/*
 * How urgent a due reminder is, most urgent first.  A case gets at most one
 * notification a run: it leads with its most urgent reason and lists the
 * others in its body.  The escalation steps come first, the last step
 * first (the person has run out of other ways), then a broken promise,
 * then a follow-up overdue by more than a day (POLICY_OVERDUE_SECS), then
 * one that has just fallen due.
 */
enum reminder_rank {
	RANK_REGULATOR, RANK_COMPLAINT, RANK_SUPERVISOR, RANK_PROMISE,
	RANK_OVERDUE, RANK_FOLLOWUP
};

#define POLICY_OVERDUE_SECS (24L * 60 * 60)

/* The rank of reminder r at now. */
int policy_reminder_rank(const struct reminder *r, time_t now);

/* Sort r[0..n) most urgent first, keeping the order of equals: r[0] is
 * what the case's notification leads with. */
void policy_order_reminders(struct reminder *r, int n, time_t now);

/*
 * Nonzero when the notification about c that leads with reminder lead
 * deserves critical urgency, which desktops keep on screen until it is
 * dismissed: a lost card or fraud (liability is counted in hours); an
 * escalation step (sent once per stage); or a lead overdue by more than
 * POLICY_OVERDUE_SECS (a run that catches up after the machine was off).
 * A plain follow-up or promise that has just fallen due is normal.  Since
 * a case has one notification a run, it has at most one critical one.
 */
int policy_urgent(const struct cl_case *c, const struct reminder *lead,
    time_t now);

#endif
