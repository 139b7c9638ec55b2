/*
 * call_int.h: what cmd_call.c (the questions), call_case.c (the open
 * cases a guided call may add to) and call_answers.c (the answers made
 * add's arguments) share, and nothing else sees.
 */
#ifndef CALLLOG_CALL_INT_H
#define CALLLOG_CALL_INT_H

#include <stdio.h>

#include "cmd.h"
#include "prep.h"

/* The open cases the card showed: "add to an open case" offers them,
 * and Enter takes the one about the call's reason when there is one. */
struct card_walk {
	FILE *fp;
	const char *org;
	int n, reason;
	int nsame;			/* open cases about the call's reason */
	long long same;			/* the first of them */
};

/* The prep card, then the organization's open cases, to fp, noting them
 * in w (whose reason the caller set).  Returns 0, or -1 after
 * reporting. */
int call_print_card(struct ctx *ctx, const struct prep *p, FILE *fp,
    struct card_walk *w);

/* Everything asked, as the arguments `add` will read: as many as the
 * person gave, each value a copy the answers own (call_answers.c). */
struct answers {
	char **argv;
	int argc, cap;
};

/* Add the word s, which the answers now own. */
void answers_push_arg(struct answers *a, char *s);
/* Add a copy of opt, and of value unless it is NULL. */
void answers_push(struct answers *a, const char *opt, const char *value);
void answers_free(struct answers *a);

/*
 * Record the answers as `calllog add` would record its command line,
 * through the same doors: parsed, redacted, bound, then add's run in a
 * write transaction.  Returns add's exit code.
 */
int answers_record(struct ctx *ctx, const struct answers *a);

/* The case answer, checked when it is given: "new", or a case that
 * exists and is not resolved.  arg is the struct ctx.  Returns 0, or -1
 * after saying what is wrong. */
int call_check_case(const char *v, void *arg);

#endif
