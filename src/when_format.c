/*
 * when_format.c: UTC seconds back into the text people read: times, days,
 * spans and ages, and the warning for a date already past.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"
#include "when.h"

/* strftime a broken-down time, or write "?" when there is none.  Every
 * caller passes a literal format, which -Wformat-nonliteral cannot see. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void
format_tm(const struct tm *tm, const char *fmt, char buf[WHEN_BUFSZ])
{
	if (tm == NULL || strftime(buf, WHEN_BUFSZ, fmt, tm) == 0)
		snprintf(buf, WHEN_BUFSZ, "?");
}
#pragma GCC diagnostic pop

void
when_format_utc(time_t t, char buf[WHEN_BUFSZ])
{
	struct tm tm;

	format_tm(gmtime_r(&t, &tm), "%Y-%m-%dT%H:%M:%SZ", buf);
}

void
when_format_local(time_t t, char buf[WHEN_BUFSZ])
{
	struct tm tm;

	format_tm(localtime_r(&t, &tm), "%Y-%m-%d %H:%M", buf);
}

/* The weekday's name is written from a table, not by strftime's %a, so
 * that a confirmation reads the same in every locale. */
void
when_format_day(time_t t, char buf[WHEN_BUFSZ])
{
	static const char *const names[7] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	struct tm tm;
	char rest[WHEN_BUFSZ - 8];

	if (localtime_r(&t, &tm) == NULL) {
		snprintf(buf, WHEN_BUFSZ, "?");
		return;
	}
	if (strftime(rest, sizeof(rest), "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(rest, sizeof(rest), "?");
	snprintf(buf, WHEN_BUFSZ, "%s %s", names[tm.tm_wday], rest);
}

int
when_warn_past(time_t t, time_t now, const char *what)
{
	char day[WHEN_BUFSZ], ago[WHEN_BUFSZ];

	if (t == 0 || t >= now)
		return 0;
	when_format_day(t, day);
	when_format_relative(t, now, ago);
	warning("the %s %s is already past (%s); kept as given", what, day,
	    ago);
	return 1;
}

int
when_warn_past_day(time_t t, time_t now, const char *what)
{
	struct tm a, b;

	if (t == 0 || t >= now || localtime_r(&t, &a) == NULL ||
	    localtime_r(&now, &b) == NULL ||
	    (a.tm_year == b.tm_year && a.tm_yday == b.tm_yday))
		return 0;
	return when_warn_past(t, now, what);
}

void
when_format_date(time_t t, char buf[WHEN_BUFSZ])
{
	struct tm tm;

	format_tm(localtime_r(&t, &tm), "%Y-%m-%d", buf);
}

/* |secs|, without the overflow that labs(LONG_MIN) would be. */
static unsigned long
magnitude(long secs)
{
	return secs < 0 ? 0UL - (unsigned long)secs : (unsigned long)secs;
}

/*
 * Rounded down to the largest unit that fits: "45s", "25m", "5h", "3d",
 * "2w".  Under ten hours the minutes still matter to someone waiting for a
 * call back, so "1h10m" keeps them; from ten hours on they are noise.  Days
 * run to 13 before weeks take over, since "1w" would hide half a week.  The
 * sign is dropped: when_format_relative says which way.
 */
void
when_format_span(long secs, char buf[WHEN_BUFSZ])
{
	unsigned long a = magnitude(secs);

	if (a < 60)
		snprintf(buf, WHEN_BUFSZ, "%lus", a);
	else if (a < 3600)
		snprintf(buf, WHEN_BUFSZ, "%lum", a / 60);
	else if (a < 10 * 3600UL && a % 3600 >= 60)
		snprintf(buf, WHEN_BUFSZ, "%luh%lum", a / 3600, a % 3600 / 60);
	else if (a < 86400)
		snprintf(buf, WHEN_BUFSZ, "%luh", a / 3600);
	else if (a < 14 * 86400UL)
		snprintf(buf, WHEN_BUFSZ, "%lud", a / 86400);
	else
		snprintf(buf, WHEN_BUFSZ, "%luw", a / (7 * 86400UL));
}

int
when_format_age(time_t t, time_t now, char buf[WHEN_BUFSZ])
{
	struct tm a, b;

	/* "0s" for a case opened this morning reads as a glitch; people
	 * count a new case's age in days, and its first is today. */
	if (difftime(now, t) < 86400 && localtime_r(&t, &a) &&
	    localtime_r(&now, &b) && a.tm_year == b.tm_year &&
	    a.tm_yday == b.tm_yday) {
		snprintf(buf, WHEN_BUFSZ, "today");
		return 1;
	}
	when_format_span((long)difftime(now, t), buf);
	return 0;
}

/* Zero components are left out ("1h5s"), all of them but in "0s"; a
 * negative value gets a leading "-". */
void
when_format_duration(long secs, char buf[WHEN_BUFSZ])
{
	unsigned long a = magnitude(secs);
	unsigned long h = a / 3600, m = a % 3600 / 60, s = a % 60;
	/* At most "-" and 20 digits with three units: never truncated. */
	int n = snprintf(buf, WHEN_BUFSZ, "%s", secs < 0 ? "-" : "");

	if (h)
		n += snprintf(buf + n, WHEN_BUFSZ - (size_t)n, "%luh", h);
	if (m)
		n += snprintf(buf + n, WHEN_BUFSZ - (size_t)n, "%lum", m);
	if (s || a == 0)
		snprintf(buf + n, WHEN_BUFSZ - (size_t)n, "%lus", s);
}

void
when_format_relative(time_t t, time_t now, char buf[WHEN_BUFSZ])
{
	char span[WHEN_BUFSZ];
	/* difftime, because t - now can overflow for far-apart values. */
	double d = difftime(t, now);
	double a = d < 0 ? -d : d;

	if (a < 60) {
		snprintf(buf, WHEN_BUFSZ, "now");
		return;
	}
	if (a > (double)(LONG_MAX / 2))
		a = (double)(LONG_MAX / 2);
	when_format_span((long)a, span);
	snprintf(buf, WHEN_BUFSZ, d > 0 ? "in %s" : "%s ago", span);
}
