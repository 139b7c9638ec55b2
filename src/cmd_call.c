/*
 * cmd_call.c: `calllog call ORG [REASON]`, a guided call on a terminal:
 * the prep card, a timer for the hold and the call, then the questions
 * whose answers become one call, recorded through `add` so that every rule
 * of add (validation, redaction, follow-up, escalation) applies.
 *
 * Nothing is written until the last answer: Ctrl-C or Ctrl-D at any prompt
 * ends the program with the journal untouched, and Ctrl-C is held back
 * while the call is being written.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <editline/readline.h>

#include "call_int.h"
#include "cmd.h"
#include "phone.h"
#include "prep.h"
#include "term.h"
#include "util.h"
#include "when.h"

/* Leave at once, as Ctrl-C does: nothing was written, and there is
 * nothing to clean up but the terminal, which libedit restores. */
static void
give_up(void)
{
	fputs("\ncall not recorded\n", stdout);
	fflush(stdout);
	_exit(130);
}

static void
on_interrupt(int sig)
{
	static const char msg[] = "\ncall not recorded\n";

	(void)sig;
	(void)!write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	_exit(130);
}

/* One answer; the default is taken on an empty line.  Ctrl-D gives up.
 * The caller frees. */
static char *
ask(const char *question, const char *dflt)
{
	char prompt[256], *line;

	snprintf(prompt, sizeof(prompt), "%s%s%s%s: ", question,
	    dflt && *dflt ? " [" : "", dflt && *dflt ? dflt : "",
	    dflt && *dflt ? "]" : "");
	if ((line = readline(prompt)) == NULL)
		give_up();
	if (*line)
		add_history(line);
	else if (dflt) {
		free(line);
		line = xstrdup(dflt);
	}
	return line;
}

/* Ask until check accepts the answer (an empty answer is always fine). */
static char *
ask_checked(const char *question, const char *dflt,
    int (*check)(const char *, void *), void *arg)
{
	for (;;) {
		char *v = ask(question, dflt);

		if (*v == '\0' || check(v, arg) == 0)
			return v;
		free(v);
	}
}

/* A follow-up: a past one is said at once, and kept. */
static int
check_followup(const char *v, void *arg)
{
	time_t t, now = *(time_t *)arg;

	if (when_parse(v, now, &t) != 0)
		return -1;
	when_warn_past(t, now, "follow-up");
	return 0;
}

/* A promise's deadline: past when its whole day is. */
static int
check_deadline(const char *v, void *arg)
{
	time_t t, now = *(time_t *)arg;

	if (when_parse(v, now, &t) != 0)
		return -1;
	when_warn_past_day(t, now, "promised-by deadline");
	return 0;
}

static int
check_number(const char *v, void *arg)
{
	char e164[PHONE_BUFSZ];

	return phone_normalize(v, arg, e164);
}

static int
check_outcome(const char *v, void *arg)
{
	(void)arg;
	return enum_parse(&outcome_names, v) < 0 ? -1 : 0;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static void
wait_enter(const char *what)
{
	free(ask(what, NULL));
}

/* The timed part: dial, a human answers, hang up. */
static void
time_call(struct ctx *ctx, struct answers *ans, const char *dial)
{
	struct timespec t0;
	char buf[WHEN_BUFSZ * 2];
	double dialed, answered;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("\ndial %s, then press Enter (Ctrl-C gives up; nothing is "
	    "recorded until the end)\n", dial);
	wait_enter("dialing");
	dialed = seconds_since(&t0);
	wait_enter("on hold: press Enter when a human answers");
	answered = seconds_since(&t0);
	wait_enter("talking: press Enter when you hang up");
	snprintf(buf, sizeof(buf), "%lds", (long)(seconds_since(&t0) - dialed));
	answers_push(ans, "--duration", buf);
	snprintf(buf, sizeof(buf), "%lds", (long)(answered - dialed));
	answers_push(ans, "--hold", buf);
	when_format_utc(ctx->now + (time_t)dialed, buf);
	answers_push(ans, "--when", buf);
}

/* A one-line answer as add will check it, named by its option. */
struct field {
	const char *opt;
	size_t max;
};

static int
check_field(const char *v, void *arg)
{
	const struct field *f = arg;

	return check_line(f->opt, v, f->max);
}

/* The references, each as --ref checks it. */
static int
check_refs(const char *v, void *arg)
{
	char *all = xstrdup(v), *p;
	int rc = 0;

	(void)arg;
	for (p = strtok(all, ","); p && rc == 0; p = strtok(NULL, ","))
		rc = check_line("--ref", p, LIMIT_LINE);
	free(all);
	return rc;
}

static void
ask_details(struct ctx *ctx, struct answers *ans)
{
	static const struct { const char *q; struct field f; } plain[] = {
		{ "department", { "--department", LIMIT_NAME } },
		{ "menu path that reached a human (e.g. 0, \"agent\")",
		    { "--ivr", LIMIT_LINE } },
		{ "representative's name or ID", { "--rep", LIMIT_NAME } },
	};
	static const struct field promise = { "--promise", LIMIT_LINE };
	char *v, *refs, *p;

	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
		if (*(v = ask_checked(plain[i].q, NULL, check_field,
		    (void *)&plain[i].f)))
			answers_push(ans, plain[i].f.opt, v);
		free(v);
	}
	refs = ask_checked("reference numbers, separated by commas", NULL,
	    check_refs, NULL);
	for (p = strtok(refs, ","); p; p = strtok(NULL, ",")) {
		size_t n;

		p += strspn(p, " \t");
		for (n = strlen(p); n > 0 && (p[n - 1] == ' ' ||
		    p[n - 1] == '\t'); n--)
			p[n - 1] = '\0';
		if (*p)
			answers_push(ans, "--ref", p);
	}
	free(refs);
	v = ask_checked("outcome: resolved, follow-up, callback, transferred, "
	    "dropped, escalated, info", "follow-up", check_outcome, NULL);
	answers_push(ans, "--outcome", v);
	free(v);
	if (*(v = ask_checked("what did they promise (empty: nothing)", NULL,
	    check_field, (void *)&promise))) {
		char *by;

		answers_push(ans, "--promise", v);
		by = ask_checked("promised by (a date, e.g. +5d, friday)", NULL,
		    check_deadline, &ctx->now);
		if (*by)
			answers_push(ans, "--promised-by", by);
		free(by);
	}
	free(v);
	v = ask_checked("next follow-up (empty: the usual)", NULL,
	    check_followup, &ctx->now);
	if (*v)
		answers_push(ans, "--follow-up", v);
	free(v);
	printf("notes, one line each; an empty line ends them\n");
	while (*(v = ask(">", NULL))) {
		answers_push(ans, "--note", v);
		free(v);
	}
	free(v);
}

