/*
 * cmd_edit.c: `calllog edit ID` and `edit --call N`, correcting a case or
 * a recorded call.  With options it changes what they give; with none, on
 * a terminal, it opens $VISUAL/$EDITOR on a form, and reads the form back
 * through the same options, so one set of checks serves both.  The change
 * is recorded in the history like any other (and `undo` reverts it).
 * `edit --call N --case M` moves the call to case M, both cases left as
 * if it had always been there (call_move.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "call_move.h"
#include "case_rules.h"
#include "cmd.h"
#include "edit_file.h"
#include "edit_form.h"
#include "input.h"
#include "lookup.h"
#include "redact.h"
#include "store.h"
#include "util.h"

/* What the options say, read by args_bind. */
struct edit_opts {
	long long call;		/* 0: the case is edited */
	int purge;
	const char *move;	/* --case M: an id or uuid */
	struct case_options k;
	struct call_options c;
};

/* Where the case's and the call's own options start (input.h). */
enum {
	O_CALL, O_PURGE, O_MOVE,
	O_KFIRST,
	O_CFIRST = O_KFIRST + KO_COUNT
};

static const struct opt edit_opts[] = {
	[O_CALL] = { "call", 0, OPT_VALUE, "N", "edit call N instead of a case",
	    OPT_TO(OPT_ID, struct edit_opts, call) },
	[O_PURGE] = { "purge", 0, 0, NULL, "remove the replaced values from "
	    "the history and the file too (no undo)",
	    OPT_TO(OPT_BOOL, struct edit_opts, purge) },
	[O_MOVE] = { "case", 0, OPT_VALUE | OPT_RAW, "M",
	    "with --call: move the call to case M",
	    OPT_TO(OPT_STRING, struct edit_opts, move) },
	CASE_OPTIONS(struct edit_opts, k),
	CALL_OPTIONS(struct edit_opts, c),
	OPT_END
};

/* The record being edited, as loaded. */
struct target {
	long long case_id;
	long long call_id;	/* 0: the case itself */
	struct cl_case c;
	struct cl_call k;
	long long move_to;	/* --case M: the call's new case; 0: none */
	struct cl_case to;	/* case M, loaded */
};

static void
target_clear(struct target *t)
{
	case_clear(&t->c);
	call_clear(&t->k);
	case_clear(&t->to);
}

/* Load the case, and the call when one is edited.  CMD_OK or the exit
 * code after reporting. */
static int
load(struct ctx *ctx, struct target *t)
{
	int rc;

	if (t->call_id) {
		if ((rc = store_call_get(ctx->st, t->call_id, &t->k)) != 0)
			return rc == 1 ? (error("no call %lld; 'calllog log' lists "
			    "the calls", t->call_id), CMD_FAIL) : CMD_FAIL;
		t->case_id = t->k.case_id;
	}
	if ((rc = store_case_get(ctx->st, t->case_id, &t->c)) != 0)
		return rc == 1 ? (error("no case %lld; 'calllog cases' lists the "
		    "cases", t->case_id), CMD_FAIL) : CMD_FAIL;
	if (t->move_to && (rc = store_case_get(ctx->st, t->move_to, &t->to)))
		return rc == 1 ? (error("no case %lld; 'calllog cases' lists the "
		    "cases", t->move_to), CMD_FAIL) : CMD_FAIL;
	if (t->move_to && t->move_to == t->case_id)
		return error("call %lld is already on case %lld", t->call_id,
		    t->case_id), CMD_USAGE;
	return t->move_to ? call_move_check(&t->k, &t->c, &t->to) : CMD_OK;
}

/*
 * Apply the options of a onto t (in memory only).  Sets *changed when
 * anything differs.  Returns CMD_OK or the exit code after reporting.
 */
static int
apply(struct ctx *ctx, const struct args *a, struct target *t,
    struct redact_counts *r)
{
	const struct edit_opts *o = a->bound;
	struct case_input kin = { 0 };
	struct call_input cin = { 0 };
	char *org = NULL;
	int rc;

	if ((rc = case_input_read(a, O_KFIRST, &o->k, &kin, r)) != CMD_OK ||
	    (rc = call_input_read(ctx, a, O_CFIRST, &o->c, &cin, r)) != CMD_OK)
		goto out;
	rc = CMD_USAGE;
	if (t->call_id && case_input_any(&kin))
		error("the case's fields (--org, --title, ...) are edited with "
		    "'calllog edit %lld', not with --call", t->case_id);
	else if (!t->call_id && call_input_any(&cin))
		error("a call's fields (--note, --rep, ...) are edited with "
		    "'calllog edit --call N'; 'calllog show %lld' lists the "
		    "calls", t->case_id);
	else if (kin.given[KO_ORG] && (rc = lookup_org_for(ctx->st, kin.org,
	    kin.given[KO_NEW_ORG], t->c.org, &org)) != CMD_OK)
		;
	else if ((rc = case_input_apply(&kin, &t->c)) == CMD_OK && t->call_id)
		rc = call_input_apply(&cin, &t->k, &t->c);
	if (rc == CMD_OK && org) {
		free(t->c.org);
		t->c.org = org;
		org = NULL;
	}
	free(org);
out:
	case_input_clear(&kin);
	call_input_clear(&cin);
	return rc;
}

