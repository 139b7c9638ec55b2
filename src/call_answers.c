/*
 * call_answers.c: a guided call's answers kept as the arguments `add`
 * reads, and recorded through add's own doors, so that every rule of add
 * (validation, redaction, follow-up, escalation) applies to them.
 */
#include <stdlib.h>

#include "call_int.h"
#include "redact.h"
#include "store.h"
#include "util.h"

void
answers_push_arg(struct answers *a, char *s)
{
	if (a->argc + 1 >= a->cap) {
		a->cap = a->cap ? a->cap * 2 : 32;
		a->argv = xrealloc(a->argv, (size_t)a->cap * sizeof(*a->argv));
	}
	a->argv[a->argc++] = s;
	a->argv[a->argc] = NULL;
}

void
answers_push(struct answers *a, const char *opt, const char *value)
{
	answers_push_arg(a, xstrdup(opt));
	if (value)
		answers_push_arg(a, xstrdup(value));
}

void
answers_free(struct answers *a)
{
	for (int i = 0; i < a->argc; i++)
		free(a->argv[i]);
	free(a->argv);
}

int
answers_record(struct ctx *ctx, const struct answers *ans)
{
	struct args a;
	struct redact_counts redacted = { 0, 0, 0 };
	char where[64] = "";
	int rc = args_parse(&cmd_add, ans->argc, ans->argv, &a);

	/* The answers go through the door every writer's text does, and
	 * before the journal is locked; a note line '-' is only a dash. */
	if (rc == CMD_OK)
		args_redact(&cmd_add, &a, 0, &redacted, where, sizeof(where));
	if (rc == CMD_OK && args_bind(&cmd_add, &a, ctx) != CMD_OK)
		rc = CMD_USAGE;
	else if (rc == CMD_OK && store_begin(ctx->st, 1) == -1)
		rc = CMD_FAIL;
	else if (rc == CMD_OK && (rc = cmd_add.run(ctx, &a)) == CMD_OK)
		redact_report(&redacted, *where ? where : NULL);
	if (rc != -1)
		args_free(&a);
	return rc == -1 ? CMD_USAGE : rc;
}
