/*
 * tap.h: the few Test Anything Protocol helpers the C unit tests need, so
 * that prove runs them together with the shell tests.
 *
 *	ok(x == 1, "x is one");
 *	is_str(got, "want", "formats the date");
 *	return tap_done();
 */
#ifndef CALLLOG_TAP_H
#define CALLLOG_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline int
ok(int cond, const char *name)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_n);
	/* A newline in a name would end the TAP line early. */
	for (const char *p = name; *p; p++)
		fputs(*p == '\n' ? "\\n" : (char[]){ *p, 0 }, stdout);
	putchar('\n');
	return cond;
}

static inline int
is_str(const char *got, const char *want, const char *name)
{
	int same = got && want && strcmp(got, want) == 0;

	if (!ok(same, name))
		printf("#   got: '%s'\n#  want: '%s'\n", got ? got : "(null)",
		    want ? want : "(null)");
	return same;
}

static inline int
is_long(long long got, long long want, const char *name)
{
	if (!ok(got == want, name))
		printf("#   got: %lld\n#  want: %lld\n", got, want);
	return got == want;
}

static inline int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed != 0;
}

#endif
