/*
 * cmd_add.c: `calllog add`, recording one call and opening its case when
 * it is the first.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "phone.h"
#include "redact.h"
#include "store.h"
#include "util.h"
#include "when.h"

enum {
	O_CASE, O_ORG, O_REASON, O_TITLE, O_ACCOUNT, O_PRIORITY, O_NUMBER,
	O_DEPARTMENT, O_REP, O_REF, O_WHEN, O_DURATION, O_HOLD, O_IVR,
	O_CHANNEL, O_INBOUND, O_OUTCOME, O_PROMISE, O_PROMISED_BY,
	O_FOLLOW_UP, O_NOTE
};

static const struct opt add_opts[] = {
	[O_CASE] = { "case", 'c', OPT_VALUE, "ID", "add the call to this case" },
	[O_ORG] = { "org", 'o', OPT_VALUE, "NAME", "organization (new case)" },
	[O_REASON] = { "reason", 'r', OPT_VALUE, "REASON",
	    "why you call (new case): lost-card, billing, account, activation,"
	    " fraud, travel, rewards, business, general" },
	[O_TITLE] = { "title", 't', OPT_VALUE, "TEXT", "the case in a few words" },
	[O_ACCOUNT] = { "account", 0, OPT_VALUE | OPT_RAW, "LAST4",
	    "last four digits of the card or account" },
	[O_PRIORITY] = { "priority", 0, OPT_VALUE, "high|normal|low",
	    "case priority (lost-card and fraud default to high)" },
	[O_NUMBER] = { "number", 'n', OPT_VALUE | OPT_RAW, "PHONE",
	    "number dialed" },
	[O_DEPARTMENT] = { "department", 0, OPT_VALUE, "NAME",
	    "department reached" },
	[O_REP] = { "rep", 0, OPT_VALUE, "NAME", "representative's name or ID" },
	[O_REF] = { "ref", 0, OPT_VALUE | OPT_MULTI, "REF", "reference number" },
	[O_WHEN] = { "when", 'w', OPT_VALUE, "DATE",
	    "when the call started (default now)" },
	[O_DURATION] = { "duration", 'd', OPT_VALUE, "DUR",
	    "length of the call, hold included" },
	[O_HOLD] = { "hold", 0, OPT_VALUE, "DUR", "time on hold" },
	[O_IVR] = { "ivr", 0, OPT_VALUE, "TEXT",
	    "menu path that reached a human" },
	[O_CHANNEL] = { "channel", 0, OPT_VALUE, "CH",
	    "phone, chat, message, letter, in-person" },
	[O_INBOUND] = { "inbound", 0, 0, NULL, "they called you (a callback)" },
	[O_OUTCOME] = { "outcome", 0, OPT_VALUE, "OUTCOME",
	    "resolved, follow-up, callback, transferred, dropped, escalated,"
	    " info" },
	[O_PROMISE] = { "promise", 0, OPT_VALUE, "TEXT", "what they promised" },
	[O_PROMISED_BY] = { "promised-by", 0, OPT_VALUE, "DATE",
	    "when they promised it by" },
	[O_FOLLOW_UP] = { "follow-up", 'f', OPT_VALUE, "DATE",
	    "when to follow up next" },
	[O_NOTE] = { "note", 0, OPT_VALUE | OPT_MULTI | OPT_STDIN, "TEXT",
	    "notes; '-' reads standard input" },
	{ NULL, 0, 0, NULL, NULL }
};

/* Everything add will write, read and checked before anything is. */
struct add_input {
	struct cl_call call;
	long long case_id;
	int reason;
	int priority;		/* -1: not given */
	char *org;
	char *title;
	char *account;
	time_t follow_up;
};

/* Check a one-line value (main redacted it, args_redact); *out is NULL
 * when not given. */
static int
take_line(const char *opt, const char *v, size_t max, char **out)
{
	*out = NULL;
	if (v == NULL)
		return 0;
	if (check_line(opt, v, max) == -1)
		return -1;
	if (*v)
		*out = xstrdup(v);
	return 0;
}

/* --account keeps the last four digits at most: a whole card number given
 * there is cut down rather than stored. */
