/*
 * cmd_show.c: `calllog show ID`, one case and the timeline of its calls and
 * of what happened to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "jsonw.h"
#include "lookup.h"
#include "show_int.h"
#include "store.h"
#include "util.h"
#include "view.h"

/* What the options say, read by args_bind. */
struct show_opts {
	int json;
};

static const struct opt show_opts[] = {
	OPT_JSON(struct show_opts, json),
	OPT_END
};

static int
keep_call(struct cl_call *c, void *arg)
{
	struct timeline *t = arg;

	t->calls = xrealloc(t->calls, (t->ncalls + 1) * sizeof(*t->calls));
	t->calls[t->ncalls++] = *c;
	memset(c, 0, sizeof(*c));	/* ownership moved to the timeline */
	return 0;
}

static int
keep_event(struct cl_event *e, void *arg)
{
	struct timeline *t = arg;

	t->events = xrealloc(t->events, (t->nevents + 1) * sizeof(*t->events));
	t->events[t->nevents++] = *e;
	memset(e, 0, sizeof(*e));
	return 0;
}

static int
keep_note(struct cl_note *n, void *arg)
{
	struct timeline *t = arg;

	t->notes = xrealloc(t->notes, (t->nnotes + 1) * sizeof(*t->notes));
	t->notes[t->nnotes++] = *n;
	memset(n, 0, sizeof(*n));
	return 0;
}

static void
timeline_clear(struct timeline *t)
{
	for (size_t i = 0; i < t->ncalls; i++)
		call_clear(&t->calls[i]);
	for (size_t i = 0; i < t->nevents; i++)
		event_clear(&t->events[i]);
	for (size_t i = 0; i < t->nnotes; i++)
		note_clear(&t->notes[i]);
	free(t->calls);
	free(t->events);
	free(t->notes);
}

static void
show_json(struct ctx *ctx, const struct cl_case *c, const struct timeline *t)
{
	struct jsonw j;

	jsonw_init(&j, ctx->out);
	jsonw_object_begin(&j);
	view_case_members(&j, c, &ctx->cfg.policy, ctx->now);
	jsonw_key(&j, "calls_list");
	jsonw_array_begin(&j);
	for (size_t i = 0; i < t->ncalls; i++)
		view_call_json(&j, &t->calls[i], 0);
	jsonw_array_end(&j);
	jsonw_key(&j, "events");
	jsonw_array_begin(&j);
	for (size_t i = 0; i < t->nevents; i++)
		view_event_json(&j, &t->events[i]);
	jsonw_array_end(&j);
	/* Not contacts: apart from calls_list, and not in "calls". */
	jsonw_key(&j, "notes_list");
	jsonw_array_begin(&j);
	for (size_t i = 0; i < t->nnotes; i++)
		view_note_json(&j, &t->notes[i], c->currency);
	jsonw_array_end(&j);
	jsonw_end(&j, 1);	/* everything was loaded before */
}

static int
run_show(struct ctx *ctx, struct args *a)
{
	const struct show_opts *o = a->bound;
	struct cl_case c;
	struct timeline t = { 0 };
	struct call_filter f = { .oldest_first = 1 };
	long long id;
	int rc;

	if ((rc = lookup_case(ctx->st, a->pos[0], "case", &id)) != CMD_OK)
		return rc;
	rc = store_case_get(ctx->st, id, &c);
	if (rc == 1)
		return error("no case %lld; 'calllog open' lists the cases",
		    id), CMD_FAIL;
	if (rc == -1)
		return CMD_FAIL;
	f.case_id = id;
	if (store_calls_each(ctx->st, &f, keep_call, &t) == 0 &&
	    store_events_each(ctx->st, id, keep_event, &t) == 0 &&
	    store_notes_each(ctx->st, id, keep_note, &t) == 0) {
		if (o->json)
			show_json(ctx, &c, &t);
		else
			show_text(ctx, &c, &t);
	} else
		rc = -1;
	timeline_clear(&t);
	case_clear(&c);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_show = {
	.name = "show",
	.synopsis = "ID [--json]",
	.summary = "one case and the timeline of its calls",
	.opts = show_opts,
	.bound_size = sizeof(struct show_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_show,
};
