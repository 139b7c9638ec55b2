/*
 * ical_item_read.c: a folder's item read back into a journal record
 * (ical_item.c writes them).  libical reads the standard properties
 * (ical_item_std.c); the content lines themselves are read too
 * (ical_item_lines.c), for the X-CALLLOG- fields and for what calllog
 * does not know, kept as the client wrote it (in the item, and the
 * calendar's own lines around it).  Everything is checked: a file cut
 * short, lines that are no properties, BEGIN and END lines that do not
 * pair, escapes libical would not give back as they were.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "ical.h"
#include "ical_int.h"
#include "ical_read_int.h"
#include "syncrec.h"
#include "util.h"

/* Properties calllog writes with libical, by kind of component; any other
 * line of the item is the client's and is kept. */
static const char *const todo_props[] = { "UID", "DTSTAMP", "CREATED",
	"LAST-MODIFIED", "SEQUENCE", "SUMMARY", "STATUS", "COMPLETED", "DUE",
	"PRIORITY", "PERCENT-COMPLETE", NULL };
static const char *const journal_props[] = { "UID", "DTSTAMP", "CREATED",
	"LAST-MODIFIED", "SEQUENCE", "SUMMARY", "DESCRIPTION", "DTSTART",
	"STATUS", "RELATED-TO", NULL };

/* Properties whose value is a date or a time calllog reads. */
static const char *const time_props[] = { "DTSTAMP", "CREATED",
	"LAST-MODIFIED", "DUE", "DTSTART", "COMPLETED", NULL };

/*
 * At most this much of a client's lines is kept per item.  Clients keep a
 * few hundred bytes of their own (X-MOZ-*, an alarm, categories; a
 * VTIMEZONE is 1 to 3 KiB): 64 KiB is far above that, while a folder's
 * items cannot grow the journal by more than this each.  An item over it
 * is reported and skipped whole, like any bad item: nothing of it is
 * applied, and its file stays as the client wrote it, so nothing the
 * client kept there is lost, as cutting the excess would lose it.
 */
#define KEPT_MAX (64 * 1024)

static int
listed(const char *const *names, const char *s, size_t n)
{
	for (; *names; names++)
		if (strlen(*names) == n && strncasecmp(*names, s, n) == 0)
			return 1;
	return 0;
}

/* Field of kind named by an X-CALLLOG- line's name, or -1. */
static int
x_field(int kind, const char *name, size_t n)
{
	for (int i = 0; i < sync_kinds[kind].nfields; i++) {
		const char *f = sync_kinds[kind].fields[i].name;

		if (strlen(f) == n && strncasecmp(f, name, n) == 0)
			return item_standard(kind, i) ? -1 : i;
	}
	return -1;
}

/* Set field i from an X-CALLLOG- value; -1 when malformed. */
static int
set_x(struct sync_rec *r, int i, const char *value)
{
	const struct field *f = &sync_kinds[r->kind].fields[i];
	char *v = f->type == FT_TIME ? item_utc_seconds(value) :
	    item_unescape(value);

	if (v == NULL)
		return -1;
	if (f->type == FT_LIST && r->f[i]) {
		char *joined = xasprintf("%s\n%s", r->f[i], v);

		free(v);
		v = joined;
	}
	free(r->f[i]);
	r->f[i] = v;
	return 0;
}

/* Whether the line is the item's first DUE or DTSTART (the one libical
 * reads; *seen remembers which were met) and its value is a date: kept
 * too, for the item to be written back all-day while its day stays. */
static int
date_line(const char *line, size_t n, const char *value, int *seen)
{
	int bit = n == 3 && strncasecmp(line, "DUE", 3) == 0 ? 1 :
	    n == 7 && strncasecmp(line, "DTSTART", 7) == 0 ? 2 : 0;
	int first = bit && !(*seen & bit);

	*seen |= bit;
	return first && value && strlen(value) == 8 &&
	    strspn(value, "0123456789") == 8;
}

/* One of the item's own lines, depth components deep in it, sorted: an
 * X-CALLLOG- line into its field, a client's into b (*seen: the date
 * lines met, *xs: calllog's lines counted).  Returns 0, or -1 with why. */
static int
sort_line(const char *line, int depth, int *seen, struct cal_sync_item *it,
    struct strbuf *b, int *xs, char *why, size_t size)
{
	struct sync_rec *r = &it->rec;
	int kind = it->kind, f;
	const char *value;
	size_t n = item_line_name(line, &value);