static int
take_account(struct add_input *in, const char *v)
{
	char last[5] = "";
	size_t n = 0;

	if (v == NULL)
		return 0;
	for (const char *p = v; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			/* Keep a window of the last four digits seen. */
			if (n >= 4)
				memmove(last, last + 1, 3);
			last[n >= 4 ? 3 : n] = *p;
			n++;
		} else if (*p != ' ' && *p != '-')
			return error("--account '%s' must be digits (the last "
			    "four of the card or account)", v);
	}
	if (n == 0)
		return error("--account '%s' must be digits (the last four of "
		    "the card or account)", v);
	last[n > 4 ? 4 : n] = '\0';
	if (n > 4)
		warning("kept only the last four digits of --account");
	in->account = xstrdup(last);
	return 0;
}

/* Join every --note into the call's notes ('-' was replaced by standard
 * input, and each redacted, by args_redact). */
static int
take_notes(struct add_input *in, const struct args *a)
{
	size_t len = 0;
	char *all = NULL;

	for (int i = 0; i < a->nmulti[O_NOTE]; i++) {
		char *text = xstrdup(a->multi[O_NOTE][i]);
		size_t n;

		if (check_text("--note", text, LIMIT_NOTE)) {
			free(text);
			free(all);
			return -1;
		}
		n = strlen(text);
		if (len + n + 1 > LIMIT_NOTE) {
			free(text);
			free(all);
			return error("the notes are too long (over %d bytes in "
			    "all); shorten them", LIMIT_NOTE);
		}
		all = xrealloc(all, len + n + 2);
		if (len)
			all[len++] = '\n';
		memcpy(all + len, text, n + 1);
		len += n;
		free(text);
	}
	/* Notes redacted one by one may still hold a card split over two
	 * of them ("4111 1111" then "1111 1111"); redacting the whole again
	 * changes nothing else, as redacted text is a fixed point. */
	if (all && *all) {
		struct redact_counts split = { 0, 0, 0 };

		in->call.notes = redact_text(all, &split);
		redact_report(&split, "notes, across two --note");
	}
	free(all);
	return 0;
}

static int
take_enum(const struct enum_names *e, const char *v, int *out)
{
	if (v == NULL)
		return 0;
	return (*out = enum_parse(e, v)) < 0 ? -1 : 0;
}

static int
take_duration(const char *v, long *out)
{
	*out = -1;
	return v ? when_parse_duration(v, out) : 0;
}

static int
take_date(const char *v, time_t now, time_t *out)
{
	*out = 0;
	return v ? when_parse(v, now, out) : 0;
}

