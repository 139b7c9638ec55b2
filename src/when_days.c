/*
 * when_days.c: the calendar in words and numbers: times of day ("2pm",
 * "noon", "morning"), month names, "dec 3", "3 dec 2026" and "12/3" read
 * in the configured order (month or day first).  when_words.c puts
 * these together into phrases; they stand on when_calc.c.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "when.h"
#include "when_int.h"

static enum when_order date_order = WHEN_MDY;

void
when_set_order(enum when_order order)
{
	date_order = order;
}

const char *
when_forms(void)
{
	return date_order == WHEN_DMY ?
	    "2026-12-01, '2026-12-01 14:30', 2026-12-01T14:30:00Z, +3d, 2w, "
	    "36h, 10bd, 'in 3 days', now, today, tomorrow, friday, "
	    "'next tuesday', eow, eom, '3 dec', '3 dec 2026', 3/12 "
	    "(day/month) or 3/12/2026, the past: yesterday, 'last friday', "
	    "'3 days ago', 'this morning', and after a day a time: "
	    "'tomorrow 14:00', 'fri 2pm'" :
	    "2026-12-01, '2026-12-01 14:30', 2026-12-01T14:30:00Z, +3d, 2w, "
	    "36h, 10bd, 'in 3 days', now, today, tomorrow, friday, "
	    "'next tuesday', eow, eom, 'dec 3', '3 dec 2026', 12/3 "
	    "(month/day) or 12/3/2026, the past: yesterday, 'last friday', "
	    "'3 days ago', 'this morning', and after a day a time: "
	    "'tomorrow 14:00', 'fri 2pm'";
}

/*
 * The hour a part of the day stands for, when someone says when a call
 * happened and did not look at the clock: "this morning" is the working
 * morning dates default to, "last night" late evening.  -1 for any other
 * word.
 */
int
when_part_of_day(const char *w)
{
	static const struct { const char *word; int hour; } parts[] = {
		{ "morning", WHEN_DEFAULT_HOUR }, { "afternoon", 14 },
		{ "evening", 19 }, { "night", 21 },
	};

	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		if (strcmp(w, parts[i].word) == 0)
			return parts[i].hour;
	return -1;
}

/*
 * A time of day: "14:30", "14:30:05", "2pm", "9:30am", "12am" (midnight),
 * "noon", or a part of the day ("morning").  Without am or pm a colon
 * is needed, since a bare number is a day.  Sets the fields of tm;
 * returns 0 or -1.
 */
int
when_read_time(const char *w, struct tm *tm)
{
	const char *p = w;
	long h, mi = 0, sec = 0;
	int colon = 0, part;

	if (strcmp(w, "noon") == 0) {
		tm->tm_hour = 12;
		tm->tm_min = tm->tm_sec = 0;
		return 0;
	}
	if ((part = when_part_of_day(w)) >= 0) {
		tm->tm_hour = part;
		tm->tm_min = tm->tm_sec = 0;
		return 0;
	}
	if (when_read_number(&p, 0, 23, &h) || p - w > 2)
		return -1;
	if (*p == ':') {
		p++;
		colon = 1;
		if (when_read_number(&p, 2, 59, &mi))
			return -1;
		if (*p == ':' && (p++, when_read_number(&p, 2, 59, &sec)))
			return -1;
	}
	if (strcmp(p, "am") == 0 || strcmp(p, "pm") == 0) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + (*p == 'p' ? 12 : 0);
	} else if (*p != '\0' || !colon)
		return -1;
	tm->tm_hour = (int)h;
	tm->tm_min = (int)mi;
	tm->tm_sec = (int)sec;
	return 0;
}

/* The month (1-12) named in full or by at least its first three letters
 * ("dec", "decem", "sept"), or -1. */
static int
month_number(const char *w)
{
	static const char *const names[12] = {
		"january", "february", "march", "april", "may", "june", "july",
		"august", "september", "october", "november", "december"
	};
	size_t n = strlen(w);

	for (int i = 0; i < 12; i++)
		if (n >= 3 && strncmp(names[i], w, n) == 0)
			return i + 1;
	return -1;
}

