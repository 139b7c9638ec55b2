/*
 * cmd_remind.c: `calllog remind`, a desktop notification for each follow-up,
 * promise and escalation that fell due, each delivered once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "notify.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* The whole command must end within 10 s (DESIGN.md) whatever the
 * notification server does.  A server answers in milliseconds; the margin
 * is for the journal and a loaded machine. */
#define DELIVERY_TIMEOUT_MS 5000

enum { O_DRY_RUN };

static const struct opt remind_opts[] = {
	[O_DRY_RUN] = { "dry-run", 'n', 0, NULL,
	    "print what would be sent; send and record nothing" },
	{ NULL, 0, 0, NULL, NULL }
};

struct due {
	long long case_id;
	struct reminder r;
	struct notice n;
};

struct remind_walk {
	struct ctx *ctx;
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

/* The words on screen: organization, reason, case id, age and the number
 * to call; never notes, account digits or reference numbers. */
static void
compose(struct ctx *ctx, const struct cl_case *c, const struct reminder *r,
    struct notice *n)
{
	char age[WHEN_BUFSZ], when[WHEN_BUFSZ], number[40];

	when_format_span(ctx->now - c->opened, age);
	when_format_local(r->due, when);
	view_number(c->last_number, number, sizeof(number));
	switch (r->kind) {
	case REMIND_FOLLOWUP:
		n->summary = xasprintf("Follow up with %s", c->org);
		break;
	case REMIND_PROMISE:
		n->summary = xasprintf("Check on %s's promise", c->org);
		break;
	default:
		n->summary = xasprintf("Escalate with %s: %s", c->org,
		    level_action(r->level));
	}
	n->body = xasprintf("%s, case %lld, open %s\n%s %s\n%s%s",
	    enum_name(&reason_names, c->reason), c->id, age,
	    r->kind == REMIND_PROMISE ? "promised by" :
	    r->kind == REMIND_FOLLOWUP ? "due" : "should have been by", when,
	    c->last_number ? "call " : "", c->last_number ? number : "");
	n->critical = policy_urgent(c, r, ctx->now);
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

static int
collect_due(struct cl_case *c, void *arg)
{
	struct remind_walk *w = arg;
	struct reminder r[REMIND_COUNT];
	int n = policy_due_reminders(c, &w->ctx->cfg.policy, w->ctx->now, r);

	for (int i = 0; i < n; i++) {
		struct due *d;
		int sent = store_reminder_sent(w->ctx->st, c->id, r[i].kind,
		    r[i].key);

		if (sent == -1)
			return -1;
		if (sent)
			continue;
		if (w->dry_run) {
			struct notice shown;

			compose(w->ctx, c, &r[i], &shown);
			print_notice(w->ctx->out, &shown);
			free(shown.summary);
			free(shown.body);
			w->nshown++;
			continue;
		}
		if (w->ndue == w->cap) {
			w->cap = w->cap ? 2 * w->cap : 16;
			w->due = xrealloc(w->due, w->cap * sizeof(*w->due));
		}
		d = &w->due[w->ndue++];
		d->case_id = c->id;
		d->r = r[i];
		compose(w->ctx, c, &r[i], &d->n);
	}
	return 0;
}

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
		rc = store_reminder_mark(ctx->st, w->due[i].case_id,
		    w->due[i].r.kind, w->due[i].r.key, ctx->now);
	return rc;
}

static int
run_remind(struct ctx *ctx, struct args *a)
{
	struct case_filter f = { .unresolved = 1, .contact = 1 };
	struct remind_walk w = { .ctx = ctx, .dry_run = !!arg(a, O_DRY_RUN) };
	char when[WHEN_BUFSZ];
	long until;
	int rc = CMD_OK;

	if (store_cases_each(ctx->st, &f, collect_due, &w) != 0)
		rc = CMD_FAIL;
	else if (w.ndue + w.nshown == 0)
		fputs("nothing due\n", ctx->out);
	else if (w.dry_run)
		;		/* printed as found */
	else if (config_quiet(&ctx->cfg, (long)ctx->now, &until)) {
		when_format_local((time_t)until, when);
		fprintf(ctx->out, "quiet hours until %s: %zu reminder%s held\n",
		    when, w.ndue, w.ndue == 1 ? "" : "s");
	} else if (send_and_mark(ctx, &w) == 0)
		fprintf(ctx->out, "sent %zu reminder%s\n", w.ndue,
		    w.ndue == 1 ? "" : "s");
	else
		rc = CMD_FAIL;
	for (size_t i = 0; i < w.ndue; i++) {
		free(w.due[i].n.summary);
		free(w.due[i].n.body);
	}
	free(w.due);
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
	.min_args = 0, .max_args = 0,
	.flags = CMD_NEEDS_DB | CMD_WRITES,
	.writes = remind_writes,
	.run = run_remind,
};
