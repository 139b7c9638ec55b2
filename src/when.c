/*
 * when.c: turns the dates and durations people type into UTC seconds, and
 * UTC seconds back into the text people read.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "util.h"
#include "when.h"
#include "when_int.h"

/* What the error messages offer instead of what the user typed. */
#define DURATION_FORMS	"25m, 1h10m, 90s or 1:05:00"

/*
 * A date alone means a working morning, not midnight.  Offsets beyond
 * MAX_UNITS are typing mistakes, and refusing them keeps the calendar
 * arithmetic far from int overflow; likewise MAX_FIELD for each number in
 * a duration, and no call lasts a week.  MAX_TIME is WHEN_MAX_TIME.
 */
#define DEFAULT_HOUR	9
#define MAX_UNITS	100000L
#define MAX_FIELD	99999999L
#define MAX_DURATION	WHEN_MAX_DURATION
#define MAX_TIME	WHEN_MAX_TIME

/*
 * Read digits at *pp into *v and advance: exactly width of them, or one or
 * more when width is 0.  Returns -1 when they are missing or the value
 * passes max, checked as it grows so that no input can overflow.
 */
int
when_read_number(const char **pp, int width, long max, long *v)
{
	const char *p = *pp;
	long x = 0;

	for (; isdigit((unsigned char)*p) && (width == 0 || p - *pp < width);
	    p++)
		if ((x = x * 10 + (*p - '0')) > max)
			return -1;
	if (p == *pp || (width && p - *pp < width))
		return -1;
	*pp = p;
	*v = x;
	return 0;
}

/* Leap years: every fourth, but of the centuries only every fourth. */
int
when_days_in_month(long y, long m)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0) ?
	    29 : mdays[m - 1];
}

/*
 * mktime, letting the zone decide whether DST applies (tm_isdst = -1):
 * that is what makes "+1d" keep the wall-clock time across a DST change.
 * Returns 0, or -1 when the time cannot be represented.
 */
int
when_make_local(struct tm *tm, time_t *out)
{
	tm->tm_isdst = -1;
	*out = mktime(tm);
	return *out == (time_t)-1 ? -1 : 0;
}

/*
 * Move t by days calendar days of local time, to 09:00 with at_nine or
 * else keeping t's time of day, so that across a DST change a day lasts 23
 * or 25 hours.  Returns 0 or -1.
 */
static int
shift_days(time_t t, long days, int at_nine, time_t *out)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	tm.tm_mday += (int)days;
	if (at_nine) {
		tm.tm_hour = DEFAULT_HOUR;
		tm.tm_min = tm.tm_sec = 0;
	}
	return when_make_local(&tm, out);
}

/*
 * Move t by n business days (backwards when negative), keeping the time of
 * day.  Each step passes over Saturday and Sunday, so a step taken at the
 * weekend lands on the nearest weekday that way: Saturday +1bd is Monday,
 * Saturday -1bd is Friday.  Returns 0 or -1.
 */
static int
shift_business_days(time_t t, long n, time_t *out)
{
	struct tm tm;
	long days = 0;
	int dir = n < 0 ? -1 : 1;
	int wday;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	wday = tm.tm_wday;
	for (long i = 0; i < labs(n); i++) {
		do {
			days += dir;
			wday = (wday + dir + 7) % 7;
		} while (wday == 0 || wday == 6);
	}
	return shift_days(t, days, 0, out);
}

/*
 * A time of day at *pp into tm: H:MM or HH:MM, optionally :SS.  A leap
 * second reads as :59, since time_t has no place for it.  Returns 0 and
 * advances, or -1.
 */
static int
parse_clock(const char **pp, struct tm *tm)
{
	const char *p = *pp;
	long h, mi, sec = 0;

	if (when_read_number(&p, 0, 23, &h) || p - *pp > 2 || *p++ != ':' ||
	    when_read_number(&p, 2, 59, &mi))
		return -1;
	if (*p == ':') {
		p++;
		if (when_read_number(&p, 2, 60, &sec))
			return -1;
	}
	tm->tm_hour = (int)h;
	tm->tm_min = (int)mi;
	tm->tm_sec = sec == 60 ? 59 : (int)sec;
	*pp = p;
	return 0;
}

/*
 * An optional zone at *pp: "Z", or "+hh:mm", "-hh:mm", "+hhmm".  Sets
 * *zoned when there is one and *offset to its seconds east of UTC.
 * Returns 0 and advances, or -1.
 */
static int
parse_zone(const char **pp, int *zoned, long *offset)
{
	const char *p = *pp;
	long hh, mm;

	*zoned = *p == 'Z' || *p == 'z' || *p == '+' || *p == '-';
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*zoned) {
		p++;
		if (when_read_number(&p, 2, 23, &hh))
			return -1;
		if (*p == ':')
			p++;
		if (when_read_number(&p, 2, 59, &mm))
			return -1;
		*offset = (**pp == '-' ? -1 : 1) * (hh * 3600 + mm * 60);
	}
	*pp = p;
	return 0;
}

