/*
 * cmd_open.c: `calllog open`, the unresolved cases, most urgent first.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "jsonw.h"
#include "money.h"
#include "output.h"
#include "shortname.h"
#include "store.h"
#include "table.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct open_opts {
	const char *org;
	int overdue;
	int json;
	long limit;
};

static const struct opt open_opts[] = {
	{ "org", 'o', OPT_VALUE, "NAME",
	    "only this organization (prefix or alias)",
	    OPT_TO(OPT_STRING, struct open_opts, org) },
	{ "overdue", 0, 0, NULL, "only cases whose follow-up is due",
	    OPT_TO(OPT_BOOL, struct open_opts, overdue) },
	OPT_JSON(struct open_opts, json),
	OPT_LIMIT(struct open_opts, limit),
	OPT_END
};

struct open_walk {
	struct ctx *ctx;
	struct jsonw json;
	struct table *table;
	struct short_names *sn;
	int amounts;		/* a column for the amount outstanding */
};

static int
emit_json(struct cl_case *c, void *arg)
{
	struct open_walk *w = arg;

	jsonw_object_begin(&w->json);
	view_case_members(&w->json, c, &w->ctx->cfg.policy, w->ctx->now);
	jsonw_object_end(&w->json);
	return 0;
}

static int
add_row(struct cl_case *c, void *arg)
{
	struct open_walk *w = arg;
	time_t now = w->ctx->now;
	unsigned why = policy_escalation(c, &w->ctx->cfg.policy, now);
	char id[24], age[WHEN_BUFSZ], calls[16], last[WHEN_BUFSZ],
	    next[WHEN_BUFSZ], flags[64] = "", money[MONEY_BUFSZ + 8];

	snprintf(id, sizeof(id), "%lld", c->id);
	when_format_age(c->opened, now, age);
	snprintf(calls, sizeof(calls), "%d", c->ncalls);
	if (c->last_call)
		when_format_date(c->last_call, last);
	else
		snprintf(last, sizeof(last), "-");
	if (c->next_followup)
		when_format_local(c->next_followup, next);
	else
		snprintf(next, sizeof(next), "-");
	if (policy_overdue(c, now))
		snprintf(flags, sizeof(flags), "overdue");
	if (policy_settled(c))
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags),
		    "%scredited in full: resolve", *flags ? ", " : "");
	else if (why)
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags),
		    "%sescalate: %s", *flags ? ", " : "",
		    enum_name(&level_names, policy_next_level(c->escalation)));
	else if (c->status != STATUS_OPEN)
		snprintf(flags + strlen(flags), sizeof(flags) - strlen(flags),
		    "%s%s", *flags ? ", " : "", c->status == STATUS_ESCALATED ?
		    enum_name(&level_names, c->escalation) :
		    enum_name(&status_names, c->status));
	if (c->amount) {
		money_format(money_outstanding(c->amount, c->credited),
		    c->currency, money);
		snprintf(money + strlen(money), sizeof(money) - strlen(money),
		    " %s", c->currency);
	}
	table_add(w->table, (const char *[]){ id, c->org,
	    enum_name(&reason_names, c->reason), view_case_title(c), age,
	    calls, last, next, *flags ? flags : "open",
	    c->amount ? money : "-" });
	table_alt(w->table, 1, short_name_for(w->sn, c->org));
	/* Overdue in red, a case to escalate in yellow. */
	if (policy_overdue(c, now)) {
		table_color(w->table, 7, color_red());
		table_color(w->table, 8, color_red());
	} else if (why)
		table_color(w->table, 8, color_yellow());
	return 0;
}

static int
run_open(struct ctx *ctx, struct args *a)
{
	const struct open_opts *o = a->bound;
	struct case_filter f = { .unresolved = 1, .org = o->org,
	    .limit = o->limit };
	struct open_walk w = { .ctx = ctx };
	int rc;

	if (o->overdue)
		f.due_before = ctx->now;
	if (o->json) {
		jsonw_init(&w.json, ctx->out);
		jsonw_array_begin(&w.json);
		rc = store_cases_each(ctx->st, &f, emit_json, &w);
		jsonw_end(&w.json, rc == 0);
		return rc ? CMD_FAIL : CMD_OK;
	}
	/* The amount outstanding only when an open case has one: most
	 * cases are not about money. */
	if ((w.amounts = store_open_amounts(ctx->st)) < 0 ||
	    (w.sn = short_names_load(ctx->st, &ctx->cfg)) == NULL)
		return CMD_FAIL;
	w.table = table_create(9 + w.amounts, (const char *[]){ "ID", "ORG",
	    "REASON", "TITLE", "AGE", "CALLS", "LAST CALL", "NEXT FOLLOW-UP",
	    "STATUS", "OUTSTANDING" });
	/* At 60 columns: the id, who, what, when to call next and why;
	 * the counts and dates go first, the title is cut last. */
	table_column(w.table, 1, LAYOUT_ESSENTIAL, 8, LAYOUT_SHRINK);
	table_column(w.table, 2, 70, 0, 0);
	table_column(w.table, 3, LAYOUT_ESSENTIAL, 14,
	    LAYOUT_SHRINK | LAYOUT_LONG);
	table_column(w.table, 4, 40, 0, 0);
	table_column(w.table, 5, 30, 0, 0);
	table_column(w.table, 6, 20, 0, 0);
	table_column(w.table, 8, LAYOUT_ESSENTIAL, 10, LAYOUT_WRAP);
	table_column(w.table, 9, 60, 0, 0);
	rc = store_cases_each(ctx->st, &f, add_row, &w);
	if (rc == 0 && table_rows(w.table) == 0)
		fprintf(ctx->out, "no open cases%s\n", f.org || f.due_before ?
		    " match" : "; 'calllog add' records a call");
	else if (rc == 0)
		table_print(w.table, ctx->out);
	table_release(w.table);
	short_names_release(w.sn);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_open = {
	.name = "open",
	.synopsis = "[--org NAME] [--overdue] [--json] [--limit N]",
	.summary = "unresolved cases, the most urgent first",
	.opts = open_opts,
	.bound_size = sizeof(struct open_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_open,
};
