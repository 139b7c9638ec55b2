/*
 * cmd_log.c: `calllog log`, calls newest first.
 */
#include <stdio.h>

#include "cmd.h"
#include "lookup.h"
#include "jsonw.h"
#include "shortname.h"
#include "store.h"
#include "table.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct log_opts {
	const char *kase;	/* an id or uuid: lookup_case reads it */
	const char *org;
	time_t since;
	int json;
	long limit;
};

static const struct opt log_opts[] = {
	{ "case", 'c', OPT_VALUE, "ID", "only this case's calls",
	    OPT_TO(OPT_STRING, struct log_opts, kase) },
	{ "org", 'o', OPT_VALUE, "NAME",
	    "only this organization (prefix or alias)",
	    OPT_TO(OPT_STRING, struct log_opts, org) },
	{ "since", 's', OPT_VALUE, "DATE",
	    "only calls started at or after DATE",
	    OPT_TO(OPT_DATE, struct log_opts, since) },
	OPT_JSON(struct log_opts, json),
	OPT_LIMIT(struct log_opts, limit),
	OPT_END
};

static int
emit_json(struct cl_call *c, void *arg)
{
	view_call_json(arg, c, 1);
	return 0;
}

struct log_walk {
	struct table *t;
	struct short_names *sn;
};

static int
add_row(struct cl_call *c, void *arg)
{
	struct log_walk *w = arg;
	char when[WHEN_BUFSZ], id[24], cs[24], number[40], dur[WHEN_BUFSZ];

	when_format_local(c->started, when);
	snprintf(id, sizeof(id), "%lld", c->id);
	snprintf(cs, sizeof(cs), "%lld", c->case_id);
	view_number(c->number, number, sizeof(number));
	if (c->duration >= 0)
		when_format_duration(c->duration, dur);
	else
		snprintf(dur, sizeof(dur), "-");
	table_add(w->t, (const char *[]){ when, id, cs, c->org, number,
	    c->rep, dur, enum_name(&outcome_names, c->outcome), NULL });
	table_list(w->t, 8, (const char *const *)c->refs, c->nrefs);
	table_alt(w->t, 3, short_name_for(w->sn, c->org));
	return 0;
}

static int
run_log(struct ctx *ctx, struct args *a)
{
	const struct log_opts *o = a->bound;
	struct call_filter f = { .org = o->org, .since = o->since,
	    .limit = o->limit };
	struct log_walk w = { NULL, NULL };
	struct jsonw j;
	int rc;

	if (o->kase && (rc = lookup_case(ctx->st, o->kase, "--case",
	    &f.case_id)) != CMD_OK)
		return rc;
	if (f.case_id) {
		struct cl_case c;

		/* An unknown case is an error, not an empty log. */
		if ((rc = store_case_get(ctx->st, f.case_id, &c)) == 1)
			return error("no case %lld; 'calllog open' lists the "
			    "cases", f.case_id), CMD_FAIL;
		if (rc == -1)
			return CMD_FAIL;
		case_clear(&c);
	}
	if (o->json) {
		jsonw_init(&j, ctx->out);
		jsonw_array_begin(&j);
		rc = store_calls_each(ctx->st, &f, emit_json, &j);
		jsonw_end(&j, rc == 0);
		return rc ? CMD_FAIL : CMD_OK;
	}
	if ((w.sn = short_names_load(ctx->st, &ctx->cfg)) == NULL)
		return CMD_FAIL;
	w.t = table_create(9, (const char *[]){ "STARTED", "CALL", "CASE",
	    "ORG", "NUMBER", "REP", "LENGTH", "OUTCOME", "REF" });
	/* At 60 columns: when, which call of which case, with whom, and
	 * the references (the first and how many more). */
	table_column(w.t, 2, LAYOUT_ESSENTIAL, 0, 0);
	table_column(w.t, 3, LAYOUT_ESSENTIAL, 8, LAYOUT_SHRINK);
	table_column(w.t, 4, 50, 0, 0);
	table_column(w.t, 5, 60, 8, LAYOUT_SHRINK | LAYOUT_LONG);
	table_column(w.t, 6, 40, 0, 0);
	table_column(w.t, 7, 70, 0, 0);
	table_column(w.t, 8, LAYOUT_ESSENTIAL, 9, LAYOUT_SHRINK);
	rc = store_calls_each(ctx->st, &f, add_row, &w);
	if (rc == 0 && table_rows(w.t) == 0)
		fprintf(ctx->out, "no calls recorded%s\n", f.case_id ||
		    f.org || f.since ? " that match" : "");
	else if (rc == 0)
		table_print(w.t, ctx->out);
	table_release(w.t);
	short_names_release(w.sn);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_log = {
	.name = "log",
	.synopsis = "[--case ID] [--org NAME] [--since DATE] [--json] [--limit N]",
	.summary = "calls, newest first",
	.opts = log_opts,
	.bound_size = sizeof(struct log_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_log,
};