/* Write t back; the history records only what really changed, and a
 * change that changed nothing is dropped at commit. */
static int
save(struct ctx *ctx, struct target *t, int purge)
{
	struct case_change ch = { .kind = CHANGE_EDIT };
	struct case_effects fx;
	struct move_report moved = { .len = 0 };
	char summary[128];

	case_apply(&t->c, &ch, &ctx->cfg.policy, ctx->now, &fx);
	if (t->call_id) {
		t->k.updated = ctx->now;
		if (t->move_to)
			t->k.case_id = t->move_to;
		if (store_call_update(ctx->st, &t->k, 1) == -1)
			return CMD_FAIL;
	}
	if (store_case_update(ctx->st, &t->c) == -1 ||
	    (t->move_to && call_move_save(ctx, &t->k, t->case_id, &t->to,
	    &moved) != CMD_OK))
		return CMD_FAIL;
	if (t->move_to)
		snprintf(summary, sizeof(summary), "moved call %lld from case "
		    "%lld to case %lld", t->call_id, t->case_id, t->move_to);
	else if (t->call_id)
		snprintf(summary, sizeof(summary), "edited call %lld on case %lld",
		    t->call_id, t->case_id);
	else
		snprintf(summary, sizeof(summary), "edited case %lld",
		    t->case_id);
	if (store_change_describe(ctx->st, summary) == -1 ||
	    (purge && store_change_purge(ctx->st) == -1))
		return CMD_FAIL;
	fprintf(ctx->out, "%s%s\n%s", summary, purge ? "; the old values are "
	    "purged" : "; 'calllog undo' reverts it", moved.text);
	return CMD_OK;
}

/* Whether a has any option that changes a field: given, whatever its
 * value (an empty one clears the field). */
static int
has_changes(const struct args *a)
{
	if (((const struct edit_opts *)a->bound)->move)
		return 1;
	for (int i = O_KFIRST; i < O_CFIRST + CO_COUNT; i++)
		if (arg(a, i) && i != O_KFIRST + KO_NEW_ORG)
			return 1;
	return 0;
}

static int
identify(struct ctx *ctx, const struct args *a, struct target *t)
{
	const struct edit_opts *o = a->bound;
	int rc;

	if ((a->npos == 1) == (o->call != 0))
		return error("give a case ID or --call N (one of them)"),
		    CMD_USAGE;
	if (o->move && !o->call)
		return error("--case M moves a call: give --call N too ('calllog "
		    "edit --call N --case M')"), CMD_USAGE;
	if (o->move && (rc = lookup_case(ctx->st, o->move, "case",
	    &t->move_to)) != CMD_OK)
		return rc;
	if ((t->call_id = o->call) != 0)
		return CMD_OK;
	return lookup_case(ctx->st, a->pos[0], "case", &t->case_id);
}

/* The text without a previous error header, so it is not repeated. */
static char *
strip_error(const char *text)
{
	while (strncmp(text, "# error: ", 9) == 0 ||
	    strncmp(text, "# Correct the field", 19) == 0)
		text += strcspn(text, "\n") + (text[strcspn(text, "\n")] != 0);
	return xstrdup(text);
}

/*
 * One round: the form as edited, read as options and applied to a fresh
 * load under the write lock.  Returns CMD_OK (written, or nothing to do:
 * *done set either way), or CMD_USAGE with the reason in err (the form is
 * shown again), or CMD_FAIL.
 */
