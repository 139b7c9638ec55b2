/*
 * test_when: dates, durations and their formatting, read in New York with
 * "now" pinned, so that DST changes, month ends and weekends are crossed
 * on purpose.
 *
 * Expected values were worked out by hand as UTC strings (New York is
 * UTC-5 in winter, UTC-4 from 2026-03-08 to 2026-11-01); only timegm, from
 * libc, is used to build the pinned "now" values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "tap.h"
#include "when.h"

/* A UTC instant from its fields. */
static time_t
utc(int y, int mo, int d, int h, int mi)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	return timegm(&tm);
}

/* when_parse(in, now) must succeed and give the instant want (UTC). */
static void
date_is(const char *in, time_t now, const char *want, const char *why)
{
	char name[256], buf[WHEN_BUFSZ];
	time_t t = 0;

	snprintf(name, sizeof(name), "'%s' %s is %s", in, why, want);
	if (when_parse(in, now, &t) != 0) {
		ok(0, name);
		return;
	}
	when_format_utc(t, buf);
	is_str(buf, want, name);
}

static void
date_bad(const char *in, time_t now)
{
	char name[256];
	time_t t;

	snprintf(name, sizeof(name), "date '%s' is refused", in);
	ok(when_parse(in, now, &t) == -1, name);
}

static void
duration_is(const char *in, long want)
{
	char name[256];
	long secs = -1;

	snprintf(name, sizeof(name), "duration '%s' is %lds", in, want);
	if (when_parse_duration(in, &secs) != 0) {
		ok(0, name);
		return;
	}
	is_long(secs, want, name);
}

static void
duration_bad(const char *in)
{
	char name[256];
	long secs;

	snprintf(name, sizeof(name), "duration '%s' is refused", in);
	ok(when_parse_duration(in, &secs) == -1, name);
}

static void
span_is(long secs, const char *want)
{
	char name[128], buf[WHEN_BUFSZ];

	snprintf(name, sizeof(name), "span of %lds is %s", secs, want);
	when_format_span(secs, buf);
	is_str(buf, want, name);
}

static void
exact_is(long secs, const char *want)
{
	char name[128], buf[WHEN_BUFSZ];

	snprintf(name, sizeof(name), "duration of %lds is %s", secs, want);
	when_format_duration(secs, buf);
	is_str(buf, want, name);
}

static void
relative_is(time_t t, time_t now, const char *want)
{
	char name[128], buf[WHEN_BUFSZ];

	snprintf(name, sizeof(name), "%+llds from now is '%s'",
	    (long long)(t - now), want);
	when_format_relative(t, now, buf);
	is_str(buf, want, name);
}

/*
 * The first line that when_parse writes to stderr for a bad date (or, with
 * is_duration, when_parse_duration for a bad duration).
 */
static void
message_is(const char *in, int is_duration, const char *want)
{
	char line[1024] = "", name[128];
	FILE *f = tmpfile();
	int saved = dup(2);
	time_t t;
	long secs;

	if (f == NULL || saved < 0) {
		ok(0, "capture stderr");
		return;
	}
	fflush(stderr);
	dup2(fileno(f), 2);
	if (is_duration)
		when_parse_duration(in, &secs);
	else
		when_parse(in, 0, &t);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	if (fgets(line, sizeof(line), f) == NULL)
		line[0] = '\0';
	fclose(f);
	snprintf(name, sizeof(name), "message for '%s' names it and the forms",
	    in);
	is_str(line, want, name);
}

