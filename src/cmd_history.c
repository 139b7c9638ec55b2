/*
 * cmd_history.c: `calllog history [ID]`, every change newest first: when,
 * which command, and each field's old and new value.  Values are shown as
 * JSON (strings quoted, control characters escaped), so an empty value,
 * a missing one and a value with odd characters all read unambiguously.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cmd.h"
#include "lookup.h"
#include "money.h"
#include "store.h"
#include "util.h"
#include "when.h"
#include "width.h"

/* What the options say, read by args_bind. */
struct history_opts {
	int json;
	long limit;
};

static const struct opt history_opts[] = {
	OPT_JSON(struct history_opts, json),
	OPT_LIMIT(struct history_opts, limit),
	OPT_END
};

/* What a table's row is called in a sentence. */
static const char *
row_word(const char *table)
{
	return !strcmp(table, "cases") ? "case" : !strcmp(table, "calls") ?
	    "call" : !strcmp(table, "call_refs") ? "reference of call" :
	    !strcmp(table, "notes") ? "note" : !strcmp(table, "attachments") ?
	    "attachment" : "event";
}

struct history_walk {
	struct ctx *ctx;
	long long last;		/* the change being printed */
	json_t *all, *change, *rows;
};

/* A value as JSON; a time (a field ending in _at, or promised_by) as the
 * local time it stands for, which a person can read; an amount (minor
 * units) with the decimals of cur, its currency ("" when unknown). */
static char *
show_value(const char *key, json_t *v, const char *cur)
{
	size_t n = strlen(key);
	char when[WHEN_BUFSZ], m[MONEY_BUFSZ];

	if (v && json_is_integer(v) && ((n > 3 && !strcmp(key + n - 3, "_at")) ||
	    !strcmp(key, "promised_by"))) {
		when_format_local((time_t)json_integer_value(v), when);
		return xstrdup(when);
	}
	if (v && json_is_integer(v) && *cur && (!strcmp(key, "amount") ||
	    !strcmp(key, "credited"))) {
		money_format(json_integer_value(v), cur, m);
		return xasprintf("%s %s", m, cur);
	}
	return v ? json_dumps(v, JSON_ENCODE_ANY | JSON_ENSURE_ASCII) :
	    xstrdup("(none)");
}

/* Each field whose value differs, as "field: old -> new". */
static void
print_fields(FILE *fp, json_t *old, json_t *new, json_t *changes,
    const char *cur)
{
	const char *key;
	json_t *nv;

	json_object_foreach(new, key, nv) {
		json_t *ov = json_object_get(old, key);
		char *o, *n;

		if (ov && json_equal(ov, nv))
			continue;
		if (changes) {
			json_object_set_new(changes, key, json_pack("{s:O?,s:O?}",
			    "old", ov, "new", nv));
			continue;
		}
		o = show_value(key, ov, cur);
		n = show_value(key, nv, cur);
		width_printf(fp, 6, (size_t)terminal_width(fp),
		    "    %s: %s -> %s\n", key, o, n);
		free(o);
		free(n);
	}
}

static void
header(struct history_walk *w, const struct change_info *c)
{
	char when[WHEN_BUFSZ], undone[WHEN_BUFSZ];

	if (w->all) {
		when_format_utc(c->at, when);
		w->change = json_pack("{s:I,s:s,s:s,s:s?,s:b,s:b,s:[]}", "id",
		    (json_int_t)c->id, "at", when, "command", c->command,
		    "summary", c->summary, "undone", c->undone_at != 0,
		    "purged", c->purged, "rows");
		w->rows = json_object_get(w->change, "rows");
		json_array_append_new(w->all, w->change);
		return;
	}
	when_format_local(c->at, when);
	fprintf(w->ctx->out, "change %lld  %s  %s%s%s", c->id, when,
	    c->command, c->summary ? "  " : "", c->summary ? c->summary : "");
	if (c->undone_at) {
		when_format_local(c->undone_at, undone);
		fprintf(w->ctx->out, "  (undone %s)", undone);
	}
	fprintf(w->ctx->out, "%s\n", c->purged ? "  (purged)" : "");
}

/* The currency of a row's money: a case's own, a call's its case's
 * (as it is now); "" when there is none. */
static void
row_currency(struct store *st, const struct change_row *r, json_t *row,
    char cur[4])
{
	struct cl_case c = { 0 };
	const char *s = json_string_value(json_object_get(row, "currency"));

	cur[0] = '\0';
	if (!strcmp(r->table, "cases") && s && money_code_valid(s))
		snprintf(cur, 4, "%s", s);
	else if ((!strcmp(r->table, "calls") || !strcmp(r->table, "notes")) &&
	    store_case_get(st, r->case_id, &c) == 0)
		snprintf(cur, 4, "%s", c.currency);
	case_clear(&c);
}

static int
each_row(const struct change_info *c, const struct change_row *r, void *arg)
{
	struct history_walk *w = arg;
	json_t *old, *new, *row = NULL;
	FILE *fp = w->ctx->out;

	if (c->id != w->last) {
		header(w, c);
		w->last = c->id;
	}
	if (r == NULL)
		return 0;
	old = r->old_json ? json_loads(r->old_json, 0, NULL) : NULL;
	new = r->new_json ? json_loads(r->new_json, 0, NULL) : NULL;
	if (w->all) {
		row = json_pack("{s:s,s:I,s:s}", "table", r->table, "id",
		    (json_int_t)r->row_id, "op", r->op);
		if (r->pos >= 0)
			json_object_set_new(row, "pos", json_integer(r->pos));
		json_array_append_new(w->rows, row);
	} else if (r->pos >= 0)
		fprintf(fp, "  %s %lld #%d: %s\n", row_word(r->table), r->row_id,
		    r->pos + 1, !strcmp(r->op, "insert") ? "added" :
		    !strcmp(r->op, "delete") ? "deleted" : "changed");
	else
		fprintf(fp, "  %s %lld: %s\n", row_word(r->table), r->row_id,
		    !strcmp(r->op, "insert") ? "added" : !strcmp(r->op, "delete")
		    ? "deleted" : "changed");
	if (row) {
		json_object_set(row, "old", old ? old : json_null());
		json_object_set(row, "new", new ? new : json_null());
	} else if (!strcmp(r->op, "update") && old && new) {
		char cur[4];

		row_currency(w->ctx->st, r, new, cur);
		print_fields(fp, old, new, NULL, cur);
	}
	json_decref(old);
	json_decref(new);
	return 0;
}

static int
run_history(struct ctx *ctx, struct args *a)
{
	struct history_walk w = { .ctx = ctx, .last = -1 };
	const struct history_opts *o = a->bound;
	long long id = 0;
	int rc;

	if (a->npos == 1 &&
	    (rc = lookup_case(ctx->st, a->pos[0], "case", &id)) != CMD_OK)
		return rc;
	if (o->json)
		w.all = json_array();
	rc = store_history_each(ctx->st, id, o->limit, each_row, &w);
	if (rc == 0 && w.all) {
		json_dumpf(w.all, ctx->out, JSON_INDENT(2));
		fputc('\n', ctx->out);
	} else if (rc == 0 && w.last < 0)
		fprintf(ctx->out, "no changes recorded%s\n", id ?
		    " for this case" : "");
	json_decref(w.all);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_history = {
	.name = "history",
	.synopsis = "[ID] [--json] [--limit N]",
	.summary = "what changed, newest first, with old and new values",
	.opts = history_opts,
	.bound_size = sizeof(struct history_opts),
	.min_args = 0, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_PAGER,
	.run = run_history,
};
