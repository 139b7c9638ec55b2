/*
 * args.c: parsing a command's options from the table it declares, and
 * printing its usage from the same table.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "redact.h"
#include "suggest.h"
#include "util.h"

/* Where the help of each option starts in usage. */
#define USAGE_COLUMN 26

/* getopt_long's val for an option that has no short name. */
#define LONG_BASE 256

static int
count_opts(const struct opt *o)
{
	int n = 0;

	while (o && o[n].name)
		n++;
	return n;
}

void
cmd_usage(const struct cmd *cmd, FILE *fp)
{
	int n = count_opts(cmd->opts);

	fprintf(fp, "usage: calllog %s%s%s\n", cmd->name,
	    *cmd->synopsis ? " " : "", cmd->synopsis);
	fprintf(fp, "\n%s\n", cmd->summary);
	fprintf(fp, "\noptions:\n  %-*s %s\n", USAGE_COLUMN, "-h, --help",
	    "show this help");
	if (n == 0)
		return;
	for (int i = 0; i < n; i++) {
		const struct opt *o = &cmd->opts[i];
		char left[80];
		int len;

		if (o->shortname)
			len = snprintf(left, sizeof(left), "-%c, --%s%s%s",
			    o->shortname, o->name, o->argname ? " " : "",
			    o->argname ? o->argname : "");
		else
			len = snprintf(left, sizeof(left), "    --%s%s%s",
			    o->name, o->argname ? " " : "",
			    o->argname ? o->argname : "");
		/* A long option and its argument get a line of their own
		 * rather than running into the help. */
		if (len > USAGE_COLUMN)
			fprintf(fp, "  %s\n  %-*s %s%s\n", left, USAGE_COLUMN, "",
			    o->help, o->flags & OPT_MULTI ? " (repeatable)" : "");
		else
			fprintf(fp, "  %-*s %s%s\n", USAGE_COLUMN, left, o->help,
			    o->flags & OPT_MULTI ? " (repeatable)" : "");
	}
}

/*
 * A word that starts with '-' and a digit is a negative number, such as a
 * date offset ("followup 1 -3d"), never an option: no command has a digit
 * as a short option.  getopt would take it for one, so such words are
 * copied behind MARK, which getopt sees as positional, and unmarked once
 * it is done, wherever they ended up: positional, or an option's value.
 */
#define MARK '\x1f'

static void
mark_negative_numbers(int argc, char **argv, struct args *a)
{
	a->argv = xcalloc((size_t)argc + 1, sizeof(char *));
	a->marked = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		a->argv[i] = argv[i];
		if (i > 0 && argv[i][0] == '-' &&
		    argv[i][1] >= '0' && argv[i][1] <= '9')
			a->argv[i] = a->marked[a->nmarked++] =
			    xasprintf("%c%s", MARK, argv[i]);
	}
}

/* The word as typed, when it was marked. */
static const char *
unmark(const char *s)
{
	return s && s[0] == MARK ? s + 1 : s;
}

/* The option a mistyped long option was probably meant to be, or NULL.
 * The returned text is static. */
static const char *
near_option(const struct cmd *cmd, const char *word)
{
	static char near[256];
	int n = count_opts(cmd->opts);
	const char **names = xcalloc((size_t)n + 1, sizeof(*names));
	char name[64];
	int found;

	if (strncmp(word, "--", 2) != 0) {
		free(names);
		return NULL;
	}
	snprintf(name, sizeof(name), "%.*s", (int)strcspn(word + 2, "="),
	    word + 2);
	for (int i = 0; i < n; i++)
		names[i] = cmd->opts[i].name;
	names[n] = "help";
	found = suggest_names(name, names, (size_t)n + 1, "--", near,
	    sizeof(near));
	free(names);
	return found > 0 ? near : NULL;
}

/* getopt_long's tables for cmd's n options (and --help), which the
 * caller frees: *shortopts holds at most two letters an option. */
static struct option *
getopt_tables(const struct cmd *cmd, int n, char **shortopts)
{
	struct option *longopts = xcalloc((size_t)n + 2, sizeof(*longopts));
	char *sl = *shortopts = xcalloc((size_t)n * 2 + 4, 1);

	sl += sprintf(sl, ":h");
	for (int i = 0; i < n; i++) {
		const struct opt *o = &cmd->opts[i];

		longopts[i].name = o->name;
		longopts[i].has_arg = o->flags & OPT_VALUE ? required_argument :
		    no_argument;
		longopts[i].val = o->shortname ? o->shortname : LONG_BASE + i;
		if (o->shortname) {
			*sl++ = (char)o->shortname;
			if (o->flags & OPT_VALUE)
				*sl++ = ':';
		}
	}
	longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	return longopts;
}

/* Report getopt_long's c ('?' or ':') for the word before optind. */
static void
bad_option(const struct cmd *cmd, int c, char **argv)
{
	char shortname[3] = { '-', (char)optopt, '\0' };
	const char *last = argv[optind - 1];
	/* Name the option as typed: a long option that has a short name
	 * also sets optopt to it. */
	const char *bad = strncmp(last, "--", 2) != 0 && optopt > 0 &&
	    optopt < LONG_BASE ? shortname : last;
	const char *near = c == '?' ? near_option(cmd, bad) : NULL;

	if (near)
		error("unknown option '%s' for '%s'; did you mean %s?", bad,
		    cmd->name, near);
	else
		error("%s '%s' for '%s'; see 'calllog %s -h'",
		    c == ':' ? "missing value after" : "unknown option", bad,
		    cmd->name, cmd->name);
}

