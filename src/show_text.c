/*
 * show_text.c: `calllog show` as text: the case's header (its status,
 * money, follow-up, promise, the escalation it is due) and its timeline of
 * calls, events and notes, wrapped to the terminal.  What each line says
 * is decided by policy and view, as in every other view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_rules.h"
#include "cmd.h"
#include "money.h"
#include "output.h"
#include "show_int.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "width.h"
#include "when.h"

/* Print a labelled block of text, its lines wrapped to the output's
 * width at words and indented under the first (a hanging indent). */
static void
print_block(FILE *fp, const char *label, const char *text)
{
	width_printf(fp, 16, (size_t)terminal_width(fp), "      %-10s%s\n",
	    label, text);
}

/* A promise and what became of it, as policy_promise decides: the
 * same word the dossier and `open` use, "marked" when by hand. */
static void
print_promise(FILE *fp, const struct cl_case *c, const struct cl_call *k,
    time_t now)
{
	struct cl_promise p = policy_promise_of_call(k);
	struct promise_status ps;
	char by[WHEN_BUFSZ] = "";

	policy_promise(c, &p, now, &ps);
	if (k->promised_by)
		view_format_deadline(k->promised_by, by);
	width_printf(fp, 16, (size_t)terminal_width(fp),
	    "      %-10s%s%s%s: %s%s\n", "promise",
	    k->promise ? k->promise : "(promise)",
	    k->promised_by ? " by " : "", by,
	    ps.status == PMARK_NONE ? "open" :
	    enum_name(&promise_names, ps.status),
	    ps.marked ? " (marked by hand)" : "");
	if (k->promise_note) {
		char *note = xasprintf("note: %s", k->promise_note);

		print_block(fp, "", note);
		free(note);
	}
}

static void
print_call(FILE *fp, const struct cl_case *c, const struct cl_call *k,
    time_t now)
{
	char when[WHEN_BUFSZ], num[40], d[WHEN_BUFSZ], h[WHEN_BUFSZ];

	when_format_local(k->started, when);
	view_number(k->number, num, sizeof(num));
	fprintf(fp, "  %s  call %lld, %s%s%s%s", when, k->id,
	    enum_name(&channel_names, k->channel), *call_from_them(k) ?
	    " (" : "", call_from_them(k), *call_from_them(k) ? ")" : "");
	if (k->number)
		fprintf(fp, " %s", num);
	if (k->outcome != OUTCOME_NONE)
		fprintf(fp, ": %s", enum_name(&outcome_names, k->outcome));
	fputc('\n', fp);
	if (k->duration >= 0 || k->hold >= 0) {
		if (k->duration >= 0)
			when_format_duration(k->duration, d);
		if (k->hold >= 0)
			when_format_duration(k->hold, h);
		fprintf(fp, "      %-10s%s%s%s\n", "length",
		    k->duration >= 0 ? d : "-", k->hold >= 0 ? ", on hold " :
		    "", k->hold >= 0 ? h : "");
	}
	if (k->department)
		print_block(fp, "dept", k->department);
	if (k->ivr)
		print_block(fp, "ivr", k->ivr);
	if (k->rep)
		print_block(fp, "rep", k->rep);
	for (size_t i = 0; i < k->nrefs; i++)
		print_block(fp, i ? "" : "refs", k->refs[i]);
	if (k->promise || k->promised_by)
		print_promise(fp, c, k, now);
	if (k->credited) {
		money_format(k->credited, k->currency, d);
		fprintf(fp, "      %-10s%s%s%s\n", "credited", d,
		    k->currency[0] ? " " : "", k->currency);
	}
	if (k->notes)
		print_block(fp, "notes", k->notes);
	/* The record is evidence: a correction after the call is shown. */
	if (k->updated > k->created) {
		when_format_local(k->updated, d);
		fprintf(fp, "      %-10srecord corrected %s\n", "edited", d);
	}
}

static void
print_event(FILE *fp, const struct cl_event *e)
{
	char when[WHEN_BUFSZ], due[WHEN_BUFSZ];

	when_format_local(e->at, when);
	fprintf(fp, "  %s  ", when);
	switch (e->kind) {
	case EVENT_ESCALATE:
		fprintf(fp, "escalated to %s\n",
		    enum_name(&level_names, e->level));
		break;
	case EVENT_FOLLOWUP:
		/* A time of 0 was never set: never shown as 1969. */
		when_format_local(e->due, due);
		fprintf(fp, "follow-up %s%s\n", e->due ? "moved to " : "cleared",
		    e->due ? due : "");
		break;
	default:
		fprintf(fp, "%s\n", e->kind == EVENT_RESOLVE ? "resolved" :
		    "reopened");
	}
	if (e->note)
		print_block(fp, "note", e->note);
}

static void
print_note(FILE *fp, const struct cl_note *n, const char *cur)
{
	char when[WHEN_BUFSZ], m[MONEY_BUFSZ];

	when_format_local(n->at, when);
	fprintf(fp, "  %s  note %lld (not a contact)\n", when, n->id);
	if (n->credited) {
		money_format(n->credited, cur, m);
		fprintf(fp, "      %-10s%s%s%s%s\n", "credited", m, *cur ? " " :
		    "", cur, n->credited < 0 ? " (a credit reversed)" : "");
	}
	print_block(fp, "text", n->text);
}

/* The escalation the case is due, and why (policy_escalation's reasons):
 * yellow on a colour terminal, wrapped when there is no colour. */