static void
test_iso(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);

	date_is("2026-12-01", wed, "2026-12-01T14:00:00Z", "(09:00 EST)");
	date_is("2026-07-01", wed, "2026-07-01T13:00:00Z", "(09:00 EDT)");
	date_is("2026-12-01 14:30", wed, "2026-12-01T19:30:00Z", "(local)");
	date_is("2026-12-01T14:30", wed, "2026-12-01T19:30:00Z", "(local)");
	date_is("2026-12-01 14:30:15", wed, "2026-12-01T19:30:15Z",
	    "(seconds)");
	date_is("2026-12-01T14:30:00Z", wed, "2026-12-01T14:30:00Z", "(UTC)");
	date_is("2026-12-01t14:30z", wed, "2026-12-01T14:30:00Z",
	    "(lowercase)");
	date_is("2026-12-01T14:30+01:00", wed, "2026-12-01T13:30:00Z",
	    "(+01:00)");
	date_is("2026-12-01T14:30:00-05:30", wed, "2026-12-01T20:00:00Z",
	    "(-05:30)");
	date_is("2026-12-01T14:30+0200", wed, "2026-12-01T12:30:00Z",
	    "(+0200)");
	date_is("2026-12-31T23:59:60Z", wed, "2026-12-31T23:59:59Z",
	    "(leap second clamped)");
	date_is("1970-01-01T00:00:00Z", wed, "1970-01-01T00:00:00Z",
	    "(first year)");
	date_is("2999-12-31T23:59:59Z", wed, "2999-12-31T23:59:59Z",
	    "(last year)");
	date_is("2028-02-29", wed, "2028-02-29T14:00:00Z", "(leap year)");
	date_is("2000-02-29", wed, "2000-02-29T14:00:00Z", "(400th year)");
	date_is("2026-03-08", wed, "2026-03-08T13:00:00Z",
	    "(spring-forward day, EDT by 09:00)");
	date_is("2026-11-01", wed, "2026-11-01T14:00:00Z",
	    "(fall-back day, EST by 09:00)");

	date_bad("2026-02-29", wed);
	date_bad("2100-02-29", wed);
	date_bad("2026-13-01", wed);
	date_bad("2026-00-10", wed);
	date_bad("2026-04-31", wed);
	date_bad("2026-12-00", wed);
	date_bad("2026-12-01 24:00", wed);
	date_bad("2026-12-01 14:60", wed);
	date_bad("2026-12-01 14:30:61", wed);
	date_bad("1969-12-31", wed);
	date_bad("10000-01-01", wed);
	date_bad("3000-01-01", wed);
	date_bad("9999-12-31", wed);
	date_bad("2026-12-01x", wed);
	date_bad("2026-12-01T14:30Zjunk", wed);
	date_bad("2026-1-01", wed);
	date_bad("2026-12-01T", wed);
	date_bad("2026-12-01 14:30+24:00", wed);
	date_bad("2026/12/01", wed);
}

static void
test_time_of_day(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);

	date_is("14:30", wed, "2026-12-02T19:30:00Z", "(today)");
	date_is("9:05", wed, "2026-12-02T14:05:00Z", "(one-digit hour)");
	date_is("00:00", wed, "2026-12-02T05:00:00Z", "(midnight today)");
	date_bad("25:00", wed);
	date_bad("14:5", wed);
	date_bad("14:30pm", wed);
}

static void
test_offsets(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */
	time_t jan31 = utc(2026, 1, 31, 15, 0);		/* Sat 10:00 EST */
	time_t spring = utc(2026, 3, 7, 13, 0);		/* Sat 08:00 EST */
	time_t fall = utc(2026, 10, 31, 12, 0);		/* Sat 08:00 EDT */
	time_t t = 0;

	date_is("+3d", wed, "2026-12-05T15:15:00Z", "from Wed 10:15");
	date_is("3d", wed, "2026-12-05T15:15:00Z", "(no sign)");
	date_is("-2d", wed, "2026-11-30T15:15:00Z", "from Wed 10:15");
	date_is("2w", wed, "2026-12-16T15:15:00Z", "from Wed 10:15");
	date_is("+1W", wed, "2026-12-09T15:15:00Z", "(uppercase unit)");
	date_is("36h", wed, "2026-12-04T03:15:00Z", "from Wed 10:15");
	date_is("-1h", wed, "2026-12-02T14:15:00Z", "from Wed 10:15");
	date_is("90min", wed, "2026-12-02T16:45:00Z", "from Wed 10:15");
	date_is("+0d", wed, "2026-12-02T15:15:00Z", "from Wed 10:15");
	date_is("+1d", jan31, "2026-02-01T15:00:00Z", "from Jan 31");

	date_is("+1d", spring, "2026-03-08T12:00:00Z",
	    "from Mar 7 08:00 EST (08:00 EDT)");
	date_is("36h", spring, "2026-03-09T01:00:00Z",
	    "from Mar 7 08:00 EST (exact hours)");
	when_parse("+1d", spring, &t);
	is_long(t - spring, 23 * 3600, "the spring-forward day has 23 hours");
	date_is("+1d", fall, "2026-11-01T13:00:00Z",
	    "from Oct 31 08:00 EDT (08:00 EST)");
	date_is("36h", fall, "2026-11-02T00:00:00Z",
	    "from Oct 31 08:00 EDT (exact hours)");
	when_parse("+1d", fall, &t);
	is_long(t - fall, 25 * 3600, "the fall-back day has 25 hours");
	date_is("tomorrow", fall, "2026-11-01T14:00:00Z",
	    "from Oct 31 (09:00 EST)");

	date_bad("+d", wed);
	date_bad("3x", wed);
	date_bad("3", wed);
	date_bad("+100001d", wed);
	date_bad("99999999999999999999d", wed);
	date_bad("--3d", wed);
	date_bad("3 d", wed);
	date_bad("+3m", wed);
	date_bad("3dd", wed);
}

