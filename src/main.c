/*
 * main.c: dispatch from the command table (commands.c) after the global
 * options (globals.c), the database and transaction around each command,
 * and exit codes.
 * Only this file exits.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "complete.h"
#include "field.h"
#include "globals.h"
#include "output.h"
#include "paths.h"
#include "redact.h"
#include "store.h"
#include "term.h"
#include "util.h"
#include "when.h"

static const struct cmd *
find_command(const char *name)
{
	for (int i = 0; commands[i]; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* Whether the command was asked for JSON (which is never coloured). */
static int
wants_json(const struct cmd *cmd, const struct args *a)
{
	for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
		if (strcmp(cmd->opts[i].name, "json") == 0 && a->val[i])
			return 1;
	return 0;
}

/*
 * Whether standard output is to be guarded (term.h): always but for a file
 * format or JSON written to a file or a pipe, which must be exact (JSON
 * escapes what it must itself), and a guided call, whose line editor
 * needs the terminal's own stream.
 */
static int
wants_guard(const struct cmd *cmd, const struct args *a)
{
	if (cmd->flags & CMD_INTERACTIVE)
		return 0;
	if (isatty(STDOUT_FILENO) || output_paged_width() > 0 ||
	    output_colored())
		return 1;
	return !(cmd->flags & CMD_DATA) && !wants_json(cmd, a);
}

/* Every argument must be UTF-8 before anything can store it. */
static int
check_utf8(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!utf8_valid(argv[i], strlen(argv[i])))
			return error("argument %d is not valid UTF-8; check the "
			    "terminal's or the script's encoding", i);
	return 0;
}

/* Standard output as the program started with it, under any guard. */
static FILE *real_stdout;

/*
 * A writer's report is held back until its change is ready to commit, then
 * written and flushed before the commit: when the report cannot be written
 * (a full disk, a closed pipe) the change is rolled back, so the exit
 * status always says whether it was kept and a script that retries never
 * records a call twice.  Returns 0, or -1 after reporting.
 */
static int
deliver_report(const char *buf, size_t len)
{
	/* Through the guard (term.h), if any, and the real stream under it. */
	if ((len && fwrite(buf, 1, len, stdout) != len) || fflush(stdout) != 0 ||
	    fflush(real_stdout) != 0 || ferror(real_stdout))
		return error("cannot write the report: %s; nothing was changed",
		    strerror(errno));
	return 0;
}

/* Open the database, run the command inside one transaction, and keep
 * its changes only when it succeeded and said so. */
static int
run_with_store(const struct cmd *cmd, struct ctx *ctx, struct args *a,
    const char *dbopt)
{
	char *path = NULL, *buf = NULL, where[64] = "";
	size_t len = 0;
	int writes = cmd->flags & CMD_WRITES && (cmd->writes == NULL ||
	    cmd->writes(a));
	unsigned flags = cmd->flags & CMD_EXISTING_DB ? STORE_NOCREATE :
	    !writes ? STORE_READ : cmd->flags & CMD_INTERACTIVE ? STORE_EARLY :
	    0;
	struct redact_counts redacted = { 0, 0, 0 };
	int rc;

	/* Before the journal is opened: text is scanned, and standard input
	 * read, without holding the write lock. */
	if (writes && args_redact(cmd, a, 1, &redacted, where,
	    sizeof(where)) == -1)
		return CMD_USAGE;
	/* Its typed options are read from the text as it will be kept, and
	 * a bad one refused before the journal is touched. */
	if (args_bind(cmd, a, ctx) != CMD_OK)
		return CMD_USAGE;
	if (paths_database(dbopt, &path) == -1)
		return CMD_FAIL;
	if (store_open(path, flags, &ctx->st) == -1) {
		free(path);
		return CMD_FAIL;
	}
	free(path);
	store_set_command(ctx->st, cmd->name, ctx->now);
	if (writes && (ctx->out = open_memstream(&buf, &len)) == NULL) {
		store_close(ctx->st);
		return error("cannot buffer output: out of memory"), CMD_FAIL;
	}
	/* An interactive command must not hold the journal while a person
	 * thinks: it begins its own transaction when it is ready to write,
	 * and it is committed here like any other. */
	if (!(cmd->flags & (CMD_INTERACTIVE | CMD_BEGINS)) &&
	    store_begin(ctx->st, writes) == -1)
		rc = CMD_FAIL;
	else
		rc = cmd->run(ctx, a);
	if (ctx->out != stdout) {
		fclose(ctx->out);
		ctx->out = stdout;
		if (rc == CMD_OK && deliver_report(buf, len) == -1)
			rc = CMD_FAIL;
		free(buf);
	}
	if (rc == CMD_OK && (store_finish(ctx->st) == -1 ||
	    store_publish(ctx->st) == -1))
		rc = CMD_FAIL;
	else if (rc != CMD_OK)
		store_rollback(ctx->st);
	store_close(ctx->st);
	ctx->st = NULL;
	if (rc == CMD_OK)
		redact_report(&redacted, *where ? where : NULL);
	return rc;
}

