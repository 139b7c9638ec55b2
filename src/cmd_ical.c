/*
 * cmd_ical.c: `calllog ical`, the open cases' follow-ups and escalation
 * deadlines as iCalendar: to standard output, a file replaced atomically,
 * or a vdir folder kept as a mirror (for vdirsyncer, todoman, khal).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "ical.h"
#include "store.h"
#include "util.h"

#define ICS_MAX (1024 * 1024)

enum { O_EVENTS, O_OUTPUT, O_VDIR };

static const struct opt ical_opts[] = {
	[O_EVENTS] = { "events", 'e', 0, NULL,
	    "VEVENTs instead of VTODOs, for calendars without to-dos" },
	[O_OUTPUT] = { "output", 'o', OPT_VALUE, "FILE",
	    "write to FILE, replacing it atomically" },
	[O_VDIR] = { "vdir", 0, OPT_VALUE, "DIR",
	    "one .ics file per item in DIR, kept a mirror of the open cases" },
	{ NULL, 0, 0, NULL, NULL }
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

/* Nonzero when the two files differ other than in DTSTAMP, which is "now"
 * and would otherwise make every run rewrite (and re-sync) every file. */
static int
differs(const char *a, const char *b)
{
	while (*a || *b) {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");

		if (!(strncmp(a, "DTSTAMP:", 8) == 0 &&
		    strncmp(b, "DTSTAMP:", 8) == 0) &&
		    (la != lb || memcmp(a, b, la) != 0))
			return 1;
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
	return 0;
}

/* Whether s starts with a lower-case uuid (8-4-4-4-12 hex digits). */
static int
uuid_prefix(const char *s)
{
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i]) ||
		    s[i] == '\0')
			return 0;
	}
	return 1;
}

/*
 * Whether dir/name is a file calllog wrote: named after a uuid (with
 * "-escalation" for an escalation deadline) and carrying calllog's PRODID.
 * Other programs name their items by uuid too, so the name alone is not
 * enough to delete a file.
 */
static int
ours(const char *dir, const char *name)
{
	size_t n = strlen(name);
	char *path, *text;
	int mine;

	if (n < 40 || !uuid_prefix(name) || (strcmp(name + 36, ".ics") != 0 &&
	    strcmp(name + 36, "-escalation.ics") != 0))
		return 0;
	path = xasprintf("%s/%s", dir, name);
	text = read_file(path, ICS_MAX);
	mine = text && strstr(text, "\nPRODID:-//calllog//") != NULL;
	free(text);
	free(path);
	return mine;
}

static int
mirror(struct ctx *ctx, const struct cal *cal, const char *dir)
{
	size_t added = 0, changed = 0, removed = 0, n = cal_count(cal);
	struct dirent *de;
	DIR *d = NULL;
	int rc = 0;

	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return error("cannot create '%s': %s", dir, strerror(errno));
	for (size_t i = 0; rc == 0 && i < n; i++) {
		char *path = xasprintf("%s/%s.ics", dir, cal_item_uid(cal, i));
		char *text = cal_item_text(cal, i);
		char *old = read_file(path, ICS_MAX);

		if (old == NULL || differs(old, text)) {
			rc = write_file_atomic(path, text, strlen(text), 0600);
			*(old ? &changed : &added) += rc == 0;
		}
		free(old);
		free(text);
		free(path);
	}
	if (rc == 0 && (d = opendir(dir)) == NULL)
		rc = error("cannot read '%s': %s", dir, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		size_t i;

		if (!ours(dir, de->d_name))
			continue;
		for (i = 0; i < n; i++)
			if (strlen(de->d_name) == strlen(cal_item_uid(cal, i)) + 4 &&
			    strncmp(de->d_name, cal_item_uid(cal, i),
			    strlen(de->d_name) - 4) == 0)
				break;
		if (i == n) {
			char *path = xasprintf("%s/%s", dir, de->d_name);

			if (unlink(path) == -1)
				rc = error("cannot remove '%s': %s", path,
				    strerror(errno));
			else
				removed++;
			free(path);
		}
	}
	if (d)
		closedir(d);
	if (rc == 0)
		fprintf(ctx->out, "%s: %zu added, %zu updated, %zu removed, "
		    "%zu in all\n", dir, added, changed, removed, n);
	return rc;
}

static int
run_ical(struct ctx *ctx, struct args *a)
{
	struct case_filter f = { .unresolved = 1, .contact = 1 };
	struct cal_options o = { .events = arg(a, O_EVENTS) != NULL,
	    .now = ctx->now, .policy = &ctx->cfg.policy };
	struct cal *cal;
	char *text = NULL;
	int rc;

	if (arg(a, O_OUTPUT) && arg(a, O_VDIR))
		return error("give -o FILE or --vdir DIR, not both"), CMD_USAGE;
	if ((cal = cal_create(&o)) == NULL)
		return CMD_FAIL;
	if (!arg(a, O_VDIR) && !arg(a, O_OUTPUT)) {
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
	if (rc == 0 && arg(a, O_VDIR))
		rc = mirror(ctx, cal, arg(a, O_VDIR));
	else if (rc == 0) {
		text = cal_text(cal);
		if (arg(a, O_OUTPUT))
			rc = write_file_atomic(arg(a, O_OUTPUT), text,
			    strlen(text), 0600);
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
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_DATA,
	.run = run_ical,
};
