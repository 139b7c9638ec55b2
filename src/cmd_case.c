/*
 * cmd_case.c: the commands that change a case's state without a call:
 * `resolve`, `reopen`, `followup` and `escalate`.  Each records an event so
 * that `show` and a dossier can tell the case's history.
 */
#include <stdlib.h>

#include "cmd.h"
#include "store.h"
#include "util.h"
#include "when.h"

enum { O_NOTE, O_LEVEL };

static const struct opt note_opts[] = {
	[O_NOTE] = { "note", 0, OPT_VALUE, "TEXT", "why, for the record" },
	{ NULL, 0, 0, NULL, NULL }
};

static const struct opt escalate_opts[] = {
	[O_NOTE] = { "note", 0, OPT_VALUE, "TEXT", "why, for the record" },
	[O_LEVEL] = { "level", 'l', OPT_VALUE, "LEVEL",
	    "supervisor, complaint or regulator (default: the next one)" },
	{ NULL, 0, 0, NULL, NULL }
};

/* Read the case named by the first argument.  Returns CMD_OK with *c
 * filled, or the exit code after reporting. */
static int
load(struct ctx *ctx, const struct args *a, struct cl_case *c)
{
	long long id;
	int rc;

	if (parse_id(a->pos[0], "case", &id) == -1)
		return CMD_USAGE;
	rc = store_case_get(ctx->st, id, c);
	if (rc == 1)
		return error("no case %lld; 'calllog open' lists the cases",
		    id), CMD_FAIL;
	return rc ? CMD_FAIL : CMD_OK;
}

/* Check --note (main redacted it, args_redact); *out is NULL when none
 * was given. */
static int
take_note(const struct args *a, char **out)
{
	const char *v = arg(a, O_NOTE);

	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	if (check_text("--note", v, LIMIT_NOTE) == -1)
		return -1;
	*out = xstrdup(v);
	return 0;
}

/* Record the event and the changed case together. */
static int
save(struct ctx *ctx, struct cl_case *c, struct cl_event *e)
{
	e->case_id = c->id;
	e->at = ctx->now;
	c->updated = ctx->now;
	if (store_event_insert(ctx->st, e) == -1 ||
	    store_case_update(ctx->st, c) == -1)
		return CMD_FAIL;
	return CMD_OK;
}

/* Status of an unresolved case from its escalation level. */
static int
open_status(const struct cl_case *c)
{
	return c->escalation != LEVEL_NONE ? STATUS_ESCALATED : STATUS_OPEN;
}

static int
run_resolve(struct ctx *ctx, struct args *a)
{
	struct cl_case c;
	struct cl_event e = { .kind = EVENT_RESOLVE, .level = LEVEL_NONE };
	int rc = load(ctx, a, &c);

	if (rc != CMD_OK)
		return rc;
	if (c.status == STATUS_RESOLVED)
		rc = (error("case %lld is already resolved", c.id), CMD_FAIL);
	else if (take_note(a, &e.note) == -1)
		rc = CMD_USAGE;
	else {
		c.status = STATUS_RESOLVED;
		c.resolved_at = ctx->now;
		if (c.next_followup)
			c.followup_seq++;
		c.next_followup = 0;
		if (e.note) {
			free(c.resolution);
			c.resolution = xstrdup(e.note);
		}
		if ((rc = save(ctx, &c, &e)) == CMD_OK)
			fprintf(ctx->out, "resolved case %lld (%s)\n", c.id,
			    c.org);
	}
	event_clear(&e);
	case_clear(&c);
	return rc;
}

static int
run_reopen(struct ctx *ctx, struct args *a)
{
	struct cl_case c;
	struct cl_event e = { .kind = EVENT_REOPEN, .level = LEVEL_NONE };
	char when[WHEN_BUFSZ];
	int rc = load(ctx, a, &c);

	if (rc != CMD_OK)
		return rc;
	if (c.status != STATUS_RESOLVED)
		rc = (error("case %lld is not resolved; it is %s", c.id,
		    enum_name(&status_names, c.status)), CMD_FAIL);
	else if (take_note(a, &e.note) == -1)
		rc = CMD_USAGE;
	else {
		c.status = open_status(&c);
		c.resolved_at = 0;
		free(c.resolution);
		c.resolution = NULL;
		c.stage_at = ctx->now;
		c.next_followup = policy_next_followup(0, 0, 0, &ctx->cfg.policy,
		    ctx->now);
		c.followup_seq++;
		if (when_check_computed(c.next_followup, "next follow-up"))
			rc = CMD_USAGE;
		else if ((rc = save(ctx, &c, &e)) == CMD_OK) {
			when_format_local(c.next_followup, when);
			fprintf(ctx->out, "reopened case %lld; next follow-up "
			    "%s\n", c.id, when);
		}
	}
	event_clear(&e);
	case_clear(&c);
	return rc;
}