static void
test_business_days(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */
	time_t fri = utc(2026, 12, 4, 15, 0);		/* Fri 10:00 EST */
	time_t sat = utc(2026, 12, 5, 15, 0);
	time_t sun = utc(2026, 12, 6, 15, 0);
	time_t mon = utc(2026, 12, 7, 15, 0);
	time_t fri_edt = utc(2026, 10, 30, 14, 0);	/* Fri 10:00 EDT */

	date_is("+1bd", fri, "2026-12-07T15:00:00Z", "from Friday (Monday)");
	date_is("+1bd", sat, "2026-12-07T15:00:00Z", "from Saturday (Monday)");
	date_is("+1bd", sun, "2026-12-07T15:00:00Z", "from Sunday (Monday)");
	date_is("2bd", wed, "2026-12-04T15:15:00Z", "from Wed (Friday)");
	date_is("3bd", wed, "2026-12-07T15:15:00Z", "from Wed (Monday)");
	date_is("+5bd", fri, "2026-12-11T15:00:00Z", "from Friday (a week)");
	date_is("+10bd", wed, "2026-12-16T15:15:00Z",
	    "from Wed (two weekends)");
	date_is("-1bd", mon, "2026-12-04T15:00:00Z", "from Monday (Friday)");
	date_is("-1bd", sat, "2026-12-04T15:00:00Z", "from Saturday (Friday)");
	date_is("-6bd", mon, "2026-11-27T15:00:00Z",
	    "from Monday (two weekends back)");
	date_is("+1bd", fri_edt, "2026-11-02T15:00:00Z",
	    "from Fri 10:00 EDT (Mon 10:00 EST)");
}

static void
test_words(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */
	time_t fri = utc(2026, 12, 4, 15, 0);
	time_t sat = utc(2026, 12, 5, 15, 0);
	time_t sun = utc(2026, 12, 6, 15, 0);
	time_t feb2028 = utc(2028, 2, 10, 17, 0);
	time_t feb2026 = utc(2026, 2, 10, 17, 0);

	date_is("now", wed, "2026-12-02T15:15:00Z", "on Wed");
	date_is("NOW", wed, "2026-12-02T15:15:00Z", "on Wed");
	date_is("today", wed, "2026-12-02T14:00:00Z", "on Wed");
	date_is("Tomorrow", wed, "2026-12-03T14:00:00Z", "on Wed");
	date_is("yesterday", wed, "2026-12-01T14:00:00Z", "on Wed");

	date_is("monday", wed, "2026-12-07T14:00:00Z", "on Wed");
	date_is("tuesday", wed, "2026-12-08T14:00:00Z", "on Wed");
	date_is("wednesday", wed, "2026-12-09T14:00:00Z",
	    "on Wed (next week)");
	date_is("Wed", wed, "2026-12-09T14:00:00Z", "on Wed (next week)");
	date_is("thu", wed, "2026-12-03T14:00:00Z", "on Wed");
	date_is("FRIDAY", wed, "2026-12-04T14:00:00Z", "on Wed");
	date_is("sat", wed, "2026-12-05T14:00:00Z", "on Wed");
	date_is("sun", wed, "2026-12-06T14:00:00Z", "on Wed");
	date_is("friday", fri, "2026-12-11T14:00:00Z", "on Fri (next week)");

	date_is("eow", wed, "2026-12-04T14:00:00Z", "on Wed");
	date_is("eow", fri, "2026-12-04T14:00:00Z", "on Fri (today)");
	date_is("eow", sat, "2026-12-11T14:00:00Z", "on Sat (next Friday)");
	date_is("EOW", sun, "2026-12-11T14:00:00Z", "on Sun (next Friday)");
	date_is("eom", wed, "2026-12-31T14:00:00Z", "in December");
	date_is("eom", feb2028, "2028-02-29T14:00:00Z", "in February 2028");
	date_is("eom", feb2026, "2026-02-28T14:00:00Z", "in February 2026");

	date_bad("tomorow", wed);
	date_bad("", wed);
	date_bad(" today", wed);
	date_bad("today ", wed);
	date_bad("wednesdays", wed);
	date_bad("mo", wed);
	date_bad("noonish", wed);
	message_is("tomorow", 0, "calllog: cannot read date 'tomorow'; use "
	    "2026-12-01, '2026-12-01 14:30', 2026-12-01T14:30:00Z, +3d, 2w, "
	    "36h, 10bd, 'in 3 days', now, today, tomorrow, friday, "
	    "'next tuesday', eow, eom, 'dec 3', '3 dec 2026', 12/3 "
	    "(month/day) or 12/3/2026, the past: yesterday, "
	    "'last friday', '3 days ago', 'this morning', and after a day a "
	    "time: "
	    "'tomorrow 14:00', 'fri 2pm'\n");
}