/*
 * ISO 8601: a date, then optionally ' ' or 'T', a time and a zone; or a
 * time alone, meaning today.  Without a zone the time is local; without a
 * time it is 09:00 local.  Fields are checked here because mktime would
 * quietly make 2026-02-29 into March 1.
 */
int
when_parse_iso(const char *s, time_t now, time_t *out)
{
	struct tm tm;
	const char *p = s;
	long y, mo, d, offset = 0;
	int zoned = 0;

	if (localtime_r(&now, &tm) == NULL)
		return -1;
	if (parse_clock(&p, &tm) == 0)
		return *p == '\0' ? when_make_local(&tm, out) : -1;
	if (when_read_number(&p, 4, 9999, &y) || *p++ != '-' ||
	    when_read_number(&p, 2, 12, &mo) || *p++ != '-' ||
	    when_read_number(&p, 2, 31, &d))
		return -1;
	if (y < 1970 || mo < 1 || d < 1 || d > when_days_in_month(y, mo))
		return -1;
	tm.tm_year = (int)y - 1900;
	tm.tm_mon = (int)mo - 1;
	tm.tm_mday = (int)d;
	tm.tm_hour = DEFAULT_HOUR;
	tm.tm_min = tm.tm_sec = 0;
	if (*p == ' ' || *p == 'T' || *p == 't') {
		p++;
		if (parse_clock(&p, &tm) || parse_zone(&p, &zoned, &offset))
			return -1;
	}
	if (*p != '\0')
		return -1;
	if (!zoned)
		return when_make_local(&tm, out);
	*out = timegm(&tm) - offset;
	return 0;
}

/*
 * Offsets from now: [+|-]N then d, w or bd (calendar, weekly or business
 * days, keeping the time of day), or h or min (exact seconds, so "36h" is
 * 36 real hours even across a DST change).
 */
int
when_parse_offset(const char *s, time_t now, time_t *out)
{
	const char *p = s;
	long n;
	int sign = 1;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (when_read_number(&p, 0, MAX_UNITS, &n))
		return -1;
	n *= sign;
	if (strcasecmp(p, "d") == 0)
		return shift_days(now, n, 0, out);
	if (strcasecmp(p, "w") == 0)
		return shift_days(now, 7 * n, 0, out);
	if (strcasecmp(p, "bd") == 0)
		return shift_business_days(now, n, out);
	if (strcasecmp(p, "h") == 0)
		*out = now + (time_t)n * 3600;
	else if (strcasecmp(p, "min") == 0)
		*out = now + (time_t)n * 60;
	else
		return -1;
	return 0;
}

/* The day of the week (0 is Sunday) named in full, by its first three
 * letters or more ("tue", "tues", "thurs"), or as "weds". */
static int
weekday_number(const char *s)
{
	static const char *const names[7] = {
		"sunday", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday"
	};
	size_t n = strlen(s);

	if (strcasecmp(s, "weds") == 0)
		return 3;
	for (int i = 0; i < 7; i++)
		if (n >= 3 && strncasecmp(s, names[i], n) == 0 &&
		    n <= strlen(names[i]))
			return i;
	return -1;
}

/*
 * The words.  A weekday means the next one strictly after today: said on a
 * Friday, "friday" is a week away, since nobody names today that way.
 * "eow" is this week's Friday, or the coming one when said at the weekend;
 * "eom" is the last day of this month.  All but "now" mean 09:00.
 */
int
when_parse_word(const char *s, time_t now, time_t *out)
{
	struct tm tm;
	int wday, days;

	if (localtime_r(&now, &tm) == NULL)
		return -1;
	if (strcasecmp(s, "now") == 0) {
		*out = now;
		return 0;
	}
	if (strcasecmp(s, "today") == 0)
		return shift_days(now, 0, 1, out);
	if (strcasecmp(s, "tomorrow") == 0)
		return shift_days(now, 1, 1, out);
	if (strcasecmp(s, "yesterday") == 0)
		return shift_days(now, -1, 1, out);
	if (strcasecmp(s, "eow") == 0)
		return shift_days(now, (5 - tm.tm_wday + 7) % 7, 1, out);
	if (strcasecmp(s, "eom") == 0) {
		/* Day 0 of next month is the last day of this one. */
		tm.tm_mon++;
		tm.tm_mday = 0;
		tm.tm_hour = DEFAULT_HOUR;
		tm.tm_min = tm.tm_sec = 0;
		return when_make_local(&tm, out);
	}
	if ((wday = weekday_number(s)) < 0)
		return -1;
	days = (wday - tm.tm_wday + 7) % 7;
	return shift_days(now, days ? days : 7, 1, out);
}

int
when_parse_past_weekday(const char *s, time_t now, time_t *out)
{
	struct tm tm;
	int wday, days;

	if (localtime_r(&now, &tm) == NULL || (wday = weekday_number(s)) < 0)
		return -1;
	days = (tm.tm_wday - wday + 7) % 7;
	return shift_days(now, -(days ? days : 7), 1, out);
}

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
