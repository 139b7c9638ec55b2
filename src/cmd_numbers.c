/*
 * cmd_numbers.c: `calllog numbers`, the directory of support numbers —
 * shipped and the person's own — with what their calls to each number
 * taught them; `numbers add` and `numbers rm` keep their own list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "directory.h"
#include "jsonw.h"
#include "phone.h"
#include "shortname.h"
#include "store.h"
#include "table.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* What the options say, read by args_bind. */
struct numbers_opts {
	const char *note;
	int json;
};

static const struct opt numbers_opts[] = {
	{ "note", 0, OPT_VALUE, "TEXT",
	    "with add: what the number is for (\"collect\")",
	    OPT_TO(OPT_STRING, struct numbers_opts, note) },
	OPT_JSON(struct numbers_opts, json),
	OPT_END
};

/* Does org answer to what the person typed: a prefix of its name, or an
 * alias ("amex") the journal knows? */
static int
org_matches(const char *org, const char *typed, const char *canon)
{
	return str_iprefix(org, typed) || strcasecmp(org, canon) == 0;
}


static void
entry_json(struct jsonw *j, const struct dir_entry *e,
    const struct number_stats *ns)
{
	char shown[PHONE_BUFSZ];

	phone_format(e->number, shown);
	jsonw_object_begin(j);
	jsonw_kstring(j, "org", e->org);
	jsonw_kstring(j, "purpose", e->purpose);
	view_number_json(j, e->number);
	jsonw_kstring(j, "display", shown);
	jsonw_kstring(j, "note", e->note);
	jsonw_kstring(j, "source", e->shipped ? "shipped" : "yours");
	jsonw_kint(j, "calls", ns->calls);
	jsonw_ktime(j, "last_call", ns->last_call);
	jsonw_kint_opt(j, "median_hold_seconds", ns->median_hold);
	jsonw_kstring(j, "ivr", ns->ivr);
	jsonw_object_end(j);
}

static void
entry_row(struct table *t, const struct dir_entry *e,
    const struct number_stats *ns)
{
	char shown[PHONE_BUFSZ], last[WHEN_BUFSZ] = "-", hold[WHEN_BUFSZ] = "-";

	phone_format(e->number, shown);
	if (ns->last_call)
		when_format_date(ns->last_call, last);
	if (ns->median_hold >= 0)
		when_format_duration(ns->median_hold, hold);
	table_add(t, (const char *[]){ e->org, e->purpose, shown,
	    e->note ? e->note : (e->shipped ? "" : "(yours)"), last, hold,
	    ns->ivr });
}

/* Show the entries of d for org (NULL: all) and purpose (NULL: all),
 * adding to *shown; returns 0 or -1. */
static int
show_entries(struct ctx *ctx, const struct directory *d, const char *org,
    const char *canon, const char *purpose, int exact, struct table *t,
    const struct short_names *sn, struct jsonw *j, size_t *shown)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct dir_entry *e = &d->e[i];
		struct number_stats ns;

		if ((org && !org_matches(e->org, org, canon)) ||
		    (purpose && !(exact ? purpose_same(e->purpose, purpose) :
		    purpose_matches(e->purpose, purpose))))
			continue;
		if (store_number_stats(ctx->st, e->number, &ns) == -1)
			return -1;
		if (t) {
			entry_row(t, e, &ns);
			table_alt(t, 0, short_name_for(sn, e->org));
		} else
			entry_json(j, e, &ns);
		free(ns.ivr);
		(*shown)++;
	}
	return 0;
}

static int
list(struct ctx *ctx, struct args *a)
{
	const struct numbers_opts *o = a->bound;
	const char *org = a->npos > 0 ? a->pos[0] : NULL;
	const char *purpose = a->npos > 1 ? a->pos[1] : NULL;
	struct directory d = { 0 };
	struct table *t = NULL;
	struct short_names *sn = NULL;
	struct jsonw j;
	char *canon = NULL, *want = NULL;
	size_t shown = 0;
	int rc = CMD_FAIL;

	if (store_directory_merged(ctx->st, &d) == -1 ||
	    (org && store_org_canonical(ctx->st, org, &canon) == -1))
		goto out;
	if (o->json) {
		jsonw_init(&j, ctx->out);
		jsonw_array_begin(&j);
	} else {
		if ((sn = short_names_load(ctx->st, &ctx->cfg)) == NULL)
			goto out;
		t = table_create(7, (const char *[]){ "ORG", "PURPOSE",
		    "NUMBER", "NOTE", "LAST CALL", "HOLD", "IVR THAT WORKED" });
		/* The number and the menu path that reached a human matter
		 * most; the note wraps, the statistics go first. */
		table_column(t, 0, LAYOUT_ESSENTIAL, 8, LAYOUT_SHRINK);
		table_column(t, 3, 50, 16, LAYOUT_WRAP | LAYOUT_LONG);
		table_column(t, 4, 30, 0, 0);
		table_column(t, 5, 40, 0, 0);
		table_column(t, 6, 80, 20, LAYOUT_WRAP | LAYOUT_LONG);
	}
	if (show_entries(ctx, &d, org, canon, purpose, 0, t, sn, &j, &shown))
		goto out;
	/* A purpose the organization has no line of its own for ("amex
	 * dispute") is served by its general line, as prep does. */
	want = purpose ? purpose_canonical(purpose) : NULL;
	if (shown == 0 && org && want && purpose_known(purpose) &&
	    strcmp(want, "general") != 0) {
		if (t)
			fprintf(ctx->out, "no %s number on file for %s; its "
			    "general line:\n", want, canon ? canon : org);
		if (show_entries(ctx, &d, org, canon, "general", 1, t, sn, &j,
		    &shown))
			goto out;
	}
	if (!t)
		jsonw_end(&j, 1);
	else if (shown)
		table_print(t, ctx->out);
	else
		fprintf(ctx->out, "no numbers for %s%s%s; 'calllog numbers add "
		    "ORG PURPOSE NUMBER' adds one\n", org ? org : "",
		    purpose ? " " : "", purpose ? purpose : "");
	rc = CMD_OK;
out:
	table_release(t);
	short_names_release(sn);
	free(want);
	free(canon);
	directory_clear(&d);
	return rc;
}

