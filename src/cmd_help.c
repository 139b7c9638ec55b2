/*
 * cmd_help.c: `calllog help [COMMAND]`, from the table its context gives
 * (main's, commands.c).
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "suggest.h"
#include "util.h"

void
cmd_unknown(const struct cmd *const *table, const char *name)
{
	const char *names[64];
	char near[256];
	size_t n = 0;

	for (int i = 0; table[i] && n < 64; i++)
		names[n++] = table[i]->name;
	if (suggest_names(name, names, n, "", near, sizeof(near)) > 0)
		error("'%s' is not a calllog command; did you mean %s?", name,
		    near);
	else
		error("'%s' is not a calllog command; see 'calllog help'",
		    name);
}

static int
run_help(struct ctx *ctx, struct args *a)
{
	const struct cmd *const *table = ctx->commands;

	if (a->npos == 0) {
		fputs("usage: calllog [--db PATH] [--color WHEN] [--no-pager] "
		    "COMMAND [ARGS]\n\n"
		    "A journal for the calls you make to customer support.\n\n"
		    "commands:\n", ctx->out);
		for (int i = 0; table[i]; i++)
			fprintf(ctx->out, "  %-10s %s\n", table[i]->name,
			    table[i]->summary);
		fputs("\n'calllog help COMMAND' or 'calllog COMMAND -h' shows a "
		    "command's options; man calllog has the rest.\n", ctx->out);
		return CMD_OK;
	}
	for (int i = 0; table[i]; i++)
		if (strcmp(table[i]->name, a->pos[0]) == 0) {
			cmd_usage(table[i], ctx->out);
			return CMD_OK;
		}
	cmd_unknown(table, a->pos[0]);
	return CMD_USAGE;
}

const struct cmd cmd_help = {
	.name = "help",
	.synopsis = "[COMMAND]",
	.summary = "this list, or one command's options",
	.opts = NULL,
	.min_args = 0, .max_args = 1,
	.flags = 0,
	.run = run_help,
};
