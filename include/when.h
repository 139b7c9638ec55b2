/*
 * when: reading and writing times and durations the way people type them.
 *
 * All times are UTC seconds (time_t).  Parsing and local formatting use the
 * process time zone (TZ is honoured through localtime_r/mktime), so callers
 * pass "now" explicitly and never read the clock here: the module is pure
 * apart from the zone database.
 */
#ifndef CALLLOG_WHEN_H
#define CALLLOG_WHEN_H

#include <stddef.h>
#include <time.h>

/* Longest string the format functions write, including the NUL. */
#define WHEN_BUFSZ 64

/* The last time calllog keeps, 2999-12-31T23:59:59Z, typed or computed:
 * libical writes any time past the year 3000 as "00000000T000000", so a
 * later date could be stored but not put in a calendar. */
#define WHEN_MAX_TIME 32503679999LL

/* The longest call (duration, hold) any door takes: no call lasts a
 * week. */
#define WHEN_MAX_DURATION (7L * 24 * 3600)

/*
 * Parse a date as given on the command line, relative to now.  Accepted:
 * ISO 8601 ("2026-12-01", "2026-12-01 14:30", "2026-12-01T14:30:00Z",
 * "...+01:00"), a bare time of day ("14:30", "2pm", today), offsets ("+3d",
 * "2w", "36h", "-2d", "10bd" for business days, "in 3 days"), words
 * ("now", "today", "tomorrow", "yesterday", weekday names meaning the next
 * such day, "next tuesday" the same, "eow", "eom"), the past for when a
 * call happened ("last friday", "3 days ago", "2 business days ago", "an
 * hour ago", "this morning", "yesterday afternoon", "last night"), month
 * names ("dec 3",
 * "3 dec 2026", "december 3rd") and numeric day and month in the order
 * when_set_order gave ("12/3", "12/3/2026"); a month and day without a
 * year is the one nearest to now.  Any day may be followed by a time
 * ("tomorrow 14:00", "fri 2pm", "+2d 9:30am").  A date without a time
 * means 09:00 local time.
 *
 * Returns 0 and sets *out, or -1 after reporting through error() a message
 * that names the input and lists the accepted forms.
 */
int when_parse(const char *s, time_t now, time_t *out);

/* The order of numeric dates: "12/3" is December 3 (WHEN_MDY, the
 * default) or 12 March (WHEN_DMY). */
enum when_order { WHEN_MDY, WHEN_DMY };

/*
 * Set how when_parse reads numeric dates, for the rest of the process:
 * main calls it once with the configured order, as the zone comes from TZ
 * once.  A setting rather than a parameter, so that the dozens of callers
 * of when_parse, which only pass text on, need not carry the configuration.
 */
void when_set_order(enum when_order order);

/*
 * Check a time calllog computed (a deadline plus an interval) before it is
 * kept: 0 when it is within the years every form can read back, else -1
 * after reporting what would have been too late, named by what.
 */
int when_check_computed(time_t t, const char *what);

/*
 * Parse a duration: "25m", "1h10m", "90s", "1:05:00" (h:mm:ss), "5:30"
 * (m:ss), or a bare number of minutes.  Returns 0 and sets *secs, or -1
 * after reporting the bad input through error().
 */
int when_parse_duration(const char *s, long *secs);

/* "2026-12-01T14:30:00Z". */
void when_format_utc(time_t t, char buf[WHEN_BUFSZ]);

/* Local time, minutes precision: "2026-12-01 14:30". */
void when_format_local(time_t t, char buf[WHEN_BUFSZ]);

/* Local time with its weekday, for confirmations: "Fri 2026-11-27 09:00",
 * so that "next fri" said on a Thursday, or a Saturday, is noticed. */
void when_format_day(time_t t, char buf[WHEN_BUFSZ]);

/*
 * Warn (one line on standard error) that t, a follow-up or deadline named
 * by what, is already past at now: accepted, since a person may be
 * catching up the record, but said, since it is more often a slip.
 * Returns 1 when it warned, else 0 (t is 0, unset, or not past).
 */
int when_warn_past(time_t t, time_t now, const char *what);

/* The same for a deadline, which lasts until the end of its day: warns
 * only when t falls on a day before now's. */
int when_warn_past_day(time_t t, time_t now, const char *what);

/* Local date only: "2026-12-01". */
void when_format_date(time_t t, char buf[WHEN_BUFSZ]);

/* A span of seconds as people say it: "45s", "25m", "1h10m", "3d", "2w". */
void when_format_span(long secs, char buf[WHEN_BUFSZ]);

/*
 * The age of something that began at t (a case opened): "today" when t is
 * on now's local date and less than a day ago (or ahead), else the span
 * since t as when_format_span writes it.  Returns 1 for "today", else 0,
 * so that "(3d ago)" can read "(today)".
 */
int when_format_age(time_t t, time_t now, char buf[WHEN_BUFSZ]);

/* A duration in its exact form: "1h10m", "25m", "1m30s", "0s". */
void when_format_duration(long secs, char buf[WHEN_BUFSZ]);

/*
 * Time relative to now for tables: "in 2d", "3h ago", "today 14:30" is not
 * attempted; only the signed span.  Writes "now" within a minute.
 */
void when_format_relative(time_t t, time_t now, char buf[WHEN_BUFSZ]);

/*
 * The clock: CALLLOG_NOW (ISO 8601, read by when_parse with the real time as
 * reference) when set, else time(NULL).  Returns -1 after reporting when
 * CALLLOG_NOW cannot be read.  The only function in calllog that reads the
 * clock.
 */
int when_now(time_t *out);

#endif
