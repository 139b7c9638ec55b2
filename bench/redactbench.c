/*
 * redactbench.c: how long redact_text takes on the most hostile text of
 * the largest size a note may have (LIMIT_NOTE), for make bench.
 *
 * Each pattern below is repeated to fill the note; each is one that
 * costs a scanner something: many groups for card windows, the widest
 * gaps, back-to-back cards, full-width digits, keywords and their blanks.
 * It prints one line per pattern (median of RUNS runs, in ms) and last
 * the worst, which issue 12 wants under 50 ms.
 *
 *	build-bench/redactbench [RUNS]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "redact.h"
#include "util.h"

static const struct {
	const char *name;
	const char *unit;
} patterns[] = {
	{ "digits a blank apart", "1 " },
	{ "digits apart by the widest gap", "1 -  -  - " },
	{ "digits apart by dash and blanks", "1 - " },
	{ "back-to-back cards, wide gaps", "4111 - 1111 - 1111 - 1111 - " },
	{ "cards glued together", "4111111111111111" },
	{ "Luhn-valid windows everywhere", "4 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 " },
	{ "one run of 19-digit groups", "6304000000000000000 " },
	{ "full-width digits, ideographic spaces", "\uff14\u3000" },
	{ "digits split over lines", "4111\n" },
	{ "SSN-shaped groups", "123-45-6789-" },
	{ "keywords without values", "security   code is was number " },
	{ "codes read out", "CVV: 1 2 3 4 " },
	{ "one digit a line, blanks around", "9 \n " },
	{ "no digits at all", "card security " },
};

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The unit repeated up to LIMIT_NOTE bytes, cut at a character. */
static char *
fill(const char *unit)
{
	size_t ulen = strlen(unit), len = 0;
	char *s = xmalloc(LIMIT_NOTE + 1);

	while (len + ulen <= LIMIT_NOTE) {
		memcpy(s + len, unit, ulen);
		len += ulen;
	}
	s[len] = '\0';
	return s;
}

int
main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 7;
	double worst = 0, t[64];
	const char *worst_name = "";

	if (runs < 1 || runs > 64)
		runs = 7;
	for (size_t p = 0; p < sizeof(patterns) / sizeof(patterns[0]); p++) {
		char *text = fill(patterns[p].unit);

		for (int i = 0; i < runs; i++) {
			double t0 = now_ms();

			free(redact_text(text, NULL));
			t[i] = now_ms() - t0;
		}
		qsort(t, (size_t)runs, sizeof(t[0]), cmp_double);
		printf("redact %-40s %7.2f ms\n", patterns[p].name,
		    t[runs / 2]);
		if (t[runs / 2] > worst) {
			worst = t[runs / 2];
			worst_name = patterns[p].name;
		}
		free(text);
	}
	printf("redact worst case at %d bytes (%s): %.2f ms (target < 50)\n",
	    LIMIT_NOTE, worst_name, worst);
	return worst < 50 ? 0 : 1;
}
