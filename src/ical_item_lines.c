/*
 * ical_item_lines.c: a folder's file as iCalendar content lines, before
 * libical reads it: unfolded, the item's own lines found and the
 * calendar's kept apart, and the checks a file must pass as text (cut
 * short, BEGIN and END that do not pair, not UTF-8, escapes RFC 5545 has
 * not).  Pure text: the reader (ical_item_read.c) decides what they mean.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ical_int.h"
#include "ical_read_int.h"
#include "util.h"

char *
item_unescape(const char *v)
{
	struct strbuf b = { 0 };

	strbuf_add(&b, "", 0);
	for (const char *p = v; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			strbuf_add(&b, *p == 'n' || *p == 'N' ? "\n" : p, 1);
		} else
			strbuf_add(&b, p, 1);
	}
	return b.s;
}

/* "20261130T141500Z" to seconds as decimal text; NULL when malformed. */
char *
item_utc_seconds(const char *v)
{
	struct tm tm = { 0 };
	char *end;

	if (strlen(v) != 16 || v[8] != 'T' || v[15] != 'Z')
		return NULL;
	end = strptime(v, "%Y%m%dT%H%M%SZ", &tm);
	if (end == NULL || *end != '\0')
		return NULL;
	return xasprintf("%lld", (long long)timegm(&tm));
}

/* Whether line is a property named name. */
int
item_is_prop(const char *line, const char *name)
{
	size_t n = strlen(name);

	return strncasecmp(line, name, n) == 0 &&
	    (line[n] == ':' || line[n] == ';');
}

/* Whether a line outside the item, depth components deep, is one of the
 * calendar's own that are kept: any line of another component, and the
 * calendar's properties but the two calllog writes.  An empty line is no
 * content line at all. */
static int
calendar_own(const char *line, int depth, int begin_or_end)
{
	if (*line == '\0')
		return 0;
	if (depth >= 2)
		return 1;
	return depth == 1 && !begin_or_end && !item_is_prop(line, "PRODID") &&
	    !item_is_prop(line, "VERSION");
}

/* Past the line break at p (CR, LF or CRLF); p itself when none is
 * there.  A break followed by a blank is a fold. */
static const char *
past_break(const char *p)
{
	if (*p == '\r')
		p++;
	if (*p == '\n')
		p++;
	return p;
}

/* No item nests components deeper (VCALENDAR, VTODO, VALARM, ...), or
 * names one longer. */
#define NEST_MAX 8
#define COMP_NAME_MAX 64

/*
 * The raw content lines of a file: unfolded, CR dropped.  Returns the
 * lines of its first component named kind (VTODO or VJOURNAL, with BEGIN
 * and END) as an array of strings, NULL-terminated; the caller frees each
 * and the array.  The calendar's other lines -- its properties but PRODID
 * and VERSION, its other components (VTIMEZONE, a client's own) -- go to
 * *outer, each marked with where it stood: OUTER_BEFORE or OUTER_AFTER
 * the item.
 */
