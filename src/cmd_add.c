/*
 * cmd_add.c: `calllog add`, recording one call and opening its case when
 * it is the first.  What the call does to its case is decided by
 * case_rules, as for every other command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "case_rules.h"
#include "cmd.h"
#include "directory.h"
#include "input.h"
#include "lookup.h"
#include "phone.h"
#include "redact.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct add_opts {
	const char *kase;	/* an id or uuid: lookup_case reads it */
	time_t follow_up;	/* 0: the case rules' */
	int reopen;
	struct case_options k;
	struct call_options c;
};

/* Where the case's and the call's own options start (input.h). */
enum {
	O_CASE, O_FOLLOW_UP, O_REOPEN,
	O_KFIRST,
	O_CFIRST = O_KFIRST + KO_COUNT
};

static const struct opt add_opts[] = {
	[O_CASE] = { "case", 'c', OPT_VALUE, "ID",
	    "add the call to this case (id or uuid)",
	    OPT_TO(OPT_STRING, struct add_opts, kase) },
	[O_FOLLOW_UP] = { "follow-up", 'f', OPT_VALUE, "DATE",
	    "when to follow up next",
	    OPT_TO(OPT_DATE, struct add_opts, follow_up) },
	[O_REOPEN] = { "reopen", 0, 0, NULL,
	    "the call reopens a resolved case",
	    OPT_TO(OPT_BOOL, struct add_opts, reopen) },
	CASE_OPTIONS(struct add_opts, k),
	CALL_OPTIONS(struct add_opts, c),
	OPT_END
};

/* Everything add will write, read and checked before anything is. */
struct add_input {
	long long case_id;
	struct case_input kase;
	struct call_input call;
	time_t follow_up;
	struct redact_counts redacted;
};

/* Read and check every option; returns CMD_OK or the exit code. */
static int
read_input(struct ctx *ctx, const struct args *a, struct add_input *in)
{
	const struct add_opts *o = a->bound;
	int rc;

	if (o->kase && (o->k.org || o->k.reason >= 0))
		return error("--%s belongs to a new case; leave it out with "
		    "--case, or change the case with 'calllog edit'",
		    o->k.org ? "org" : "reason"), CMD_USAGE;
	if (!o->kase && (!o->k.org || o->k.reason < 0))
		return error("a new case needs --org and --reason (or give "
		    "--case ID to add to an open one)"), CMD_USAGE;
	if ((rc = case_input_read(a, O_KFIRST, &o->k, &in->kase,
	    &in->redacted)) != CMD_OK ||
	    (rc = call_input_read(ctx, a, O_CFIRST, &o->c, &in->call,
	    &in->redacted)) != CMD_OK)
		return rc;
	in->follow_up = o->follow_up;
	/* A call with none of its own fields is a blank record that would
	 * count as a contact; changing the case is edit's work. */
	if (o->kase && !call_input_any(&in->call))
		return error("'add --case %s' records a call, but none of its "
		    "fields was given (--note, --rep, --ref, --outcome, "
		    "--number, ...); to change the case itself use 'calllog "
		    "edit %s'", o->kase, o->kase), CMD_USAGE;
	if (in->call.call.started == 0)
		in->call.call.started = ctx->now;
	return CMD_OK;
}

/* Open the case this call starts, under the organization as the journal
 * knows it, so that "amex" and "American" file with "American Express". */
static int
open_case(struct ctx *ctx, const struct args *a, struct add_input *in,
    struct cl_case *c)
{
	time_t started = in->call.call.started;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = lookup_org(ctx->st, in->kase.org, in->kase.given[KO_NEW_ORG],
	    &c->org)) != CMD_OK)
		return rc;
	(void)a;
	c->status = STATUS_OPEN;
	c->priority = in->kase.reason == REASON_LOST_CARD ||
	    in->kase.reason == REASON_FRAUD ? PRIORITY_HIGH : PRIORITY_NORMAL;
	if (case_input_apply(&in->kase, c) != CMD_OK)
		return CMD_USAGE;
	c->opened = started < ctx->now ? started : ctx->now;
	c->updated = ctx->now;
	c->escalation = LEVEL_NONE;
	c->stage_at = c->opened;
	return store_case_insert(ctx->st, c) == 0 ? CMD_OK : CMD_FAIL;
}

/* Load the case the call is added to, taking the case's own options given
 * with the call as corrections to it. */
static int
load_case(struct ctx *ctx, struct add_input *in, struct cl_case *c)
{
	int rc = store_case_get(ctx->st, in->case_id, c);

	if (rc == 1)
		return error("no case %lld; 'calllog cases' lists the cases",
		    in->case_id), CMD_FAIL;
	if (rc == -1)
		return CMD_FAIL;
	return case_input_apply(&in->kase, c);
}

static void
report(struct ctx *ctx, const struct cl_case *c, const struct cl_call *k,
    int opened, const struct case_effects *fx)
{
	char when[WHEN_BUFSZ];

	if (opened)
		fprintf(ctx->out, "opened case %lld (%s, %s)\n", c->id, c->org,
		    enum_name(&reason_names, c->reason));
	if (fx->reopened)
		fprintf(ctx->out, "reopened case %lld\n", c->id);
	fprintf(ctx->out, "recorded call %lld on case %lld\n", k->id, c->id);
	if (c->status == STATUS_RESOLVED)
		fprintf(ctx->out, "case %lld is resolved\n", c->id);
	else if (c->next_followup) {
		when_format_day(c->next_followup, when);
		fprintf(ctx->out, "next follow-up %s\n", when);
	}
	if (k->promised_by) {
		when_format_day(k->promised_by, when);
		fprintf(ctx->out, "promised by %s\n", when);
	}
	if (fx->escalated)
		fprintf(ctx->out, "case %lld escalated to %s\n", c->id,
		    enum_name(&level_names, c->escalation));
}

