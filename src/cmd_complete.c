/*
 * cmd_complete.c: `calllog __complete WORD...`, what may come next on a
 * command line, for the shell completion scripts (git's
 * --git-completion-helper model): the scripts only split, quote and show,
 * and every answer comes from the tables the option parser uses.
 *
 *	$ calllog __complete add --reason bi
 *	billing
 *
 * WORDs are the words after "calllog", unquoted; the last is the one being
 * completed (empty for a new word).  Each candidate that starts with it is
 * printed on a line of its own, "value" or "value<TAB>what it is"; a line
 * ":file" or ":dir" asks the shell for file names instead.  The journal is
 * read only when it exists, so that a TAB never creates one; nothing is
 * reported, since a shell shows whatever a completion prints.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "complete.h"
#include "model.h"
#include "util.h"

/* The words a date may be, as a start (when.h has them all). */
static const char *const date_words[] = {
	"now", "today", "tomorrow", "yesterday", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "eow", "eom",
	NULL
};

static const char *const color_words[] = { "auto", "always", "never", NULL };

/* The options calllog takes before (or after) any command. */
static const struct opt global_opts[] = {
	{ "db", 0, OPT_VALUE, "PATH", "the journal to use", OPT_AS_TEXT },
	{ "color", 0, OPT_VALUE, "WHEN", "auto, always or never", OPT_AS_TEXT },
	{ "no-pager", 0, 0, NULL, "do not page long output", OPT_AS_TEXT },
	{ "version", 0, 0, NULL, "print the version", OPT_AS_TEXT },
	{ "help", 0, 0, NULL, "print the commands", OPT_AS_TEXT },
	OPT_END
};

static void
offer_words(struct completion *c, const char *const *w)
{
	for (; *w; w++)
		complete_offer(c, *w, NULL);
}

static void
offer_enum(struct completion *c, const struct enum_names *e)
{
	for (int i = 0; i < e->count; i++)
		complete_offer(c, e->names[i], NULL);
}

/* The words of "a|b|c" at s (up to a space or bracket), offered. */
static int
offer_listed(struct completion *c, const char *s)
{
	size_t n = strcspn(s, " ]");
	char *copy, *tok, *save = NULL;

	if (memchr(s, '|', n) == NULL)
		return 0;
	copy = xstrndup(s, n);
	for (tok = strtok_r(copy, "|", &save); tok;
	    tok = strtok_r(NULL, "|", &save))
		complete_offer(c, tok, NULL);
	free(copy);
	return 1;
}

static void
offer_commands(struct completion *c)
{
	for (int i = 0; commands[i]; i++)
		complete_offer(c, commands[i]->name, commands[i]->summary);
}

static void
offer_options(struct completion *c, const struct opt *o)
{
	char name[64];

	for (; o && o->name; o++) {
		snprintf(name, sizeof(name), "--%s", o->name);
		complete_offer(c, name, o->help);
	}
}

static const struct opt *
find_short(const struct opt *o, int ch)
{
	for (; o && o->name; o++)
		if (o->shortname == ch)
			return o;
	return NULL;
}

/* The values of option o of cmd (NULL: a global option). */
static void
option_values(struct completion *c, const struct cmd *cmd,
    const struct opt *o)
{
	static const struct { const char *name; const struct enum_names *e; }
	    enums[] = {
		{ "reason", &reason_names }, { "outcome", &outcome_names },
		{ "channel", &channel_names }, { "level", &level_names },
		{ "priority", &priority_names }, { "status", &status_names },
	};
	const char *syn;
	char flag[64];

	if (!strcmp(o->name, "case")) {
		complete_cases(c, cmd && (!strcmp(cmd->name, "log") ||
		    !strcmp(cmd->name, "edit")) ? COMPLETE_ALL : COMPLETE_OPEN);
		return;
	}
	if (!strcmp(o->name, "org")) {
		complete_orgs(c);
		return;
	}
	if (!strcmp(o->name, "number")) {
		complete_numbers(c, c->org, NULL);
		return;
	}
	if (!strcmp(o->name, "color")) {
		offer_words(c, color_words);
		return;
	}
	/* The binary's own list wins: "high|normal|low" as the argument,
	 * or "--format html|md|txt" in the synopsis. */
	if (o->argname && offer_listed(c, o->argname))
		return;
	snprintf(flag, sizeof(flag), "--%s ", o->name);
	if (cmd && (syn = strstr(cmd->synopsis, flag)) &&
	    offer_listed(c, syn + strlen(flag)))
		return;
	for (size_t i = 0; i < sizeof(enums) / sizeof(enums[0]); i++)
		if (!strcmp(o->name, enums[i].name)) {
			offer_enum(c, enums[i].e);
			return;
		}
	if (o->argname && (!strcmp(o->argname, "FILE") ||
	    !strcmp(o->argname, "PATH")))
		puts(":file");
	else if (o->argname && !strcmp(o->argname, "DIR"))
		puts(":dir");
	else if (o->argname && !strcmp(o->argname, "DATE"))
		offer_words(c, date_words);
}