char **
item_lines(const char *text, const char *kind, struct strbuf *outer)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct strbuf line = { 0 };
	int depth = 0, in = 0, done = 0, bad = 0;
	char open[NEST_MAX][COMP_NAME_MAX];	/* begun, by depth */
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\r\n");
		int begin, end;

		line.len = 0;
		strbuf_add(&line, p, len);
		p += len;
		/* Continuation lines begin with a blank after the break. */
		for (;;) {
			const char *q = past_break(p);

			if (q != p && (*q == ' ' || *q == '\t')) {
				len = strcspn(q + 1, "\r\n");
				strbuf_add(&line, q + 1, len);
				p = q + 1 + len;
			} else {
				p = q;
				break;
			}
		}
		begin = strncasecmp(line.s, "BEGIN:", 6) == 0;
		end = strncasecmp(line.s, "END:", 4) == 0;
		/* Each END closes the component last begun, by name. */
		if (begin && depth < NEST_MAX &&
		    strlen(line.s + 6) < COMP_NAME_MAX)
			strcpy(open[depth], line.s + 6);
		else if (begin)
			bad = 1;
		else if (end && (depth == 0 || depth > NEST_MAX ||
		    strcasecmp(open[depth - 1], line.s + 4) != 0))
			bad = 1;
		if (begin && ++depth == 2 && !done &&
		    strcasecmp(line.s + 6, kind) == 0)
			in = 1;
		if (in) {
			if (n + 2 > cap) {
				cap = cap ? cap * 2 : 32;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[n++] = xstrdup(line.s);
		} else if (calendar_own(line.s, depth, begin || end)) {
			strbuf_add(outer, done ? OUTER_AFTER : OUTER_BEFORE, 1);
			strbuf_add(outer, line.s, line.len);
			strbuf_add(outer, "\n", 1);
		}
		if (end) {
			if (depth == 2 && in) {
				done = 1;
				in = 0;
			}
			depth -= depth > 0;
		}
	}
	free(line.s);
	if (v)
		v[n] = NULL;
	/* Cut short, or BEGIN and END lines that do not pair: the lines
	 * kept would not be written back as they stood. */
	if (v && (!done || bad || depth != 0)) {
		for (size_t i = 0; i < n; i++)
			free(v[i]);
		free(v);
		v = NULL;
	}
	return v;
}

/* Whether text ends with the calendar's END line: a file written halfway
 * (a sync cut short, a full disk) does not, and libical's parser would
 * take what it has. */
int
item_ends_calendar(const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n' ||
	    text[n - 1] == ' '))
		n--;
	return n >= 13 && strncasecmp(text + n - 13, "END:VCALENDAR", 13) == 0;
}

/* Whether the line is a content line: a name, then a value. */
int
item_content_line(const char *line, size_t n, const char *value)
{
	return n > 0 && value != NULL && strspn(line, "ABCDEFGHIJKLMNOPQRS"
	    "TUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") == n;
}


/* Whether a TEXT value escapes only what RFC 5545 3.3.11 lets it. */
int
item_escapes_valid(const char *v)
{
	for (const char *p = v; *p; p++)
		if (*p == '\\') {
			if (!p[1] || !strchr("\\;,nN", p[1]))
				return 0;
			p++;
		}
	return 1;
}

/* The item's own line named name (not an alarm's), or NULL. */
const char *
item_own_line(char **lines, const char *name)
{
	int depth = 0;

	for (size_t i = 1; lines[i] && lines[i + 1]; i++) {
		depth += strncasecmp(lines[i], "BEGIN:", 6) == 0;
		if (depth == 0 && item_is_prop(lines[i], name))
			return lines[i];
		depth -= strncasecmp(lines[i], "END:", 4) == 0 && depth;
	}
	return NULL;
}

int
item_has_line(char **lines, const char *name)
{
	for (size_t i = 1; lines[i]; i++)
		if (item_is_prop(lines[i], name))
			return 1;
	return 0;
}

/*
 * Whether text is UTF-8 once its lines are unfolded, as item_lines and
 * libical unfold them: a fold (a line break and one blank) may fall
 * between the bytes of one character, as vobject and many servers write
 * it (RFC 5545 3.1 folds at octets), so the bytes are joined first and
 * then decoded.
 */
int
item_unfolded_utf8(const char *text)
{
	size_t n = strlen(text), len = 0;
	char *joined = xmalloc(n + 1);
	int ok;

	for (const char *p = text; *p; ) {
		const char *q = past_break(p);

		if (q != p && (*q == ' ' || *q == '\t')) {
			p = q + 1;
			continue;
		}
		if (q != p) {
			memcpy(joined + len, p, (size_t)(q - p));
			len += (size_t)(q - p);
			p = q;
			continue;
		}
		joined[len++] = *p++;
	}
	ok = utf8_valid(joined, len);
	free(joined);
	return ok;
}
