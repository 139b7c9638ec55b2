/*
 * cmd_remind.c: `calllog remind`, one desktop notification per case for the
 * follow-ups, promises and escalations that fell due, each delivered once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "directory.h"
#include "notify.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* The whole command must end within 10 s (DESIGN.md) whatever the
 * notification server does.  A server answers in milliseconds; the margin
 * is for the journal and a loaded machine. */
#define DELIVERY_TIMEOUT_MS 5000

/* What the options say, read by args_bind. */
struct remind_opts {
	int dry_run;
};

/* remind_writes asks before args_bind, by the option's text. */
enum { O_DRY_RUN };

static const struct opt remind_opts[] = {
	[O_DRY_RUN] = { "dry-run", 'n', 0, NULL,
	    "print what would be sent; send and record nothing",
	    OPT_TO(OPT_BOOL, struct remind_opts, dry_run) },
	OPT_END
};

struct due {
	long long case_id;
	struct reminder r[REMIND_COUNT];	/* most urgent first */
	int nr;
	struct notice n;
};

struct remind_walk {
	struct ctx *ctx;
	struct directory dir;	/* whom to contact for a complaint or the
				   regulator: shipped, and the person's own */
	int dry_run;		/* print each notice as it is found */
	size_t nshown;
	struct due *due;	/* otherwise keep them, to send in one go */
	size_t ndue, cap;
};

static const char *
level_action(int level)
{
	switch (level) {
	case LEVEL_SUPERVISOR:
		return "ask for a supervisor";
	case LEVEL_COMPLAINT:
		return "file a formal complaint";
	default:
		return "contact the regulator";
	}
}

/* A themed icon name from the freedesktop Icon Naming Specification,
 * which every icon theme has: a warning for an escalation, a missed
 * appointment for a broken promise or a late follow-up, else one soon. */
static const char *
rank_icon(int rank)
{
	switch (rank) {
	case RANK_REGULATOR:
	case RANK_COMPLAINT:
	case RANK_SUPERVISOR:
		return "dialog-warning";
	case RANK_PROMISE:
	case RANK_OVERDUE:
		return "appointment-missed";
	default:
		return "appointment-soon";
	}
}

/* Why an escalation is due, from its ESCALATE_* bits. */
static void
add_why(FILE *sb, const struct cl_case *c, unsigned why)
{
	const char *sep = " (";

	if (why & ESCALATE_PROMISE) {
		fprintf(sb, "%sa broken promise", sep);
		sep = "; ";
	}
	if (why & ESCALATE_CALLS) {
		fprintf(sb, "%s%d calls without resolution", sep,
		    c->stage_calls);
		sep = "; ";
	}
	if (why & ESCALATE_DAYS) {
		fprintf(sb, "%stoo long without resolution", sep);
		sep = "; ";
	}
	if (*sep == ';')
		fputc(')', sb);
}

/* One reason as a line of the body: what, and since when. */
static void
add_reason(FILE *sb, const char *lead_in, const struct cl_case *c,
    const struct reminder *r)
{
	char when[WHEN_BUFSZ];

	/* A deadline given as a date reads as the date it was given. */
	view_format_deadline(r->due, when);
	switch (r->kind) {
	case REMIND_FOLLOWUP:
		fprintf(sb, "\n%sfollow-up due %s", lead_in, when);
		break;
	case REMIND_PROMISE:
		fprintf(sb, "\n%spromise broken, was due %s", lead_in, when);
		break;
	default:
		fprintf(sb, "\n%sescalation due %s", lead_in, when);
		add_why(sb, c, r->why);
	}
}

/* "label: Org NUMBER, note" as a line of the body. */
static void
add_entry(FILE *sb, const char *label, const struct dir_entry *e)
{
	char number[40];

	view_number(e->number, number, sizeof(number));
	fprintf(sb, "\n%s: %s %s%s%s", label, e->org, number,
	    e->note ? ", " : "", e->note ? e->note : "");
}

/*
 * Whom the complaint or regulator step names, as a line of the body.
 * Returns nonzero when it gave a number to call, which then stands in for
 * the case's own.
 */
static int
add_contact(FILE *sb, const struct remind_walk *w,
    const struct cl_case *c, int level)
{
	const struct dir_entry *e;

	switch (level) {
	case LEVEL_COMPLAINT:
		if ((e = directory_complaint_channel(&w->dir, c->org)) == NULL) {
			fputs("\ncomplaint: no channel on file; ask for the "
			    "formal complaint process", sb);
			return 0;
		}
		add_entry(sb, "complaint", e);
		return 1;
	case LEVEL_REGULATOR:
		e = directory_regulator(&w->dir, c->org, w->ctx->cfg.country);
		if (e == NULL) {
			fputs("\nregulator: none on file for your country",
			    sb);
			return 0;
		}
		add_entry(sb, "regulator", e);
		return 1;
	default:
		return 0;
	}
}

/*
 * The one notification for case c, leading with r[0], its most urgent
 * reason; the others are listed in the body.  The words on screen:
 * organization, reason, case id, age, whom to contact and the number to
 * call; never notes, account digits or reference numbers.
 */