/* Read and check every option; returns CMD_OK or CMD_USAGE. */
static int
read_input(struct ctx *ctx, const struct args *a, struct add_input *in)
{
	struct cl_call *k = &in->call;
	char e164[PHONE_BUFSZ];

	k->channel = CHANNEL_PHONE;
	k->direction = arg(a, O_INBOUND) ? DIRECTION_INBOUND :
	    DIRECTION_OUTBOUND;
	k->outcome = OUTCOME_NONE;
	in->reason = -1;
	in->priority = -1;
	if (arg(a, O_CASE) && (arg(a, O_ORG) || arg(a, O_REASON)))
		return error("--%s belongs to a new case; leave it out with "
		    "--case", arg(a, O_ORG) ? "org" : "reason"), CMD_USAGE;
	if (!arg(a, O_CASE) && (!arg(a, O_ORG) || !arg(a, O_REASON)))
		return error("a new case needs --org and --reason (or give "
		    "--case ID to add to an open one)"), CMD_USAGE;
	if ((arg(a, O_CASE) && parse_id(arg(a, O_CASE), "--case",
	    &in->case_id)) ||
	    take_line("--org", arg(a, O_ORG), LIMIT_NAME, &in->org) ||
	    take_enum(&reason_names, arg(a, O_REASON), &in->reason) ||
	    take_line("--title", arg(a, O_TITLE), LIMIT_NAME, &in->title) ||
	    take_account(in, arg(a, O_ACCOUNT)) ||
	    take_enum(&priority_names, arg(a, O_PRIORITY), &in->priority) ||
	    take_line("--department", arg(a, O_DEPARTMENT), LIMIT_NAME,
	    &k->department) ||
	    take_line("--rep", arg(a, O_REP), LIMIT_NAME, &k->rep) ||
	    take_line("--ivr", arg(a, O_IVR), LIMIT_LINE, &k->ivr) ||
	    take_line("--promise", arg(a, O_PROMISE), LIMIT_LINE,
	    &k->promise) ||
	    take_enum(&channel_names, arg(a, O_CHANNEL), &k->channel) ||
	    take_enum(&outcome_names, arg(a, O_OUTCOME), &k->outcome) ||
	    take_duration(arg(a, O_DURATION), &k->duration) ||
	    take_duration(arg(a, O_HOLD), &k->hold) ||
	    take_date(arg(a, O_WHEN), ctx->now, &k->started) ||
	    take_date(arg(a, O_PROMISED_BY), ctx->now, &k->promised_by) ||
	    take_date(arg(a, O_FOLLOW_UP), ctx->now, &in->follow_up) ||
	    take_notes(in, a))
		return CMD_USAGE;
	if (arg(a, O_ORG) && in->org == NULL)
		return error("--org needs a name"), CMD_USAGE;
	if (k->duration >= 0 && k->hold > k->duration)
		return error("--hold (%s) is longer than --duration (%s); the "
		    "duration includes the hold", arg(a, O_HOLD),
		    arg(a, O_DURATION)), CMD_USAGE;
	if (a->nmulti[O_REF] > LIMIT_REFS)
		return error("too many --ref (%d, at most %d)",
		    a->nmulti[O_REF], LIMIT_REFS), CMD_USAGE;
	for (int i = 0; i < a->nmulti[O_REF]; i++) {
		char *ref;

		if (take_line("--ref", a->multi[O_REF][i], LIMIT_LINE,
		    &ref) == -1)
			return CMD_USAGE;
		if (ref)
			call_add_ref(k, ref);
		free(ref);
	}
	if (arg(a, O_NUMBER)) {
		if (phone_normalize(arg(a, O_NUMBER), ctx->cfg.country, e164) == -1)
			return CMD_USAGE;
		k->number = xstrdup(e164);
	}
	if (k->started == 0)
		k->started = ctx->now;
	return CMD_OK;
}

/* Open the case this call starts.  The org is spelled as the journal
 * already knows it, so "amex" and "AMERICAN EXPRESS" file together. */
static int
open_case(struct ctx *ctx, struct add_input *in, struct cl_case *c)
{
	memset(c, 0, sizeof(*c));
	if (store_org_canonical(ctx->st, in->org, &c->org) == -1)
		return -1;
	c->reason = in->reason;
	c->title = in->title;
	c->account = in->account;
	in->title = in->account = NULL;
	c->status = STATUS_OPEN;
	c->priority = in->priority >= 0 ? in->priority :
	    (c->reason == REASON_LOST_CARD || c->reason == REASON_FRAUD) ?
	    PRIORITY_HIGH : PRIORITY_NORMAL;
	c->opened = in->call.started < ctx->now ? in->call.started : ctx->now;
	c->updated = ctx->now;
	c->escalation = LEVEL_NONE;
	c->stage_at = c->opened;
	return store_case_insert(ctx->st, c);
}

/* Load the case the call is added to, taking --title, --account and
 * --priority as changes to it. */
static int
load_case(struct ctx *ctx, struct add_input *in, struct cl_case *c)
{
	int rc = store_case_get(ctx->st, in->case_id, c);

	if (rc == 1)
		return error("no case %lld; 'calllog open' lists the cases",
		    in->case_id);
	if (rc == -1)
		return -1;
	if (in->title) {
		free(c->title);
		c->title = in->title;
		in->title = NULL;
	}
	if (in->account) {
		free(c->account);
		c->account = in->account;
		in->account = NULL;
	}
	if (in->priority >= 0)
		c->priority = in->priority;
	return 0;
}

/* Apply what the call changes to its case: the outcome's status and
 * escalation, and the next follow-up.  Returns 0, -1 after reporting a
 * failure, or -2 after reporting a follow-up beyond the last date kept. */