static int
try_form(struct ctx *ctx, const struct target *was, const char *orig,
    const char *after, int purge, char *err, size_t errsize, int *done)
{
	struct target t = { .case_id = was->case_id, .call_id = was->call_id };
	struct redact_counts r = { 0 };
	struct args a;
	char **diff, **argv, id[32];
	int n, rc;

	error_capture(err, errsize);
	diff = edit_form_diff(orig, after, was->call_id != 0, &n);
	rc = diff ? CMD_OK : CMD_USAGE;
	if (diff && n == 0) {
		*done = 1;
		error_capture(NULL, 0);
		edit_form_free(diff);
		fprintf(ctx->out, "nothing changed\n");
		return CMD_OK;
	}
	argv = xcalloc((size_t)n + 3, sizeof(*argv));
	argv[0] = (char *)"edit";
	snprintf(id, sizeof(id), was->call_id ? "--call=%lld" : "%lld",
	    was->call_id ? was->call_id : was->case_id);
	argv[1] = id;
	for (int i = 0; diff && i < n; i++)
		argv[i + 2] = diff[i];
	if (rc == CMD_OK && args_parse(ctx->cmd, n + 2, argv, &a) != CMD_OK)
		rc = CMD_USAGE;
	else if (rc == CMD_OK && args_bind(ctx->cmd, &a, ctx) != CMD_OK) {
		args_free(&a);
		rc = CMD_USAGE;
	} else if (rc == CMD_OK) {
		if (store_begin(ctx->st, 1) == -1)
			rc = CMD_FAIL;
		else if ((rc = load(ctx, &t)) == CMD_OK &&
		    (t.c.updated != was->c.updated ||
		    t.k.updated != was->k.updated))
			rc = (error("the record changed while you edited it; run "
			    "'calllog edit' again"), CMD_FAIL);
		else if (rc == CMD_OK &&
		    (!purge || store_purge_begin(ctx->st) == 0) &&
		    (rc = apply(ctx, &a, &t, &r)) == CMD_OK) {
			error_capture(NULL, 0);
			rc = save(ctx, &t, purge);
			redact_report(&r, NULL);
			*done = 1;
		}
		if (rc != CMD_OK)
			store_rollback(ctx->st);
		args_free(&a);
	}
	error_capture(NULL, 0);
	if (rc == CMD_FAIL && !*done && err[0])
		error("%s", err);
	free(argv);
	edit_form_free(diff);
	target_clear(&t);
	return rc;
}

/* The editor loop: a bad form comes back with the error on top, the
 * person's edits kept; quitting without a change changes nothing. */
static int
edit_with_editor(struct ctx *ctx, struct target *t, int purge)
{
	char *orig = edit_form_render(&t->c, t->call_id ? &t->k : NULL, NULL);
	char *text = xstrdup(orig), err[1024] = "";
	struct edit_file f;
	int rc = CMD_FAIL, done = 0;

	if (edit_file_open(&f) == -1) {
		free(text);
		free(orig);
		return CMD_FAIL;
	}
	while (!done && !edit_file_interrupted()) {
		char *shown = err[0] ? xasprintf("# error: %s\n# Correct the "
		    "field and save, or quit without saving to leave the record "
		    "as it was.\n%s", err, text) : xstrdup(text);
		char *after;

		rc = edit_file_edit(&f, shown, &after);
		if (rc != CMD_OK) {
			free(shown);
			break;
		}
		/* Saved as shown, or not saved: the person gave up. */
		if (strcmp(after, shown) == 0) {
			fprintf(ctx->out, "nothing changed\n");
			free(shown);
			free(after);
			break;
		}
		free(shown);
		free(text);
		text = strip_error(after);
		free(after);
		rc = try_form(ctx, t, orig, text, purge, err, sizeof(err), &done);
		if (rc == CMD_FAIL)
			break;
	}
	/* Ends calllog here when a signal came while the form was out. */
	edit_file_close(&f);
	free(text);
	free(orig);
	return rc;
}

static int
run_edit(struct ctx *ctx, struct args *a)
{
	struct target t = { 0 };
	struct redact_counts r = { 0 };
	int rc, purge = ((const struct edit_opts *)a->bound)->purge;

	if (!has_changes(a) && !(isatty(0) && isatty(1)))
		return error("nothing to change: give the fields to change "
		    "(--title, --amount, ...; see 'calllog edit -h'), or run "
		    "on a terminal to edit a form"), CMD_USAGE;
	if (!has_changes(a)) {
		/* The form is read without holding the journal. */
		if (store_begin(ctx->st, 0) == -1)
			return CMD_FAIL;
		rc = identify(ctx, a, &t);
		if (rc == CMD_OK)
			rc = load(ctx, &t);
		store_commit(ctx->st);
		if (rc == CMD_OK)
			rc = edit_with_editor(ctx, &t, purge);
		target_clear(&t);
		return rc;
	}
	if (store_begin(ctx->st, 1) == -1)
		return CMD_FAIL;
	if ((rc = identify(ctx, a, &t)) == CMD_OK &&
	    (rc = load(ctx, &t)) == CMD_OK &&
	    (!purge || store_purge_begin(ctx->st) == 0) &&
	    (rc = apply(ctx, a, &t, &r)) == CMD_OK)
		rc = save(ctx, &t, purge);
	if (rc == CMD_OK)
		redact_report(&r, NULL);
	target_clear(&t);
	return rc;
}

const struct cmd cmd_edit = {
	.name = "edit",
	.synopsis = "ID [OPTIONS] | --call N [OPTIONS] [--purge]",
	.summary = "correct a case or a call (an editor on a form without "
	    "options)",
	.opts = edit_opts,
	.bound_size = sizeof(struct edit_opts),
	.min_args = 0, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB | CMD_INTERACTIVE,
	.run = run_edit,
};
