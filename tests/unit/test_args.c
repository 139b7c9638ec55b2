/*
 * test_args.c: options read into the typed variables their table names
 * (args_bind), checked once, and as many options as a table declares.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "model.h"
#include "tap.h"
#include "util.h"
#include "when.h"

struct t_opts {
	long n;
	time_t at;
	int status;
	long long call;
	int yes;
	const char *text;
	long hold;
	struct opt_money amount, credit;
};

static const struct opt t_opts[] = {
	{ "n", 'n', OPT_VALUE, "N", "a number",
	    OPT_TO(OPT_INT, struct t_opts, n), .min = 1, .max = 10 },
	{ "at", 0, OPT_VALUE, "DATE", "a date",
	    OPT_TO(OPT_DATE, struct t_opts, at) },
	{ "status", 's', OPT_VALUE, "STATUS", "a status",
	    OPT_TO(OPT_ENUM, struct t_opts, status), .names = &status_names,
	    .every = "any" },
	{ "call", 0, OPT_VALUE, "N", "a call",
	    OPT_TO(OPT_ID, struct t_opts, call) },
	{ "yes", 'y', 0, NULL, "a flag", OPT_TO(OPT_BOOL, struct t_opts, yes) },
	{ "text", 0, OPT_VALUE, "TEXT", "text",
	    OPT_TO(OPT_STRING, struct t_opts, text) },
	{ "hold", 0, OPT_VALUE, "DUR", "a duration",
	    OPT_TO(OPT_DURATION, struct t_opts, hold) },
	{ "amount", 0, OPT_VALUE, "AMOUNT", "an amount",
	    OPT_TO(OPT_AMOUNT, struct t_opts, amount) },
	{ "credit", 0, OPT_VALUE, "AMOUNT", "a credit",
	    OPT_TO(OPT_CREDIT, struct t_opts, credit) },
	{ "ref", 0, OPT_VALUE | OPT_MULTI, "REF", "refs", OPT_AS_TEXT },
	OPT_LIMIT(struct t_opts, n),
	OPT_END
};

static const struct cmd t_cmd = {
	.name = "t", .synopsis = "[X]", .summary = "a test", .opts = t_opts,
	.bound_size = sizeof(struct t_opts), .min_args = 0, .max_args = 1,
};

/* Parse and bind argv (NULL-terminated); the message of a refusal, if
 * any, in msg. */
static int
run(char **argv, struct args *a, char *msg, size_t size)
{
	struct ctx ctx = { .now = 1767225600 };
	int argc = 0, rc;

	memcpy(ctx.cfg.currency, "EUR", 4);
	while (argv[argc])
		argc++;
	*msg = '\0';
	error_capture(msg, size);
	rc = args_parse(&t_cmd, argc, argv, a);
	if (rc == CMD_OK && (rc = args_bind(&t_cmd, a, &ctx)) != CMD_OK)
		args_free(a);
	error_capture(NULL, 0);
	return rc;
}

static void
test_bound(void)
{
	char *argv[] = { "t", "-n", "3", "--at", "2026-01-02 10:00",
	    "--status", "wait", "--call", "#12", "-y", "--text", "hi",
	    "--ref", "a", "--ref", "b", "--hold", "5:30", "--amount", "$4.20",
	    "--credit", "-3", "-3d", NULL };
	char msg[256];
	struct args a;
	const struct t_opts *o;
	time_t at;

	if (!ok(run(argv, &a, msg, sizeof(msg)) == CMD_OK, "binds"))
		return;
	o = a.bound;
	is_long(o->n, 3, "an integer");
	ok(when_parse("2026-01-02 10:00", 1767225600, &at) == 0 &&
	    o->at == at, "a date, by when_parse against now");
	is_long(o->status, STATUS_WAITING, "an enum by prefix");
	is_long(o->call, 12, "an id");
	is_long(o->yes, 1, "a flag");
	is_str(o->text, "hi", "a text");
	is_long(o->hold, 330, "a duration");
	ok(o->amount.minor == 420 && !strcmp(o->amount.currency, "USD"),
	    "an amount in the currency typed");
	ok(o->credit.minor == -300 && !strcmp(o->credit.currency, "EUR"),
	    "a credit, negative, in the configured currency");
	is_long(a.nmulti[9], 2, "a repeated option keeps every value");
	ok(a.npos == 1 && strcmp(a.pos[0], "-3d") == 0,
	    "a negative number is positional");
	args_free(&a);
}

