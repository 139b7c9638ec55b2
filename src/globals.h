/*
 * globals.h: calllog's global options, for main.c (globals.c).
 */
#ifndef CALLLOG_GLOBALS_H
#define CALLLOG_GLOBALS_H

#include <stdio.h>

struct cmd;

/* calllog's usage: the global options and the commands. */
void calllog_usage(FILE *fp);

struct globals {
	const char *db;
	int color, pager;
};

/*
 * The global options before the command, read into *g; *i is left at
 * the first word that is none.  Returns -1 to go on, or the exit code
 * once --version or --help is printed, or CMD_USAGE after reporting.
 */
int take_leading_globals(int argc, char **argv, int *i, struct globals *g);

/* Global options after the command, taken out of argv (compacted in
 * place, *argc updated) into *g.  Returns CMD_OK, or CMD_USAGE after
 * reporting. */
int take_trailing_globals(const struct cmd *cmd, int *argc, char **argv,
    struct globals *g);

#endif