/* A day followed by a time, in the words people use. */
static void
test_day_and_time(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */
	time_t spring = utc(2026, 3, 7, 13, 0);		/* Sat 08:00 EST */
	time_t fall = utc(2026, 10, 31, 12, 0);		/* Sat 08:00 EDT */

	date_is("tomorrow 14:00", wed, "2026-12-03T19:00:00Z", "from Wed");
	date_is("tomorrow at 9:30am", wed, "2026-12-03T14:30:00Z", "from Wed");
	date_is("fri 2pm", wed, "2026-12-04T19:00:00Z", "from Wed");
	date_is("Fri 2 PM", wed, "2026-12-04T19:00:00Z", "(apart, capitals)");
	date_is("friday 14:30:15", wed, "2026-12-04T19:30:15Z", "(seconds)");
	date_is("+2d 14:00", wed, "2026-12-04T19:00:00Z", "from Wed");
	date_is("2d 9:30am", wed, "2026-12-04T14:30:00Z", "from Wed");
	date_is("today 12am", wed, "2026-12-02T05:00:00Z", "(midnight)");
	date_is("today 12pm", wed, "2026-12-02T17:00:00Z", "(noon)");
	date_is("2pm", wed, "2026-12-02T19:00:00Z", "(today)");
	date_is("9:30am", wed, "2026-12-02T14:30:00Z", "(today)");
	date_is("2026-12-24 2pm", wed, "2026-12-24T19:00:00Z", "(ISO day)");
	date_is("eom 17:00", wed, "2026-12-31T22:00:00Z", "from Wed");
	date_is("tomorrow 2:30 pm", wed, "2026-12-03T19:30:00Z",
	    "(minutes, apart)");
	date_is("2pm tomorrow", wed, "2026-12-03T19:00:00Z", "(time first)");
	date_is("9:30 am fri", wed, "2026-12-04T14:30:00Z", "(time first)");
	date_is("at 14:00 dec 24", wed, "2026-12-24T19:00:00Z",
	    "(at, time first)");
	date_is("noon", wed, "2026-12-02T17:00:00Z", "(today)");
	date_is("tomorrow noon", wed, "2026-12-03T17:00:00Z", "from Wed");
	date_is("noon thurs", wed, "2026-12-03T17:00:00Z", "(time first)");
	date_is("tomorrow 12 noon", wed, "2026-12-03T17:00:00Z", "(12 noon)");
	date_is("at 2 pm in 10 business days", wed, "2026-12-16T19:00:00Z",
	    "(eight words)");

	/* The time is wall-clock time on the day named, whatever the
	 * offset between now and then. */
	date_is("tomorrow 14:00", spring, "2026-03-08T18:00:00Z",
	    "from Mar 7 EST (14:00 EDT)");
	date_is("+1d 14:00", fall, "2026-11-01T19:00:00Z",
	    "from Oct 31 EDT (14:00 EST)");

	date_bad("tomorrow 25:00", wed);
	date_bad("tomorrow 2", wed);
	date_bad("tomorrow 13pm", wed);
	date_bad("tomorrow 0am", wed);
	date_bad("tomorrow 14:00 15:00", wed);
	date_bad("36h 14:00", wed);
	date_bad("90min 2pm", wed);
	date_bad("now 14:00", wed);
	date_bad("in 2 hours 3pm", wed);
	date_bad("2pm 3pm", wed);
	date_bad("14:00 15:00 tomorrow", wed);
	date_bad("2pm now", wed);
	date_bad("noon 2pm", wed);
	date_bad("am tomorrow", wed);
	date_bad("tomorrow pm", wed);
	date_bad("2026-12-24T10:00 2pm", wed);
	date_bad("tomorrow tomorrow", wed);
	date_bad(" tomorrow 14:00", wed);
	date_bad("tomorrow 14:00 ", wed);
	date_is("at 2pm", wed, "2026-12-02T19:00:00Z", "(today)");
}

