/*
 * globals.c: the options calllog takes before or after any command (--db,
 * --color, --no-pager; --version and --help before one), taken out of
 * argv so that a command sees only its own; calllog's own usage.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "globals.h"
#include "output.h"
#include "suggest.h"
#include "util.h"

#ifndef CALLLOG_VERSION
#define CALLLOG_VERSION "0.1.0"
#endif

void
calllog_usage(FILE *fp)
{
	fputs("usage: calllog [--db PATH] [--color WHEN] [--no-pager] COMMAND "
	    "[ARGS]\n"
	    "       calllog help [COMMAND] | --version\n\ncommands:\n", fp);
	for (int i = 0; commands[i]; i++)
		fprintf(fp, "  %-10s %s\n", commands[i]->name,
		    commands[i]->summary);
	fputs("\n'calllog COMMAND -h' shows a command's options.\n", fp);
}

/* The options calllog takes before (or after) any command. */
static const char *const global_names[] = {
	"db", "color", "no-pager", "version", "help"
};

/*
 * Take one global option at argv[*i] when it is one (--db PATH, --db=PATH,
 * --color WHEN, --color=WHEN, --no-pager), advancing *i past it.  Returns
 * 1 when taken, 0 when argv[*i] is something else, or CMD_USAGE's negative
 * after reporting a missing or bad value.
 */
static int
take_global(int argc, char **argv, int *i, struct globals *g)
{
	const char *a = argv[*i];

	if (strcmp(a, "--no-pager") == 0) {
		g->pager = 0;
		return 1;
	}
	if (strcmp(a, "--db") == 0 || strcmp(a, "--color") == 0) {
		int db = strcmp(a, "--db") == 0;

		if (*i + 1 >= argc)
			return error("missing value after '%s'", a), -CMD_USAGE;
		a = argv[++*i];
		if (db) {
			g->db = a;
			return 1;
		}
	} else if (strncmp(a, "--db=", 5) == 0) {
		g->db = a + 5;
		return 1;
	} else if (strncmp(a, "--color=", 8) == 0)
		a += 8;
	else
		return 0;
	return (g->color = output_color_mode(a)) < 0 ? -CMD_USAGE : 1;
}

/* Whether the word after argv[i] is the value of the option argv[i] is. */
static int
takes_next(const struct cmd *cmd, const char *a)
{
	const struct opt *o;

	if (strncmp(a, "--", 2) == 0)
		return strchr(a, '=') == NULL &&
		    (o = opt_find_long(cmd->opts, a)) != NULL &&
		    o->flags & OPT_VALUE;
	/* A cluster of short options: the first that takes a value takes
	 * the rest of the word, or the next word when it ends the cluster. */
	for (const char *p = a + 1; *p; p++)
		for (int i = 0; cmd->opts && cmd->opts[i].name; i++)
			if (cmd->opts[i].shortname == *p)
				if (cmd->opts[i].flags & OPT_VALUE)
					return p[1] == '\0';
	return 0;
}

/*
 * Global options after the command ("calllog open --no-pager") are taken
 * out of argv, which is compacted in place, so that the command sees only
 * its own; an option's value that happens to look like one ("--note
 * --db") stays the option's.  Everything after "--" is the command's.
 * Returns CMD_OK, or CMD_USAGE after reporting.
 */
int
take_trailing_globals(const struct cmd *cmd, int *argc, char **argv,
    struct globals *g)
{
	int i, out = 1;

	for (i = 1; i < *argc; i++) {
		int rc;

		if (strcmp(argv[i], "--") == 0)
			break;
		if ((rc = take_global(*argc, argv, &i, g)) < 0)
			return -rc;
		if (rc == 1)
			continue;
		argv[out++] = argv[i];
		if (argv[i][0] == '-' && argv[i][1] != '\0' &&
		    takes_next(cmd, argv[i]) && i + 1 < *argc)
			argv[out++] = argv[++i];
	}
	while (i < *argc)
		argv[out++] = argv[i++];
	argv[out] = NULL;
	*argc = out;
	return CMD_OK;
}

/*
 * The global options before the command, read into *g; *i is left at
 * the first word that is none.  Returns -1 to go on, or the exit code
 * once --version or --help is printed, or CMD_USAGE after reporting.
 */
int
take_leading_globals(int argc, char **argv, int *i, struct globals *g)
{
	char near[128];
	int rc;

	for (*i = 1; *i < argc && argv[*i][0] == '-'; (*i)++) {
		const char *w;

		if ((rc = take_global(argc, argv, i, g)) < 0)
			return -rc;
		if (rc == 1)
			continue;
		w = argv[*i];
		if (strcmp(w, "--version") == 0) {
			printf("calllog %s\n", CALLLOG_VERSION);
			return fflush(stdout) ? CMD_FAIL : CMD_OK;
		} else if (!strcmp(w, "-h") || !strcmp(w, "--help")) {
			calllog_usage(stdout);
			return fflush(stdout) ? CMD_FAIL : CMD_OK;
		}
		if (strncmp(w, "--", 2) == 0 && suggest_names(w + 2,
		    global_names, sizeof(global_names) / sizeof(*global_names),
		    "--", near, sizeof(near)) > 0)
			error("unknown option '%s'; did you mean %s?", w, near);
		else
			error("unknown option '%s'; see 'calllog help'", w);
		return CMD_USAGE;
	}
	return -1;
}
