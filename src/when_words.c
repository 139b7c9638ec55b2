/*
 * when_words.c: dates as people say them in more than one word, or with
 * month names and slashes: "tomorrow 14:00", "fri 2pm", "in 3 days",
 * "next tuesday", "dec 3", "3 dec 2026", "12/3".  The grammar of the
 * phrase: its days and times are when_days.c's and when_token.c's.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "when_int.h"

/*
 * Split s into lower-case words at spaces and commas ("dec 3, 2026"); a
 * full stop ending a word goes ("dec. 3").  Returns -1 when there are too
 * many words or one is too long to be part of a date.
 */
static int
split_words(const char *s, struct phrase *ph)
{
	const char *p = s;

	ph->n = 0;
	for (;;) {
		size_t n;

		p += strspn(p, " ,");
		if (*p == '\0')
			return ph->n ? 0 : -1;
		n = strcspn(p, " ,");
		if (ph->n == MAX_WORDS || n >= WORD_MAX)
			return -1;
		for (size_t i = 0; i < n; i++)
			ph->w[ph->n][i] = (char)tolower((unsigned char)p[i]);
		if (n > 1 && p[n - 1] == '.')
			n--;
		ph->w[ph->n++][n] = '\0';
		p += n + (p[n] == '.');
	}
}

/*
 * A count and a unit in words, words from to n - 1 of ph ("3 days", "a
 * week", "10 business days", or one word "3d"), read by
 * when_parse_offset as that many units after now (sign 1) or before it
 * (sign -1).
 */
static int
count_unit(const struct phrase *ph, int from, int n, int sign, time_t now,
    time_t *out)
{
	static const struct { const char *word, *unit; } units[] = {
		{ "day", "d" }, { "days", "d" }, { "d", "d" },
		{ "week", "w" }, { "weeks", "w" }, { "w", "w" },
		{ "hour", "h" }, { "hours", "h" }, { "h", "h" },
		{ "minute", "min" }, { "minutes", "min" }, { "min", "min" },
		{ "mins", "min" }, { "bd", "bd" },
	};
	const char *unit = NULL, *p, *count = ph->w[from];
	char off[WORD_MAX * 2];

	if (n - from == 1) {	/* "in 3d", "3d ago" */
		if (count[0] == '-' || count[0] == '+')
			return -1;
		snprintf(off, sizeof(off), "%c%s", sign < 0 ? '-' : '+',
		    count);
		return when_parse_offset(off, now, out);
	}
	/* "in a week", "an hour ago" */
	if (strcmp(count, "a") == 0 || strcmp(count, "an") == 0)
		count = "1";
	for (p = count; isdigit((unsigned char)*p); p++)
		;
	if (p == count || *p)
		return -1;
	if (n - from == 3 && strcmp(ph->w[from + 1], "business") == 0 &&
	    (strcmp(ph->w[from + 2], "days") == 0 ||
	    strcmp(ph->w[from + 2], "day") == 0))
		unit = "bd";
	for (size_t i = 0; n - from == 2 &&
	    i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(ph->w[from + 1], units[i].word) == 0)
			unit = units[i].unit;
	if (unit == NULL)
		return -1;
	snprintf(off, sizeof(off), "%c%s%s", sign < 0 ? '-' : '+', count,
	    unit);
	return when_parse_offset(off, now, out);
}

/* "in 3 days", "in 2 weeks", "in 36 hours", "in 10 business days": the
 * offsets of when_parse_offset in words; and the past, for when a call
 * happened: "3 days ago", "an hour ago", "2 business days ago". */
static int
in_words(const struct phrase *ph, int n, time_t now, time_t *out)
{
	if (n >= 2 && strcmp(ph->w[0], "in") == 0)
		return count_unit(ph, 1, n, 1, now, out);
	if (n >= 2 && strcmp(ph->w[n - 1], "ago") == 0)
		return count_unit(ph, 0, n - 1, -1, now, out);
	return -1;
}

/* Whether a day ending in word w is an exact moment, to which a time of
 * day cannot be added: "now", "36h", "-90min", "in 2 hours", an ISO time;
 * "2 hours ago" is judged by its unit, the word before "ago". */
static int
is_moment(const struct phrase *ph, int n)
{
	const char *w = ph->w[n - 1];
	static const char *const units[] = { "now", "h", "hour", "hours",
	    "min", "mins", "minute", "minutes" };
	size_t len;

	if (strcmp(w, "ago") == 0 && n > 1)
		w = ph->w[n - 2];
	len = strlen(w);
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(w, units[i]) == 0)
			return 1;
	return strchr(w, ':') != NULL ||
	    (len > 1 && w[len - 1] == 'h' &&
	    isdigit((unsigned char)w[len - 2])) ||
	    (len > 3 && strcmp(w + len - 3, "min") == 0 &&
	    isdigit((unsigned char)w[len - 4]));
}

/* Whether w is a weekday's name, which when_parse_word reads among its
 * other words. */
static int
is_weekday(const char *w, time_t now)
{
	static const char *const others[] = { "now", "today", "tomorrow",
	    "yesterday", "eow", "eom" };
	time_t t;

	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		if (strcmp(w, others[i]) == 0)
			return 0;
	return when_parse_word(w, now, &t) == 0;
}