	/* Said without the line: it may hold anything. */
	if (!item_content_line(line, n, value))
		return snprintf(why, size, "a line that is no property"), -1;
	if (depth == 0 && listed(time_props, line, n) &&
	    !ical_time_text_valid(value))
		return snprintf(why, size, "bad %.*s", (int)n, line), -1;
	if (depth == 0 && ((n == 7 && strncasecmp(line, "SUMMARY", 7) == 0) ||
	    (n == 11 && strncasecmp(line, "DESCRIPTION", 11) == 0)) &&
	    !item_escapes_valid(value)) {
		/* libical reads an escape RFC 5545 has not in ways that do
		 * not survive a rewrite. */
		return snprintf(why, size, "a bad escape in %.*s", (int)n,
		    line), -1;
	}
	if (depth == 0 && kind >= 0 && n == strlen(XPREFIX "CHANGED") &&
	    strncasecmp(line, XPREFIX "CHANGED", n) == 0) {
		(*xs)++;
		if (value && line[n] == ':')
			item_read_changed(r, value);
	} else if (depth == 0 && n > strlen(XPREFIX) &&
	    strncasecmp(line, XPREFIX, strlen(XPREFIX)) == 0 && kind >= 0 &&
	    (f = x_field(kind, line + strlen(XPREFIX),
	    n - strlen(XPREFIX))) >= 0) {
		(*xs)++;
		if (value == NULL || line[n] != ':' || set_x(r, f, value) == -1)
			return snprintf(why, size, "bad %.*s", (int)n, line),
			    -1;
	} else if (depth == 0 && n == strlen(XPREFIX "STARTED") &&
	    strncasecmp(line, XPREFIX "STARTED", n) == 0) {
		;	/* a note's start: cal_sync_read keeps it */
	} else if ((depth > 0 || !listed(kind == SYNC_CASE ? todo_props :
	    journal_props, line, n) || (depth == 0 && date_line(line, n,
	    value, seen))) &&
	    item_keep_line(it, b, "", line, why, size) == -1)
		return -1;
	return 0;
}

/* The calendar's own lines (outer, as item_lines marked them) kept into
 * b after the item's, each after its mark.  Returns 0, or -1 with why. */
static int
keep_outer(const char *outer, struct cal_sync_item *it, struct strbuf *b,
    char *why, size_t size)
{
	for (const char *p = outer; p && *p; ) {
		size_t len = strcspn(p, "\n"), n;
		const char *value;
		char *line = xstrndup(p + 1, len - 1);
		char mark[2] = { p[0], '\0' };	/* where it stood */
		int rc = 0;

		n = item_line_name(line, &value);
		if (!item_content_line(line, n, value)) {
			snprintf(why, size, "a line that is no property");
			rc = -1;
		} else
			rc = item_keep_line(it, b, mark, line, why, size);
		free(line);
		if (rc == -1)
			return -1;
		p += len + 1;
	}
	return 0;
}

/* Sort the raw lines: X-CALLLOG- ones into fields, the client's into
 * *extra, followed by the calendar's own (outer, as item_lines marked
 * them).  Returns 0, or -1 with why. */
static int
read_lines(char **lines, const char *outer, struct cal_sync_item *it,
    char **extra, int *xs, char *why, size_t size)
{
	struct strbuf b = { 0 };
	int depth = 0, seen = 0;

	strbuf_add(&b, "", 0);
	for (size_t i = 1; lines[i] && lines[i + 1]; i++) {
		if (*lines[i] == '\0')
			continue;	/* no content line: dropped */
		if (strncasecmp(lines[i], "BEGIN:", 6) == 0)
			depth++;
		if (sort_line(lines[i], depth, &seen, it, &b, xs, why,
		    size) == -1) {
			free(b.s);
			return -1;
		}
		if (strncasecmp(lines[i], "END:", 4) == 0)
			depth--;
	}
	if (keep_outer(outer, it, &b, why, size) == -1) {
		free(b.s);
		return -1;
	}
	if (b.len > KEPT_MAX) {
		free(b.s);
		return snprintf(why, size, "over %d KiB of lines calllog does"
		    " not know", KEPT_MAX / 1024), -1;
	}
	*extra = b.len ? b.s : (free(b.s), NULL);
	return 0;
}

/*
 * The folder's text parsed with libical's own warnings ("Encountered END
 * before BEGIN") kept off standard error: libical writes them there
 * unasked, on every run that reads the file, while calllog reports an
 * item's problem itself, once per version of its file, as one line.
 */
static icalcomponent *
quiet_parse(const char *text)
{
	icalcomponent *root;
	int saved, null;

	fflush(stderr);
	if ((null = open("/dev/null", O_WRONLY | O_CLOEXEC)) == -1)
		return p_icalparser_parse_string(text);
	if ((saved = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) == -1 ||
	    dup2(null, STDERR_FILENO) == -1) {
		if (saved != -1)
			close(saved);
		close(null);
		return p_icalparser_parse_string(text);
	}
	close(null);
	root = p_icalparser_parse_string(text);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	return root;
}

static int read_item(const char *text, const struct sync_rec *known,
    struct cal_sync_item *out, char **extra, char *why, size_t size);

int
cal_sync_read(const char *text, struct cal_sync_item *out, char **extra,
    char *why, size_t size)
{
	return read_item(text, NULL, out, extra, why, size);
}

int
cal_sync_read_known(const char *text, const struct sync_rec *known,
    struct cal_sync_item *out, char **extra, char *why, size_t size)
{
	return read_item(text, known, out, extra, why, size);
}

