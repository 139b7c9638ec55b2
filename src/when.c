/*
 * when.c: the dates and durations people type into UTC seconds, each
 * form tried in turn and one error for all; and "now" (CALLLOG_NOW or
 * the clock).  The top of the date modules: it reads the one-word forms
 * (when_token.c) and phrases (when_words.c), which stand on the
 * arithmetic (when_calc.c); the text people read is when_format.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "util.h"
#include "when.h"
#include "when_int.h"

/* What the error messages offer instead of what the user typed. */
#define DURATION_FORMS	"25m, 1h10m, 90s or 1:05:00"

/*
 * MAX_FIELD for each number in a duration keeps the arithmetic far from
 * overflow, and no call lasts a week.  MAX_TIME is WHEN_MAX_TIME.
 */
#define MAX_FIELD	99999999L
#define MAX_DURATION	WHEN_MAX_DURATION
#define MAX_TIME	WHEN_MAX_TIME

/*
 * Every date form, without reporting: returns 0 and sets *out, or -1.
 * Results before 1970 or after WHEN_MAX_TIME are refused, so that every
 * time has the same width.
 */
static int
parse_date(const char *s, time_t now, time_t *out)
{
	time_t t;

	if (s == NULL)
		return -1;
	if (when_parse_iso(s, now, &t) != 0 &&
	    when_parse_offset(s, now, &t) != 0 &&
	    when_parse_word(s, now, &t) != 0 &&
	    when_parse_phrase(s, now, &t) != 0)
		return -1;
	if (t < 0 || (long long)t > MAX_TIME)
		return -1;
	*out = t;
	return 0;
}

int
when_parse(const char *s, time_t now, time_t *out)
{
	if (parse_date(s, now, out) != 0)
		return error("cannot read date '%s'; use %s", s ? s : "",
		    when_forms());
	return 0;
}

int
when_check_computed(time_t t, const char *what)
{
	if (t >= 0 && (long long)t <= MAX_TIME)
		return 0;
	return error("the %s would fall after 2999-12-31, the last date "
	    "calllog can keep; give an earlier date", what);
}

/*
 * Stopwatch forms, "1:05:00" (h:mm:ss) and "5:30" (m:ss), whose later
 * fields are two digits below 60; and unit forms, "2h5m30s", each unit at
 * most once and largest first, so that "5m1h" (surely a typo) is refused
 * rather than guessed at.  A bare number is minutes, the unit calls are
 * counted in.  Returns 0 and sets *secs, or -1.
 */
static int
parse_duration(const char *s, long long *secs)
{
	static const char units[] = "hms";
	static const long scale[] = { 3600, 60, 1 };
	const char *p = s;
	long n, f[2];
	int nf = 0;
	size_t next = 0;

	if (when_read_number(&p, 0, MAX_FIELD, &n))
		return -1;
	*secs = 0;
	if (*p == '\0' || *p == ':') {
		for (; *p == ':' && nf < 2; nf++) {
			p++;
			if (when_read_number(&p, 2, 59, &f[nf]))
				return -1;
		}
		if (nf == 0)
			*secs = n * 60LL;
		else if (nf == 1)
			*secs = n * 60LL + f[0];
		else
			*secs = n * 3600LL + f[0] * 60 + f[1];
		return *p == '\0' ? 0 : -1;
	}
	for (;;) {
		int c = tolower((unsigned char)*p++);

		while (next < 3 && units[next] != c)
			next++;
		if (next == 3)
			return -1;
		*secs += (long long)n * scale[next++];
		if (*p == '\0')
			return 0;
		if (when_read_number(&p, 0, MAX_FIELD, &n))
			return -1;
	}
}

int
when_parse_duration(const char *s, long *secs)
{
	long long v;

	if (s == NULL || parse_duration(s, &v) != 0)
		return error("cannot read duration '%s'; use " DURATION_FORMS,
		    s ? s : "");
	if (v > MAX_DURATION)
		return error("duration '%s' is longer than 7 days; use "
		    DURATION_FORMS, s);
	*secs = (long)v;
	return 0;
}

int
when_now(time_t *out)
{
	const char *env = getenv("CALLLOG_NOW");
	time_t real = time(NULL);

	if (env != NULL && *env != '\0') {
		if (parse_date(env, real, out) != 0)
			return error("CALLLOG_NOW is '%s', which is not a date; "
			    "set it like 2026-12-01T14:30:00Z or unset it",
			    env);
		return 0;
	}
	if (real == (time_t)-1)
		return error("cannot read the system clock");
	*out = real;
	return 0;
}