/* A day of the month: "3", "03", "3rd", "21st"; -1 when it is not one. */
static long
day_number(const char *w)
{
	const char *p = w;
	long d;

	if (when_read_number(&p, 0, 31, &d) || p - w > 2 || d < 1)
		return -1;
	if (*p && strcmp(p, "st") && strcmp(p, "nd") && strcmp(p, "rd") &&
	    strcmp(p, "th"))
		return -1;
	return d;
}

/* A year of four digits, or of two meaning 20YY; -1 when it is not one. */
static long
year_number(const char *w)
{
	const char *p = w;
	long y;

	if (when_read_number(&p, 0, 9999, &y) || *p)
		return -1;
	if (p - w == 2)
		return 2000 + y;
	return p - w == 4 && y >= 1970 ? y : -1;
}

/* y-m-d at 09:00 local, after checking the day exists. */
static int
make_date(long y, long m, long d, time_t *out)
{
	struct tm tm = { 0 };

	if (y < 1970 || y > 2999 || m < 1 || m > 12 || d < 1 ||
	    d > when_days_in_month(y, m))
		return -1;
	tm.tm_year = (int)(y - 1900);
	tm.tm_mon = (int)(m - 1);
	tm.tm_mday = (int)d;
	tm.tm_hour = WHEN_DEFAULT_HOUR;
	return when_make_local(&tm, out);
}

/*
 * A month and day without a year: of last year's, this year's and next
 * year's, the one nearest to now.  Said in January, "dec 3" is the past
 * December (the call just logged, the --since a person means); said in
 * December, "jan 5" is the coming January (the follow-up); on Dec 3
 * itself it is today.  A 29 February takes the nearest year that has one.
 */
static int
nearest_date(long m, long d, time_t now, time_t *out)
{
	struct tm tm;
	double best = -1;

	if (localtime_r(&now, &tm) == NULL)
		return -1;
	for (long y = tm.tm_year + 1900L - 1; y <= tm.tm_year + 1900L + 1;
	    y++) {
		time_t t;
		double gap;

		if (make_date(y, m, d, &t) != 0)
			continue;
		gap = difftime(t, now);
		if (gap < 0)
			gap = -gap;
		/* Compared at 09:00: today's date is nearest, at any hour. */
		if (best < 0 || gap < best) {
			best = gap;
			*out = t;
		}
	}
	return best < 0 ? -1 : 0;
}

/* "12/3" or "12/3/2026" (or "12/3/26"), month first or day first as the
 * configuration says. */
int
when_numeric_date(const char *w, time_t now, time_t *out)
{
	const char *p = w;
	long a, b, y = -1;

	if (when_read_number(&p, 0, 31, &a) || *p++ != '/' ||
	    when_read_number(&p, 0, 31, &b))
		return -1;
	if (*p == '/' && (y = year_number(p + 1)) < 0)
		return -1;
	if (*p && *p != '/')
		return -1;
	if (date_order == WHEN_DMY) {
		long t = a;

		a = b;
		b = t;
	}
	return y < 0 ? nearest_date(a, b, now, out) : make_date(y, a, b, out);
}

/* "dec 3", "3 dec", "december 3rd 2026", "3 dec 2026". */
int
when_month_date(const struct phrase *ph, int n, time_t now, time_t *out)
{
	long m, d, y = -1;

	if (n < 2 || n > 3)
		return -1;
	if ((m = month_number(ph->w[0])) > 0)
		d = day_number(ph->w[1]);
	else if ((m = month_number(ph->w[1])) > 0)
		d = day_number(ph->w[0]);
	else
		return -1;
	if (d < 0 || (n == 3 && (y = year_number(ph->w[2])) < 0))
		return -1;
	return y < 0 ? nearest_date(m, d, now, out) : make_date(y, m, d, out);
}