static void
print_escalation(struct ctx *ctx, const struct cl_case *c, unsigned why)
{
	FILE *fp = ctx->out;
	char text[256], line[sizeof(text) + 64];
	int next = policy_next_level(c->escalation);

	view_escalation_text(why, c, ctx->now, text, sizeof(text));
	snprintf(line, sizeof(line), "ask for %s: %s",
	    next == LEVEL_SUPERVISOR ? "a supervisor" :
	    next == LEVEL_COMPLAINT ? "the formal complaint process" :
	    "the regulator", text);
	if (*color_yellow() == '\0')	/* no colour: wrapped */
		width_printf(fp, 14, (size_t)terminal_width(fp),
		    "  %-12s%s\n", "escalate", line);
	else {
		fprintf(fp, "  %-12s", "escalate");
		color_fputs(color_yellow(), line, fp);
		fputc('\n', fp);
	}
}

static void
print_header(struct ctx *ctx, const struct cl_case *c)
{
	FILE *fp = ctx->out;
	unsigned why = policy_escalation(c, &ctx->cfg.policy, ctx->now);
	char a[WHEN_BUFSZ], b[WHEN_BUFSZ];
	int today;

	width_printf(fp, 4, (size_t)terminal_width(fp), "case %lld: %s, %s\n",
	    c->id, c->org, view_case_title(c));
	fprintf(fp, "  %-12s%s", "status", enum_name(&status_names, c->status));
	if (c->escalation != LEVEL_NONE)
		fprintf(fp, c->status == STATUS_ESCALATED ? " to %s" :
		    " (escalated to %s)", enum_name(&level_names,
		    c->escalation));
	fprintf(fp, ", priority %s\n", enum_name(&priority_names, c->priority));
	fprintf(fp, "  %-12s%s\n", "reason", enum_name(&reason_names, c->reason));
	if (c->account)
		fprintf(fp, "  %-12sending %s\n", "account", c->account);
	if (c->amount || c->credited) {
		char m[3][MONEY_BUFSZ];

		money_format(c->amount, c->currency, m[0]);
		money_format(c->credited, c->currency, m[1]);
		money_format(money_outstanding(c->amount, c->credited),
		    c->currency, m[2]);
		fprintf(fp, "  %-12s%s %s disputed, %s credited, %s outstanding\n",
		    "amount", c->amount ? m[0] : "-", c->currency, m[1],
		    c->amount ? m[2] : "-");
	}
	if (c->merchant || c->charged_at) {
		when_format_date(c->charged_at, a);
		fprintf(fp, "  %-12s%s%s%s\n", "charge", c->merchant ?
		    c->merchant : "", c->merchant && c->charged_at ? " on " : "",
		    c->charged_at ? a : "");
	}
	when_format_local(c->opened, a);
	today = when_format_age(c->opened, ctx->now, b);
	fprintf(fp, "  %-12s%s (%s%s), %d call%s\n", "opened", a, b,
	    today ? "" : " ago", c->ncalls, c->ncalls == 1 ? "" : "s");
	if (c->next_followup) {
		when_format_local(c->next_followup, a);
		when_format_relative(c->next_followup, ctx->now, b);
		fprintf(fp, "  %-12s%s (%s)", "follow-up", a, b);
		color_fputs(color_red(), policy_overdue(c, ctx->now) ?
		    ", overdue" : "", fp);
		fputc('\n', fp);
	}
	if (c->promise || c->promised_by) {
		view_format_deadline(c->promised_by, a);
		width_printf(fp, 14, (size_t)terminal_width(fp),
		    "  %-12s%s%s%s\n", "promised", c->promise ?
		    c->promise : "(promise)", c->promised_by ? " by " : "",
		    c->promised_by ? a : "");
	}
	if (policy_settled(c))
		fprintf(fp, "  %-12scredited in full: 'calllog resolve %lld'\n",
		    "resolve", c->id);
	if (why)
		print_escalation(ctx, c, why);
	if (c->status == STATUS_RESOLVED) {
		when_format_local(c->resolved_at, a);
		width_printf(fp, 14, (size_t)terminal_width(fp),
		    "  %-12s%s%s%s\n", "resolved", c->resolved_at ? a : "yes",
		    c->resolution ? ": " : "", c->resolution ? c->resolution :
		    "");
	}
}

void
show_text(struct ctx *ctx, const struct cl_case *c, const struct timeline *t)
{
	size_t i = 0, k = 0, n = 0;

	print_header(ctx, c);
	fputs("\ntimeline\n", ctx->out);
	if (t->ncalls == 0 && t->nevents == 0 && t->nnotes == 0)
		fputs("  (no calls yet)\n", ctx->out);
	/* Oldest first; at the same time, a call before an event before a
	 * note. */
	while (i < t->ncalls || k < t->nevents || n < t->nnotes) {
		time_t tc = i < t->ncalls ? t->calls[i].started : 0,
		    te = k < t->nevents ? t->events[k].at : 0,
		    tn = n < t->nnotes ? t->notes[n].at : 0;

		if (i < t->ncalls && (k == t->nevents || tc <= te) &&
		    (n == t->nnotes || tc <= tn))
			print_call(ctx->out, c, &t->calls[i++], ctx->now);
		else if (k < t->nevents && (n == t->nnotes || te <= tn))
			print_event(ctx->out, &t->events[k++]);
		else
			print_note(ctx->out, &t->notes[n++], c->currency);
	}
}
