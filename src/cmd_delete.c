/*
 * cmd_delete.c: `calllog delete ID | --call N`, removing a case (with its
 * calls, reference numbers and events) or one call.  The history keeps
 * every deleted row, so `undo` brings it back -- unless --purge asks for
 * the text to be gone for good.  A case that loses a call is left as if
 * the call had never been made (call_move.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "call_move.h"
#include "cmd.h"
#include "lookup.h"
#include "store.h"
#include "term.h"
#include "util.h"

/* What the options say, read by args_bind. */
struct delete_opts {
	long long call, attachment;	/* 0: not given */
	int yes, purge;
};

static const struct opt delete_opts[] = {
	{ "call", 0, OPT_VALUE, "N", "delete this call, not a case",
	    OPT_TO(OPT_ID, struct delete_opts, call) },
	{ "yes", 'y', 0, NULL, "confirm deleting a case of several "
	    "calls, or --purge, which cannot be undone",
	    OPT_TO(OPT_BOOL, struct delete_opts, yes) },
	{ "purge", 0, 0, NULL, "remove the deleted text from the "
	    "history and the file too (no undo)",
	    OPT_TO(OPT_BOOL, struct delete_opts, purge) },
	{ "attachment", 0, OPT_VALUE | OPT_RAW, "N",
	    "delete this attached file (with --purge: its bytes too)",
	    OPT_TO(OPT_ID, struct delete_opts, attachment) },
	OPT_END
};

/*
 * A case of several calls is a whole dispute's record: deleting it takes
 * a yes, asked on a terminal, or --yes off one (a script that meant it
 * says so).  undo would bring it back, but a person who typed the wrong
 * id may not notice what went.  Returns CMD_OK with *go set to go on (or
 * cleared when the person said no), or the exit code after reporting.
 */
static int
confirm_case(struct ctx *ctx, const struct delete_opts *o, long long id,
    int *go)
{
	struct cl_case c = { 0 };
	char line[16] = "", *org;
	int rc = store_case_get(ctx->st, id, &c), n = c.ncalls;

	*go = 1;
	if (rc != 0 || n < 2 || o->yes) {
		case_clear(&c);
		return rc == -1 ? CMD_FAIL : CMD_OK;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		case_clear(&c);
		return error("case %lld has %d calls; add --yes to delete it "
		    "with all of them", id, n), CMD_USAGE;
	}
	/* To the terminal itself: a writing command's output is held until
	 * it commits. */
	org = term_escape(c.org, 0);
	fprintf(stderr, "delete case %lld (%s, %d calls)? [y/N] ", id, org,
	    n);
	fflush(stderr);
	free(org);
	case_clear(&c);
	if (fgets(line, sizeof(line), stdin) == NULL ||
	    (strcmp(line, "y\n") != 0 && strcmp(line, "yes\n") != 0 &&
	    strcmp(line, "Y\n") != 0)) {
		*go = 0;
		fprintf(ctx->out, "case %lld not deleted\n", id);
	}
	return CMD_OK;
}

/* Delete call id and work its case out again: 0, 1 when there is no
 * such call, -1 after reporting. */
static int
delete_call(struct ctx *ctx, long long id, struct move_report *report)
{
	struct cl_call k = { 0 };
	int rc = store_call_get(ctx->st, id, &k);

	if (rc == 0 && (rc = store_call_delete(ctx->st, id)) == 0 &&
	    call_moved(ctx, &k, 0, report) != CMD_OK)
		rc = -1;
	call_clear(&k);
	return rc;
}

static int
run_delete(struct ctx *ctx, struct args *a)
{
	const struct delete_opts *o = a->bound;
	const char *what = o->call ? "call" : o->attachment ? "attachment" :
	    "case";
	struct move_report report = { .len = 0 };
	char summary[96];
	long long id = o->call ? o->call : o->attachment;
	int rc = CMD_OK, go = 1;

	if ((a->npos == 1) + (o->call != 0) + (o->attachment != 0) != 1)
		return error("give a case ID, --call N or --attachment N (one "
		    "of them)"), CMD_USAGE;
	if (o->purge && !o->yes)
		return error("--purge removes the old values for good, and "
		    "'calllog undo' cannot bring them back; add --yes to "
		    "confirm"), CMD_USAGE;
	if (a->npos == 1 &&
	    (rc = lookup_case(ctx->st, a->pos[0], "case", &id)) == CMD_OK)
		rc = confirm_case(ctx, o, id, &go);
	if (rc != CMD_OK || !go)
		return rc;
	if (o->purge && store_purge_begin(ctx->st) == -1)
		return CMD_FAIL;
	if (o->call)
		rc = delete_call(ctx, id, &report);
	else if (o->attachment)
		rc = store_attachment_delete(ctx->st, id);
	else
		rc = store_case_delete(ctx->st, id);
	if (rc == 1)
		return error("no %s %lld; 'calllog %s' lists them", what, id,
		    o->call ? "log" : o->attachment ? "attachments" : "cases"),
		    CMD_FAIL;
	if (rc == -1)
		return CMD_FAIL;
	snprintf(summary, sizeof(summary), "deleted %s %lld%s", what, id,
	    o->purge ? " and purged it" : "");
	if (store_change_describe(ctx->st, summary) == -1 ||
	    (o->purge && store_change_purge(ctx->st) == -1))
		return CMD_FAIL;
	fprintf(ctx->out, "%s%s\n%s", summary, o->purge ? "" :
	    "; 'calllog undo' brings it back", report.text);
	return CMD_OK;
}

const struct cmd cmd_delete = {
	.name = "delete",
	.synopsis = "ID | --call N | --attachment N [--yes] [--purge]",
	.summary = "delete a case or a call (undo brings it back)",
	.opts = delete_opts,
	.bound_size = sizeof(struct delete_opts),
	.min_args = 0, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB,
	.run = run_delete,
};
