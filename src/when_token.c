/*
 * when_token.c: the dates of one word: ISO 8601 ("2026-12-01 14:30"), an
 * offset from now ("+3d", "10bd", "36h") and the named days ("tomorrow",
 * "eom", "friday").  Built on when_calc.c; when_words.c reads phrases
 * out of these.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "when_int.h"

/* Offsets beyond MAX_UNITS are typing mistakes, and refusing them keeps
 * the calendar arithmetic far from int overflow. */
#define MAX_UNITS	100000L

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
	tm.tm_hour = WHEN_DEFAULT_HOUR;
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
		return when_shift_days(now, n, 0, out);
	if (strcasecmp(p, "w") == 0)
		return when_shift_days(now, 7 * n, 0, out);
	if (strcasecmp(p, "bd") == 0)
		return when_shift_business_days(now, n, out);
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
		return when_shift_days(now, 0, 1, out);
	if (strcasecmp(s, "tomorrow") == 0)
		return when_shift_days(now, 1, 1, out);
	if (strcasecmp(s, "yesterday") == 0)
		return when_shift_days(now, -1, 1, out);
	if (strcasecmp(s, "eow") == 0)
		return when_shift_days(now, (5 - tm.tm_wday + 7) % 7, 1, out);
	if (strcasecmp(s, "eom") == 0) {
		/* Day 0 of next month is the last day of this one. */
		tm.tm_mon++;
		tm.tm_mday = 0;
		tm.tm_hour = WHEN_DEFAULT_HOUR;
		tm.tm_min = tm.tm_sec = 0;
		return when_make_local(&tm, out);
	}
	if ((wday = weekday_number(s)) < 0)
		return -1;
	days = (wday - tm.tm_wday + 7) % 7;
	return when_shift_days(now, days ? days : 7, 1, out);
}

int
when_parse_past_weekday(const char *s, time_t now, time_t *out)
{
	struct tm tm;
	int wday, days;

	if (localtime_r(&now, &tm) == NULL || (wday = weekday_number(s)) < 0)
		return -1;
	days = (tm.tm_wday - wday + 7) % 7;
	return when_shift_days(now, -(days ? days : 7), 1, out);
}