/*
 * Which case the call adds to.  Enter takes the open case about the same
 * reason when there is exactly one, since a second case about one problem
 * splits its record; when there are several, it asks which; otherwise
 * (none, or only cases about other things) it opens a new case.  The
 * prompt says which Enter means.  The caller frees.
 */
static char *
ask_case(struct ctx *ctx, const struct card_walk *w, const char *reason)
{
	char dflt[32], q[160];

	if (w->nsame == 1) {
		snprintf(dflt, sizeof(dflt), "%lld", w->same);
		snprintf(q, sizeof(q), "add to an open case (Enter: case %lld, "
		    "open about %s), or new", w->same, reason);
		return ask_checked(q, dflt, call_check_case, ctx);
	}
	if (w->nsame > 1) {
		for (;;) {
			char *v = ask_checked("add to an open case (its id; "
			    "several are open about this), or new", NULL,
			    call_check_case, ctx);

			if (*v)
				return v;
			free(v);
			error("%d open cases with %s are about %s: give one's "
			    "id, or new", w->nsame, w->org, reason);
		}
	}
	return ask_checked("add to an open case (its id), or new", "new",
	    call_check_case, ctx);
}

static int
run_call(struct ctx *ctx, struct args *a)
{
	struct answers ans = { .argv = NULL };
	struct prep p;
	struct card_walk w = { 0 };
	static const struct field title = { "--title", LIMIT_NAME };
	FILE *guard;
	sigset_t block;
	char *v, *purpose = NULL, shown[PHONE_BUFSZ] = "";
	int reason = REASON_GENERAL, rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return error("'calllog call' is a guided call on a terminal; "
		    "to record a call from a script use 'calllog add --org "
		    "ORG --reason REASON ...'"), CMD_USAGE;
	if ((a->npos > 1 && prep_parse(a->pos[1], &reason, &purpose) == -1) ||
	    check_line("ORG", a->pos[0], LIMIT_NAME) == -1) {
		free(purpose);
		return CMD_USAGE;
	}
	rc = prep_load_for(ctx->st, reason, purpose, a->pos[0], &p);
	free(purpose);
	if (rc == -1)
		return CMD_FAIL;
	signal(SIGINT, on_interrupt);
	/* The card shows journal text: through a guard, as main's output
	 * is (the line editor keeps stdout itself). */
	if ((guard = term_guard(stdout, 1)) == NULL) {
		prep_clear(&p);
		return error("cannot show the prep card: out of memory"),
		    CMD_FAIL;
	}
	w.reason = reason;
	rc = call_print_card(ctx, &p, guard, &w);
	fclose(guard);
	if (rc == -1) {
		prep_clear(&p);
		return CMD_FAIL;
	}
	if (p.nnumbers)
		phone_format(p.numbers[0].e.number, shown);
	answers_push(&ans, "add", NULL);
	v = ask_checked("\nnumber you will dial", shown, check_number,
	    (void *)ctx->cfg.country);
	if (*v)
		answers_push(&ans, "--number", v);
	time_call(ctx, &ans, *v ? v : "the number");
	free(v);
	v = ask_case(ctx, &w, enum_name(&reason_names, reason));
	if (strcmp(v, "new") != 0 && *v)
		answers_push(&ans, "--case", v);
	else {
		answers_push(&ans, "--org", p.org ? p.org : a->pos[0]);
		answers_push(&ans, "--reason",
		    enum_name(&reason_names, reason));
		free(v);
		if (*(v = ask_checked("the case in a few words", NULL,
		    check_field, (void *)&title)))
			answers_push(&ans, "--title", v);
	}
	free(v);
	ask_details(ctx, &ans);
	prep_clear(&p);

	/* From here the call is written: Ctrl-C waits until it is. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, NULL);
	rc = answers_record(ctx, &ans);
	answers_free(&ans);
	return rc;
}

const struct cmd cmd_call = {
	.name = "call",
	.synopsis = "ORG [REASON]",
	.summary = "a guided call on a terminal",
	.opts = NULL,
	.min_args = 1, .max_args = 2,
	.flags = CMD_NEEDS_DB | CMD_WRITES | CMD_INTERACTIVE,
	.run = run_call,
};
