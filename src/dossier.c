/*
 * dossier.c: the record of one case as a format-neutral model: what the
 * journal holds about it, and what follows from that (totals, promises
 * kept or broken, reference numbers, escalations, the complaint statement).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dossier.h"
#include "money.h"
#include "policy.h"
#include "store.h"
#include "util.h"

static int
keep_call(struct cl_call *c, void *arg)
{
	struct dossier *d = arg;

	d->calls = xrealloc(d->calls, (d->ncalls + 1) * sizeof(*d->calls));
	d->calls[d->ncalls++] = *c;
	memset(c, 0, sizeof(*c));	/* ownership moved to the dossier */
	return 0;
}

static int
keep_event(struct cl_event *e, void *arg)
{
	struct dossier *d = arg;

	d->events = xrealloc(d->events, (d->nevents + 1) * sizeof(*d->events));
	d->events[d->nevents++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

/* What became of the promise: policy_promise decides, as in every other
 * view; the dossier only names the states. */
static void
judge_promise(const struct dossier *d, struct dossier_promise *p)
{
	struct cl_promise cp = policy_promise_of_call(p->call);
	struct promise_status ps;

	policy_promise(&d->c, &cp, d->now, &ps);
	p->marked = ps.marked;
	p->kept_at = ps.kept_at;
	switch (ps.status) {
	case PMARK_KEPT:
		p->state = PROMISE_KEPT;
		break;
	case PMARK_BROKEN:
		p->state = PROMISE_BROKEN;
		break;
	case PMARK_WITHDRAWN:
		p->state = PROMISE_WITHDRAWN;
		break;
	default:
		p->state = cp.by ? PROMISE_OPEN : PROMISE_NO_DEADLINE;
	}
}

static void
add_ref(struct dossier *d, const char *ref, const struct cl_call *k)
{
	for (size_t i = 0; i < d->nrefs; i++)
		if (strcasecmp(d->refs[i].ref, ref) == 0)
			return;
	d->refs = xrealloc(d->refs, (d->nrefs + 1) * sizeof(*d->refs));
	d->refs[d->nrefs++] = (struct dossier_ref){ ref, k };
}

/* total + v, held at LONG_MAX: a journal edited by hand (or synced before
 * the doors held a call to a week) can hold any length. */
static long
add_secs(long total, long v)
{
	long r;

	return __builtin_add_overflow(total, v, &r) ? LONG_MAX : r;
}

/* Derive totals, promises, references and the timeline from the calls. */
static void
derive(struct dossier *d)
{
	size_t i, k;

	d->promises = xcalloc(d->ncalls + 1, sizeof(*d->promises));
	for (i = 0; i < d->ncalls; i++) {
		const struct cl_call *c = &d->calls[i];

		if (c->direction == DIRECTION_INBOUND)
			d->their_contacts++;
		else {
			d->own_contacts++;
			if (d->first_contact == 0)
				d->first_contact = c->started;
			d->last_contact = c->started;
		}
		d->corrected += c->updated > c->created;
		if (c->hold >= 0)
			d->hold_total = add_secs(d->hold_total, c->hold),
			    d->hold_calls++;
		if (c->duration >= 0)
			d->talk_total = add_secs(d->talk_total, c->duration),
			    d->talk_calls++;
		for (size_t r = 0; r < c->nrefs; r++)
			add_ref(d, c->refs[r], c);
		if (c->promise || c->promised_by) {
			struct dossier_promise *p = &d->promises[d->npromises++];

			p->call = c;
			judge_promise(d, p);
			d->kept += p->state == PROMISE_KEPT;
			d->broken += p->state == PROMISE_BROKEN;
			d->open += p->state == PROMISE_OPEN;
		}
	}
	d->escalations = xcalloc(d->nevents + 1, sizeof(*d->escalations));
	for (k = 0; k < d->nevents; k++)
		if (d->events[k].kind == EVENT_ESCALATE)
			d->escalations[d->nescalations++] = &d->events[k];
	dossier_timeline(d);
}

static void
fact(struct dossier *d, const char *label, char *value)
{
	if (d->nfacts < DOSSIER_FACTS_MAX)
		d->facts[d->nfacts++] = (struct dossier_fact){ label, value };
	else
		free(value);
}

/* "1h01m", "1h01m (recorded on 2 of 3 calls)" or "not recorded". */
static char *
total(const struct dossier *d, long secs, int calls)
{
	char t[DOSSIER_TIMEBUF];

	if (calls == 0)
		return xstrdup("not recorded");
	dossier_format_duration(secs, t);
	if ((size_t)calls == d->ncalls)
		return xstrdup(t);
	return xasprintf("%s (recorded on %d of %zu calls)", t, calls,
	    d->ncalls);
}

static int
withdrawn_count(const struct dossier *d)
{
	int n = 0;

	for (size_t i = 0; i < d->npromises; i++)
		n += d->promises[i].state == PROMISE_WITHDRAWN;
	return n;
}

/* "3: 1 kept, 1 broken, 1 without a deadline", naming only the states
 * that occur; "none recorded" without promises. */
static char *
promise_counts(const struct dossier *d)
{
	int withdrawn = withdrawn_count(d);
	int n[PROMISE_STATE_COUNT] = { d->kept, d->broken, d->open,
	    (int)d->npromises - d->kept - d->broken - d->open - withdrawn,
	    withdrawn };
	static const char *const word[PROMISE_STATE_COUNT] = {
		"kept", "broken", "open", "without a deadline", "withdrawn"
	};
	char *s = xasprintf("%zu", d->npromises), *t;

	if (d->npromises == 0) {
		free(s);
		return xstrdup("none recorded");
	}
	for (int i = 0, first = 1; i < PROMISE_STATE_COUNT; i++)
		if (n[i]) {
			t = xasprintf("%s%s %d %s", s, first ? ":" : ",", n[i],
			    word[i]);
			free(s);
			s = t;
			first = 0;
		}
	return s;
}

/* The amounts, in the case's currency, as decimal strings. */
static void
money_facts(struct dossier *d)
{
	const struct cl_case *c = &d->c;
	char m[MONEY_BUFSZ];

	if (c->amount) {
		money_format(c->amount, c->currency, m);
		fact(d, "Amount in dispute", xasprintf("%s %s", m, c->currency));
	}
	if (c->merchant)
		fact(d, "Merchant", xstrdup(c->merchant));
	if (c->charged_at) {
		char t[DOSSIER_TIMEBUF];

		dossier_format_date(c->charged_at, t);
		fact(d, "Charged on", xstrdup(t));
	}
	if (c->credited || c->amount) {
		money_format(c->credited, c->currency, m);
		fact(d, "Credited", xasprintf("%s %s", m, c->currency));
	}
	if (c->amount) {
		money_format(money_outstanding(c->amount, c->credited),
		    c->currency, m);
		fact(d, "Outstanding", xasprintf("%s %s", m, c->currency));
	}
}

/* "the record of call 3 was corrected on 21 November 2026": the dossier
 * is evidence, so a record changed after the call says so. */
static char *
corrections(const struct dossier *d)
{
	char *s = xstrdup(""), made[DOSSIER_TIMEBUF], fixed[DOSSIER_TIMEBUF];

	for (size_t i = 0; i < d->ncalls; i++) {
		const struct cl_call *k = &d->calls[i];
		char *n;

		if (k->updated <= k->created)
			continue;
		dossier_format_date(k->started, made);
		dossier_format_date(k->updated, fixed);
		n = xasprintf("%s%sthe record of the call of %s was corrected "
		    "on %s", s, *s ? "; " : "", made, fixed);
		free(s);
		s = n;
	}
	return s;
}

/* The summary's lines, the case's identity first and its state after. */
static void
summarize(struct dossier *d)
{
	const struct cl_case *c = &d->c;
	char t[DOSSIER_TIMEBUF];

	fact(d, "Organization", xstrdup(c->org));
	if (c->title)
		fact(d, "Subject", xstrdup(c->title));
	fact(d, "Reason", xstrdup(enum_name(&reason_names, c->reason)));
	if (c->account)
		fact(d, "Account ending", xstrdup(c->account));
	dossier_format_time(c->opened, t);
	fact(d, "Opened", xasprintf("%s (%s)", t, d->zone));
	dossier_format_time(c->resolved_at, t);
	fact(d, "Status", c->status == STATUS_RESOLVED && c->resolved_at ?
	    xasprintf("resolved on %s", t) :
	    xstrdup(enum_name(&status_names, c->status)));
	fact(d, "Escalation level",
	    xstrdup(enum_name(&level_names, c->escalation)));
	fact(d, "Calls", d->their_contacts ? xasprintf("%zu: %d by me, %d by "
	    "them", d->ncalls, d->own_contacts, d->their_contacts) :
	    xasprintf("%zu", d->ncalls));
	money_facts(d);
	fact(d, "Total on hold", total(d, d->hold_total, d->hold_calls));
	fact(d, "Total on the phone", total(d, d->talk_total, d->talk_calls));
	fact(d, "Promises", promise_counts(d));
	for (size_t i = 0; i < d->npromises; i++)
		if (d->promises[i].marked) {
			fact(d, "Promise status", xstrdup("marked by me where "
			    "shown as marked; otherwise judged from the dates"));
			break;
		}
	if (d->corrected)
		fact(d, "Corrections", corrections(d));
	if (c->status != STATUS_RESOLVED && c->next_followup) {
		dossier_format_time(c->next_followup, t);
		fact(d, "Next follow-up", xstrdup(t));
	}
}

/* The zone's name for people: TZ without a leading ':' or the zoneinfo
 * directory, else "local time". */
static char *
zone_name(void)
{
	const char *tz = getenv("TZ"), *p;

	if (tz == NULL || *tz == '\0' || strcmp(tz, ":") == 0)
		return xstrdup("local time");
	if (*tz == ':')
		tz++;
	if ((p = strstr(tz, "zoneinfo/")) != NULL)
		tz = p + strlen("zoneinfo/");
	return xstrdup(tz);
}

int
dossier_load(struct store *st, long long id, time_t now, struct dossier *d)
{
	struct call_filter f = { .case_id = id, .oldest_first = 1 };
	int rc;

	memset(d, 0, sizeof(*d));
	if ((rc = store_case_get(st, id, &d->c)) != 0)
		return rc;
	d->now = now;
	if (store_calls_each(st, &f, keep_call, d) != 0 ||
	    store_events_each(st, id, keep_event, d) != 0 ||
	    dossier_load_notes(st, d) != 0 ||
	    dossier_load_exhibits(st, d) != 0) {
		dossier_clear(d);
		return -1;
	}
	d->zone = zone_name();
	derive(d);
	summarize(d);
	d->statement = dossier_statement(d);
	return 0;
}

void
dossier_clear(struct dossier *d)
{
	for (size_t i = 0; i < d->ncalls; i++)
		call_clear(&d->calls[i]);
	for (size_t i = 0; i < d->nevents; i++)
		event_clear(&d->events[i]);
	for (size_t i = 0; i < d->nnotes; i++)
		note_clear(&d->notes[i]);
	free(d->calls);
	free(d->events);
	free(d->notes);
	dossier_exhibits_clear(d);
	free(d->timeline);
	free(d->promises);
	free(d->refs);
	free(d->escalations);
	free(d->zone);
	for (size_t i = 0; i < d->nfacts; i++)
		free(d->facts[i].value);
	free(d->statement);
	case_clear(&d->c);
	memset(d, 0, sizeof(*d));
}
