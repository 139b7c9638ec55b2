/*
 * ical.c: libical, opened on first use, and what every calendar file of
 * calllog's builds on: a component's text with libical's folding mended,
 * and times both ways (UTC out; in, as a client wrote them: UTC, a zone
 * the file defines, a date or floating).  The reminders are
 * ical_remind.c, the items sync keeps ical_item*.c.
 */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "ical_int.h"
#include "util.h"

#ifndef LIBICAL_SONAME
#error "LIBICAL_SONAME (e.g. \"libical.so.3\") must be defined"
#endif

#define ICAL_DEF(f) __typeof__(f) *p_##f;
ICAL_FUNCS(ICAL_DEF)

/* Every p_ pointer looked up once, on the first call; see ical_int.h. */
int
ical_load(void)
{
	static int loaded;
	void *h;

	if (loaded)
		return 0;
	if ((h = dlopen(LIBICAL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return error("cannot load libical (%s)", dlerror());
#define ICAL_LOAD(f) \
	if ((*(void **)&p_##f = dlsym(h, #f)) == NULL) \
		return error("libical lacks %s", #f);
	ICAL_FUNCS(ICAL_LOAD)
	loaded = 1;
	return 0;
}


/*
 * libical folds a line whose length falls just so wrongly: a property of
 * 295 or 296 octets ends "\r\r\n \n" or "\r\n \r\n" (libical 3.0.16,
 * measured; every 74 octets on), a stray CR in the value and an empty
 * continuation a strict reader refuses.  Calllog's values hold no CR, so
 * a CR not before LF is dropped, and so is a continuation line that holds
 * nothing.
 */
char *
ical_text(icalcomponent *c)
{
	char *text = p_icalcomponent_as_ical_string_r(c), *out = text;

	for (const char *p = text; *p; ) {
		if (p[0] == '\r' && p[1] != '\n')
			p++;
		else if (strncmp(p, "\r\n \r\n", 5) == 0) {
			memcpy(out, "\r\n", 2);
			out += 2;
			p += 5;
		} else if (strncmp(p, "\r\n \n", 4) == 0) {
			memcpy(out, "\r\n", 2);
			out += 2;
			p += 4;
		} else
			*out++ = *p++;
	}
	*out = '\0';
	return text;
}

struct icaltimetype
ical_utc(time_t t)
{
	return p_icaltime_from_timet_with_zone(t, 0,
	    p_icaltimezone_get_utc_timezone());
}


/* The UTC offset of zone at the instant u, in seconds east. */
static long
zone_offset_at(const icaltimezone *zone, time_t u)
{
	struct icaltimetype tt = p_icaltime_from_timet_with_zone(u, 0,
	    p_icaltimezone_get_utc_timezone());
	int dst;

	return p_icaltimezone_get_utc_offset_of_utc_time((icaltimezone *)zone,
	    &tt, &dst);
}

/*
 * A wall-clock time of a zone as an instant, as RFC 5545 (3.3.5) reads
 * it: a time the clocks skip (a spring-forward gap) is read with the
 * offset before the gap, i.e. moved forward by it (Europe/London 01:30 on
 * its change day is 02:30 BST, 01:30Z); a time that occurs twice is the
 * first.  libical's own conversion reads a skipped time an hour early.
 * The offsets a day either side of it are the two candidates: zones do
 * not change twice within two days.
 */
static time_t
zone_wall_time(struct icaltimetype t, const icaltimezone *zone)
{
	struct tm tm = { .tm_year = t.year - 1900, .tm_mon = t.month - 1,
	    .tm_mday = t.day, .tm_hour = t.hour, .tm_min = t.minute,
	    .tm_sec = t.second };
	time_t wall = timegm(&tm);
	long before = zone_offset_at(zone, wall - 86400);
	long after = zone_offset_at(zone, wall + 86400);

	if (zone_offset_at(zone, wall - before) != before &&
	    zone_offset_at(zone, wall - after) == after)
		return wall - after;
	return wall - before;
}

int
ical_time_text_valid(const char *v)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
		30, 31 };
	size_t n = v ? strlen(v) : 0;
	int y, mo, d, h = 0, mi = 0, sec = 0;

	if (!(n == 8 || n == 15 || (n == 16 && v[15] == 'Z')) ||
	    strspn(v, "0123456789") != 8 || (n > 8 && (v[8] != 'T' ||
	    strspn(v + 9, "0123456789") != 6)))
		return 0;
	if (sscanf(v, "%4d%2d%2d", &y, &mo, &d) != 3 || (n > 8 &&
	    sscanf(v + 9, "%2d%2d%2d", &h, &mi, &sec) != 3))
		return 0;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] || (mo == 2 &&
	    d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
		return 0;
	/* 60: a leap second, which RFC 5545 allows. */
	return h <= 23 && mi <= 59 && sec <= 60;
}

/* A time as a client wrote it: UTC, in a zone the file defines, a date
 * (09:00 local, as calllog reads a date), or floating (local time; mktime
 * reads a skipped time as RFC 5545 does). */
time_t
ical_read_time(struct icaltimetype t)
{
	struct tm tm = { 0 };

	if (p_icaltime_is_null_time(t))
		return 0;
	if (t.zone && !t.is_date && !p_icaltime_is_utc(t) &&
	    t.zone != p_icaltimezone_get_utc_timezone())
		return zone_wall_time(t, t.zone);
	if (p_icaltime_is_utc(t) || (t.zone && !t.is_date))
		return p_icaltime_as_timet_with_zone(t, t.zone ? t.zone :
		    p_icaltimezone_get_utc_timezone());
	tm.tm_year = t.year - 1900;
	tm.tm_mon = t.month - 1;
	tm.tm_mday = t.day;
	tm.tm_hour = t.is_date ? 9 : t.hour;
	tm.tm_min = t.is_date ? 0 : t.minute;
	tm.tm_sec = t.is_date ? 0 : t.second;
	tm.tm_isdst = -1;
	return mktime(&tm);
}