/* "in 3 days", "next tuesday". */
static void
test_in_and_next(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */
	time_t tue = utc(2026, 12, 8, 15, 0);		/* Tue 10:00 EST */
	time_t dec20 = utc(2026, 12, 20, 15, 0);

	date_is("in 3 days", wed, "2026-12-05T15:15:00Z", "(as +3d)");
	date_is("in 1 day", wed, "2026-12-03T15:15:00Z", "(as +1d)");
	date_is("in 2 weeks", wed, "2026-12-16T15:15:00Z", "(as 2w)");
	date_is("in 36 hours", wed, "2026-12-04T03:15:00Z", "(as 36h)");
	date_is("in 90 minutes", wed, "2026-12-02T16:45:00Z", "(as 90min)");
	date_is("in 3 business days", wed, "2026-12-07T15:15:00Z", "(3bd)");
	date_is("in 3d", wed, "2026-12-05T15:15:00Z", "(as 3d)");
	date_is("in 3 days 2pm", wed, "2026-12-05T19:00:00Z", "(and a time)");
	date_is("in 30 days", dec20, "2027-01-19T15:00:00Z",
	    "(into the next year)");
	date_is("next tuesday", wed, "2026-12-08T14:00:00Z", "from Wed");
	date_is("next tuesday", tue, "2026-12-15T14:00:00Z",
	    "said on a Tuesday (a week on, as 'tuesday')");
	date_is("tuesday", tue, "2026-12-15T14:00:00Z", "said on a Tuesday");
	date_is("next wed 12pm", wed, "2026-12-09T17:00:00Z", "from Wed");

	date_bad("in 3", wed);
	date_bad("in three days", wed);
	date_bad("in -3 days", wed);
	date_bad("in -3d", wed);
	date_bad("in 3 months", wed);
	date_bad("in 3 business", wed);
	date_bad("next", wed);
	date_is("next week", wed, "2026-12-07T14:00:00Z", "(the coming Monday)");
	date_is("next week 10am", wed, "2026-12-07T15:00:00Z", "(and a time)");
	date_is("in a week", wed, "2026-12-09T15:15:00Z", "(as 1w)");
	date_is("in an hour", wed, "2026-12-02T16:15:00Z", "(as 1h)");
	date_is("tues", wed, "2026-12-08T14:00:00Z", "(four letters)");
	date_is("thurs", wed, "2026-12-03T14:00:00Z", "(five letters)");
	date_is("weds", tue, "2026-12-09T14:00:00Z", "(weds)");
	date_bad("next month", wed);
	date_bad("in a", wed);
	date_bad("tu", wed);
	date_bad("fridays", wed);
	date_bad("next tomorrow", wed);
	date_bad("next dec", wed);
}

