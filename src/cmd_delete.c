/*
 * cmd_delete.c: `calllog delete ID | --call N`, removing a case (with its
 * calls, reference numbers and events) or one call.  The history keeps
 * every deleted row, so `undo` brings it back -- unless --purge asks for
 * the text to be gone for good.  A case that loses a call is left as if
 * the call had never been made (call_move.h).
 */
#include <stdio.h>

#include "call_move.h"
#include "cmd.h"
#include "lookup.h"
#include "store.h"
#include "util.h"

enum { O_CALL, O_YES, O_PURGE };

static const struct opt delete_opts[] = {
	[O_CALL] = { "call", 0, OPT_VALUE, "N", "delete this call, not a case" },
	[O_YES] = { "yes", 'y', 0, NULL, "confirm --purge, which cannot be "
	    "undone" },
	[O_PURGE] = { "purge", 0, 0, NULL, "remove the deleted text from the "
	    "history and the file too (no undo)" },
	{ NULL, 0, 0, NULL, NULL }
};

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
	const char *what = arg(a, O_CALL) ? "call" : "case";
	struct move_report report = { .len = 0 };
	char summary[96];
	long long id;
	int rc;

	if ((a->npos == 1) == (arg(a, O_CALL) != NULL))
		return error("give a case ID or --call N (one of them)"),
		    CMD_USAGE;
	if (arg(a, O_PURGE) && !arg(a, O_YES))
		return error("--purge removes the old values for good, and "
		    "'calllog undo' cannot bring them back; add --yes to "
		    "confirm"), CMD_USAGE;
	if (arg(a, O_CALL))
		rc = parse_id(arg(a, O_CALL), "--call", &id) ? CMD_USAGE : CMD_OK;
	else
		rc = lookup_case(ctx->st, a->pos[0], "case", &id);
	if (rc != CMD_OK)
		return rc;
	if (arg(a, O_PURGE) && store_purge_begin(ctx->st) == -1)
		return CMD_FAIL;
	if (arg(a, O_CALL))
		rc = delete_call(ctx, id, &report);
	else
		rc = store_case_delete(ctx->st, id);
	if (rc == 1)
		return error("no %s %lld; 'calllog %s' lists them", what, id,
		    arg(a, O_CALL) ? "log" : "cases"), CMD_FAIL;
	if (rc == -1)
		return CMD_FAIL;
	snprintf(summary, sizeof(summary), "deleted %s %lld%s", what, id,
	    arg(a, O_PURGE) ? " and purged it" : "");
	if (store_change_describe(ctx->st, summary) == -1 ||
	    (arg(a, O_PURGE) && store_change_purge(ctx->st) == -1))
		return CMD_FAIL;
	fprintf(ctx->out, "%s%s\n%s", summary, arg(a, O_PURGE) ? "" :
	    "; 'calllog undo' brings it back", report.text);
	return CMD_OK;
}

const struct cmd cmd_delete = {
	.name = "delete",
	.synopsis = "ID | --call N [--yes] [--purge]",
	.summary = "delete a case or a call (undo brings it back)",
	.opts = delete_opts,
	.min_args = 0, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB,
	.run = run_delete,
};