/* The checks of the file as text that libical would let pass.  Returns
 * 0, or -1 with why. */
static int
text_checks(const char *text, char *why, size_t size)
{
	if (!item_unfolded_utf8(text))
		return snprintf(why, size, "not UTF-8"), -1;
	for (const char *cr = strchr(text, '\r'); cr; cr = strchr(cr + 1,
	    '\r'))
		if (cr[1] != '\n' && cr[1] != '\0')
			return snprintf(why, size, "a line break that is a"
			    " bare CR"), -1;
	if (strncasecmp(text, "BEGIN:VCALENDAR", 15) == 0 &&
	    !item_ends_calendar(text))
		return snprintf(why, size, "cut short (no END:VCALENDAR)"), -1;
	return 0;
}

/* The item c's UID, version, time and kind into out; *known is dropped
 * when the item no longer is the record it was.  Returns 0, or -1 with
 * why. */
static int
identify(icalcomponent *c, char **lines, const struct sync_rec **known,
    struct cal_sync_item *out, char *why, size_t size)
{
	const char *uid = p_icalcomponent_get_uid(c);
	struct icaltimetype lm;
	icalproperty *p;

	if (strlen(uid) >= sizeof(out->uid) || !*uid ||
	    strpbrk(uid, "\t\r\n\x7f"))
		return snprintf(why, size, "bad UID"), -1;
	snprintf(out->uid, sizeof(out->uid), "%s", uid);
	out->sequence = p_icalcomponent_get_sequence(c);
	p = p_icalcomponent_get_first_property(c, ICAL_LASTMODIFIED_PROPERTY);
	lm = p ? p_icalproperty_get_lastmodified(p) :
	    p_icalcomponent_get_dtstamp(c);
	out->rec.updated = ical_read_time(lm);
	if (p_icalcomponent_isa(c) == ICAL_VTODO_COMPONENT)
		out->kind = item_has_line(lines, XPREFIX "ORG") ? SYNC_CASE :
		    -1;
	else if (item_has_line(lines, XPREFIX "EVENT"))
		out->kind = SYNC_EVENT;
	else if (item_parent_of(c))
		out->kind = SYNC_CALL;
	if (*known && !item_still_known(c, *known))
		*known = NULL;
	if (*known)
		out->kind = (*known)->kind;
	out->rec.kind = out->kind >= 0 ? out->kind : SYNC_CASE;
	return 0;
}

static int
read_item(const char *text, const struct sync_rec *known,
    struct cal_sync_item *out, char **extra, char *why, size_t size)
{
	icalcomponent *root, *c = NULL;
	char **lines = NULL;
	struct strbuf outer = { 0 };
	int xs = 0, rc = -1;

	memset(out, 0, sizeof(*out));
	out->kind = -1;
	*extra = NULL;
	if (ical_load() == -1)
		return snprintf(why, size, "libical cannot be loaded"), -1;
	if (text_checks(text, why, size) == -1)
		return -1;
	if ((root = quiet_parse(text)) == NULL)
		return snprintf(why, size, "not iCalendar"), -1;
	if (p_icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT &&
	    item_is_reminder(text, root)) {
		out->reminder = 1;
		p_icalcomponent_free(root);
		return 0;
	}
	if (p_icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT &&
	    (c = p_icalcomponent_get_first_component(root,
	    ICAL_VTODO_COMPONENT)) == NULL)
		c = p_icalcomponent_get_first_component(root,
		    ICAL_VJOURNAL_COMPONENT);
	if (c == NULL || p_icalcomponent_get_uid(c) == NULL ||
	    (lines = item_lines(text, p_icalcomponent_isa(c) ==
	    ICAL_VTODO_COMPONENT ? "VTODO" : "VJOURNAL", &outer)) == NULL) {
		snprintf(why, size, "no to-do or journal entry with a UID, or"
		    " BEGIN and END lines that do not pair");
		goto done;
	}
	if (!item_ends_calendar(text)) {
		snprintf(why, size, "not iCalendar");
		goto done;
	}
	if (identify(c, lines, &known, out, why, size) == -1 ||
	    read_lines(lines, outer.s, out, extra, &xs, why, size))
		goto done;
	out->bare = xs == 0;
	if (known && xs == 0)
		item_fill_known(&out->rec, known);
	out->foreign = out->kind == SYNC_CALL && xs == 0 && !known;
	if (out->kind == SYNC_CASE)
		item_read_case(c, &out->rec);
	else if (out->kind >= 0)
		item_read_journal(c, &out->rec, out->foreign);
	if (out->kind >= 0 && item_keep_own(c, lines, out, known, extra, why,
	    size))
		goto done;
	rc = 0;
done:
	for (size_t i = 0; lines && lines[i]; i++)
		free(lines[i]);
	free(lines);
	free(outer.s);
	p_icalcomponent_free(root);
	if (rc == -1) {
		free(*extra);
		*extra = NULL;
		sync_rec_clear(&out->rec);
	}
	return rc;
}