/* Month names, with and without a year. */
static void
test_month_names(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */
	time_t dec3 = utc(2026, 12, 3, 22, 0);		/* Dec 3, 17:00 EST */
	time_t dec20 = utc(2026, 12, 20, 15, 0);
	time_t jan10 = utc(2027, 1, 10, 15, 0);
	time_t feb2028 = utc(2028, 2, 10, 17, 0);
	time_t feb2026 = utc(2026, 2, 10, 17, 0);

	date_is("dec 3", wed, "2026-12-03T14:00:00Z", "on Dec 2");
	date_is("Dec 3", dec3, "2026-12-03T14:00:00Z", "on Dec 3 (today)");
	date_is("dec 3", dec20, "2026-12-03T14:00:00Z",
	    "on Dec 20 (the one just past)");
	date_is("dec 3", jan10, "2026-12-03T14:00:00Z",
	    "on Jan 10 (last year's)");
	date_is("jan 5", dec20, "2027-01-05T14:00:00Z", "on Dec 20 (next year)");
	date_is("june 1", dec20, "2027-06-01T13:00:00Z",
	    "on Dec 20 (nearer ahead, EDT)");
	date_is("jul 1", wed, "2026-07-01T13:00:00Z",
	    "on Dec 2 (nearer behind)");
	date_is("3 dec 2026", wed, "2026-12-03T14:00:00Z", "(day first)");
	date_is("3 December 2027", wed, "2027-12-03T14:00:00Z", "(in full)");
	date_is("december 3 2pm", wed, "2026-12-03T19:00:00Z", "(a time)");
	date_is("December 3rd, 2027 9:30am", wed, "2027-12-03T14:30:00Z",
	    "(ordinal, comma)");
	date_is("dec. 31", wed, "2026-12-31T14:00:00Z", "(a full stop)");
	date_is("sept 30", wed, "2026-09-30T13:00:00Z", "(four letters)");
	date_is("feb 29", feb2028, "2028-02-29T14:00:00Z", "in a leap year");
	date_is("feb 28", feb2026, "2026-02-28T14:00:00Z", "in 2026");

	date_bad("feb 29", feb2026);
	date_bad("feb 29 2026", wed);
	date_bad("apr 31", wed);
	date_bad("dec 32", wed);
	date_bad("dec 0", wed);
	date_bad("de 3", wed);
	date_bad("dec", wed);
	date_bad("3 4", wed);
	date_bad("dec 3 1969", wed);
	date_bad("dec 3 20261", wed);
	date_bad("dec 3rdx", wed);
	date_bad("dec dec", wed);
}

/* 12/3: the order the configuration says. */
static void
test_numeric_dates(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);		/* Wed 10:15 EST */

	date_is("12/3", wed, "2026-12-03T14:00:00Z", "month first");
	date_is("12/3/2026", wed, "2026-12-03T14:00:00Z", "month first");
	date_is("12/3/26", wed, "2026-12-03T14:00:00Z", "(two-digit year)");
	date_is("12/31 14:00", wed, "2026-12-31T19:00:00Z", "(a time)");
	date_is("3/12", wed, "2027-03-12T14:00:00Z",
	    "month first (nearer ahead)");
	date_is("2/29/2028", wed, "2028-02-29T14:00:00Z", "(leap day)");
	date_bad("13/1", wed);
	date_bad("2/29/2026", wed);
	date_bad("4/31", wed);
	date_bad("12/3/1969", wed);
	date_bad("12/3/", wed);
	date_bad("12/", wed);
	date_bad("1/2/3/4", wed);
	date_bad("12-3", wed);

	when_set_order(WHEN_DMY);
	date_is("12/3", wed, "2027-03-12T14:00:00Z", "day first (12 March)");
	date_is("3/12/2026", wed, "2026-12-03T14:00:00Z", "day first");
	date_is("13/1", wed, "2027-01-13T14:00:00Z", "day first");
	date_is("dec 3", wed, "2026-12-03T14:00:00Z", "day first (names)");
	date_bad("1/13", wed);
	message_is("1/13", 0, "calllog: cannot read date '1/13'; use "
	    "2026-12-01, '2026-12-01 14:30', 2026-12-01T14:30:00Z, +3d, 2w, "
	    "36h, 10bd, 'in 3 days', now, today, tomorrow, friday, "
	    "'next tuesday', eow, eom, '3 dec', '3 dec 2026', 3/12 "
	    "(day/month) or 3/12/2026, the past: yesterday, "
	    "'last friday', '3 days ago', 'this morning', and after a day a "
	    "time: "
	    "'tomorrow 14:00', 'fri 2pm'\n");
	when_set_order(WHEN_MDY);
}

static void
test_durations(void)
{
	duration_is("25m", 1500);
	duration_is("1h10m", 4200);
	duration_is("1H10M", 4200);
	duration_is("90s", 90);
	duration_is("1h", 3600);
	duration_is("1h5s", 3605);
	duration_is("2h5m30s", 7530);
	duration_is("1:05:00", 3900);
	duration_is("5:30", 330);
	duration_is("45", 2700);
	duration_is("0", 0);
	duration_is("168h", 604800);
	duration_is("10080", 604800);

	duration_bad("-5m");
	duration_bad("");
	duration_bad("5m1h");
	duration_bad("1h1h");
	duration_bad("1h10");
	duration_bad("1:5");
	duration_bad("1:60");
	duration_bad("1:05:60");
	duration_bad("1:02:03:04");
	duration_bad("169h");
	duration_bad("604801s");
	duration_bad("99999999999h");
	duration_bad("10x");
	duration_bad("m");
	duration_bad("1.5h");
	duration_bad("25m ");
	message_is("1h1h", 1, "calllog: cannot read duration '1h1h'; use "
	    "25m, 1h10m, 90s or 1:05:00\n");
}

