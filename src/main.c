/*
 * main.c: global options, the command table, the database and transaction
 * around each command, and exit codes.  Only this file exits.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "output.h"
#include "paths.h"
#include "redact.h"
#include "store.h"
#include "term.h"
#include "util.h"
#include "when.h"

#ifndef CALLLOG_VERSION
#define CALLLOG_VERSION "0.1.0"
#endif

/* The commands, in the order `calllog help` lists them. */
const struct cmd *const commands[] = {
	&cmd_add,
	&cmd_open,
	&cmd_cases,
	&cmd_show,
	&cmd_dossier,
	&cmd_log,
	&cmd_search,
	&cmd_resolve,
	&cmd_reopen,
	&cmd_followup,
	&cmd_escalate,
	&cmd_promise,
	&cmd_edit,
	&cmd_delete,
	&cmd_undo,
	&cmd_history,
	&cmd_remind,
	&cmd_ical,
	&cmd_numbers,
	&cmd_prep,
	&cmd_call,
	&cmd_doctor,
	&cmd_backup,
	&cmd_export,
	&cmd_import,
	&cmd_config,
	&cmd_help,
	NULL
};

static void
usage(FILE *fp)
{
	fputs("usage: calllog [--db PATH] [--color WHEN] [--no-pager] COMMAND "
	    "[ARGS]\n"
	    "       calllog help [COMMAND] | --version\n\ncommands:\n", fp);
	for (int i = 0; commands[i]; i++)
		fprintf(fp, "  %-10s %s\n", commands[i]->name,
		    commands[i]->summary);
	fputs("\n'calllog COMMAND -h' shows a command's options.\n", fp);
}

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
	if (rc == CMD_OK && (store_commit(ctx->st) == -1 ||
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

int
main(int argc, char **argv)
{
	const char *dbopt = NULL;
	int color = COLOR_AUTO, pager = 1;
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
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			dbopt = argv[++i];
		else if (strncmp(argv[i], "--db=", 5) == 0)
			dbopt = argv[i] + 5;
		else if (strcmp(argv[i], "--no-pager") == 0)
			pager = 0;
		else if ((strcmp(argv[i], "--color") == 0 && i + 1 < argc) ||
		    strncmp(argv[i], "--color=", 8) == 0) {
			const char *v = argv[i][7] == '=' ? argv[i] + 8 :
			    argv[++i];

			if ((color = output_color_mode(v)) < 0)
				return CMD_USAGE;
		}
		else if (strcmp(argv[i], "--version") == 0) {
			printf("calllog %s\n", CALLLOG_VERSION);
			return fflush(stdout) ? CMD_FAIL : CMD_OK;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(stdout);
			return fflush(stdout) ? CMD_FAIL : CMD_OK;
		} else {
			error("unknown option '%s'; see 'calllog help'", argv[i]);
			return CMD_USAGE;
		}
	}
	if (i == argc) {
		error("no command given; 'calllog help' lists the commands");
		return CMD_USAGE;
	}
	if ((cmd = find_command(argv[i])) == NULL) {
		error("'%s' is not a calllog command; see 'calllog help'",
		    argv[i]);
		return CMD_USAGE;
	}
	rc = args_parse(cmd, argc - i, argv + i, &a);
	if (rc == -1)
		return fflush(stdout) ? CMD_FAIL : CMD_OK;
	if (rc != CMD_OK)
		return rc;
	ctx.cmd = cmd;
	output_init((enum color_mode)color);
	if (wants_json(cmd, &a))
		output_disable_color();		/* JSON is never coloured */
	if (pager && cmd->flags & CMD_PAGER)
		output_start_pager();
	/* glibc lets stdout be set, so that every printf is guarded. */
	if (wants_guard(cmd, &a) && (guard = term_guard(real,
	    isatty(STDOUT_FILENO) || output_paged_width() > 0)) != NULL)
		stdout = guard;
	else
		output_disable_color();	/* colours are marks for the guard */
	ctx.out = stdout;
	if (when_now(&ctx.now) == -1)
		rc = CMD_USAGE;
	else if (cmd->flags & (CMD_NEEDS_DB | CMD_NEEDS_CONFIG) &&
	    config_load(&ctx.cfg) == -1)
		rc = CMD_USAGE;
	else if (cmd->flags & CMD_NEEDS_DB)
		rc = run_with_store(cmd, &ctx, &a, dbopt);
	else
		rc = cmd->run(&ctx, &a);
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
