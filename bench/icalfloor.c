/*
 * icalfloor: what libical alone costs to produce calllog's calendar.
 *
 *	icalfloor FILE.ics
 *
 * Reads FILE.ics (the output of `calllog ical`) with libical, untimed.
 * Then, timed, it does for every item what src/ical.c does: make the
 * component (here a clone of the parsed one, which allocates the same
 * properties, parameters and values), serialise it with
 * icalcomponent_as_ical_string_r, write it to standard output and free
 * both.  It prints the items and the milliseconds of the timed part on
 * standard error:
 *
 *	20144 items 402.17 ms
 *
 * No SQLite, no policy, no formatting of calllog's own: the part of
 * `calllog ical` that a program keeping libical as its iCalendar writer
 * cannot avoid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <libical/ical.h>

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long len;

	if (fp == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (len = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0 ||
	    (buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, fp) != (size_t)len) {
		perror(path);
		exit(1);
	}
	buf[len] = '\0';
	fclose(fp);
	return buf;
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	icalcomponent *cal, *item;
	char *text;
	double t0, t1;
	long n = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: icalfloor FILE.ics\n");
		return 2;
	}
	text = slurp(argv[1]);
	if ((cal = icalparser_parse_string(text)) == NULL) {
		fprintf(stderr, "icalfloor: %s: not iCalendar\n", argv[1]);
		return 1;
	}
	free(text);
	t0 = now_ms();
	for (item = icalcomponent_get_first_component(cal, ICAL_ANY_COMPONENT);
	    item != NULL;
	    item = icalcomponent_get_next_component(cal, ICAL_ANY_COMPONENT)) {
		icalcomponent *copy = icalcomponent_new_clone(item);
		char *s = icalcomponent_as_ical_string_r(copy);

		fputs(s, stdout);
		free(s);
		icalcomponent_free(copy);
		n++;
	}
	fflush(stdout);
	t1 = now_ms();
	icalcomponent_free(cal);
	fprintf(stderr, "%ld items %.2f ms\n", n, t1 - t0);
	return n > 0 ? 0 : 1;
}