static void
test_formatting(void)
{
	time_t wed = utc(2026, 12, 2, 15, 15);
	char buf[WHEN_BUFSZ];

	when_format_utc(0, buf);
	is_str(buf, "1970-01-01T00:00:00Z", "utc of the epoch");
	when_format_utc(1796135400, buf);
	is_str(buf, "2026-12-01T14:30:00Z", "utc of 1796135400");
	when_format_local(1796135400, buf);
	is_str(buf, "2026-12-01 09:30", "local in winter (EST)");
	when_format_local(utc(2026, 7, 1, 13, 0), buf);
	is_str(buf, "2026-07-01 09:00", "local in summer (EDT)");
	when_format_date(utc(2026, 12, 2, 3, 0), buf);
	is_str(buf, "2026-12-01", "date of 03:00Z is the evening before");
	when_format_date(utc(2026, 12, 2, 5, 0), buf);
	is_str(buf, "2026-12-02", "date of 05:00Z is local midnight");

	span_is(0, "0s");
	span_is(45, "45s");
	span_is(59, "59s");
	span_is(60, "1m");
	span_is(1500, "25m");
	span_is(3599, "59m");
	span_is(3600, "1h");
	span_is(3630, "1h");
	span_is(4200, "1h10m");
	span_is(5 * 3600, "5h");
	span_is(10 * 3600 + 600, "10h");
	span_is(86399, "23h");
	span_is(86400, "1d");
	span_is(3 * 86400 + 5, "3d");
	span_is(13 * 86400, "13d");
	span_is(14 * 86400, "2w");
	span_is(-4200, "1h10m");
	span_is(-45, "45s");

	exact_is(4200, "1h10m");
	exact_is(1500, "25m");
	exact_is(90, "1m30s");
	exact_is(0, "0s");
	exact_is(3605, "1h5s");
	exact_is(3600, "1h");
	exact_is(7530, "2h5m30s");

	relative_is(wed + 2 * 86400, wed, "in 2d");
	relative_is(wed - 3 * 3600, wed, "3h ago");
	relative_is(wed, wed, "now");
	relative_is(wed + 30, wed, "now");
	relative_is(wed - 59, wed, "now");
	relative_is(wed + 60, wed, "in 1m");
	relative_is(wed - 4200, wed, "1h10m ago");
	relative_is(wed + 20 * 86400, wed, "in 2w");
}

static void
test_now(void)
{
	char buf[WHEN_BUFSZ];
	time_t t = 0, real;

	setenv("CALLLOG_NOW", "2026-12-01T14:30:00Z", 1);
	ok(when_now(&t) == 0, "CALLLOG_NOW is read");
	when_format_utc(t, buf);
	is_str(buf, "2026-12-01T14:30:00Z", "CALLLOG_NOW pins the clock");
	setenv("CALLLOG_NOW", "2026-12-01", 1);
	when_now(&t);
	when_format_utc(t, buf);
	is_str(buf, "2026-12-01T14:00:00Z", "CALLLOG_NOW date alone is 09:00");
	setenv("CALLLOG_NOW", "soon", 1);
	ok(when_now(&t) == -1, "CALLLOG_NOW of garbage is refused");
	setenv("CALLLOG_NOW", "", 1);
	real = time(NULL);
	ok(when_now(&t) == 0 && t >= real && t - real < 5,
	    "empty CALLLOG_NOW is the real clock");
	unsetenv("CALLLOG_NOW");
	real = time(NULL);
	ok(when_now(&t) == 0 && t >= real && t - real < 5,
	    "unset CALLLOG_NOW is the real clock");
}

/*
 * The past, for when a call happened.  Thursday 2026-11-26 10:00 EST
 * (15:00Z) and a Friday, 2026-11-27 08:30 EST, so that "last friday" said
 * on a Friday is a week back.
 */
