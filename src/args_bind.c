/*
 * args_bind.c: an option's text made into the typed variable its table
 * entry names, as git's parse-options does: numbers, dates, enums and ids
 * are read and range-checked here, once, where they enter, so a command
 * reads variables and never parses its options itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model.h"
#include "money.h"
#include "util.h"
#include "when.h"

/* A whole number from o->min to o->max, as strtol reads it. */
static int
bind_int(const struct opt *o, const char *s, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' && errno == 0 && v >= o->min &&
	    v <= o->max) {
		*out = v;
		return 0;
	}
	/* --limit's words, which scripts may know. */
	if (o->min == 1 && o->max == LONG_MAX)
		return error("--%s '%s' is not a positive whole number",
		    o->name, s);
	return error("--%s '%s' is not a whole number from %ld to %ld",
	    o->name, s, o->min, o->max);
}

/* Read s, the value of option o, into p by o's type. */
static int
bind_one(const struct opt *o, const char *s, void *p, const struct ctx *ctx)
{
	struct opt_money *m = p;
	char what[64];
	int v;

	switch (o->type) {
	case OPT_UNBOUND:
		return 0;
	case OPT_BOOL:
		*(int *)p = 1;
		return 0;
	case OPT_STRING:
		*(const char **)p = s;
		return 0;
	case OPT_INT:
		return bind_int(o, s, p);
	case OPT_DATE:
		return when_parse(s, ctx->now, p);
	case OPT_ENUM:
		if (o->every && strcmp(s, o->every) == 0)
			return 0;
		if ((v = enum_parse(o->names, s)) < 0)
			return -1;
		*(int *)p = v;
		return 0;
	case OPT_ID:
		snprintf(what, sizeof(what), "--%s", o->name);
		return parse_id(s, what, p);
	case OPT_DURATION:
		return when_parse_duration(s, p);
	case OPT_AMOUNT:
		return money_parse(s, ctx->cfg.currency, &m->minor,
		    m->currency);
	case OPT_CREDIT:
		return money_parse_credit(s, ctx->cfg.currency, &m->minor,
		    m->currency);
	case OPT_STRINGS:
		return 0;	/* args_bind: all of them at once */
	}
	return 0;
}

int
args_bind(const struct cmd *cmd, struct args *a, const struct ctx *ctx)
{
	for (int i = 0; i < a->nopts; i++) {
		const struct opt *o = &cmd->opts[i];
		void *p = (char *)a->bound + o->off;

		if (o->type == OPT_ENUM)
			*(int *)p = -1;
		else if (o->type == OPT_DURATION)
			*(long *)p = -1;
		if (o->type == OPT_STRINGS)
			*(struct opt_strings *)p = (struct opt_strings){
			    a->multi[i], a->nmulti[i] };
		if (a->val[i] == NULL ||
		    (o->flags & OPT_CLEARS && *a->val[i] == '\0'))
			continue;
		if (bind_one(o, a->val[i], p, ctx) == -1)
			return CMD_USAGE;
	}
	return CMD_OK;
}
