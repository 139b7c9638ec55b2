/*
 * util.c: error reporting and the text checks every module shares.
 * Allocation is xalloc.c's and files are fileio.c's, both beneath this
 * one, so that term.c (which the messages here are escaped by) needs
 * only the allocator and nothing reaches back up.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "util.h"

static void vreport(const char *, va_list) CL_PRINTF(1, 0);

/* Where messages go instead of standard error while captured. */
static char *capture_buf;
static size_t capture_size;

void
error_capture(char *buf, size_t size)
{
	capture_buf = buf;
	capture_size = size;
	if (buf && size)
		buf[0] = '\0';
}

static void
vreport(const char *fmt, va_list ap)
{
	char buf[1024];
	char *shown;

	vsnprintf(buf, sizeof(buf), fmt, ap);
	/* One line, always: a stray newline from a message or an SQLite error
	 * would break scripts that read stderr line by line. */
	for (char *p = buf; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (capture_buf) {
		snprintf(capture_buf, capture_size, "%s", buf);
		return;
	}
	/* Messages quote what they were given: escaped, as any text shown
	 * on a terminal is. */
	shown = term_escape(buf, 0);
	fprintf(stderr, "calllog: %s\n", shown);
	free(shown);
}

int
error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	return -1;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
	exit(1);
}

void
warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(fmt, ap);
	va_end(ap);
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;

	while (p < end) {
		unsigned c = *p++;
		unsigned cp, need, min;

		if (c < 0x80)
			continue;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1; cp = c & 0x1f; min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2; cp = c & 0x0f; min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3; cp = c & 0x07; min = 0x10000;
		} else
			return 0;
		if ((size_t)(end - p) < need)
			return 0;
		while (need--) {
			if ((*p & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (*p++ & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
	}
	return 1;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return (x > y) - (x < y);
}

long
median_long(long *v, size_t n)
{
	long lo, hi;

	qsort(v, n, sizeof(*v), cmp_long);
	if (n % 2)
		return v[n / 2];
	lo = v[n / 2 - 1];
	hi = v[n / 2];
	/* lo + (hi - lo) / 2 cannot overflow; the remainder rounds up. */
	return lo + (hi - lo) / 2 + (hi - lo) % 2;
}

int
str_iprefix(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
			return 0;
	return 1;
}

int
parse_id(const char *s, const char *what, long long *id)
{
	const char *p = s;
	char *end;
	long long v;

	if (*p == '#')
		p++;
	if (!isdigit((unsigned char)*p))
		return error("%s '%s' is not a number; give the id that "
		    "'calllog open' shows", what, s);
	errno = 0;
	v = strtoll(p, &end, 10);
	if (*end != '\0' || errno == ERANGE || v <= 0)
		return error("%s '%s' is not a valid id; give the id that "
		    "'calllog open' shows", what, s);
	*id = v;
	return 0;
}

static int
check_size(const char *what, const char *s, size_t len, size_t max)
{
	(void)s;
	if (len > max)
		return error("%s is too long (%zu bytes, at most %zu); shorten "
		    "it", what, len, max);
	return 0;
}

int
check_line(const char *what, const char *s, size_t max)
{
	size_t len = strlen(s);

	if (check_size(what, s, len, max) == -1)
		return -1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return error("%s contains a control character (byte "
			    "0x%02x); give it on one line", what, *p);
	return 0;
}

int
check_text(const char *what, const char *s, size_t max)
{
	size_t len = strlen(s);

	if (check_size(what, s, len, max) == -1)
		return -1;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f)
			return error("%s contains a control character (byte "
			    "0x%02x); remove it", what, *p);
	return 0;
}

char *
read_stdin_text(const char *what, size_t max)
{
	char *buf = xmalloc(max + 2);
	size_t len = 0, n;

	while (len <= max && (n = fread(buf + len, 1, max + 1 - len,
	    stdin)) > 0)
		len += n;
	if (ferror(stdin)) {
		free(buf);
		error("cannot read %s from standard input: %s", what,
		    strerror(errno));
		return NULL;
	}
	if (len > max) {
		free(buf);
		error("%s from standard input is too long (over %zu bytes); "
		    "shorten it", what, max);
		return NULL;
	}
	if (memchr(buf, '\0', len) || !utf8_valid(buf, len)) {
		free(buf);
		error("%s from standard input is not valid UTF-8 text", what);
		return NULL;
	}
	/* A trailing newline is the end of the input, not of the note. */
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	buf[len] = '\0';
	return buf;
}