static void
test_absent(void)
{
	char *argv[] = { "t", NULL };
	char msg[256];
	struct args a;
	const struct t_opts *o;

	if (!ok(run(argv, &a, msg, sizeof(msg)) == CMD_OK, "binds nothing"))
		return;
	o = a.bound;
	ok(o->n == 0 && o->at == 0 && o->call == 0 && o->yes == 0 &&
	    o->text == NULL && o->amount.currency[0] == '\0',
	    "absent: zero");
	is_long(o->status, -1, "absent enum: -1");
	is_long(o->hold, -1, "absent duration: -1");
	args_free(&a);
}

/* An enum's word for none in particular is no value, and no error. */
static void
test_every(void)
{
	char *argv[] = { "t", "--status", "any", NULL };
	char msg[256];
	struct args a;

	if (!ok(run(argv, &a, msg, sizeof(msg)) == CMD_OK, "--status any"))
		return;
	is_long(((const struct t_opts *)a.bound)->status, -1,
	    "the enum's word for none leaves it -1");
	args_free(&a);
}

static const struct {
	const char *opt, *val, *msg;
} bad[] = {
	{ "-n", "0", "--n '0' is not a whole number from 1 to 10" },
	{ "-n", "11", "--n '11' is not a whole number from 1 to 10" },
	{ "-n", "3x", "--n '3x' is not a whole number from 1 to 10" },
	{ "-n", "", "--n '' is not a whole number from 1 to 10" },
	{ "--limit", "-2", "--limit '-2' is not a positive whole number" },
	{ "--call", "x", "--call 'x' is not a number" },
	{ "--status", "nosuch", "nosuch" },
	{ "--at", "not a date", "not a date" },
	{ "--hold", "soon", "soon" },
	{ "--amount", "-3", "-3" },
	{ "--credit", "0", "'0'" },
};

static void
test_refused(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *argv[] = { "t", (char *)bad[i].opt, (char *)bad[i].val,
		    NULL };
		char msg[256], name[300];
		struct args a;

		snprintf(name, sizeof(name), "%s '%s' refused: %s", bad[i].opt,
		    bad[i].val, bad[i].msg);
		ok(run(argv, &a, msg, sizeof(msg)) == CMD_USAGE &&
		    strstr(msg, bad[i].msg) != NULL, name);
	}
}

/* No fixed number of slots: a table may be as long as it needs. */
static void
test_many(void)
{
	enum { N = 40 };
	struct opt many[N + 1];
	char names[N][8], *argv[N + 2];
	struct cmd c = { .name = "m", .synopsis = "", .summary = "",
	    .opts = many, .max_args = 0 };
	struct args a;
	int all = 1;

	for (int i = 0; i < N; i++) {
		snprintf(names[i], sizeof(names[i]), "o%d", i);
		many[i] = (struct opt){ .name = names[i], .help = "" };
		argv[i + 1] = xasprintf("--o%d", i);
	}
	many[N] = (struct opt)OPT_END;
	argv[0] = "m";
	argv[N + 1] = NULL;
	if (!ok(args_parse(&c, N + 1, argv, &a) == CMD_OK, "40 options"))
		return;
	for (int i = 0; i < N; i++)
		all &= a.val[i] != NULL;
	ok(all, "each of 40 options is kept");
	args_free(&a);
	for (int i = 0; i < N; i++)
		free(argv[i + 1]);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	test_bound();
	test_absent();
	test_every();
	test_refused();
	test_many();
	return tap_done();
}
