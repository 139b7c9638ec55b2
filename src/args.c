/*
 * args.c: parsing a command's options from the table it declares, and
 * printing its usage from the same table.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "redact.h"
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

int
args_parse(const struct cmd *cmd, int argc, char **argv, struct args *a)
{
	int n = count_opts(cmd->opts);
	struct option longopts[ARGS_MAX + 2];
	char shortopts[ARGS_MAX * 2 + 4] = ":h";
	size_t sl = strlen(shortopts);
	int c;

	memset(a, 0, sizeof(*a));
	for (int i = 0; i < n; i++) {
		const struct opt *o = &cmd->opts[i];

		longopts[i].name = o->name;
		longopts[i].has_arg = o->flags & OPT_VALUE ? required_argument :
		    no_argument;
		longopts[i].flag = NULL;
		longopts[i].val = o->shortname ? o->shortname : LONG_BASE + i;
		if (o->shortname) {
			shortopts[sl++] = (char)o->shortname;
			if (o->flags & OPT_VALUE)
				shortopts[sl++] = ':';
		}
	}
	shortopts[sl] = '\0';
	longopts[n] = (struct option){ "help", no_argument, NULL, 'h' };
	memset(&longopts[n + 1], 0, sizeof(longopts[n + 1]));

	optind = 0;	/* full reset: getopt keeps state between calls */
	opterr = 0;
	while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		int i = -1;

		if (c == 'h') {
			cmd_usage(cmd, stdout);
			return -1;
		}
		if (c == '?' || c == ':') {
			char shortname[3] = { '-', (char)optopt, '\0' };
			const char *last = argv[optind - 1];
			/* Name the option as typed: a long option that has a
			 * short name also sets optopt to it. */
			const char *bad = strncmp(last, "--", 2) != 0 &&
			    optopt > 0 && optopt < LONG_BASE ? shortname : last;

			error("%s '%s' for '%s'; see 'calllog %s -h'",
			    c == ':' ? "missing value after" : "unknown option",
			    bad, cmd->name, cmd->name);
			args_free(a);
			return CMD_USAGE;
		}
		if (c >= LONG_BASE)
			i = c - LONG_BASE;
		else
			for (int k = 0; k < n; k++)
				if (cmd->opts[k].shortname == c)
					i = k;
		a->val[i] = optarg ? optarg : "";
		if (cmd->opts[i].flags & OPT_MULTI) {
			a->multi[i] = xrealloc(a->multi[i],
			    (size_t)(a->nmulti[i] + 1) * sizeof(char *));
			a->multi[i][a->nmulti[i]++] = a->val[i];
		}
	}
	a->pos = argv + optind;
	a->npos = argc - optind;
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
	for (int i = 0; i < ARGS_MAX; i++)
		free(a->multi[i]);
	for (int i = 0; i < a->nowned; i++)
		free(a->owned[i]);
	free(a->owned);
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
	counts->cards += found.cards;
	counts->ssns += found.ssns;
	counts->codes += found.codes;
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

int
args_limit(const struct args *a, int i, long *limit)
{
	const char *s = arg(a, i);
	char *end;
	long v;

	*limit = 0;
	if (s == NULL)
		return 0;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno || v <= 0)
		return error("--limit '%s' is not a positive whole number", s);
	*limit = v;
	return 0;
}
