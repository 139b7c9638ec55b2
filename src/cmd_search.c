/*
 * cmd_search.c: `calllog search TEXT`, full-text search over calls and
 * their cases, the best matches first.
 */
#include <stdio.h>
#include <stdlib.h>
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
struct search_opts {
	int json;
	long limit;
};

static const struct opt search_opts[] = {
	OPT_JSON(struct search_opts, json),
	OPT_LIMIT(struct search_opts, limit),
	OPT_END
};

/* The cases that have the search text as a reference number. */
struct ref_cases {
	long long *ids;
	char **refs;
	size_t n;
};

static int
keep_ref_case(long long case_id, const char *ref, void *arg)
{
	struct ref_cases *r = arg;

	r->ids = xrealloc(r->ids, (r->n + 1) * sizeof(*r->ids));
	r->refs = xrealloc(r->refs, (r->n + 1) * sizeof(*r->refs));
	r->ids[r->n] = case_id;
	r->refs[r->n++] = xstrdup(ref);
	return 0;
}

static void
ref_cases_clear(struct ref_cases *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->refs[i]);
	free(r->ids);
	free(r->refs);
}

/* A hit as JSON: the call as `log` gives it, then why it was found. */
static int
emit_json(struct search_hit *h, void *arg)
{
	const struct cl_call *c = &h->call;
	struct jsonw *j = arg;

	jsonw_object_begin(j);
	view_call_members(j, c, 1);
	jsonw_kstring(j, "match", h->by_reference ? "reference" : "text");
	jsonw_kstring(j, "snippet", h->snippet);
	jsonw_object_end(j);
	return 0;
}

struct rows {
	struct table *t;
	const struct ref_cases *refs;
	struct short_names *sn;
};

/* Where to start showing a snippet: at most LEAD_WORDS words before its
 * first match, so that a narrow terminal, which cuts cells at the end,
 * still shows the match.  Sets *cut when words were left out. */
#define LEAD_WORDS 2

static const char *
snippet_start(const char *snippet, int *cut)
{
	const char *mark = strchr(snippet, '['), *p;
	int words = 0;

	*cut = 0;
	if (mark == NULL)
		return snippet;
	for (p = mark; p > snippet; p--)
		if (p[-1] == ' ' && p[0] != ' ' && ++words > LEAD_WORDS) {
			*cut = 1;
			return p;
		}
	return snippet;
}

static int
add_row(struct search_hit *h, void *arg)
{
	struct rows *r = arg;
	char when[WHEN_BUFSZ], id[24], cs[24], *made = NULL;
	const char *match = h->snippet;
	int cut;

	when_format_local(h->call.started, when);
	snprintf(id, sizeof(id), "%lld", h->call.id);
	snprintf(cs, sizeof(cs), "%lld", h->call.case_id);
	if (match && (match = snippet_start(match, &cut)) && cut)
		match = made = xasprintf("…%s", match);
	/* A call the text does not mention is here for its case. */
	for (size_t i = 0; match == NULL && i < r->refs->n; i++)
		if (r->refs->ids[i] == h->call.case_id)
			match = made = xasprintf("(case of %s)",
			    r->refs->refs[i]);
	table_add(r->t, (const char *[]){ when, id, cs, h->call.org, match });
	table_alt(r->t, 3, short_name_for(r->sn, h->call.org));
	free(made);
	return 0;
}

/* Say which case each reference number in the text is on, so that the
 * person can go straight to it. */
static int
print_ref_cases(struct ctx *ctx, const struct ref_cases *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct cl_case c;
		int rc = store_case_get(ctx->st, r->ids[i], &c);

		if (rc == -1)
			return -1;
		if (rc == 1)
			continue;	/* cannot happen inside one transaction */
		fprintf(ctx->out, "reference %s is on case %lld (%s, %s): "
		    "calllog show %lld\n", r->refs[i], c.id, c.org,
		    enum_name(&reason_names, c.reason), c.id);
		case_clear(&c);
	}
	return 0;
}

static int
search_text(struct ctx *ctx, const char *text, long limit)
{
	struct ref_cases refs = { NULL, NULL, 0 };
	struct rows rows = { NULL, &refs, NULL };
	int rc;

	if (store_ref_cases_each(ctx->st, text, keep_ref_case, &refs) ||
	    print_ref_cases(ctx, &refs)) {
		ref_cases_clear(&refs);
		return CMD_FAIL;
	}
	if ((rows.sn = short_names_load(ctx->st, &ctx->cfg)) == NULL) {
		ref_cases_clear(&refs);
		return CMD_FAIL;
	}
	rows.t = table_create(5, (const char *[]){ "STARTED", "CALL", "CASE",
	    "ORG", "MATCH" });
	table_column(rows.t, 2, 90, 0, 0);
	table_column(rows.t, 3, LAYOUT_ESSENTIAL, 8, LAYOUT_SHRINK);
	table_column(rows.t, 4, LAYOUT_ESSENTIAL, 16,
	    LAYOUT_SHRINK | LAYOUT_LONG);
	rc = store_search_each(ctx->st, text, limit, add_row, &rows);
	if (rc == 0 && table_rows(rows.t) == 0)
		fprintf(ctx->out, "no calls match '%s'\n", text);
	else if (rc == 0)
		table_print(rows.t, ctx->out);
	table_release(rows.t);
	short_names_release(rows.sn);
	ref_cases_clear(&refs);
	return rc ? CMD_FAIL : CMD_OK;
}

/* The words of the search, however they were split into arguments. */
static char *
join_args(const struct args *a)
{
	size_t len = 1;
	char *text;

	for (int i = 0; i < a->npos; i++)
		len += strlen(a->pos[i]) + 1;
	text = xcalloc(1, len);
	for (int i = 0; i < a->npos; i++) {
		if (i)
			strcat(text, " ");
		strcat(text, a->pos[i]);
	}
	return text;
}

static int
run_search(struct ctx *ctx, struct args *a)
{
	const struct search_opts *o = a->bound;
	char *text = join_args(a);
	struct jsonw j;
	long limit = o->limit;
	int rc;

	if (text[strspn(text, " \t\n\r\f\v")] == '\0') {
		free(text);
		return error("nothing to search for; usage: calllog search "
		    "TEXT"), CMD_USAGE;
	}
	if (o->json) {
		jsonw_init(&j, ctx->out);
		jsonw_array_begin(&j);
		rc = store_search_each(ctx->st, text, limit, emit_json, &j);
		jsonw_end(&j, rc == 0);
		rc = rc ? CMD_FAIL : CMD_OK;
	} else
		rc = search_text(ctx, text, limit);
	free(text);
	return rc;
}

const struct cmd cmd_search = {
	.name = "search",
	.synopsis = "TEXT [--json] [--limit N]",
	.summary = "full-text search over calls and cases",
	.opts = search_opts,
	.bound_size = sizeof(struct search_opts),
	.min_args = 1, .max_args = -1,
	.flags = CMD_NEEDS_DB,
	.run = run_search,
};