static int
add(struct ctx *ctx, struct args *a)
{
	struct dir_entry e = { 0 };
	char e164[PHONE_BUFSZ], *org = NULL;
	const struct numbers_opts *o = a->bound;
	const char *note = o->note;
	int rc = CMD_USAGE;

	if (a->npos != 4)
		return error("usage: calllog numbers add ORG PURPOSE NUMBER "
		    "[--note TEXT]"), CMD_USAGE;
	if (check_line("ORG", a->pos[1], LIMIT_NAME) ||
	    check_line("PURPOSE", a->pos[2], LIMIT_NAME) || !*a->pos[1] ||
	    !*a->pos[2] || (note && check_line("--note", note, LIMIT_LINE)) ||
	    phone_normalize(a->pos[3], ctx->cfg.country, e164) == -1)
		return (!*a->pos[1] || !*a->pos[2]) ? (error("ORG and PURPOSE "
		    "must not be empty"), CMD_USAGE) : CMD_USAGE;
	if (store_org_canonical(ctx->st, a->pos[1], &org) == -1)
		return CMD_FAIL;
	e.org = org;
	e.purpose = purpose_canonical(a->pos[2]);
	e.number = e164;
	e.note = note && *note ? (char *)note : NULL;
	if (store_directory_add(ctx->st, &e, ctx->now) == 0) {
		char shown[PHONE_BUFSZ];

		phone_format(e164, shown);
		fprintf(ctx->out, "added %s for %s, %s\n", shown, e.org,
		    e.purpose);
		rc = CMD_OK;
	} else
		rc = CMD_FAIL;
	free(e.purpose);
	free(org);
	return rc;
}

static int
rm(struct ctx *ctx, struct args *a)
{
	struct directory mine = { 0 };
	char e164[PHONE_BUFSZ], *org = NULL, *purpose;
	int n = 0, k;

	if (a->npos < 3 || a->npos > 4)
		return error("usage: calllog numbers rm ORG PURPOSE [NUMBER]"),
		    CMD_USAGE;
	if (a->npos == 4 && phone_normalize(a->pos[3], ctx->cfg.country,
	    e164) == -1)
		return CMD_USAGE;
	if (store_org_canonical(ctx->st, a->pos[1], &org) == -1)
		return CMD_FAIL;
	purpose = purpose_canonical(a->pos[2]);
	/* Each of the person's numbers filed under the purpose by any of
	 * its words ("disputes", from before they were one purpose). */
	if (store_directory_load(ctx->st, &mine) == -1)
		n = -1;
	for (size_t i = 0; n >= 0 && i < mine.n; i++) {
		const struct dir_entry *e = &mine.e[i];

		if (strcasecmp(e->org, org) != 0 ||
		    !purpose_same(e->purpose, purpose) ||
		    (a->npos == 4 && strcmp(e->number, e164) != 0))
			continue;
		k = store_directory_remove(ctx->st, e->org, e->purpose,
		    e->number);
		n = k < 0 ? -1 : n + k;
	}
	if (n == 0)
		error("none of your numbers is filed under %s, %s (shipped "
		    "numbers cannot be removed)", org, purpose);
	else if (n > 0)
		fprintf(ctx->out, "removed %d number%s\n", n, n == 1 ? "" : "s");
	directory_clear(&mine);
	free(purpose);
	free(org);
	return n > 0 ? CMD_OK : CMD_FAIL;
}

/* The subcommand, "add" or "rm", or NULL for a listing. */
static const char *
subcommand(const struct args *a)
{
	if (a->npos > 0 && (strcmp(a->pos[0], "add") == 0 ||
	    strcmp(a->pos[0], "rm") == 0))
		return a->pos[0];
	return NULL;
}

/* Listing the directory reads; only add and rm write. */
static int
numbers_writes(const struct args *a)
{
	return subcommand(a) != NULL;
}

static int
run_numbers(struct ctx *ctx, struct args *a)
{
	const char *sub = subcommand(a);

	if (sub != NULL)
		return sub[0] == 'a' ? add(ctx, a) : rm(ctx, a);
	if (a->npos > 2)
		return error("too many arguments; usage: calllog numbers [ORG "
		    "[PURPOSE]]"), CMD_USAGE;
	return list(ctx, a);
}

const struct cmd cmd_numbers = {
	.name = "numbers",
	.synopsis = "[ORG [PURPOSE]] [--json] | add ORG PURPOSE NUMBER "
	    "[--note TEXT] | rm ORG PURPOSE [NUMBER]",
	.summary = "the directory of support numbers",
	.opts = numbers_opts,
	.bound_size = sizeof(struct numbers_opts),
	.min_args = 0, .max_args = 4,
	.raw_pos = 1u << 3,		/* add and rm: NUMBER */
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.writes = numbers_writes,
	.run = run_numbers,
};