static int
run_followup(struct ctx *ctx, struct args *a)
{
	struct cl_case c;
	struct cl_event e = { .kind = EVENT_FOLLOWUP, .level = LEVEL_NONE };
	char when[WHEN_BUFSZ];
	time_t due;
	int rc;

	if (when_parse(a->pos[1], ctx->now, &due) == -1)
		return CMD_USAGE;
	if ((rc = load(ctx, a, &c)) != CMD_OK)
		return rc;
	if (c.status == STATUS_RESOLVED)
		rc = (error("case %lld is resolved; 'calllog reopen %lld' first",
		    c.id, c.id), CMD_FAIL);
	else if (take_note(a, &e.note) == -1)
		rc = CMD_USAGE;
	else {
		if (c.next_followup != due)
			c.followup_seq++;
		c.next_followup = due;
		e.due = due;
		if ((rc = save(ctx, &c, &e)) == CMD_OK) {
			when_format_local(due, when);
			fprintf(ctx->out, "case %lld: next follow-up %s\n",
			    c.id, when);
		}
	}
	event_clear(&e);
	case_clear(&c);
	return rc;
}

static int
run_escalate(struct ctx *ctx, struct args *a)
{
	struct cl_case c;
	struct cl_event e = { .kind = EVENT_ESCALATE };
	int level = -1, rc;

	if (arg(a, O_LEVEL) &&
	    (level = enum_parse(&level_names, arg(a, O_LEVEL))) < 0)
		return CMD_USAGE;
	if (level == LEVEL_NONE)
		return error("--level must be supervisor, complaint or "
		    "regulator"), CMD_USAGE;
	if ((rc = load(ctx, a, &c)) != CMD_OK)
		return rc;
	if (level < 0)
		level = policy_next_level(c.escalation);
	if (c.status == STATUS_RESOLVED)
		rc = (error("case %lld is resolved; 'calllog reopen %lld' first",
		    c.id, c.id), CMD_FAIL);
	else if (level == LEVEL_NONE)
		rc = (error("case %lld is already with a regulator; there is no "
		    "level above", c.id), CMD_FAIL);
	else if (level <= c.escalation)
		rc = (error("case %lld is already escalated to %s; choose a "
		    "higher --level", c.id, enum_name(&level_names,
		    c.escalation)), CMD_USAGE);
	else if (take_note(a, &e.note) == -1)
		rc = CMD_USAGE;
	else {
		c.escalation = e.level = level;
		c.status = STATUS_ESCALATED;
		c.stage_at = ctx->now;
		if ((rc = save(ctx, &c, &e)) == CMD_OK)
			fprintf(ctx->out, "escalated case %lld to %s\n", c.id,
			    enum_name(&level_names, level));
	}
	event_clear(&e);
	case_clear(&c);
	return rc;
}

const struct cmd cmd_resolve = {
	.name = "resolve",
	.synopsis = "ID [--note TEXT]",
	.summary = "mark a case resolved",
	.opts = note_opts,
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_resolve,
};

const struct cmd cmd_reopen = {
	.name = "reopen",
	.synopsis = "ID [--note TEXT]",
	.summary = "reopen a resolved case",
	.opts = note_opts,
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_reopen,
};

const struct cmd cmd_followup = {
	.name = "followup",
	.synopsis = "ID DATE [--note TEXT]",
	.summary = "reschedule the next follow-up",
	.opts = note_opts,
	.min_args = 2, .max_args = 2,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_followup,
};

const struct cmd cmd_escalate = {
	.name = "escalate",
	.synopsis = "ID [--level supervisor|complaint|regulator] [--note TEXT]",
	.summary = "escalate a case to the next level",
	.opts = escalate_opts,
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.run = run_escalate,
};
