/*
 * ical_item_read.c: a folder's item read back into a journal record
 * (ical_item.c writes them).  libical reads the standard properties; the
 * content lines themselves are read too, for the X-CALLLOG- fields and
 * for what calllog does not know, kept as the client wrote it (in the
 * item, and the calendar's own lines around it).  Everything is checked:
 * a file cut short, lines that are no properties, BEGIN and END lines
 * that do not pair, escapes libical would not give back as they were.
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

static char *
unescape(const char *v)
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
static char *
parse_utc(const char *v)
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
static int
is_prop(const char *line, const char *name)
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
	return depth == 1 && !begin_or_end && !is_prop(line, "PRODID") &&
	    !is_prop(line, "VERSION");
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
static char **
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
			const char *q = p;

			if (*q == '\r')
				q++;
			if (*q == '\n')
				q++;
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
static int
ends_calendar(const char *text)
{
	size_t n = strlen(text);

	while (n > 0 && (text[n - 1] == '\r' || text[n - 1] == '\n' ||
	    text[n - 1] == ' '))
		n--;
	return n >= 13 && strncasecmp(text + n - 13, "END:VCALENDAR", 13) == 0;
}

/* Whether the line is a content line: a name, then a value. */
static int
content_line(const char *line, size_t n, const char *value)
{
	return n > 0 && value != NULL && strspn(line, "ABCDEFGHIJKLMNOPQRS"
	    "TUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

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
	char *v = f->type == FT_TIME ? parse_utc(value) : unescape(value);

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

static void
set_time(struct sync_rec *r, int i, time_t t)
{
	char num[24];

	if (t == 0)
		return;
	snprintf(num, sizeof(num), "%lld", (long long)t);
	sync_rec_set(r, i, num);
}

static time_t
prop_time(icalcomponent *c, icalproperty_kind k,
    struct icaltimetype (*get)(const icalproperty *))
{
	icalproperty *p = p_icalcomponent_get_first_property(c, k);

	return p ? ical_read_time(get(p)) : 0;
}

/* The case's status as a client left it: calllog's own when STATUS still
 * says what calllog wrote, else what the client set. */
static void
read_case_status(icalcomponent *c, struct sync_rec *r)
{
	icalproperty_status st = p_icalcomponent_get_status(c);
	icalproperty *pc = p_icalcomponent_get_first_property(c,
	    ICAL_PERCENTCOMPLETE_PROPERTY);
	const char *now;
	int done = st == ICAL_STATUS_COMPLETED || st == ICAL_STATUS_CANCELLED ||
	    (pc && p_icalproperty_get_percentcomplete(pc) >= 100);
	const char *x = r->f[CF_STATUS];

	if (done)
		now = "COMPLETED";
	else if (st == ICAL_STATUS_INPROCESS)
		now = "IN-PROCESS";
	else
		now = "NEEDS-ACTION";
	if (x && enum_lookup(&status_names, x) >= 0 &&
	    strcmp(item_todo_status(x), now) == 0)
		return;
	sync_rec_set(r, CF_STATUS, done ? "resolved" :
	    st == ICAL_STATUS_INPROCESS ? "waiting" : "open");
	if (done && r->f[CF_RESOLVED_AT] == NULL)
		set_time(r, CF_RESOLVED_AT, r->updated);
	if (!done)
		sync_rec_set(r, CF_RESOLVED_AT, NULL);
}

static void
read_case(icalcomponent *c, struct sync_rec *r)
{
	icalproperty *pp = p_icalcomponent_get_first_property(c,
	    ICAL_PRIORITY_PROPERTY);
	const char *summary = p_icalcomponent_get_summary(c);
	char gen[LIMIT_NAME + 64];
	int prio = pp ? p_icalproperty_get_priority(pp) : 0;

	set_time(r, CF_OPENED, prop_time(c, ICAL_CREATED_PROPERTY,
	    p_icalproperty_get_created));
	sync_rec_set(r, CF_FOLLOWUP, NULL);
	set_time(r, CF_FOLLOWUP, ical_read_time(p_icalcomponent_get_due(c)));
	set_time(r, CF_RESOLVED_AT, prop_time(c, ICAL_COMPLETED_PROPERTY,
	    p_icalproperty_get_completed));
	sync_rec_set(r, CF_PRIORITY, prio >= 1 && prio <= 4 ? "high" :
	    prio >= 6 ? "low" : "normal");
	if (summary && *summary && strcmp(summary, r->f[CF_TITLE] ?
	    r->f[CF_TITLE] : item_case_summary(r, gen, sizeof(gen))) != 0)
		sync_rec_set(r, CF_TITLE, summary);	/* renamed elsewhere */
	read_case_status(c, r);
}

/* A VJOURNAL's case: RELATED-TO with RELTYPE=PARENT, or none given. */
static const char *
parent_of(icalcomponent *c)
{
	for (icalproperty *p = p_icalcomponent_get_first_property(c,
	    ICAL_RELATEDTO_PROPERTY); p; p = p_icalcomponent_get_next_property(c,
	    ICAL_RELATEDTO_PROPERTY)) {
		icalparameter *t = p_icalproperty_get_first_parameter(p,
		    ICAL_RELTYPE_PARAMETER);

		if (t == NULL || p_icalparameter_get_reltype(t) ==
		    ICAL_RELTYPE_PARENT)
			return p_icalproperty_get_relatedto(p);
	}
	return NULL;
}

static void
read_journal(icalcomponent *c, struct sync_rec *r, int foreign)
{
	const char *desc = p_icalcomponent_get_description(c);
	const char *summary = p_icalcomponent_get_summary(c);
	time_t start = ical_read_time(p_icalcomponent_get_dtstart(c));
	time_t created = prop_time(c, ICAL_CREATED_PROPERTY,
	    p_icalproperty_get_created);
	int call = r->kind == SYNC_CALL;
	char gen[LIMIT_NAME + 64];

	sync_rec_set(r, 0, parent_of(c));
	set_time(r, 1, start ? start : created ? created : r->updated);
	if (call)
		set_time(r, KF_CREATED, created ? created : r->updated);
	if (call && !foreign && summary && *summary && strcmp(summary,
	    item_summary(r, gen, sizeof(gen))) != 0)
		foreign = 2;	/* the client's title: the notes' first line */
	if (foreign && summary && *summary && desc && *desc) {
		char *both = xasprintf("%s\n\n%s", summary, desc);

		sync_rec_set(r, KF_NOTES, both);
		free(both);
	} else if (foreign)
		sync_rec_set(r, KF_NOTES, desc && *desc ? desc :
		    summary && *summary ? summary : NULL);
	else
		sync_rec_set(r, call ? KF_NOTES : EF_NOTE, desc && *desc ?
		    desc : NULL);
	if (foreign == 1) {
		sync_rec_set(r, KF_CHANNEL, "phone");
		sync_rec_set(r, KF_DIRECTION, "outbound");
	}
}

/* Whether a TEXT value escapes only what RFC 5545 3.3.11 lets it. */
static int
escapes_valid(const char *v)
{
	for (const char *p = v; *p; p++)
		if (*p == '\\') {
			if (!p[1] || !strchr("\\;,nN", p[1]))
				return 0;
			p++;
		}
	return 1;
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

/* Sort the raw lines: X-CALLLOG- ones into fields, the client's into
 * *extra, followed by the calendar's own (outer, as item_lines marked
 * them).  Returns 0, or -1 with why. */
static int
read_lines(char **lines, const char *outer, struct cal_sync_item *it,
    char **extra, int *xs, char *why, size_t size)
{
	struct sync_rec *r = &it->rec;
	int kind = it->kind;
	struct strbuf b = { 0 };
	int depth = 0, seen = 0;

	strbuf_add(&b, "", 0);
	for (size_t i = 1; lines[i] && lines[i + 1]; i++) {
		const char *line = lines[i], *value;
		size_t n = item_line_name(line, &value);
		int f;

		if (*line == '\0')
			continue;	/* no content line: dropped */
		/* Said without the line: it may hold anything. */
		if (!content_line(line, n, value)) {
			free(b.s);
			return snprintf(why, size, "a line that is no"
			    " property"), -1;
		}
		if (depth == 0 && listed(time_props, line, n) &&
		    !ical_time_text_valid(value)) {
			free(b.s);
			return snprintf(why, size, "bad %.*s", (int)n, line),
			    -1;
		}
		if (strncasecmp(line, "BEGIN:", 6) == 0)
			depth++;
		if (depth == 0 && ((n == 7 && strncasecmp(line, "SUMMARY",
		    7) == 0) || (n == 11 && strncasecmp(line, "DESCRIPTION",
		    11) == 0)) && !escapes_valid(value)) {
			/* libical reads an escape RFC 5545 has not in ways
			 * that do not survive a rewrite. */
			free(b.s);
			return snprintf(why, size, "a bad escape in %.*s",
			    (int)n, line), -1;
		}
		if (depth == 0 && kind >= 0 && n == strlen(XPREFIX
		    "CHANGED") && strncasecmp(line, XPREFIX "CHANGED", n) ==
		    0) {
			(*xs)++;
			if (value && line[n] == ':')
				item_read_changed(r, value);
		} else if (depth == 0 && n > strlen(XPREFIX) &&
		    strncasecmp(line, XPREFIX, strlen(XPREFIX)) == 0 &&
		    kind >= 0 && (f = x_field(kind, line + strlen(XPREFIX),
		    n - strlen(XPREFIX))) >= 0) {
			(*xs)++;
			if (value == NULL || line[n] != ':' ||
			    set_x(r, f, value) == -1) {
				free(b.s);
				return snprintf(why, size, "bad %.*s",
				    (int)n, line), -1;
			}
		} else if (depth == 0 && n == strlen(XPREFIX "STARTED") &&
		    strncasecmp(line, XPREFIX "STARTED", n) == 0) {
			;	/* a note's start: cal_sync_read keeps it */
		} else if ((depth > 0 || !listed(kind == SYNC_CASE ?
		    todo_props : journal_props, line, n) ||
		    (depth == 0 && date_line(line, n, value, &seen))) &&
		    item_keep_line(it, &b, "", line, why, size) == -1) {
			free(b.s);
			return -1;
		}
		if (strncasecmp(line, "END:", 4) == 0)
			depth--;
	}
	for (const char *p = outer; p && *p; ) {
		size_t len = strcspn(p, "\n"), n;
		const char *value;
		char *line = xstrndup(p + 1, len - 1);
		char mark[2] = { p[0], '\0' };	/* where it stood */

		n = item_line_name(line, &value);
		if (!content_line(line, n, value)) {
			free(b.s);
			snprintf(why, size, "a line that is no property");
			free(line);
			return -1;
		}
		if (item_keep_line(it, &b, mark, line, why, size) == -1) {
			free(b.s);
			free(line);
			return -1;
		}
		free(line);
		p += len + 1;
	}
	if (b.len > KEPT_MAX) {
		free(b.s);
		return snprintf(why, size, "over %d KiB of lines calllog does"
		    " not know", KEPT_MAX / 1024), -1;
	}
	*extra = b.len ? b.s : (free(b.s), NULL);
	return 0;
}

/* The item's own line named name (not an alarm's), or NULL. */
static const char *
own_line(char **lines, const char *name)
{
	int depth = 0;

	for (size_t i = 1; lines[i] && lines[i + 1]; i++) {
		depth += strncasecmp(lines[i], "BEGIN:", 6) == 0;
		if (depth == 0 && is_prop(lines[i], name))
			return lines[i];
		depth -= strncasecmp(lines[i], "END:", 4) == 0 && depth;
	}
	return NULL;
}

/* Drop the item's own line name from extra (a call's DTSTART, a case's
 * DUE: no client's line of its own). */
static void
drop_kept(char **extra, const char *name)
{
	const char *line;
	size_t n;

	if ((line = item_kept_find(*extra, name, &n)) == NULL)
		return;
	if (line[n] == '\n')
		n++;
	memmove((char *)line, line + n, strlen(line + n) + 1);
	if (**extra == '\0') {
		free(*extra);
		*extra = NULL;
	}
}

/*
 * What a call's item keeps of the client's own standard lines (DESIGN.md:
 * a client's SUMMARY of a call, and a DTSTART it set, are kept): its
 * SUMMARY when it is no summary calllog gives (a title in jtx Board,
 * which read_journal made the notes' first paragraph), and for a note
 * without DTSTART the call's start as X-CALLLOG-STARTED instead, so that
 * calllog never gives it one.  Returns 0, or -1 with why.
 */
static int
keep_call_own(icalcomponent *c, char **lines, struct cal_sync_item *it,
    const struct sync_rec *known, char **extra, char *why, size_t size)
{
	const char *summary = p_icalcomponent_get_summary(c), *line, *v;
	size_t len = *extra ? strlen(*extra) : 0;
	struct strbuf b = { *extra, len, *extra ? len + 1 : 0 };
	char gen[LIMIT_NAME + 64], tbuf[24], *t, *kept;
	time_t started;
	struct tm tm;

	if (summary && *summary && strcmp(summary, item_summary(
	    &it->rec, gen, sizeof(gen))) != 0 &&
	    (line = own_line(lines, "SUMMARY")) != NULL &&
	    item_keep_line(it, &b, "", line, why, size) == -1) {
		*extra = b.s;
		return -1;
	}
	if (p_icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY) ==
	    NULL) {
		if ((line = own_line(lines, XPREFIX "STARTED")) != NULL &&
		    item_line_name(line, &v) && v &&
		    (t = parse_utc(v)) != NULL) {
			sync_rec_set(&it->rec, KF_STARTED, t);
			free(t);
		} else if (known)	/* dropped: not known here */
			sync_rec_set(&it->rec, KF_STARTED,
			    known->f[KF_STARTED]);
		started = sync_rec_time(&it->rec, KF_STARTED);
		gmtime_r(&started, &tm);
		strftime(tbuf, sizeof(tbuf), "%Y%m%dT%H%M%SZ", &tm);
		strbuf_addstr(&b, XPREFIX "STARTED:");
		strbuf_addstr(&b, tbuf);
		strbuf_add(&b, "\n", 1);
	}
	*extra = b.len ? b.s : (free(b.s), NULL);
	/* Kept only when it reads back as the title the notes begin with
	 * (a number redacted in it would not). */
	if ((kept = item_kept_value(*extra, "SUMMARY")) != NULL &&
	    strcmp(kept, summary) != 0)
		drop_kept(extra, "SUMMARY");
	free(kept);
	return 0;
}

/* A client's VTODO whose DTSTART its DUE leaves invalid (RFC 5545
 * 3.8.2.3, DUE as calllog writes it back): the DTSTART kept is the one
 * made valid, which calllog writes back. */
static void
mend_dtstart(icalcomponent *c, const struct sync_rec *r, char **extra)
{
	time_t due = sync_rec_time(r, CF_FOLLOWUP);
	const char *line;
	char *fixed, *joined;
	size_t n;

	if ((line = item_kept_find(*extra, "DTSTART", &n)) == NULL ||
	    (fixed = item_dtstart_mended(p_icalcomponent_get_dtstart(c), due,
	    item_kept_date(*extra, "DUE", due))) == NULL)
		return;
	joined = xasprintf("%.*s%s%s", (int)(line - *extra), *extra, fixed,
	    line + n);
	free(fixed);
	free(*extra);
	*extra = joined;
}

/* The client's own standard lines of the item that extra keeps, as
 * calllog writes them back (ical_item.c).  Returns 0, or -1 with why. */
static int
keep_own(icalcomponent *c, char **lines, struct cal_sync_item *it,
    const struct sync_rec *known, char **extra, char *why, size_t size)
{
	int todo = it->kind == SYNC_CASE;

	if (it->kind == SYNC_CALL && keep_call_own(c, lines, it, known, extra,
	    why, size) == -1)
		return -1;
	if (todo)
		mend_dtstart(c, &it->rec, extra);
	/* A date line kept that calllog would not write back as it stands
	 * (libical read another day from it) is not kept: it would not
	 * survive the next rewrite. */
	if (!item_kept_date(*extra, todo ? "DUE" : "DTSTART",
	    sync_rec_time(&it->rec, todo ? CF_FOLLOWUP : 1)))
		drop_kept(extra, todo ? "DUE" : "DTSTART");
	return 0;
}

static int
has_line(char **lines, const char *name)
{
	for (size_t i = 1; lines[i]; i++)
		if (is_prop(lines[i], name))
			return 1;
	return 0;
}

/*
 * Whether the calendar is a reminder `ical --vdir` wrote: a to-do or event
 * under a case's uuid and "-followup" or "-escalation" (or the uuid alone,
 * as older versions wrote a follow-up), in calllog's category, with none
 * of sync's X-CALLLOG- lines.  Such a file means the folder is a
 * reminder folder, which sync must not take for its own (DESIGN.md: the
 * two refuse each other's folders).
 */
static int
is_reminder(const char *text, icalcomponent *root)
{
	icalcomponent *c = p_icalcomponent_get_first_component(root,
	    ICAL_VTODO_COMPONENT);
	icalproperty *cat;
	const char *uid, *v;
	size_t n;

	if (c == NULL)
		c = p_icalcomponent_get_first_component(root,
		    ICAL_VEVENT_COMPONENT);
	if (c == NULL || (uid = p_icalcomponent_get_uid(c)) == NULL ||
	    (cat = p_icalcomponent_get_first_property(c,
	    ICAL_CATEGORIES_PROPERTY)) == NULL ||
	    (v = p_icalproperty_get_value_as_string(cat)) == NULL)
		return 0;
	n = strlen(uid);
	if (!(n == 36 || (n == 45 && strcmp(uid + 36, "-followup") == 0) ||
	    (n == 47 && strcmp(uid + 36, "-escalation") == 0)) ||
	    strspn(uid, "0123456789abcdef-") < 36 ||
	    strncasecmp(v, "calllog", 7) != 0 || (v[7] && v[7] != ','))
		return 0;
	for (const char *p = text; (p = strchr(p, '\n')) != NULL; p++)
		if (strncasecmp(p + 1, XPREFIX, strlen(XPREFIX)) == 0)
			return 0;
	return 1;
}

/*
 * Whether text is UTF-8 once its lines are unfolded, as item_lines and
 * libical unfold them: a fold (a line break and one blank) may fall
 * between the bytes of one character, as vobject and many servers write
 * it (RFC 5545 3.1 folds at octets), so the bytes are joined first and
 * then decoded.
 */
static int
unfolded_utf8(const char *text)
{
	size_t n = strlen(text), len = 0;
	char *joined = xmalloc(n + 1);
	int ok;

	for (const char *p = text; *p; ) {
		const char *q = p;

		if (*q == '\r')
			q++;
		if (*q == '\n')
			q++;
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

static int
read_item(const char *text, const struct sync_rec *known,
    struct cal_sync_item *out, char **extra, char *why, size_t size)
{
	icalcomponent *root, *c = NULL;
	char **lines = NULL;
	struct strbuf outer = { 0 };
	int xs = 0, rc = -1, todo;
	struct icaltimetype lm;
	icalproperty *p;

	memset(out, 0, sizeof(*out));
	out->kind = -1;
	*extra = NULL;
	if (ical_load() == -1)
		return snprintf(why, size, "libical cannot be loaded"), -1;
	if (!unfolded_utf8(text))
		return snprintf(why, size, "not UTF-8"), -1;
	for (const char *cr = strchr(text, '\r'); cr; cr = strchr(cr + 1,
	    '\r'))
		if (cr[1] != '\n' && cr[1] != '\0')
			return snprintf(why, size, "a line break that is a"
			    " bare CR"), -1;
	if (strncasecmp(text, "BEGIN:VCALENDAR", 15) == 0 &&
	    !ends_calendar(text))
		return snprintf(why, size, "cut short (no END:VCALENDAR)"), -1;
	if ((root = quiet_parse(text)) == NULL)
		return snprintf(why, size, "not iCalendar"), -1;
	if (p_icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT &&
	    is_reminder(text, root)) {
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
	if (!ends_calendar(text)) {
		snprintf(why, size, "not iCalendar");
		goto done;
	}
	todo = p_icalcomponent_isa(c) == ICAL_VTODO_COMPONENT;
	if (strlen(p_icalcomponent_get_uid(c)) >= sizeof(out->uid) ||
	    !*p_icalcomponent_get_uid(c) ||
	    strpbrk(p_icalcomponent_get_uid(c), "\t\r\n\x7f")) {
		snprintf(why, size, "bad UID");
		goto done;
	}
	snprintf(out->uid, sizeof(out->uid), "%s", p_icalcomponent_get_uid(c));
	out->sequence = p_icalcomponent_get_sequence(c);
	p = p_icalcomponent_get_first_property(c, ICAL_LASTMODIFIED_PROPERTY);
	lm = p ? p_icalproperty_get_lastmodified(p) :
	    p_icalcomponent_get_dtstamp(c);
	out->rec.updated = ical_read_time(lm);
	if (todo)
		out->kind = has_line(lines, XPREFIX "ORG") ? SYNC_CASE : -1;
	else if (has_line(lines, XPREFIX "EVENT"))
		out->kind = SYNC_EVENT;
	else if (parent_of(c))
		out->kind = SYNC_CALL;
	if (known && !item_still_known(c, known))
		known = NULL;
	if (known)
		out->kind = known->kind;
	out->rec.kind = out->kind >= 0 ? out->kind : SYNC_CASE;
	if (read_lines(lines, outer.s, out, extra, &xs, why, size))
		goto done;
	out->bare = xs == 0;
	if (known && xs == 0)
		item_fill_known(&out->rec, known);
	out->foreign = out->kind == SYNC_CALL && xs == 0 && !known;
	if (out->kind == SYNC_CASE)
		read_case(c, &out->rec);
	else if (out->kind >= 0)
		read_journal(c, &out->rec, out->foreign);
	if (out->kind >= 0 && keep_own(c, lines, out, known, extra, why,
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