/* Whether org, as the journal spells it, is the case's organization. */
static int
same_org(struct ctx *ctx, const char *org, const char *case_org)
{
	char *canon = NULL;
	int same;

	if (store_org_canonical(ctx->st, org, &canon) == -1)
		return -1;
	same = strcasecmp(canon, case_org) == 0;
	free(canon);
	return same;
}

/*
 * A number the directory files under another organization than the
 * case's is more often a slip (the wrong case, or the wrong number
 * pasted) than a company's shared line: said in one line, and kept.
 */
static void
warn_other_org(struct ctx *ctx, const struct cl_case *c,
    const struct cl_call *k)
{
	struct directory d = { 0 };
	char e164[PHONE_BUFSZ], shown[PHONE_BUFSZ];
	const struct dir_entry *other = NULL;

	if (k->number == NULL || store_directory_merged(ctx->st, &d) == -1)
		return;
	phone_split(k->number, e164);
	for (size_t i = 0; i < d.n; i++) {
		char num[PHONE_BUFSZ];
		int same;

		phone_split(d.e[i].number, num);
		if (strcmp(num, e164) != 0)
			continue;
		if ((same = same_org(ctx, d.e[i].org, c->org)) != 0) {
			other = NULL;	/* the case's own line too */
			break;
		}
		if (other == NULL)
			other = &d.e[i];
	}
	if (other) {
		phone_format(e164, shown);
		warning("%s is %s's number (%s) in the directory, not %s's; "
		    "recorded on case %lld as given", shown, other->org,
		    other->purpose, c->org, c->id);
	}
	directory_clear(&d);
}

/* Record the call and what it does to its case, as case_rules says. */
static int
record(struct ctx *ctx, const struct args *a, struct add_input *in,
    struct cl_call *k, struct cl_case *c, struct case_effects *fx)
{
	struct case_change ch = { .kind = CHANGE_CALL, .call = k,
	    .reopen = ((const struct add_opts *)a->bound)->reopen,
	    .follow_up = in->follow_up };
	char msg[256];
	int rule;

	if ((rule = case_apply(c, &ch, &ctx->cfg.policy, ctx->now, fx))) {
		case_rule_message(rule, c, msg, sizeof(msg));
		error("%s", msg);
		return case_rule_is_usage(rule) ? CMD_USAGE : CMD_FAIL;
	}
	k->case_id = c->id;
	k->created = k->updated = ctx->now;
	/* Kept with the call, so that deleting or moving another one works
	 * the case's follow-up out again exactly (case_replay.h). */
	k->follow_up = in->follow_up;
	if (store_call_insert(ctx->st, k) == -1)
		return CMD_FAIL;
	for (int i = 0; i < fx->nev; i++)
		if (store_event_insert(ctx->st, &fx->ev[i]) == -1)
			return CMD_FAIL;
	if (store_case_update(ctx->st, c) == -1)
		return CMD_FAIL;
	snprintf(msg, sizeof(msg), "recorded call %lld on case %lld", k->id,
	    c->id);
	return store_change_describe(ctx->st, msg) == 0 ? CMD_OK : CMD_FAIL;
}

static int
run_add(struct ctx *ctx, struct args *a)
{
	struct add_input in = { 0 };
	struct cl_case c = { 0 };
	struct case_effects fx = { 0 };
	struct cl_call k = { .channel = CHANNEL_PHONE,
	    .direction = DIRECTION_OUTBOUND, .outcome = OUTCOME_NONE,
	    .hold = -1, .duration = -1, .started = ctx->now };

	const char *kase = ((const struct add_opts *)a->bound)->kase;
	int rc;

	rc = read_input(ctx, a, &in);
	if (rc == CMD_OK && kase)
		rc = lookup_case(ctx->st, kase, "--case", &in.case_id);
	if (rc == CMD_OK)
		rc = in.case_id ? load_case(ctx, &in, &c) :
		    open_case(ctx, a, &in, &c);
	if (rc == CMD_OK &&
	    (rc = call_input_apply(&in.call, &k, &c)) == CMD_OK &&
	    (rc = record(ctx, a, &in, &k, &c, &fx)) == CMD_OK) {
		report(ctx, &c, &k, !in.case_id, &fx);
		/* Said after the record is kept: the date stands as given. */
		when_warn_past(in.follow_up, ctx->now, "follow-up");
		when_warn_past_day(k.promised_by, ctx->now,
		    "promised-by deadline");
		warn_other_org(ctx, &c, &k);
		redact_report(&in.redacted, NULL);
	}
	case_effects_clear(&fx);
	case_clear(&c);
	call_clear(&k);
	case_input_clear(&in.kase);
	call_input_clear(&in.call);
	return rc;
}

const struct cmd cmd_add = {
	.name = "add",
	.synopsis = "[--case ID [--reopen] | --org NAME --reason REASON] "
	    "[OPTIONS]",
	.summary = "record a call; opens a new case unless --case is given",
	.opts = add_opts,
	.bound_size = sizeof(struct add_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_add,
};