/* Word n (from 1) of cmd's synopsis, such as "ID" or "FILE". */
static int
synopsis_word_is(const struct cmd *cmd, int n, const char *want)
{
	const char *p = cmd->synopsis;
	size_t len = 0;

	for (int i = 0; i < n; i++) {
		p += len;
		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len == 0)
			return 0;
	}
	return len == strlen(want) && strncmp(p, want, len) == 0;
}

/* The nth argument (from 1) of cmd, after the arguments pos. */
static void
positional(struct completion *c, const struct cmd *cmd, int n, char **pos)
{
	const char *name = cmd->name;

	if (!strcmp(name, "show") || !strcmp(name, "dossier"))
		n == 1 ? complete_cases(c, COMPLETE_ALL) : (void)0;
	else if (!strcmp(name, "resolve") || !strcmp(name, "escalate"))
		n == 1 ? complete_cases(c, COMPLETE_OPEN) : (void)0;
	else if (!strcmp(name, "reopen"))
		n == 1 ? complete_cases(c, COMPLETE_CLOSED) : (void)0;
	else if (!strcmp(name, "followup") && n <= 2)
		n == 1 ? complete_cases(c, COMPLETE_OPEN) :
		    offer_words(c, date_words);
	else if (!strcmp(name, "prep") && n == 1)
		offer_enum(c, &reason_names);
	else if (!strcmp(name, "call") && n <= 2)
		n == 1 ? complete_orgs(c) : offer_enum(c, &reason_names);
	else if (!strcmp(name, "help") && n == 1)
		offer_commands(c);
	else if (!strcmp(name, "mail") && n == 1)
		puts(":file");	/* FILE.eml|- */
	else if (!strcmp(name, "numbers")) {
		int sub = n > 1 && (!strcmp(pos[0], "add") ||
		    !strcmp(pos[0], "rm"));

		if (n == 1) {
			complete_offer(c, "add", "file a number of your own");
			complete_offer(c, "rm", "remove numbers of your own");
			complete_orgs(c);
		} else if (sub && n == 2)
			complete_orgs(c);
		else if (sub && n == 3)
			complete_purposes(c, pos[1]);
		else if (sub && n == 4 && !strcmp(pos[0], "rm"))
			complete_numbers(c, pos[1], pos[2]);
		else if (!sub && n == 2)
			complete_purposes(c, pos[0]);
	} else if (synopsis_word_is(cmd, n, "ID"))
		complete_cases(c, COMPLETE_ALL);
	else if (synopsis_word_is(cmd, n, "FILE"))
		puts(":file");
	else if (synopsis_word_is(cmd, n, "DATE"))
		offer_words(c, date_words);
}

/*
 * The global option at words[*i] (before or after the command), when it
 * is one: its value is taken, or, when the value is the word being
 * completed, *want is set.  Returns 1 when it was one.
 */
static int
global_option(struct completion *c, char **words, int n, int *i,
    const struct opt **want)
{
	const char *w = words[*i];
	const struct opt *o;

	if (strncmp(w, "--", 2) != 0 || (o = opt_find_long(global_opts, w)) ==
	    NULL)
		return 0;
	if (!(o->flags & OPT_VALUE) || strchr(w, '=')) {
		if (!strcmp(o->name, "db") && strchr(w, '='))
			c->db = strchr(w, '=') + 1;
		return 1;
	}
	if (*i + 1 == n - 1)
		*want = o;
	else if (!strcmp(o->name, "db"))
		c->db = words[*i + 1];
	++*i;
	return 1;
}