static void
test_past(void)
{
	time_t thu = utc(2026, 11, 26, 15, 0), fri = utc(2026, 11, 27, 13, 30);
	time_t mon = utc(2026, 11, 30, 15, 0);
	char buf[WHEN_BUFSZ];

	date_is("last friday", thu, "2026-11-20T14:00:00Z", "on a Thursday");
	date_is("last fri", thu, "2026-11-20T14:00:00Z", "abbreviated");
	date_is("Last Thurs", thu, "2026-11-19T14:00:00Z",
	    "said on a Thursday: a week back");
	date_is("last wed", thu, "2026-11-25T14:00:00Z", "yesterday's weekday");
	date_is("last friday", fri, "2026-11-20T14:00:00Z", "said on a Friday");
	date_is("last sunday", mon, "2026-11-29T14:00:00Z", "said on a Monday");
	date_is("last friday 10:15", thu, "2026-11-20T15:15:00Z", "with a time");
	date_is("last tue 2pm", thu, "2026-11-24T19:00:00Z", "with 2pm");
	date_is("3 days ago", thu, "2026-11-23T15:00:00Z",
	    "keeping the time of day");
	date_is("1 day ago", thu, "2026-11-25T15:00:00Z", "one day");
	date_is("a week ago", thu, "2026-11-19T15:00:00Z", "a week");
	date_is("2 weeks ago", thu, "2026-11-12T15:00:00Z", "two weeks");
	date_is("2 hours ago", thu, "2026-11-26T13:00:00Z", "exact hours");
	date_is("an hour ago", thu, "2026-11-26T14:00:00Z", "an hour");
	date_is("45 minutes ago", thu, "2026-11-26T14:15:00Z", "minutes");
	date_is("3d ago", thu, "2026-11-23T15:00:00Z", "as an offset word");
	date_is("2 business days ago", mon, "2026-11-26T15:00:00Z",
	    "over a weekend");
	date_is("3 days ago 4pm", thu, "2026-11-23T21:00:00Z", "with a time");
	date_is("2 days ago at 8:30am", thu, "2026-11-24T13:30:00Z",
	    "with at and a time");
	date_is("yesterday", thu, "2026-11-25T14:00:00Z", "at 09:00");
	date_is("yesterday 3pm", thu, "2026-11-25T20:00:00Z", "at 3pm");
	date_is("this morning", thu, "2026-11-26T14:00:00Z", "09:00 today");
	date_is("this afternoon", thu, "2026-11-26T19:00:00Z", "14:00 today");
	date_is("this evening", thu, "2026-11-27T00:00:00Z", "19:00 today");
	date_is("tonight", thu, "2026-11-27T02:00:00Z", "21:00 today");
	date_is("last night", thu, "2026-11-26T02:00:00Z", "21:00 yesterday");
	date_is("yesterday afternoon", thu, "2026-11-25T19:00:00Z",
	    "a day and a part of it");
	date_is("friday morning", thu, "2026-11-27T14:00:00Z",
	    "a weekday's morning");
	date_is("in 3d", thu, "2026-11-29T15:00:00Z", "still ahead");
	date_bad("2 hours ago 3pm", thu);
	date_bad("last", thu);
	date_bad("this", thu);
	date_bad("ago", thu);
	date_bad("last week", thu);
	date_bad("last dec", thu);
	date_bad("last night 3pm", thu);
	date_bad("-3 days ago", thu);
	date_bad("this friday morning x", thu);

	when_format_day(utc(2026, 11, 27, 14, 0), buf);
	is_str(buf, "Fri 2026-11-27 09:00", "when_format_day names the weekday");
	when_format_day(utc(2026, 11, 29, 2, 30), buf);
	is_str(buf, "Sat 2026-11-28 21:30", "in the local zone");
	ok(when_warn_past(utc(2026, 11, 26, 14, 0), thu, "test") == 1,
	    "a time before now is warned of");
	ok(when_warn_past(utc(2026, 11, 26, 16, 0), thu, "test") == 0,
	    "a time after now is not");
	ok(when_warn_past(0, thu, "test") == 0, "nor an unset one");
}

int
main(void)
{
	setenv("TZ", "America/New_York", 1);
	tzset();
	test_iso();
	test_time_of_day();
	test_offsets();
	test_business_days();
	test_words();
	test_day_and_time();
	test_in_and_next();
	test_month_names();
	test_numeric_dates();
	test_durations();
	test_formatting();
	test_now();
	test_past();
	return tap_done();
}
