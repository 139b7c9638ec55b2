/*
 * cmd_config.c: `calllog config`, the effective settings and where each
 * came from.
 */
#include "cmd.h"

static int
run_config(struct ctx *ctx, struct args *a)
{
	(void)a;
	config_print(&ctx->cfg, ctx->out);
	return CMD_OK;
}

const struct cmd cmd_config = {
	.name = "config",
	.synopsis = "",
	.summary = "effective settings and their sources",
	.opts = NULL,
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_CONFIG,
	.run = run_config,
};