/* Within the words of cmd: the option whose value is being completed,
 * the arguments, --org's value. */
static void
complete_command(struct completion *c, const struct cmd *cmd, char **words,
    int n, int i)
{
	const struct opt *want = NULL, *o;
	char **pos = xcalloc((size_t)n + 1, sizeof(char *));
	int npos = 0, dashdash = 0;

	for (i++; i < n - 1 && want == NULL; i++) {
		const char *w = words[i];

		if (dashdash || w[0] != '-' || w[1] == '\0' ||
		    isdigit((unsigned char)w[1])) {
			pos[npos++] = words[i];
			continue;
		}
		if (!strcmp(w, "--")) {
			dashdash = 1;
			continue;
		}
		if (w[1] == '-') {
			if ((o = opt_find_long(cmd->opts, w)) == NULL) {
				global_option(c, words, n, &i, &want);
				continue;
			}
			if (!(o->flags & OPT_VALUE))
				continue;
			if (strchr(w, '=')) {
				if (!strcmp(o->name, "org"))
					c->org = strchr(w, '=') + 1;
				continue;
			}
			if (i + 1 == n - 1) {
				want = o;
				break;
			}
			if (!strcmp(o->name, "org"))
				c->org = words[i + 1];
			i++;
			continue;
		}
		/* Short options: the first that takes a value takes the rest
		 * of the word, or the next word. */
		for (const char *p = w + 1; *p; p++) {
			if ((o = find_short(cmd->opts, *p)) == NULL ||
			    !(o->flags & OPT_VALUE))
				continue;
			if (p[1] == '\0' && i + 1 == n - 1)
				want = o;
			else if (!strcmp(o->name, "org"))
				c->org = p[1] ? p + 1 : words[i + 1];
			if (p[1] == '\0' && want == NULL)
				i++;
			break;
		}
	}
	if (want)
		option_values(c, cmd, want);
	else if (!dashdash && !strncmp(c->cur, "--", 2) &&
	    strchr(c->cur, '=')) {
		/* "--reason=bi": the values, each after "--reason=". */
		size_t len = (size_t)(strchr(c->cur, '=') - c->cur) + 1;
		char *prefix = xstrndup(c->cur, len);

		if ((o = opt_find_long(cmd->opts, prefix)) ||
		    (o = opt_find_long(global_opts, prefix))) {
			c->prefix = prefix;
			c->cur += len;
			option_values(c, cmd, o);
		}
		free(prefix);
	} else if (!dashdash && c->cur[0] == '-') {
		offer_options(c, cmd->opts);
		complete_offer(c, "--help", "show this help");
	} else
		positional(c, cmd, npos + 1, pos);
	free(pos);
}

int
complete_main(int argc, char **argv)
{
	char *none[] = { "", NULL };
	struct completion c = { "", "", NULL, NULL, NULL, 0 };
	const struct opt *want = NULL;
	const struct cmd *cmd = NULL;
	int i;

	if (argc == 0) {
		argv = none;
		argc = 1;
	}
	c.cur = argv[argc - 1];
	for (i = 0; i < argc - 1 && argv[i][0] == '-' && want == NULL; i++)
		global_option(&c, argv, argc, &i, &want);
	if (want)
		option_values(&c, NULL, want);
	else if (i < argc - 1) {
		for (int k = 0; commands[k]; k++)
			if (!strcmp(commands[k]->name, argv[i]))
				cmd = commands[k];
		if (cmd)
			complete_command(&c, cmd, argv, argc, i);
	} else if (!strncmp(c.cur, "--", 2) && strchr(c.cur, '=') &&
	    (want = opt_find_long(global_opts, c.cur))) {
		size_t len = (size_t)(strchr(c.cur, '=') - c.cur) + 1;
		char *prefix = xstrndup(c.cur, len);

		c.prefix = prefix;
		c.cur += len;
		option_values(&c, NULL, want);
		free(prefix);
	} else if (c.cur[0] == '-')
		offer_options(&c, global_opts);
	else
		offer_commands(&c);
	complete_close(&c);
	return fflush(stdout) ? CMD_FAIL : CMD_OK;
}
