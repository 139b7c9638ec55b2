/*
 * cmd_note.c: `calllog note ID TEXT [--credited AMOUNT] [--at WHEN]`,
 * something the person saw or received that is not a contact: a credit
 * on a statement, a letter's arrival.  It is in the timeline, the dossier
 * and the ledger of credits, but it is no call: it counts neither as a
 * contact nor toward escalation.  Its text was redacted by main
 * (args_redact), like every text a writing command takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "lookup.h"
#include "money.h"
#include "store.h"
#include "util.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct note_opts {
	struct opt_money credited;
	time_t at;		/* 0: now */
};

static const struct opt note_opts[] = {
	{ "credited", 0, OPT_VALUE, "AMOUNT",
	    "a credit seen (negative: a credit reversed)",
	    OPT_TO(OPT_CREDIT, struct note_opts, credited) },
	{ "at", 0, OPT_VALUE, "DATE",
	    "when it was seen or received (default: now)",
	    OPT_TO(OPT_DATE, struct note_opts, at) },
	OPT_END
};

/* Read the note's own arguments, before the journal is asked anything. */
static int
read_note(struct ctx *ctx, const struct args *a, struct cl_note *n,
    char cur[4])
{
	const struct note_opts *o = a->bound;
	const char *text = a->pos[1];

	if (text == NULL || *text == '\0')
		return error("a note needs its text: calllog note ID TEXT"),
		    CMD_USAGE;
	if (check_text("the note", text, LIMIT_NOTE) == -1)
		return CMD_USAGE;
	n->credited = o->credited.minor;
	memcpy(cur, o->credited.currency, 4);
	n->at = o->at ? o->at : ctx->now;
	n->text = xstrdup(text);
	n->created = n->updated = ctx->now;
	return CMD_OK;
}

/* A credit joins the case's ledger in the case's currency: a case without
 * money yet takes the credit's. */
static int
ledger_ok(struct ctx *ctx, struct cl_case *c, const struct cl_note *n,
    const char *cur)
{
	long long sum = c->credited;

	if (n->credited == 0)
		return CMD_OK;
	if (c->currency[0] && strcmp(c->currency, cur) != 0)
		return error("--credited is in %s but case %lld's money is in "
		    "%s; give it in %s", cur, c->id, c->currency, c->currency),
		    CMD_USAGE;
	if (money_add(&sum, n->credited) == -1 || sum > MONEY_MAX ||
	    sum < -MONEY_MAX)
		return error("case %lld's credits would add up past what the "
		    "journal holds", c->id), CMD_USAGE;
	if (c->currency[0] == '\0') {
		memcpy(c->currency, cur, 4);
		c->updated = ctx->now;
		if (store_case_update(ctx->st, c) == -1)
			return CMD_FAIL;
	}
	return CMD_OK;
}

static int
run_note(struct ctx *ctx, struct args *a)
{
	struct cl_case c = { 0 };
	struct cl_note n = { 0 };
	char cur[4] = "", summary[128], m[MONEY_BUFSZ], when[WHEN_BUFSZ];
	int rc;

	if ((rc = read_note(ctx, a, &n, cur)) != CMD_OK)
		goto out;
	if ((rc = lookup_case(ctx->st, a->pos[0], "case", &n.case_id)))
		goto out;
	if ((rc = store_case_get(ctx->st, n.case_id, &c)) != 0) {
		if (rc == 1)
			error("no case %lld; 'calllog cases' lists the cases",
			    n.case_id);
		rc = CMD_FAIL;
		goto out;
	}
	if ((rc = ledger_ok(ctx, &c, &n, cur)) != CMD_OK)
		goto out;
	rc = CMD_FAIL;
	if (store_note_insert(ctx->st, &n) == -1)
		goto out;
	snprintf(summary, sizeof(summary), "noted on case %lld (note %lld)",
	    c.id, n.id);
	if (store_change_describe(ctx->st, summary) == -1)
		goto out;
	when_format_local(n.at, when);
	fprintf(ctx->out, "%s, %s\n", summary, when);
	if (n.credited) {
		/* MONEY_MAX bounds it: negating cannot overflow. */
		money_format(n.credited < 0 ? -n.credited : n.credited, cur, m);
		fprintf(ctx->out, "%s %s %s; not counted as a contact\n",
		    n.credited < 0 ? "credit reversed:" : "credited", m, cur);
	}
	rc = CMD_OK;
out:
	note_clear(&n);
	case_clear(&c);
	return rc;
}

const struct cmd cmd_note = {
	.name = "note",
	.synopsis = "ID TEXT [--credited AMOUNT] [--at DATE]",
	.summary = "record something seen or received that is not a call",
	.opts = note_opts,
	.bound_size = sizeof(struct note_opts),
	.min_args = 2, .max_args = 2,
	.raw_pos = 1u << 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB,
	.run = run_note,
};
