/*
 * when_int.h: what the date modules (src/when*.c) share, and nothing else
 * sees.
 * Each parser returns 0 and sets *out, or -1 without reporting: when_parse
 * tries them in turn and reports once.  Declared floor by floor, each
 * file using only those above it here: when_calc.c, when_token.c,
 * when_days.c, when_words.c (when.c, the top, uses them all).
 */
#ifndef CALLLOG_WHEN_INT_H
#define CALLLOG_WHEN_INT_H

#include <time.h>

/* A date alone means a working morning, not midnight. */
#define WHEN_DEFAULT_HOUR 9

/* when_calc.c, the arithmetic. */

/* Digits at *pp: exactly width of them, or one or more when width is 0,
 * at most max; advances *pp. */
int when_read_number(const char **pp, int width, long max, long *v);

/* 28 to 31, for month m (1-12) of year y. */
int when_days_in_month(long y, long m);

/* mktime, the zone deciding whether DST applies. */
int when_make_local(struct tm *tm, time_t *out);

/* t moved by days calendar days (to 09:00 with at_nine, else at t's time
 * of day), or by n business days; 0 or -1. */
int when_shift_days(time_t t, long days, int at_nine, time_t *out);
int when_shift_business_days(time_t t, long n, time_t *out);

/* when_token.c, the dates of one word. */

/* ISO 8601, or a bare time of day meaning today. */
int when_parse_iso(const char *s, time_t now, time_t *out);

/* "+3d", "2w", "-36h", "10bd", "90min". */
int when_parse_offset(const char *s, time_t now, time_t *out);

/* "now", "today", "tomorrow", "yesterday", "eow", "eom", weekday names. */
int when_parse_word(const char *s, time_t now, time_t *out);

/* "last friday": the named weekday before today, at 09:00; said on a
 * Friday, a week ago. */
int when_parse_past_weekday(const char *s, time_t now, time_t *out);

/* when_days.c, times of day and dates in the calendar's words. */

/* No date anyone types has more words ("at 2 pm in 10 business days"),
 * or longer ones. */
#define MAX_WORDS	8
#define WORD_MAX	24

/* A date split into lower-case words (by when_words.c). */
struct phrase {
	char w[MAX_WORDS][WORD_MAX];
	int n;
};

/* The accepted forms, for the error message, in the configured order. */
const char *when_forms(void);

/* The hour a part of the day ("morning", "night") stands for, or -1. */
int when_part_of_day(const char *w);

/* A time of day in one word ("14:30", "2pm", "noon", "morning") into
 * tm's hour, minute and second; 0 or -1. */
int when_read_time(const char *w, struct tm *tm);

/* "12/3", "12/3/2026": month or day first as configured; 0 or -1. */
int when_numeric_date(const char *w, time_t now, time_t *out);

/* The first n words of ph as a month and day ("dec 3", "3 dec 2026");
 * 0 or -1. */
int when_month_date(const struct phrase *ph, int n, time_t now, time_t *out);

/* when_words.c: everything of more than one word, month names, numeric
 * day and month, and any day followed by a time of day. */
int when_parse_phrase(const char *s, time_t now, time_t *out);

#endif