static int
apply_call(struct ctx *ctx, struct add_input *in, struct cl_case *c,
    int *reopened)
{
	const struct cl_call *k = &in->call;
	time_t before = c->next_followup;

	*reopened = 0;
	if (c->status == STATUS_RESOLVED && k->outcome != OUTCOME_RESOLVED &&
	    k->outcome != OUTCOME_INFO) {
		struct cl_event e = { .case_id = c->id, .at = k->started,
		    .kind = EVENT_REOPEN, .level = LEVEL_NONE };

		if (store_event_insert(ctx->st, &e) == -1)
			return -1;
		c->resolved_at = 0;
		c->stage_at = k->started;
		*reopened = 1;
	}
	if (k->outcome == OUTCOME_ESCALATED) {
		int next = policy_next_level(c->escalation);
		struct cl_event e = { .case_id = c->id, .at = k->started,
		    .kind = EVENT_ESCALATE, .level = next };

		if (next == LEVEL_NONE)
			return error("case %lld is already with a regulator; "
			    "there is no level above", c->id);
		if (store_event_insert(ctx->st, &e) == -1)
			return -1;
		c->escalation = next;
		c->stage_at = k->started;
	}
	if (c->status != STATUS_RESOLVED || *reopened)
		c->status = policy_status_after_call(k->outcome, c->escalation,
		    k->promise != NULL || k->promised_by != 0);
	if (c->status == STATUS_RESOLVED) {
		if (c->resolved_at == 0)
			c->resolved_at = k->started;
		c->next_followup = 0;
	} else
		/* A call recorded afterwards (--when) schedules from when it
		 * happened, as it would have had it been recorded then. */
		c->next_followup = policy_next_followup(in->follow_up,
		    k->promised_by, *reopened ? 0 : c->next_followup,
		    &ctx->cfg.policy, k->started < ctx->now ? k->started :
		    ctx->now);
	if (when_check_computed(c->next_followup, "next follow-up") == -1)
		return -2;
	if (c->next_followup != before)
		c->followup_seq++;
	c->updated = ctx->now;
	return store_case_update(ctx->st, c);
}

static void
report(struct ctx *ctx, const struct cl_case *c, const struct cl_call *k,
    int opened, int reopened)
{
	char when[WHEN_BUFSZ];

	if (opened)
		fprintf(ctx->out, "opened case %lld (%s, %s)\n", c->id, c->org,
		    enum_name(&reason_names, c->reason));
	if (reopened)
		fprintf(ctx->out, "reopened case %lld\n", c->id);
	fprintf(ctx->out, "recorded call %lld on case %lld\n", k->id, c->id);
	if (c->status == STATUS_RESOLVED)
		fprintf(ctx->out, "case %lld is resolved\n", c->id);
	else if (c->next_followup) {
		when_format_local(c->next_followup, when);
		fprintf(ctx->out, "next follow-up %s\n", when);
	}
	if (k->outcome == OUTCOME_ESCALATED)
		fprintf(ctx->out, "case %lld escalated to %s\n", c->id,
		    enum_name(&level_names, c->escalation));
}

static int
run_add(struct ctx *ctx, struct args *a)
{
	struct add_input in = { 0 };
	struct cl_case c = { 0 };
	int rc, applied = -1, reopened = 0;

	rc = read_input(ctx, a, &in);
	if (rc == CMD_OK) {
		rc = CMD_FAIL;
		if ((in.case_id ? load_case(ctx, &in, &c) :
		    open_case(ctx, &in, &c)) == 0) {
			in.call.case_id = c.id;
			in.call.created = in.call.updated = ctx->now;
			if (store_call_insert(ctx->st, &in.call) == 0 &&
			    (applied = apply_call(ctx, &in, &c, &reopened)) ==
			    0) {
				report(ctx, &c, &in.call, !in.case_id,
				    reopened);
				rc = CMD_OK;
			} else if (applied == -2)
				rc = CMD_USAGE;
		}
	}
	case_clear(&c);
	call_clear(&in.call);
	free(in.org);
	free(in.title);
	free(in.account);
	return rc;
}

const struct cmd cmd_add = {
	.name = "add",
	.synopsis = "[--case ID | --org NAME --reason REASON] [OPTIONS]",
	.summary = "record a call; opens a new case unless --case is given",
	.opts = add_opts,
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_add,
};