/* Run cmd once its clock and configuration are read, with its options
 * bound (args_bind) before it starts; returns its exit code. */
static int
run_command(const struct cmd *cmd, struct ctx *ctx, struct args *a,
    const char *dbopt)
{
	int rc;

	if (when_now(&ctx->now) == -1)
		return CMD_USAGE;
	if (cmd->flags & (CMD_NEEDS_DB | CMD_NEEDS_CONFIG) &&
	    config_load(&ctx->cfg) == -1)
		return CMD_USAGE;
	when_set_order(ctx->cfg.date_order);
	if (cmd->flags & CMD_NEEDS_DB)
		return run_with_store(cmd, ctx, a, dbopt);
	if ((rc = args_bind(cmd, a, ctx)) != CMD_OK)
		return rc;
	return cmd->run(ctx, a);
}

int
main(int argc, char **argv)
{
	struct globals g = { NULL, COLOR_AUTO, 1 };
	const struct cmd *cmd;
	FILE *real = real_stdout = stdout, *guard = NULL;
	struct ctx ctx = { 0 };
	struct args a;
	int i, rc;

	/* Past a file size limit, a write should fail (and the command with
	 * it, cleanly) rather than the process be killed mid-transaction. */
	signal(SIGXFSZ, SIG_IGN);
	/* Display widths of UTF-8 text need a UTF-8 character type. */
	if (setlocale(LC_CTYPE, "") == NULL || MB_CUR_MAX == 1)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (check_utf8(argc, argv) == -1)
		return CMD_USAGE;
	if ((rc = take_leading_globals(argc, argv, &i, &g)) >= 0)
		return rc;
	/* Bare "calllog": what it takes, on the error stream, as bad usage. */
	if (i == argc) {
		calllog_usage(stderr);
		return CMD_USAGE;
	}
	/* The shells' completion helper: hidden, and its words are not
	 * options to parse (cmd_complete.c). */
	if (strcmp(argv[i], "__complete") == 0)
		return complete_main(argc - i - 1, argv + i + 1);
	/* The fields' declarations, for tests (cmd_fields.c): hidden. */
	if (strcmp(argv[i], "__fields") == 0)
		return field_print(argc - i - 1, argv + i + 1);
	if ((cmd = find_command(argv[i])) == NULL) {
		cmd_unknown(commands, argv[i]);
		return CMD_USAGE;
	}
	argc -= i;
	argv += i;
	if ((rc = take_trailing_globals(cmd, &argc, argv, &g)) != CMD_OK)
		return rc;
	rc = args_parse(cmd, argc, argv, &a);
	if (rc == -1)
		return fflush(stdout) ? CMD_FAIL : CMD_OK;
	if (rc != CMD_OK)
		return rc;
	ctx.cmd = cmd;
	ctx.commands = commands;
	output_init((enum color_mode)g.color);
	if (wants_json(cmd, &a))
		output_disable_color();		/* JSON is never coloured */
	if (g.pager && cmd->flags & CMD_PAGER)
		output_start_pager();
	/* glibc lets stdout be set, so that every printf is guarded. */
	if (wants_guard(cmd, &a) && (guard = term_guard(real,
	    isatty(STDOUT_FILENO) || output_paged_width() > 0)) != NULL)
		stdout = guard;
	else
		output_disable_color();	/* colours are marks for the guard */
	ctx.out = stdout;
	rc = run_command(cmd, &ctx, &a, g.db);
	args_free(&a);
	config_clear(&ctx.cfg);
	if (guard != NULL) {
		stdout = real;
		/* Its error is the real stream's, reported below. */
		fclose(guard);
	}
	/* A person quitting the pager early has read all they wanted; a
	 * command that failed has said why already. */
	if ((fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE &&
	    rc == CMD_OK) {
		error("cannot write output: %s", strerror(errno));
		rc = CMD_FAIL;
	}
	output_finish();
	return rc;
}
