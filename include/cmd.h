/*
 * cmd: what every command is given and returns.  Each src/cmd_*.c exports
 * one `const struct cmd`; main.c keeps the table, parses the options each
 * command declares into the typed variables the same array names (the
 * array also prints the usage, so the two cannot drift), opens the
 * database for commands that need it, and maps results to exit codes.
 */
#ifndef CALLLOG_CMD_H
#define CALLLOG_CMD_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "config.h"

struct store;
struct enum_names;

/* Exit codes (DESIGN.md): a command returns one of these. */
enum { CMD_OK = 0, CMD_FAIL = 1, CMD_USAGE = 2 };

enum {
	OPT_VALUE = 1 << 0,	/* takes an argument */
	OPT_MULTI = 1 << 1,	/* may be repeated; every value is kept */
	OPT_RAW = 1 << 2,	/* not text (a phone number, a file, digits
				   checked by the command): never redacted */
	OPT_STDIN = 1 << 3,	/* '-' reads standard input (args_redact) */
	OPT_CLEARS = 1 << 4	/* given empty, a typed option is absent:
				   a field is cleared (edit's form) */
};

/*
 * What an option's value is, and so what args_bind makes of its text
 * before the command runs (git's parse-options: the table that prints -h
 * is the parser).  Each typed option names a variable of the command's
 * options struct (struct cmd's bound_size bytes, args' bound); one given
 * badly is reported in the command's own words and the command exits 2
 * before it starts.  Absent, a variable is 0 (an enum or a duration: -1;
 * an amount: currency "").
 */
enum opt_type {
	OPT_UNBOUND = 0,	/* read as text with arg() */
	OPT_BOOL,	/* int: 1 when given */
	OPT_STRING,	/* const char *: the text, redacted unless OPT_RAW */
	OPT_INT,	/* long: a whole number from min to max */
	OPT_DATE,	/* time_t: when_parse, against the command's now */
	OPT_ENUM,	/* int: one of names, by name, alias or prefix */
	OPT_ID,		/* long long: a record's id, as 'open' shows it */
	OPT_DURATION,	/* long: seconds, when_parse_duration */
	OPT_AMOUNT,	/* struct opt_money: money_parse, more than zero */
	OPT_CREDIT,	/* struct opt_money: money_parse_credit (signed) */
	OPT_STRINGS	/* struct opt_strings: every value of an OPT_MULTI */
};

/* Every value of a repeated option, in the order given. */
struct opt_strings {
	const char *const *v;
	int n;
};

/* An amount as typed: in minor units of its currency (the configured one
 * when none was typed). */
struct opt_money {
	long long minor;
	char currency[4];	/* "": not given */
};

struct opt {
	const char *name;	/* long name without "--"; NULL ends a table */
	int shortname;		/* 0: none */
	unsigned flags;
	const char *argname;	/* "DATE", for usage */
	const char *help;
	enum opt_type type;
	size_t off;		/* offsetof its variable in the options */
	long min, max;		/* OPT_INT: the range */
	const struct enum_names *names;	/* OPT_ENUM: the names */
	const char *every;	/* OPT_ENUM: the word for none in particular
				   ("all"), which leaves the variable -1 */
};

/* The rest of a table entry for an option bound to member m of struct T:
 *	{ "since", 0, OPT_VALUE, "DATE", "help", OPT_TO(OPT_DATE, T, since) } */
#define OPT_TO(type_, T, m) .type = (type_), .off = offsetof(T, m)
/* An option read as text with arg() (the table's older form). */
#define OPT_AS_TEXT .type = OPT_UNBOUND
#define OPT_END { .name = NULL }

/* Options every listing command shares (DESIGN.md: --json, --limit). */
#define OPT_JSON(T, m) { "json", 0, 0, NULL, "print one JSON document", \
	OPT_TO(OPT_BOOL, T, m) }
#define OPT_LIMIT(T, m) { "limit", 0, OPT_VALUE, "N", "at most N entries", \
	OPT_TO(OPT_INT, T, m), .min = 1, .max = LONG_MAX }

/* Parsed arguments: values point into argv, or into owned once
 * args_redact replaced them; each array has one slot per option. */
struct args {
	const char **val;	/* last value, "" for a flag, NULL: absent */
	const char ***multi;	/* all values of OPT_MULTI options */
	int *nmulti;
	int nopts;
	void *bound;		/* the typed variables (args_bind) */
	char **pos;			/* positional arguments */
	int npos;
	char **owned;			/* replaced values, freed by args_free */
	int nowned;
	char **argv;			/* args_parse's copy of argv */
	char **marked;			/* its words made to look positional */
	int nmarked;
};