/* The day the first n words name: one word of the other forms, a month
 * and day, a numeric date, "next tuesday" or "in 3 days". */
static int
read_day(const struct phrase *ph, int n, time_t now, time_t *out)
{
	if (n == 1)
		return when_parse_iso(ph->w[0], now, out) == 0 ||
		    when_parse_offset(ph->w[0], now, out) == 0 ||
		    when_parse_word(ph->w[0], now, out) == 0 ||
		    when_numeric_date(ph->w[0], now, out) == 0 ? 0 : -1;
	/* "next tuesday" is "tuesday": the first after today, so said on a
	 * Tuesday it is a week away, as a bare weekday is; "next week" is the
	 * coming Monday. */
	if (n == 2 && strcmp(ph->w[0], "next") == 0 &&
	    strcmp(ph->w[1], "week") == 0)
		return when_parse_word("monday", now, out);
	if (n == 2 && strcmp(ph->w[0], "next") == 0)
		return is_weekday(ph->w[1], now) ?
		    when_parse_word(ph->w[1], now, out) : -1;
	/* "last friday" is the one before today: said on a Friday, a week
	 * ago, as "friday" then is a week ahead. */
	if (n == 2 && strcmp(ph->w[0], "last") == 0)
		return is_weekday(ph->w[1], now) ?
		    when_parse_past_weekday(ph->w[1], now, out) : -1;
	if (when_month_date(ph, n, now, out) == 0)
		return 0;
	return in_words(ph, n, now, out);
}

int
when_parse_phrase(const char *s, time_t now, time_t *out)
{
	struct phrase ph;
	struct tm clock = { 0 }, tm;
	int n, timed = 0;
	time_t day;

	/* Spaces around a date are a script's mistake, as before. */
	if (*s == '\0' || strchr(" ,", s[0]) ||
	    strchr(" ,", s[strlen(s) - 1]) || split_words(s, &ph) != 0)
		return -1;
	n = ph.n;
	/* "2 pm" is "2pm", "2:30 pm" "2:30pm", "12 noon" "noon", wherever
	 * they stand. */
	for (int i = 1; i < n; i++) {
		if (strcmp(ph.w[i], "noon") == 0 && strcmp(ph.w[i - 1], "12")
		    == 0)
			snprintf(ph.w[i - 1], WORD_MAX, "noon");
		else if ((strcmp(ph.w[i], "am") == 0 ||
		    strcmp(ph.w[i], "pm") == 0) &&
		    strlen(ph.w[i - 1]) + 2 < WORD_MAX)
			strcat(ph.w[i - 1], ph.w[i]);
		else
			continue;
		memmove(ph.w[i], ph.w[i + 1], (size_t)(n - i - 1) *
		    sizeof(ph.w[0]));
		n--;
	}
	/* "this morning" is today's, "last night" yesterday's, "tonight"
	 * today's night: the part of the day is then read as a time. */
	if (n == 2 && when_part_of_day(ph.w[1]) >= 0 &&
	    (strcmp(ph.w[0], "this") == 0 || (strcmp(ph.w[0], "last") == 0 &&
	    strcmp(ph.w[1], "night") == 0)))
		snprintf(ph.w[0], WORD_MAX, "%s",
		    ph.w[0][0] == 't' ? "today" : "yesterday");
	if (n == 1 && strcmp(ph.w[0], "tonight") == 0) {
		snprintf(ph.w[0], WORD_MAX, "today");
		snprintf(ph.w[1], WORD_MAX, "night");
		n = 2;
	}
	/* A time first ("2pm tomorrow", "at 9:30 fri") goes last. */
	if (strcmp(ph.w[0], "at") == 0 && n > 2 && when_read_time(ph.w[1],
	    &clock) == 0) {
		memmove(ph.w[0], ph.w[1], (size_t)(n - 1) * sizeof(ph.w[0]));
		n--;
	}
	if (n > 1 && when_read_time(ph.w[0], &clock) == 0 &&
	    when_read_time(ph.w[n - 1], &tm) != 0) {
		char first[WORD_MAX];

		memcpy(first, ph.w[0], WORD_MAX);
		memmove(ph.w[0], ph.w[1], (size_t)(n - 1) * sizeof(ph.w[0]));
		memcpy(ph.w[n - 1], first, WORD_MAX);
	}
	if (when_read_time(ph.w[n - 1], &clock) == 0) {
		timed = 1;
		if (--n > 0 && strcmp(ph.w[n - 1], "at") == 0)
			n--;
		if (n == 0) {	/* "2pm": today */
			snprintf(ph.w[0], WORD_MAX, "today");
			n = 1;
		}
	}
	if (read_day(&ph, n, now, &day) != 0)
		return -1;
	if (!timed) {
		*out = day;
		return 0;
	}
	if (is_moment(&ph, n))
		return -1;
	if (localtime_r(&day, &tm) == NULL)
		return -1;
	tm.tm_hour = clock.tm_hour;
	tm.tm_min = clock.tm_min;
	tm.tm_sec = clock.tm_sec;
	return when_make_local(&tm, out);
}
