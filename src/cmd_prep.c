/*
 * cmd_prep.c: `calllog prep REASON`, the card to read before dialing: what
 * to have ready, the number and the menu path that worked, and what the
 * open cases with that organization already hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "directory.h"
#include "jsonw.h"
#include "phone.h"
#include "prep.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "width.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct prep_opts {
	const char *org;
	int json;
};

static const struct opt prep_opts[] = {
	{ "org", 'o', OPT_VALUE, "NAME",
	    "the organization you are calling (prefix or alias)",
	    OPT_TO(OPT_STRING, struct prep_opts, org) },
	OPT_JSON(struct prep_opts, json),
	OPT_END
};

struct prep_walk {
	struct ctx *ctx;
	const struct prep *p;
	struct jsonw *j;
	int n;
};

static int
case_text(struct cl_case *c, void *arg)
{
	struct prep_walk *w = arg;
	FILE *fp = w->ctx->out;
	char when[WHEN_BUFSZ];
	size_t width = (size_t)terminal_width(fp);

	/* A purpose asked for by name (a call abroad) may be about any
	 * reason. */
	if (!w->p->own_purpose && !w->p->org && c->reason != w->p->reason)
		return 0;
	if (w->n++ == 0)
		fprintf(fp, "\nopen cases%s%s:\n", w->p->org ? " with " : "",
		    w->p->org ? w->p->org : "");
	when_format_date(c->opened, when);
	width_printf(fp, 6, width, "  case %lld, %s: %s (opened %s, %s)\n",
	    c->id, c->org, view_case_title(c), when,
	    enum_name(&status_names, c->status));
	if (c->last_rep)
		width_printf(fp, 6, width, "    last spoke to %s\n", c->last_rep);
	if (c->nrefs > 0) {
		char *refs = xstrdup(c->refs[0]);

		for (size_t i = 1; i < c->nrefs; i++) {
			char *more = xasprintf("%s, %s", refs, c->refs[i]);

			free(refs);
			refs = more;
		}

		width_printf(fp, 6, width, "    references: %s\n", refs);
		free(refs);
	}
	if (c->promise || c->promised_by) {
		when_format_local(c->promised_by, when);
		width_printf(fp, 6, width, "    promised: %s%s%s\n", c->promise ?
		    c->promise :
		    "(promise)", c->promised_by ? " by " : "",
		    c->promised_by ? when : "");
	}
	return 0;
}

static int
case_json(struct cl_case *c, void *arg)
{
	struct prep_walk *w = arg;

	/* A purpose asked for by name (a call abroad) may be about any
	 * reason. */
	if (!w->p->own_purpose && !w->p->org && c->reason != w->p->reason)
		return 0;
	jsonw_object_begin(w->j);
	view_case_members(w->j, c, &w->ctx->cfg.policy, w->ctx->now);
	jsonw_kstring(w->j, "last_rep", c->last_rep);
	jsonw_key(w->j, "refs");
	jsonw_array_begin(w->j);
	for (size_t i = 0; i < c->nrefs; i++)
		jsonw_string(w->j, c->refs[i]);
	jsonw_array_end(w->j);
	jsonw_object_end(w->j);
	return 0;
}


static void
print_json_head(struct jsonw *j, const struct prep *p)
{
	const char *const *list = checklist_for_reason(p->reason);

	jsonw_kstring(j, "reason", enum_name(&reason_names, p->reason));
	jsonw_kstring(j, "purpose", p->purpose);
	jsonw_kstring(j, "org", p->org);
	jsonw_key(j, "have_ready");
	jsonw_array_begin(j);
	jsonw_string(j, prep_always);
	for (; *list; list++)
		jsonw_string(j, *list);
	jsonw_string(j, prep_secrets);
	jsonw_array_end(j);
	jsonw_key(j, "numbers");
	jsonw_array_begin(j);
	for (size_t i = 0; i < p->nnumbers; i++) {
		const struct prep_number *n = &p->numbers[i];

		jsonw_object_begin(j);
		jsonw_kstring(j, "org", n->e.org);
		jsonw_kstring(j, "purpose", n->e.purpose);
		view_number_json(j, n->e.number);
		jsonw_kstring(j, "note", n->e.note);
		jsonw_kstring(j, "ivr", n->stats.ivr);
		jsonw_kint_opt(j, "median_hold_seconds", n->stats.median_hold);
		jsonw_object_end(j);
	}
	jsonw_array_end(j);
}

static int
run_prep(struct ctx *ctx, struct args *a)
{
	const struct prep_opts *o = a->bound;
	struct prep p;
	struct jsonw j;
	struct prep_walk w = { .ctx = ctx, .p = &p, .j = &j };
	struct case_filter f = { .unresolved = 1, .contact = 1 };
	char *purpose;
	int reason, rc;

	if (prep_parse(a->pos[0], &reason, &purpose) == -1)
		return CMD_USAGE;
	rc = prep_load_for(ctx->st, reason, purpose, o->org, &p);
	free(purpose);
	if (rc == -1)
		return CMD_FAIL;
	f.org = p.org;
	if (o->json) {
		jsonw_init(&j, ctx->out);
		jsonw_object_begin(&j);
		print_json_head(&j, &p);
		jsonw_key(&j, "open_cases");
		jsonw_array_begin(&j);
		rc = store_cases_each(ctx->st, &f, case_json, &w);
		jsonw_end(&j, rc == 0);
	} else {
		prep_print(&p, ctx->out);
		rc = store_cases_each(ctx->st, &f, case_text, &w);
	}
	prep_clear(&p);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_prep = {
	.name = "prep",
	.synopsis = "REASON [--org ORG] [--json]",
	.summary = "what to have ready, and which number to call",
	.opts = prep_opts,
	.bound_size = sizeof(struct prep_opts),
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_prep,
};