enum {
	CMD_NEEDS_DB = 1 << 0,	/* open the database (and configuration) */
	CMD_WRITES = 1 << 1,	/* take the write lock at once */
	CMD_NEEDS_CONFIG = 1 << 2,	/* read the configuration file */
	CMD_EXISTING_DB = 1 << 3,	/* never create the database */
	CMD_INTERACTIVE = 1 << 4,	/* waits on a person: no transaction until
					   it calls store_begin itself */
	CMD_PAGER = 1 << 5,	/* long output: page it on a terminal */
	CMD_BEGINS = 1 << 6,	/* reads and redacts its input first, then
				   calls store_begin itself (import) */
	CMD_DATA = 1 << 7	/* prints a file format (CSV, iCalendar, a
				   dossier), escaped only on a terminal */
};

struct ctx {
	struct store *st;
	time_t now;
	struct config cfg;
	const struct cmd *cmd;
	FILE *out;		/* where the command's report goes */
	/* The command table (commands.c), for help, which the table holds:
	 * given, so that neither reaches into the other. */
	const struct cmd *const *commands;
};

struct cmd {
	const char *name;
	const char *synopsis;	/* what follows "calllog NAME" */
	const char *summary;	/* one line for `calllog help` */
	const struct opt *opts;
	size_t bound_size;	/* sizeof the struct its typed options fill */
	int min_args, max_args;	/* positional arguments; -1: no maximum */
	unsigned raw_pos;	/* bit i: positional i is not text, never
				   redacted (a file, a phone number) */
	unsigned flags;
	/* With CMD_WRITES: whether this invocation writes (NULL: always).  A
	 * read-only one neither takes the write lock nor holds its output
	 * back until commit, so a long listing streams. */
	int (*writes)(const struct args *a);
	int (*run)(struct ctx *ctx, struct args *a);
};

/* The text of option i as given, or NULL when it was not: for what must
 * be known before args_bind (a writes() callback) or whether an option
 * was given at all; its value is the bound variable's. */
static inline const char *
arg(const struct args *a, int i)
{
	return a->val[i];
}

/*
 * Parse argv (argv[0] is the command name) against cmd's options into *a.
 * Returns CMD_OK, CMD_USAGE after reporting, or -1 when help was asked
 * for (and printed).  args_free() releases *a.
 */
int args_parse(const struct cmd *cmd, int argc, char **argv, struct args *a);
void args_free(struct args *a);

/*
 * Read every typed option's text into the variable its entry names
 * (struct opt, OPT_TO), checked once here: dates are read against
 * ctx->now, amounts without a currency are in ctx->cfg's.  Called once
 * the text is final (after args_redact for a writer) and before the
 * journal is opened.  Returns CMD_OK, or CMD_USAGE after reporting the
 * first bad value.
 */
int args_bind(const struct cmd *cmd, struct args *a, const struct ctx *ctx);

struct redact_counts;

/*
 * The one door through which a command's text reaches the journal
 * (DESIGN.md, Privacy): redact every option value and positional argument
 * of a writing command, but those it declares raw (OPT_RAW, raw_pos),
 * before the journal is opened, so that no scan holds the write lock.
 * With read_stdin, an OPT_STDIN option given as '-' is first replaced by
 * standard input (at most LIMIT_NOTE bytes).  Adds what was removed to
 * *counts and names the first argument it was in in where (size bytes).
 * Returns 0, or -1 after reporting unreadable standard input.
 */
int args_redact(const struct cmd *cmd, struct args *a, int read_stdin,
    struct redact_counts *counts, char *where, size_t size);
/* The option of table opts that the word "--name" or "--name=value"
 * names, as getopt_long finds it: exactly, or by an unambiguous prefix;
 * NULL when none or several. */
const struct opt *opt_find_long(const struct opt *opts, const char *word);

/* Report that name is no command of table, offering the ones it looks
 * like a slip for ("did you mean 'add'?"); main and help both say it so. */
void cmd_unknown(const struct cmd *const *table, const char *name);

/* Print cmd's usage and options to fp. */
void cmd_usage(const struct cmd *cmd, FILE *fp);

/* The command table (commands.c), for main and completion; help is
 * given it in its context. */
extern const struct cmd *const commands[];

extern const struct cmd
    cmd_add,
    cmd_open,
    cmd_show,
    cmd_dossier,
    cmd_log,
    cmd_search,
    cmd_resolve,
    cmd_reopen,
    cmd_followup,
    cmd_escalate,
    cmd_remind,
    cmd_ical,
    cmd_numbers,
    cmd_prep,
    cmd_call,
    cmd_doctor,
    cmd_backup,
    cmd_export,
    cmd_import,
    cmd_config,
    cmd_help,
    cmd_cases,
    cmd_edit,
    cmd_delete,
    cmd_undo,
    cmd_history,
    cmd_promise,
    cmd_note,
    cmd_attach,
    cmd_attachments,
    cmd_attachment,
    cmd_mail,
    cmd_sync;

#endif
