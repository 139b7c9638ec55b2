/*
 * cmd_cases.c: `calllog cases`, every case, resolved ones too, the newest
 * activity first -- where `open` shows only what still needs doing.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "jsonw.h"
#include "shortname.h"
#include "store.h"
#include "table.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct cases_opts {
	int status;		/* -1: all */
	const char *org;
	time_t since;
	int json;
	long limit;
};

static const struct opt cases_opts[] = {
	{ "status", 's', OPT_VALUE, "STATUS",
	    "open, waiting, escalated, resolved or all (the default)",
	    OPT_TO(OPT_ENUM, struct cases_opts, status),
	    .names = &status_names, .every = "all" },
	{ "org", 'o', OPT_VALUE, "NAME",
	    "only this organization (prefix or alias)",
	    OPT_TO(OPT_STRING, struct cases_opts, org) },
	{ "since", 0, OPT_VALUE, "DATE", "only cases with activity since DATE",
	    OPT_TO(OPT_DATE, struct cases_opts, since) },
	OPT_JSON(struct cases_opts, json),
	OPT_LIMIT(struct cases_opts, limit),
	OPT_END
};

struct cases_walk {
	struct ctx *ctx;
	struct jsonw json;
	struct table *table;
	struct short_names *sn;
};

static int
emit_json(struct cl_case *c, void *arg)
{
	struct cases_walk *w = arg;

	jsonw_object_begin(&w->json);
	view_case_members(&w->json, c, &w->ctx->cfg.policy, w->ctx->now);
	jsonw_object_end(&w->json);
	return 0;
}

static int
add_row(struct cl_case *c, void *arg)
{
	struct cases_walk *w = arg;
	char id[24], calls[16], updated[WHEN_BUFSZ];

	snprintf(id, sizeof(id), "%lld", c->id);
	snprintf(calls, sizeof(calls), "%d", c->ncalls);
	when_format_date(c->updated, updated);
	table_add(w->table, (const char *[]){ id, c->org,
	    enum_name(&reason_names, c->reason), view_case_title(c),
	    enum_name(&status_names, c->status), calls, updated });
	table_alt(w->table, 1, short_name_for(w->sn, c->org));
	return 0;
}

static int
run_cases(struct ctx *ctx, struct args *a)
{
	const struct cases_opts *o = a->bound;
	struct case_filter f = { .org = o->org, .by_activity = 1,
	    .limit = o->limit, .since = o->since };
	struct cases_walk w = { .ctx = ctx };
	int rc;

	if (o->status >= 0)
		f.status = enum_name(&status_names, o->status);
	if (o->json) {
		jsonw_init(&w.json, ctx->out);
		jsonw_array_begin(&w.json);
		rc = store_cases_each(ctx->st, &f, emit_json, &w);
		jsonw_end(&w.json, rc == 0);
		return rc ? CMD_FAIL : CMD_OK;
	}
	if ((w.sn = short_names_load(ctx->st, &ctx->cfg)) == NULL)
		return CMD_FAIL;
	w.table = table_create(7, (const char *[]){ "ID", "ORG", "REASON",
	    "TITLE", "STATUS", "CALLS", "UPDATED" });
	table_column(w.table, 1, LAYOUT_ESSENTIAL, 8, LAYOUT_SHRINK);
	table_column(w.table, 2, 70, 0, 0);
	table_column(w.table, 3, LAYOUT_ESSENTIAL, 14,
	    LAYOUT_SHRINK | LAYOUT_LONG);
	table_column(w.table, 4, 90, 0, 0);
	table_column(w.table, 5, 30, 0, 0);
	table_column(w.table, 6, 50, 0, 0);
	rc = store_cases_each(ctx->st, &f, add_row, &w);
	if (rc == 0 && table_rows(w.table) == 0)
		fprintf(ctx->out, "no cases%s\n", f.org || f.status || f.since ?
		    " match" : " yet; 'calllog add' records a call");
	else if (rc == 0)
		table_print(w.table, ctx->out);
	table_release(w.table);
	short_names_release(w.sn);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_cases = {
	.name = "cases",
	.synopsis = "[--status open|waiting|escalated|resolved|all] "
	    "[--org NAME] [--since DATE] [--json] [--limit N]",
	.summary = "every case, resolved ones too, newest activity first",
	.opts = cases_opts,
	.bound_size = sizeof(struct cases_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_cases,
};
