/*
 * cmd_undo.c: `calllog undo`, reverting the newest change calllog made,
 * whole, and saying what it was.  Again reaches the change before.
 */
#include <stdio.h>

#include "cmd.h"
#include "store.h"
#include "util.h"
#include "when.h"

static int
run_undo(struct ctx *ctx, struct args *a)
{
	struct change_info ci;
	char when[WHEN_BUFSZ];
	int rc;

	(void)a;
	rc = store_undo(ctx->st, ctx->now, &ci);
	if (rc == 1)
		return error("nothing to undo; 'calllog history' shows the "
		    "changes"), CMD_FAIL;
	if (rc != 0 && rc != 2)
		return CMD_FAIL;
	when_format_local(ci.at, when);
	if (rc == 2) {
		/* Said every time, the same way: the person is told where
		 * undo stops and what corrects the record from here. */
		error("cannot undo change %lld (%s, %s%s%s): it purged the "
		    "values it replaced, so neither it nor any change before "
		    "it can be undone; nothing was changed; correct the record "
		    "with 'calllog edit'", ci.id, ci.command, when,
		    ci.summary ? ": " : "", ci.summary ? ci.summary : "");
		change_info_clear(&ci);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "undid change %lld (%s, %s)%s%s\n", ci.id, ci.command,
	    when, ci.summary ? ": " : "", ci.summary ? ci.summary : "");
	change_info_clear(&ci);
	return CMD_OK;
}

const struct cmd cmd_undo = {
	.name = "undo",
	.synopsis = "",
	.summary = "undo the newest change; again for the one before",
	.opts = NULL,
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_EXISTING_DB,
	.run = run_undo,
};
