/*
 * cmd_ical.c: `calllog ical`, the open cases' follow-ups and escalation
 * deadlines as iCalendar: to standard output, a file replaced atomically,
 * or a vdir folder kept as a mirror (for vdirsyncer, todoman, khal).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "outfile.h"
#include "ical.h"
#include "store.h"
#include "vdir.h"
#include "util.h"


/* What the options say, read by args_bind. */
struct ical_opts {
	int events;
	const char *output, *vdir;
};

/* reads_back asks before args_bind, by the option's text. */
enum { O_EVENTS, O_OUTPUT, O_VDIR };

static const struct opt ical_opts[] = {
	[O_EVENTS] = { "events", 'e', 0, NULL,
	    "VEVENTs instead of VTODOs, for calendars without to-dos",
	    OPT_TO(OPT_BOOL, struct ical_opts, events) },
	[O_OUTPUT] = { "output", 'o', OPT_VALUE | OPT_RAW, "FILE",
	    "write to FILE, replacing it atomically",
	    OPT_TO(OPT_STRING, struct ical_opts, output) },
	[O_VDIR] = { "vdir", 0, OPT_VALUE | OPT_RAW, "DIR",
	    "one .ics file per item in DIR, kept a mirror of the open cases",
	    OPT_TO(OPT_STRING, struct ical_opts, vdir) },
	OPT_END
};

static int
add_case(struct cl_case *c, void *arg)
{
	cal_add_case(arg, c);
	return 0;
}

struct stream {
	struct cal *cal;
	FILE *out;
};

static int
stream_case(struct cl_case *c, void *arg)
{
	struct stream *s = arg;

	cal_add_case(s->cal, c);
	cal_stream_items(s->cal, s->out);
	return 0;
}

/* --vdir reads the folder back into the journal; the rest only read. */
static int
reads_back(const struct args *a)
{
	return arg(a, O_VDIR) != NULL;
}

static int
run_ical(struct ctx *ctx, struct args *a)
{
	const struct ical_opts *opt = a->bound;
	struct case_filter f = { .unresolved = 1, .contact = 1 };
	struct cal_options o = { .events = opt->events,
	    .now = ctx->now, .policy = &ctx->cfg.policy };
	struct cal *cal;
	char *text = NULL;
	int rc;

	if (opt->output && opt->vdir)
		return error("give -o FILE or --vdir DIR, not both"), CMD_USAGE;
	if (opt->output && outfile_check(ctx->st, opt->output) == -1)
		return CMD_USAGE;
	if (opt->vdir)
		return vdir_mirror(ctx, &o, opt->vdir) ? CMD_FAIL : CMD_OK;
	if ((cal = cal_create(&o)) == NULL)
		return CMD_FAIL;
	if (!opt->output) {
		/* Standard output: written as the cases come, so that memory
		 * does not grow with the number of open cases. */
		struct stream s = { cal, ctx->out };

		cal_stream_head(ctx->out);
		rc = store_cases_each(ctx->st, &f, stream_case, &s);
		if (rc == 0)
			cal_stream_tail(ctx->out);
		cal_release(cal);
		return rc ? CMD_FAIL : CMD_OK;
	}
	rc = store_cases_each(ctx->st, &f, add_case, cal);
	if (rc == 0) {
		text = cal_text(cal);
		if (opt->output)
			rc = outfile_write(ctx->st, opt->output, text,
			    strlen(text));
		else
			fputs(text, ctx->out);
	}
	free(text);
	cal_release(cal);
	return rc ? CMD_FAIL : CMD_OK;
}

const struct cmd cmd_ical = {
	.name = "ical",
	.synopsis = "[--events] [-o FILE | --vdir DIR]",
	.summary = "iCalendar of open cases' follow-ups and escalations",
	.opts = ical_opts,
	.bound_size = sizeof(struct ical_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_DATA,
	.writes = reads_back,
	.run = run_ical,
};