/* Keep getopt_long's answer c, with optarg, as option i's value. */
static void
keep_value(const struct cmd *cmd, struct args *a, int c)
{
	int i = -1;

	if (c >= LONG_BASE)
		i = c - LONG_BASE;
	else
		for (int k = 0; k < a->nopts; k++)
			if (cmd->opts[k].shortname == c)
				i = k;
	a->val[i] = optarg ? unmark(optarg) : "";
	if (cmd->opts[i].flags & OPT_MULTI) {
		a->multi[i] = xrealloc(a->multi[i],
		    (size_t)(a->nmulti[i] + 1) * sizeof(char *));
		a->multi[i][a->nmulti[i]++] = a->val[i];
	}
}

/* Read the options of argv into a; -1 when help was printed. */
static int
read_options(const struct cmd *cmd, int argc, char **argv, struct args *a)
{
	char *shortopts;
	struct option *longopts = getopt_tables(cmd, a->nopts, &shortopts);
	int c, rc = CMD_OK;

	optind = 0;	/* full reset: getopt keeps state between calls */
	opterr = 0;
	while (rc == CMD_OK &&
	    (c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		if (c == 'h') {
			cmd_usage(cmd, stdout);
			rc = -1;
		} else if (c == '?' || c == ':') {
			bad_option(cmd, c, argv);
			rc = CMD_USAGE;
		} else
			keep_value(cmd, a, c);
	}
	free(longopts);
	free(shortopts);
	return rc;
}

int
args_parse(const struct cmd *cmd, int argc, char **argv, struct args *a)
{
	int n = count_opts(cmd->opts), rc;

	memset(a, 0, sizeof(*a));
	a->nopts = n;
	a->val = xcalloc((size_t)n + 1, sizeof(*a->val));
	a->multi = xcalloc((size_t)n + 1, sizeof(*a->multi));
	a->nmulti = xcalloc((size_t)n + 1, sizeof(*a->nmulti));
	a->bound = xcalloc(1, cmd->bound_size ? cmd->bound_size : 1);
	mark_negative_numbers(argc, argv, a);
	argv = a->argv;
	if ((rc = read_options(cmd, argc, argv, a)) != CMD_OK) {
		args_free(a);
		return rc;
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
	for (int i = 0; i < a->npos; i++)
		a->pos[i] = (char *)unmark(a->pos[i]);
	if (a->npos < cmd->min_args || (cmd->max_args >= 0 &&
	    a->npos > cmd->max_args)) {
		error("%s; usage: calllog %s %s",
		    a->npos < cmd->min_args ? "missing argument" :
		    "too many arguments", cmd->name, cmd->synopsis);
		args_free(a);
		return CMD_USAGE;
	}
	return CMD_OK;
}

void
args_free(struct args *a)
{
	for (int i = 0; i < a->nopts; i++)
		free(a->multi[i]);
	free(a->multi);
	free(a->nmulti);
	free(a->val);
	free(a->bound);
	for (int i = 0; i < a->nowned; i++)
		free(a->owned[i]);
	free(a->owned);
	for (int i = 0; i < a->nmarked; i++)
		free(a->marked[i]);
	free(a->marked);
	free(a->argv);
	memset(a, 0, sizeof(*a));
}

/* Keep s until args_free, and return it. */
static char *
args_own(struct args *a, char *s)
{
	a->owned = xrealloc(a->owned, (size_t)(a->nowned + 1) * sizeof(char *));
	a->owned[a->nowned++] = s;
	return s;
}

/* The value v redacted: v itself when nothing was found in it. */
static const char *
redact_value(struct args *a, const char *v, const char *name,
    struct redact_counts *counts, char *where, size_t size)
{
	struct redact_counts found = { 0, 0, 0 };
	char *r = redact_text(v, &found);

	if (!redact_any(&found)) {
		free(r);
		return v;
	}
	redact_add(counts, &found);
	if (*where == '\0')
		snprintf(where, size, "%s", name);
	return args_own(a, r);
}

int
args_redact(const struct cmd *cmd, struct args *a, int read_stdin,
    struct redact_counts *counts, char *where, size_t size)
{
	char name[64];

	for (int i = 0; i < count_opts(cmd->opts); i++) {
		const struct opt *o = &cmd->opts[i];
		int n = o->flags & OPT_MULTI ? a->nmulti[i] : a->val[i] != NULL;

		if (!(o->flags & OPT_VALUE) || o->flags & OPT_RAW)
			continue;
		snprintf(name, sizeof(name), "--%s", o->name);
		for (int k = 0; k < n; k++) {
			const char **v = o->flags & OPT_MULTI ?
			    &a->multi[i][k] : &a->val[i];

			if (o->flags & OPT_STDIN && read_stdin &&
			    strcmp(*v, "-") == 0) {
				char *in = read_stdin_text(name, LIMIT_NOTE);

				if (in == NULL)
					return -1;
				*v = args_own(a, in);
			}
			*v = redact_value(a, *v, name, counts, where, size);
		}
		/* The last value is the one val[] names. */
		if (o->flags & OPT_MULTI && n > 0)
			a->val[i] = a->multi[i][n - 1];
	}
	for (int i = 0; i < a->npos; i++) {
		if (i < 32 && cmd->raw_pos & 1u << i)
			continue;
		snprintf(name, sizeof(name), "argument %d", i + 1);
		a->pos[i] = (char *)redact_value(a, a->pos[i], name, counts,
		    where, size);
	}
	return 0;
}

const struct opt *
opt_find_long(const struct opt *o, const char *word)
{
	size_t len = strcspn(word + 2, "=");
	const struct opt *hit = NULL;
	int n = 0;

	for (; o && o->name; o++) {
		if (strncmp(o->name, word + 2, len) != 0)
			continue;
		if (strlen(o->name) == len)
			return o;
		hit = o;
		n++;
	}
	return n == 1 ? hit : NULL;
}
