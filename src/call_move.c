/*
 * call_move.c: the cases a deleted or moved call leaves and reaches,
 * worked out again (call_move.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_move.h"
#include "case_replay.h"
#include "store.h"
#include "util.h"
#include "when.h"

int
call_move_check(const struct cl_call *k, const struct cl_case *from,
    struct cl_case *to)
{
	if (k->credited == 0)
		return CMD_OK;
	if (to->currency[0] && strcmp(to->currency, from->currency) != 0)
		return error("call %lld has a credit in %s, but case %lld's "
		    "money is in %s; a credit stays in its currency, so the "
		    "call cannot move there", k->id, from->currency, to->id,
		    to->currency), CMD_USAGE;
	if (to->currency[0] == '\0')
		memcpy(to->currency, from->currency, 4);
	return CMD_OK;
}

/* A case's calls and events, oldest first, to replay. */
struct history {
	struct cl_call *calls;
	size_t ncalls;
	struct cl_event *events;
	size_t nevents;
};

static int
keep_call(struct cl_call *k, void *arg)
{
	struct history *h = arg;

	h->calls = xrealloc(h->calls, (h->ncalls + 1) * sizeof(*h->calls));
	h->calls[h->ncalls++] = *k;
	memset(k, 0, sizeof(*k));
	return 0;
}

static int
keep_event(struct cl_event *e, void *arg)
{
	struct history *h = arg;

	h->events = xrealloc(h->events, (h->nevents + 1) * sizeof(*h->events));
	h->events[h->nevents++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

static void
history_clear(struct history *h)
{
	for (size_t i = 0; i < h->ncalls; i++)
		call_clear(&h->calls[i]);
	for (size_t i = 0; i < h->nevents; i++)
		event_clear(&h->events[i]);
	free(h->calls);
	free(h->events);
}

/* The replay of the case as it was before it lost (how) or gained call k:
 * its calls now, with k put back in its place or taken out.  The calls
 * are shallow copies: the replay only reads them. */
static void
replay_before(const struct cl_case *c, const struct history *h,
    const struct cl_call *k, int how, const struct policy *p,
    struct case_state *out)
{
	struct cl_call *was = xcalloc(h->ncalls + 1, sizeof(*was));
	size_t n = 0, i = 0;

	for (; i < h->ncalls; i++) {
		const struct cl_call *o = &h->calls[i];

		if (how == CASE_LOST_CALL && n == i && (o->started >
		    k->started || (o->started == k->started && o->id > k->id)))
			was[n++] = *k;
		if (how == CASE_LOST_CALL || o->id != k->id)
			was[n++] = *o;
	}
	if (how == CASE_LOST_CALL && n == i)
		was[n++] = *k;
	case_replay(c, was, n, h->events, h->nevents, p, out);
	free(was);
}

/* Work case id out again after it lost or gained call k; a change of its
 * state is said in report. */
static int
recompute(struct ctx *ctx, long long id, const struct cl_call *k, int how,
    struct move_report *report)
{
	struct call_filter f = { .case_id = id, .oldest_first = 1 };
	struct history h = { 0 };
	struct cl_case c = { 0 };
	struct case_state s, before;
	char when[WHEN_BUFSZ] = "", *line;
	int rc = CMD_FAIL, n;

	if (store_case_get(ctx->st, id, &c) != 0 ||
	    store_calls_each(ctx->st, &f, keep_call, &h) != 0 ||
	    store_events_each(ctx->st, id, keep_event, &h) != 0)
		goto out;
	case_replay(&c, h.calls, h.ncalls, h.events, h.nevents,
	    &ctx->cfg.policy, &s);
	replay_before(&c, &h, k, how, &ctx->cfg.policy, &before);
	rc = CMD_OK;
	if (!case_take_replay(&c, &s, &before, k, how))
		goto out;
	c.updated = ctx->now;
	if (store_case_update(ctx->st, &c) == -1) {
		rc = CMD_FAIL;
		goto out;
	}
	if (c.next_followup)
		when_format_local(c.next_followup, when);
	line = report->text + report->len;
	n = snprintf(line, sizeof(report->text) - report->len,
	    "case %lld is now %s%s%s%s%s%s\n", c.id,
	    enum_name(&status_names, c.status), c.escalation != LEVEL_NONE ?
	    " (escalated to " : "", c.escalation != LEVEL_NONE ?
	    enum_name(&level_names, c.escalation) : "",
	    c.escalation != LEVEL_NONE ? ")" : "", *when ?
	    ", next follow-up " : "", when);
	if (n > 0 && (size_t)n < sizeof(report->text) - report->len)
		report->len += (size_t)n;
out:
	history_clear(&h);
	case_clear(&c);
	return rc;
}

int
call_move_save(struct ctx *ctx, const struct cl_call *k, long long from,
    const struct cl_case *to, struct move_report *report)
{
	struct cl_call was = *k;

	if (k->credited && store_case_update(ctx->st, to) == -1)
		return CMD_FAIL;
	was.case_id = from;	/* its events follow from the old case */
	return call_moved(ctx, &was, to->id, report);
}

int
call_moved(struct ctx *ctx, const struct cl_call *k, long long to_case,
    struct move_report *report)
{
	report->len = 0;
	report->text[0] = '\0';
	if (store_call_events_follow(ctx->st, k, to_case, ctx->now) == -1 ||
	    recompute(ctx, k->case_id, k, CASE_LOST_CALL, report) != CMD_OK)
		return CMD_FAIL;
	if (to_case && recompute(ctx, to_case, k, CASE_GAINED_CALL, report)
	    != CMD_OK)
		return CMD_FAIL;
	return CMD_OK;
}
