/*
 * cmd_promise.c: `calllog promise ID --kept|--broken|--withdrawn`, the
 * person's word on what became of a promise.  It does not resolve the
 * case (a refund promised and made may not settle the dispute); the
 * dossier shows the marked status and says it was marked by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_rules.h"
#include "cmd.h"
#include "field.h"
#include "lookup.h"
#include "redact.h"
#include "store.h"
#include "util.h"

/* What the options say, read by args_bind. */
struct promise_opts {
	int kept, broken, withdrawn;
	long long call;		/* 0: the newest open promise */
	const char *note;
};

static const struct opt promise_opts[] = {
	{ "kept", 0, 0, NULL, "they did what they promised",
	    OPT_TO(OPT_BOOL, struct promise_opts, kept) },
	{ "broken", 0, 0, NULL, "they did not",
	    OPT_TO(OPT_BOOL, struct promise_opts, broken) },
	{ "withdrawn", 0, 0, NULL, "they took it back",
	    OPT_TO(OPT_BOOL, struct promise_opts, withdrawn) },
	{ "call", 0, OPT_VALUE, "N",
	    "the promise made on call N (default: the newest open one)",
	    OPT_TO(OPT_ID, struct promise_opts, call) },
	{ "note", 0, OPT_VALUE, "TEXT", "why, for the record",
	    OPT_TO(OPT_STRING, struct promise_opts, note) },
	OPT_END
};

struct find {
	long long call_id;	/* wanted; 0: the newest unmarked promise */
	struct cl_call *found;
};

/* Calls come oldest first: the last match is the newest. */
static int
find_promise(struct cl_call *k, void *arg)
{
	struct find *f = arg;

	if (f->call_id ? k->id != f->call_id :
	    (k->promise == NULL && k->promised_by == 0) ||
	    k->promise_mark != PMARK_NONE)
		return 0;
	call_clear(f->found);
	*f->found = *k;
	memset(k, 0, sizeof(*k));
	return 0;
}

static int
mark_of(const struct promise_opts *o)
{
	if (o->kept + o->broken + o->withdrawn != 1)
		return error("give one of --kept, --broken or --withdrawn"), -1;
	return o->kept ? PMARK_KEPT : o->broken ? PMARK_BROKEN :
	    PMARK_WITHDRAWN;
}

static int
run_promise(struct ctx *ctx, struct args *a)
{
	const struct promise_opts *o = a->bound;
	struct cl_case c = { 0 };
	struct cl_call k = { 0 };
	struct find f = { .found = &k, .call_id = o->call };
	struct call_filter cf = { .oldest_first = 1 };
	struct case_change ch = { .kind = CHANGE_PROMISE };
	struct case_effects fx;
	struct redact_counts r = { 0 };
	char summary[96], why[FIELD_WHY_BUFSZ];
	int mark = mark_of(o), rc;

	if (mark < 0)
		return CMD_USAGE;
	if (o->note && field_check(SYNC_CALL, KF_PROMISE_NOTE, o->note, NULL,
	    NULL, why, sizeof(why)) == -1)
		return error("--note %s", why), CMD_USAGE;
	if ((rc = lookup_case(ctx->st, a->pos[0], "case", &cf.case_id)))
		return rc;
	if ((rc = store_case_get(ctx->st, cf.case_id, &c)) != 0)
		return rc == 1 ? (error("no case %lld; 'calllog cases' lists "
		    "the cases", cf.case_id), CMD_FAIL) : CMD_FAIL;
	rc = CMD_FAIL;
	if (store_calls_each(ctx->st, &cf, find_promise, &f) != 0)
		goto out;
	if (k.id == 0 || (k.promise == NULL && k.promised_by == 0)) {
		if (f.call_id)
			error("call %lld on case %lld made no promise", f.call_id,
			    c.id);
		else
			error("case %lld has no open promise; give --call N to "
			    "mark one already marked", c.id);
		goto out;
	}
	k.promise_mark = mark;
	/* Not a correction of the call's record: updated stays. */
	k.promise_marked = ctx->now;
	free(k.promise_note);
	k.promise_note = o->note && *o->note ? redact_text(o->note, &r) :
	    NULL;
	redact_report(&r, "--note");
	case_apply(&c, &ch, &ctx->cfg.policy, ctx->now, &fx);
	snprintf(summary, sizeof(summary), "marked the promise of call %lld "
	    "%s", k.id, enum_name(&promise_names, mark));
	if (store_call_update(ctx->st, &k, 0) == 0 &&
	    store_case_update(ctx->st, &c) == 0 &&
	    store_change_describe(ctx->st, summary) == 0) {
		fprintf(ctx->out, "%s (case %lld)\n", summary, c.id);
		rc = CMD_OK;
	}
	case_effects_clear(&fx);
out:
	call_clear(&k);
	case_clear(&c);
	return rc;
}

const struct cmd cmd_promise = {
	.name = "promise",
	.synopsis = "ID --kept|--broken|--withdrawn [--call N] [--note TEXT]",
	.summary = "mark what became of a promise",
	.opts = promise_opts,
	.bound_size = sizeof(struct promise_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB,
	.run = run_promise,
};