static void
compose(const struct remind_walk *w, const struct cl_case *c,
    const struct reminder *r, int nr, struct notice *n)
{
	char age[WHEN_BUFSZ], number[40], *body = NULL;
	size_t len = 0;
	FILE *sb = open_memstream(&body, &len);
	int rank = policy_reminder_rank(&r[0], w->ctx->now), has_number = 0;

	if (sb == NULL)
		fatal("out of memory");
	when_format_age(c->opened, w->ctx->now, age);
	switch (r[0].kind) {
	case REMIND_FOLLOWUP:
		n->summary = xasprintf("Follow up with %s", c->org);
		break;
	case REMIND_PROMISE:
		n->summary = xasprintf("Check on %s's promise", c->org);
		break;
	default:
		n->summary = xasprintf("Escalate with %s: %s", c->org,
		    level_action(r[0].level));
	}
	fprintf(sb, "%s, case %lld, open %s",
	    enum_name(&reason_names, c->reason), c->id, age);
	add_reason(sb, "", c, &r[0]);
	if (r[0].kind == REMIND_ESCALATION)
		has_number = add_contact(sb, w, c, r[0].level);
	for (int i = 1; i < nr; i++)
		add_reason(sb, "also: ", c, &r[i]);
	if (c->last_number && !has_number) {
		view_number(c->last_number, number, sizeof(number));
		fprintf(sb, "\ncall %s", number);
	}
	if (fclose(sb) != 0)
		fatal("out of memory");
	n->body = body;
	n->icon = rank_icon(rank);
	n->critical = policy_urgent(c, &r[0], w->ctx->now);
}

/* A dry run's report: the summary, then the body's lines indented. */
static void
print_notice(FILE *fp, const struct notice *n)
{
	fprintf(fp, "would notify%s: %s\n", n->critical ? " (critical)" : "",
	    n->summary);
	for (const char *p = n->body; *p; ) {
		size_t len = strcspn(p, "\n");

		if (len)
			fprintf(fp, "    %.*s\n", (int)len, p);
		p += len + (p[len] != '\0');
	}
}

/* The case's reminders not yet delivered, most urgent first, become one
 * notice: printed by a dry run, else kept to be sent. */
static int
collect_due(struct cl_case *c, void *arg)
{
	struct remind_walk *w = arg;
	struct reminder r[REMIND_COUNT];
	int n = policy_due_reminders(c, &w->ctx->cfg.policy, w->ctx->now, r);
	int nr = 0;
	struct due *d;

	for (int i = 0; i < n; i++) {
		int sent = store_reminder_sent(w->ctx->st, c->id, r[i].kind,
		    r[i].key);

		if (sent == -1)
			return -1;
		if (!sent)
			r[nr++] = r[i];
	}
	if (nr == 0)
		return 0;
	policy_order_reminders(r, nr, w->ctx->now);
	if (w->dry_run) {
		struct notice shown;

		compose(w, c, r, nr, &shown);
		print_notice(w->ctx->out, &shown);
		free(shown.summary);
		free(shown.body);
		w->nshown++;
		return 0;
	}
	if (w->ndue == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 16;
		w->due = xrealloc(w->due, w->cap * sizeof(*w->due));
	}
	d = &w->due[w->ndue++];
	d->case_id = c->id;
	memcpy(d->r, r, (size_t)nr * sizeof(*r));
	d->nr = nr;
	compose(w, c, r, nr, &d->n);
	return 0;
}

/* Each notification records every reason it carried, so that none of them
 * is sent again; a reason that falls due later is a new notification. */
static int
send_and_mark(struct ctx *ctx, struct remind_walk *w)
{
	struct notice *n = xcalloc(w->ndue, sizeof(*n));
	int rc;

	for (size_t i = 0; i < w->ndue; i++)
		n[i] = w->due[i].n;
	rc = notify_deliver(n, w->ndue, DELIVERY_TIMEOUT_MS);
	free(n);
	/* On failure the command fails and its transaction is rolled back,
	 * so nothing is marked: the next run delivers everything again. */
	for (size_t i = 0; rc == 0 && i < w->ndue; i++)
		for (int k = 0; rc == 0 && k < w->due[i].nr; k++)
			rc = store_reminder_mark(ctx->st, w->due[i].case_id,
			    w->due[i].r[k].kind, w->due[i].r[k].key,
			    ctx->now);
	return rc;
}


static int
run_remind(struct ctx *ctx, struct args *a)
{
	struct case_filter f = { .unresolved = 1, .contact = 1 };
	const struct remind_opts *o = a->bound;
	struct remind_walk w = { .ctx = ctx, .dry_run = o->dry_run };
	char when[WHEN_BUFSZ];
	long until;
	int rc = CMD_OK;

	if (store_directory_merged(ctx->st, &w.dir) != 0 ||
	    store_cases_each(ctx->st, &f, collect_due, &w) != 0)
		rc = CMD_FAIL;
	else if (w.ndue + w.nshown == 0)
		fputs("nothing due\n", ctx->out);
	else if (config_quiet(&ctx->cfg, (long)ctx->now, &until)) {
		size_t n = w.ndue + w.nshown;	/* one of them is 0 */

		when_format_local((time_t)until, when);
		fprintf(ctx->out, "quiet hours until %s: %zu reminder%s %s\n",
		    when, n, n == 1 ? "" : "s",
		    w.dry_run ? "would be held" : "held");
	} else if (w.dry_run)
		;		/* printed as found */
	else if (send_and_mark(ctx, &w) == 0)
		fprintf(ctx->out, "sent %zu reminder%s\n", w.ndue,
		    w.ndue == 1 ? "" : "s");
	else
		rc = CMD_FAIL;
	for (size_t i = 0; i < w.ndue; i++) {
		free(w.due[i].n.summary);
		free(w.due[i].n.body);
	}
	free(w.due);
	directory_clear(&w.dir);
	return rc;
}

/* A dry run sends and records nothing. */
static int
remind_writes(const struct args *a)
{
	return arg(a, O_DRY_RUN) == NULL;
}

const struct cmd cmd_remind = {
	.name = "remind",
	.synopsis = "[--dry-run]",
	.summary = "send desktop notifications for what is due",
	.opts = remind_opts,
	.bound_size = sizeof(struct remind_opts),
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.writes = remind_writes,
	.run = run_remind,
};
