/*
 * when_calc.c: the date arithmetic every date form is built on: digits
 * read with their limits, the calendar's months, local time made and
 * moved by days and business days.  It knows no words; the grammar
 * (when_token.c, when_words.c) sits above it and nothing here calls up.
 */
#include <ctype.h>
#include <stdlib.h>
#include <time.h>

#include "when_int.h"

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
int
when_shift_days(time_t t, long days, int at_nine, time_t *out)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return -1;
	tm.tm_mday += (int)days;
	if (at_nine) {
		tm.tm_hour = WHEN_DEFAULT_HOUR;
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
int
when_shift_business_days(time_t t, long n, time_t *out)
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
	return when_shift_days(t, days, 0, out);
}
