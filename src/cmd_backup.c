/*
 * cmd_backup.c: `calllog backup FILE`, a consistent copy of the journal,
 * safe to take while other calllog commands write.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "outfile.h"
#include "store.h"
#include "util.h"

static int
run_backup(struct ctx *ctx, struct args *a)
{
	const char *dest = a->pos[0];

	if (*dest == '\0')
		return error("backup needs a file name"), CMD_USAGE;
	if (outfile_check(ctx->st, dest) == -1)
		return CMD_USAGE;
	if (store_backup(ctx->st, dest) == -1)
		return CMD_FAIL;
	fprintf(ctx->out, "backed up %s to %s\n", store_path(ctx->st), dest);
	return CMD_OK;
}

const struct cmd cmd_backup = {
	.name = "backup",
	.synopsis = "FILE",
	.summary = "consistent copy of the database",
	.opts = NULL,
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_DB | CMD_EXISTING_DB,
	.run = run_backup,
};
