/*
 * when_int.h: what when.c and when_words.c share, and nothing else sees.
 * Each parser returns 0 and sets *out, or -1 without reporting: when_parse
 * tries them in turn and reports once.
 */
#ifndef CALLLOG_WHEN_INT_H
#define CALLLOG_WHEN_INT_H

#include <time.h>

/* A date alone means a working morning, not midnight. */
#define WHEN_DEFAULT_HOUR 9

/* Digits at *pp: exactly width of them, or one or more when width is 0,
 * at most max; advances *pp. */
int when_read_number(const char **pp, int width, long max, long *v);

/* 28 to 31, for month m (1-12) of year y. */
int when_days_in_month(long y, long m);

/* mktime, the zone deciding whether DST applies. */
int when_make_local(struct tm *tm, time_t *out);

/* ISO 8601, or a bare time of day meaning today. */
int when_parse_iso(const char *s, time_t now, time_t *out);

/* "+3d", "2w", "-36h", "10bd", "90min". */
int when_parse_offset(const char *s, time_t now, time_t *out);

/* "now", "today", "tomorrow", "yesterday", "eow", "eom", weekday names. */
int when_parse_word(const char *s, time_t now, time_t *out);

/* "last friday": the named weekday before today, at 09:00; said on a
 * Friday, a week ago. */
int when_parse_past_weekday(const char *s, time_t now, time_t *out);

/* Everything of more than one word, month names, numeric day and month,
 * and any day followed by a time of day (when_words.c). */
int when_parse_phrase(const char *s, time_t now, time_t *out);

/* The accepted forms, for the error message, in the configured order. */
const char *when_forms(void);

#endif
