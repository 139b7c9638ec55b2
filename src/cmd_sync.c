/*
 * cmd_sync.c: `calllog sync DIR`, the journal and a folder of iCalendar
 * items kept equal both ways (sync.c), so that vdirsyncer can carry the
 * journal to every device through a CalDAV server.
 */
#include "cmd.h"
#include "sync.h"

enum { O_FORCE_DELETE };

static const struct opt sync_opts[] = {
	[O_FORCE_DELETE] = { "force-delete", 0, 0, NULL,
	    "a folder emptied of all its items deletes their records here",
	    OPT_AS_TEXT },
	OPT_END
};

static int
run_sync(struct ctx *ctx, struct args *a)
{
	struct sync_env env = {
		.st = ctx->st, .now = ctx->now, .out = ctx->out,
		.resolved_within = ctx->cfg.resolved_within,
		.attach_max = ctx->cfg.attach_max,
		.sync_attach_max = ctx->cfg.sync_attach_max,
		.force_delete = arg(a, O_FORCE_DELETE) != NULL,
	};

	return sync_folder(&env, a->pos[0]) ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_sync = {
	.name = "sync",
	.synopsis = "[--force-delete] DIR",
	.summary = "keep a folder of iCalendar items and the journal equal",
	.opts = sync_opts,
	.min_args = 1, .max_args = 1,
	.raw_pos = 1u << 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_NEEDS_CONFIG,
	.run = run_sync,
};
