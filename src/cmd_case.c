/*
 * cmd_case.c: the commands that change a case's state without a call:
 * `resolve`, `reopen`, `followup` and `escalate`.  Each records an event so
 * that `show` and a dossier can tell the case's history.
 */
#include <stdio.h>
#include <stdlib.h>

#include "case_rules.h"
#include "cmd.h"
#include "field.h"
#include "lookup.h"
#include "redact.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct case_opts {
	const char *note;
	int level;		/* -1: the next one */
};

#define NOTE_OPTION { "note", 0, OPT_VALUE, "TEXT", "why, for the record", \
	OPT_TO(OPT_STRING, struct case_opts, note) }

static const struct opt note_opts[] = {
	NOTE_OPTION,
	OPT_END
};

static const struct opt escalate_opts[] = {
	NOTE_OPTION,
	{ "level", 'l', OPT_VALUE, "LEVEL",
	    "supervisor, complaint or regulator (default: the next one)",
	    OPT_TO(OPT_ENUM, struct case_opts, level), .names = &level_names },
	OPT_END
};

/* Read the case named by the first argument (id, uuid or uuid prefix).
 * Returns CMD_OK with *c filled, or the exit code after reporting. */
static int
load(struct ctx *ctx, const struct args *a, struct cl_case *c)
{
	long long id;
	int rc;

	if ((rc = lookup_case(ctx->st, a->pos[0], "case", &id)) != CMD_OK)
		return rc;
	rc = store_case_get(ctx->st, id, c);
	if (rc == 1)
		return error("no case %lld; 'calllog cases' lists the cases",
		    id), CMD_FAIL;
	return rc ? CMD_FAIL : CMD_OK;
}

/* Check --note (main redacted it, args_redact); *out is NULL when none
 * was given. */
static int
take_note(const struct args *a, char **out)
{
	const char *v = ((const struct case_opts *)a->bound)->note;
	char why[FIELD_WHY_BUFSZ];

	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	/* The note of the event the change records, by its declaration. */
	if (field_check(SYNC_EVENT, EF_NOTE, v, NULL, NULL, why,
	    sizeof(why)) == -1)
		return error("--note %s", why);
	*out = xstrdup(v);
	return 0;
}

/*
 * Load the case, apply the change by the case rules, and record the new
 * case with its events.  The note (checked and redacted) goes with the
 * change.  Returns CMD_OK with *c the new case, or the exit code.
 */
static int
change_case(struct ctx *ctx, const struct args *a, struct case_change *ch,
    struct cl_case *c)
{
	struct case_effects fx;
	char msg[256], *note = NULL;
	int rc, rule;

	if ((rc = load(ctx, a, c)) != CMD_OK)
		return rc;
	if (take_note(a, &note) == -1)
		return CMD_USAGE;
	ch->note = note;
	if ((rule = case_apply(c, ch, &ctx->cfg.policy, ctx->now, &fx))) {
		case_rule_message(rule, c, msg, sizeof(msg));
		free(note);
		return error("%s", msg), case_rule_is_usage(rule) ? CMD_USAGE :
		    CMD_FAIL;
	}
	rc = CMD_OK;
	for (int i = 0; rc == CMD_OK && i < fx.nev; i++)
		if (store_event_insert(ctx->st, &fx.ev[i]) == -1)
			rc = CMD_FAIL;
	if (rc == CMD_OK && store_case_update(ctx->st, c) == -1)
		rc = CMD_FAIL;
	snprintf(msg, sizeof(msg), "%s case %lld", ctx->cmd->name, c->id);
	if (rc == CMD_OK && store_change_describe(ctx->st, msg) == -1)
		rc = CMD_FAIL;
	case_effects_clear(&fx);
	free(note);
	return rc;
}

static int
run_resolve(struct ctx *ctx, struct args *a)
{
	struct case_change ch = { .kind = CHANGE_RESOLVE };
	struct cl_case c = { 0 };
	int rc = change_case(ctx, a, &ch, &c);

	if (rc == CMD_OK)
		fprintf(ctx->out, "resolved case %lld (%s)\n", c.id, c.org);
	case_clear(&c);
	return rc;
}

static int
run_reopen(struct ctx *ctx, struct args *a)
{
	struct case_change ch = { .kind = CHANGE_REOPEN };
	struct cl_case c = { 0 };
	char when[WHEN_BUFSZ];
	int rc = change_case(ctx, a, &ch, &c);

	if (rc == CMD_OK) {
		when_format_day(c.next_followup, when);
		fprintf(ctx->out, "reopened case %lld; next follow-up %s\n",
		    c.id, when);
	}
	case_clear(&c);
	return rc;
}

static int
run_followup(struct ctx *ctx, struct args *a)
{
	struct case_change ch = { .kind = CHANGE_FOLLOWUP };
	struct cl_case c = { 0 };
	char when[WHEN_BUFSZ];
	int rc;

	if (when_parse(a->pos[1], ctx->now, &ch.due) == -1)
		return CMD_USAGE;
	if ((rc = change_case(ctx, a, &ch, &c)) == CMD_OK) {
		when_format_day(ch.due, when);
		fprintf(ctx->out, "case %lld: next follow-up %s\n", c.id, when);
		when_warn_past(ch.due, ctx->now, "follow-up");
	}
	case_clear(&c);
	return rc;
}

static int
run_escalate(struct ctx *ctx, struct args *a)
{
	const struct case_opts *o = a->bound;
	struct case_change ch = { .kind = CHANGE_ESCALATE, .level = o->level };
	struct cl_case c = { 0 };
	int rc;

	if (ch.level == LEVEL_NONE)
		return error("--level must be supervisor, complaint or "
		    "regulator"), CMD_USAGE;
	if ((rc = change_case(ctx, a, &ch, &c)) == CMD_OK)
		fprintf(ctx->out, "escalated case %lld to %s\n", c.id,
		    enum_name(&level_names, c.escalation));
	case_clear(&c);
	return rc;
}

const struct cmd cmd_resolve = {
	.name = "resolve",
	.synopsis = "ID [--note TEXT]",
	.summary = "mark a case resolved",
	.opts = note_opts,
	.bound_size = sizeof(struct case_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_resolve,
};

const struct cmd cmd_reopen = {
	.name = "reopen",
	.synopsis = "ID [--note TEXT]",
	.summary = "reopen a resolved case",
	.opts = note_opts,
	.bound_size = sizeof(struct case_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_reopen,
};

const struct cmd cmd_followup = {
	.name = "followup",
	.synopsis = "ID DATE [--note TEXT]",
	.summary = "reschedule the next follow-up",
	.opts = note_opts,
	.bound_size = sizeof(struct case_opts),
	.min_args = 2, .max_args = 2,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_followup,
};

const struct cmd cmd_escalate = {
	.name = "escalate",
	.synopsis = "ID [--level supervisor|complaint|regulator] [--note TEXT]",
	.summary = "escalate a case to the next level",
	.opts = escalate_opts,
	.bound_size = sizeof(struct case_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_escalate,
};
