/*
 * ical_item.c: a journal record as the iCalendar item `calllog sync`
 * keeps in a folder, and back: a case is a VTODO, a call and a case event
 * VJOURNALs under it (RELATED-TO;RELTYPE=PARENT its case), so that a
 * CalDAV client shows the calls under their case.
 *
 * The standard properties (UID, SUMMARY, DESCRIPTION, DUE, DTSTART,
 * STATUS, PRIORITY, COMPLETED, CREATED, LAST-MODIFIED, SEQUENCE,
 * RELATED-TO) are written and read with libical.  The other fields are
 * X-CALLLOG-NAME properties, and what calllog does not know (other
 * clients' properties, alarms) is kept: both as the content lines the
 * file holds, because libical does not give such lines back as they were
 * (it drops parameters it does not know and unescapes some values, which
 * was measured), and "unknown properties survive untouched" is the
 * promise.  The lines are spliced into libical's text before the item's
 * END, folded as RFC 5545 says.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ical.h"
#include "ical_int.h"
#include "syncrec.h"
#include "util.h"

#ifndef CALLLOG_VERSION
#define CALLLOG_VERSION "0"
#endif

#define XPREFIX "X-CALLLOG-"

/* In the kept lines (extra), the calendar's own lines begin with where
 * they stood; no content line begins with either character. */
#define OUTER_BEFORE "^"
#define OUTER_AFTER "$"

/* Properties calllog writes with libical, by kind of component; any other
 * line of the item is the client's and is kept. */
static const char *const todo_props[] = { "UID", "DTSTAMP", "CREATED",
	"LAST-MODIFIED", "SEQUENCE", "SUMMARY", "STATUS", "COMPLETED", "DUE",
	"PRIORITY", "PERCENT-COMPLETE", NULL };
static const char *const journal_props[] = { "UID", "DTSTAMP", "CREATED",
	"LAST-MODIFIED", "SEQUENCE", "SUMMARY", "DESCRIPTION", "DTSTART",
	"STATUS", "RELATED-TO", NULL };

/* A growing string. */
struct buf {
	char *s;
	size_t len, cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/* Add one content line, folded at 75 octets (never inside a UTF-8
 * sequence), ending in CRLF. */
static void
add_line(struct buf *b, const char *line, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; ) {
		size_t len = 1;

		while (i + len < n && ((unsigned char)line[i + len] & 0xc0) ==
		    0x80)
			len++;
		if (col + len > 75) {
			buf_add(b, "\r\n ", 3);
			col = 1;
		}
		buf_add(b, line + i, len);
		col += len;
		i += len;
	}
	buf_add(b, "\r\n", 2);
}

/* TEXT escaping of RFC 5545 3.3.11. */
static char *
escape(const char *v)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	for (const char *p = v; *p; p++) {
		if (*p == '\n')
			buf_add(&b, "\\n", 2);
		else if (*p == '\\' || *p == ',' || *p == ';') {
			buf_add(&b, "\\", 1);
			buf_add(&b, p, 1);
		} else
			buf_add(&b, p, 1);
	}
	return b.s;
}

static char *
unescape(const char *v)
{
	struct buf b = { 0 };

	buf_add(&b, "", 0);
	for (const char *p = v; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			buf_add(&b, *p == 'n' || *p == 'N' ? "\n" : p, 1);
		} else
			buf_add(&b, p, 1);
	}
	return b.s;
}

static void
format_utc(time_t t, char out[17])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
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

static char *
upper_name(const char *name)
{
	char *s = xasprintf(XPREFIX "%s", name);

	for (char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* The X-CALLLOG- line of field i, when it is set and has no standard
 * property of its own. */
static void
add_x(struct buf *b, const struct sync_rec *r, int i)
{
	const struct sync_field *f = &sync_kinds[r->kind].fields[i];
	char *name, *line, tbuf[17];
	const char *p = r->f[i];

	if (p == NULL)
		return;
	name = upper_name(f->name);
	if (f->type == SF_LIST) {
		while (*p) {
			size_t n = strcspn(p, "\n");
			char *one = xstrndup(p, n), *esc = escape(one);

			line = xasprintf("%s:%s", name, esc);
			add_line(b, line, strlen(line));
			free(line);
			free(esc);
			free(one);
			p += n + (p[n] == '\n');
		}
	} else if (f->type == SF_TIME) {
		format_utc((time_t)strtoll(p, NULL, 10), tbuf);
		line = xasprintf("%s:%s", name, tbuf);
		add_line(b, line, strlen(line));
		free(line);
	} else {
		char *esc = escape(p);

		line = xasprintf("%s:%s", name, esc);
		add_line(b, line, strlen(line));
		free(line);
		free(esc);
	}
	free(name);
}

static const char *
generated_case_summary(const struct sync_rec *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s: %s", r->f[CF_ORG] ? r->f[CF_ORG] : "?",
	    r->f[CF_REASON] ? r->f[CF_REASON] : "?");
	return buf;
}

static const char *
generated_summary(const struct sync_rec *r, char *buf, size_t size)
{
	if (r->kind == SYNC_CASE)
		return generated_case_summary(r, buf, size);
	if (r->kind == SYNC_CALL)
		snprintf(buf, size, "%s call%s%s",
		    r->f[KF_CHANNEL] ? r->f[KF_CHANNEL] : "phone",
		    r->f[KF_OUTCOME] ? ": " : "",
		    r->f[KF_OUTCOME] ? r->f[KF_OUTCOME] : "");
	else {
		static const char *const done[EVENT_COUNT] = {
			"Escalated", "Resolved", "Reopened", "Follow-up moved"
		};
		int k = enum_lookup(&event_names, r->f[EF_KIND]);

		snprintf(buf, size, "%s%s%s", k >= 0 ? done[k] : "Event",
		    r->f[EF_LEVEL] ? " to " : "",
		    r->f[EF_LEVEL] ? r->f[EF_LEVEL] : "");
	}
	buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
	return buf;
}

static void
add_time_prop(icalcomponent *c, icalproperty *(*mk)(struct icaltimetype),
    time_t t)
{
	if (t)
		p_icalcomponent_add_property(c, mk(ical_utc(t)));
}

static const char *
todo_status(const char *status)
{
	if (strcmp(status, "resolved") == 0)
		return "COMPLETED";
	return strcmp(status, "open") == 0 ? "NEEDS-ACTION" : "IN-PROCESS";
}

static icalcomponent *
build(const struct sync_rec *r, const char *uid, int seq)
{
	int todo = r->kind == SYNC_CASE;
	icalcomponent *c = todo ? p_icalcomponent_new_vtodo() :
	    p_icalcomponent_new_vjournal();
	char sum[LIMIT_NAME + 64];
	time_t created = sync_rec_time(r, todo ? CF_OPENED :
	    r->kind == SYNC_CALL ? KF_CREATED : EF_AT);

	p_icalcomponent_add_property(c, p_icalproperty_new_uid(uid));
	add_time_prop(c, p_icalproperty_new_dtstamp, r->updated);
	add_time_prop(c, p_icalproperty_new_created, created);
	add_time_prop(c, p_icalproperty_new_lastmodified, r->updated);
	p_icalcomponent_add_property(c, p_icalproperty_new_sequence(seq));
	if (todo) {
		const char *st = r->f[CF_STATUS];
		const char *pr = r->f[CF_PRIORITY];

		p_icalcomponent_add_property(c, p_icalproperty_new_summary(
		    r->f[CF_TITLE] ? r->f[CF_TITLE] :
		    generated_case_summary(r, sum, sizeof(sum))));
		p_icalcomponent_add_property(c, p_icalproperty_new_status(
		    strcmp(todo_status(st), "COMPLETED") == 0 ?
		    ICAL_STATUS_COMPLETED : strcmp(st, "open") == 0 ?
		    ICAL_STATUS_NEEDSACTION : ICAL_STATUS_INPROCESS));
		if (strcmp(st, "resolved") == 0) {
			add_time_prop(c, p_icalproperty_new_completed,
			    sync_rec_time(r, CF_RESOLVED_AT));
			p_icalcomponent_add_property(c,
			    p_icalproperty_new_percentcomplete(100));
		}
		add_time_prop(c, p_icalproperty_new_due,
		    sync_rec_time(r, CF_FOLLOWUP));
		p_icalcomponent_add_property(c, p_icalproperty_new_priority(
		    strcmp(pr, "high") == 0 ? 1 : strcmp(pr, "low") == 0 ?
		    9 : 5));
	} else {
		icalproperty *rel;
		const char *text = r->f[r->kind == SYNC_CALL ? KF_NOTES :
		    EF_NOTE];

		p_icalcomponent_add_property(c, p_icalproperty_new_summary(
		    generated_summary(r, sum, sizeof(sum))));
		if (text)
			p_icalcomponent_add_property(c,
			    p_icalproperty_new_description(text));
		add_time_prop(c, p_icalproperty_new_dtstart,
		    sync_rec_time(r, 1));
		p_icalcomponent_add_property(c,
		    p_icalproperty_new_status(ICAL_STATUS_FINAL));
		rel = p_icalproperty_new_relatedto(r->f[0]);
		p_icalproperty_add_parameter(rel,
		    p_icalparameter_new_reltype(ICAL_RELTYPE_PARENT));
		p_icalcomponent_add_property(c, rel);
	}
	return c;
}

/* Add the kept lines (extra) marked where (OUTER_BEFORE, OUTER_AFTER),
 * without the mark; NULL: the item's own, which have none. */
static void
add_kept(struct buf *b, const char *extra, const char *where)
{
	for (const char *p = extra; p && *p; ) {
		size_t n = strcspn(p, "\n");

		if (where == NULL && *p != *OUTER_BEFORE && *p != *OUTER_AFTER)
			add_line(b, p, n);
		else if (where != NULL && *p == *where)
			add_line(b, p + 1, n - 1);
		p += n + (p[n] == '\n');
	}
}

/* Fields carried by a standard property, not an X-CALLLOG- one. */
static int
standard(int kind, int i)
{
	if (kind == SYNC_CASE)
		return i == CF_OPENED || i == CF_FOLLOWUP ||
		    i == CF_RESOLVED_AT || i == CF_PRIORITY;
	if (kind == SYNC_CALL)
		return i == KF_CASE || i == KF_STARTED || i == KF_NOTES ||
		    i == KF_CREATED;
	return i == EF_CASE || i == EF_AT || i == EF_NOTE;
}

char *
cal_sync_write(const struct sync_rec *r, const char *uid, int seq,
    const char *extra)
{
	icalcomponent *root, *c;
	struct buf b = { 0 };
	char *text, *begin, *end, *calend;
	/* The item's lines, at the start of a line: a value (a UID) may hold
	 * the same text. */
	const char *begintag = r->kind == SYNC_CASE ? "\r\nBEGIN:VTODO\r\n" :
	    "\r\nBEGIN:VJOURNAL\r\n";
	const char *endtag = r->kind == SYNC_CASE ? "\r\nEND:VTODO\r\n" :
	    "\r\nEND:VJOURNAL\r\n";

	if (ical_load() == -1)
		return NULL;
	root = p_icalcomponent_new_vcalendar();
	p_icalcomponent_add_property(root, p_icalproperty_new_prodid(
	    "-//calllog//calllog " CALLLOG_VERSION "//EN"));
	p_icalcomponent_add_property(root, p_icalproperty_new_version("2.0"));
	c = build(r, uid, seq);
	p_icalcomponent_add_component(root, c);
	text = ical_text(root);
	p_icalcomponent_free(root);
	/* libical wrote PRODID, VERSION, the item, END:VCALENDAR; the
	 * calendar's own kept lines go where they stood, before the item or
	 * after it. */
	begin = strstr(text, begintag);
	end = begin ? strstr(begin, endtag) : NULL;
	calend = end ? strstr(end + 2, "\r\nEND:VCALENDAR\r\n") : NULL;
	if (calend == NULL) {
		free(text);
		error("internal error: libical wrote no %s", begintag + 2);
		return NULL;
	}
	begin += 2;
	end += 2;
	calend += 2;
	buf_add(&b, text, (size_t)(begin - text));
	add_kept(&b, extra, OUTER_BEFORE);
	buf_add(&b, begin, (size_t)(end - begin));
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		if (!standard(r->kind, i))
			add_x(&b, r, i);
	add_kept(&b, extra, NULL);
	buf_add(&b, end, (size_t)(calend - end));	/* END of the item */
	add_kept(&b, extra, OUTER_AFTER);
	buf_add(&b, calend, strlen(calend));
	free(text);
	return b.s;
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
item_lines(const char *text, const char *kind, struct buf *outer)
{
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct buf line = { 0 };
	int depth = 0, in = 0, done = 0, bad = 0;
	char open[NEST_MAX][COMP_NAME_MAX];	/* begun, by depth */
	const char *p = text;

	while (*p) {
		size_t len = strcspn(p, "\r\n");
		int begin, end;

		line.len = 0;
		buf_add(&line, p, len);
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
				buf_add(&line, q + 1, len);
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
			buf_add(outer, done ? OUTER_AFTER : OUTER_BEFORE, 1);
			buf_add(outer, line.s, line.len);
			buf_add(outer, "\n", 1);
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

/* The name of a content line, and where its value starts (after the
 * first colon outside a quoted parameter value). */
static size_t
line_name(const char *line, const char **value)
{
	size_t n = strcspn(line, ";:");
	int quoted = 0;

	*value = NULL;
	for (const char *p = line + n; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (*p == ':' && !quoted) {
			*value = p + 1;
			break;
		}
	}
	return n;
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
			return standard(kind, i) ? -1 : i;
	}
	return -1;
}

/* Set field i from an X-CALLLOG- value; -1 when malformed. */
static int
set_x(struct sync_rec *r, int i, const char *value)
{
	const struct sync_field *f = &sync_kinds[r->kind].fields[i];
	char *v = f->type == SF_TIME ? parse_utc(value) : unescape(value);

	if (v == NULL)
		return -1;
	if (f->type == SF_LIST && r->f[i]) {
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
	    strcmp(todo_status(x), now) == 0)
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
	    r->f[CF_TITLE] : generated_case_summary(r, gen, sizeof(gen))) != 0)
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

	sync_rec_set(r, 0, parent_of(c));
	set_time(r, 1, start ? start : created ? created : r->updated);
	if (call)
		set_time(r, KF_CREATED, created ? created : r->updated);
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
	if (foreign) {
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

/* Sort the raw lines: X-CALLLOG- ones into fields, the client's into
 * *extra, followed by the calendar's own (outer, as item_lines marked
 * them).  Returns 0, or -1 with why. */
static int
read_lines(char **lines, const char *outer, int kind, struct sync_rec *r,
    char **extra, int *xs, char *why, size_t size)
{
	struct buf b = { 0 };
	int depth = 0;

	buf_add(&b, "", 0);
	for (size_t i = 1; lines[i] && lines[i + 1]; i++) {
		const char *line = lines[i], *value;
		size_t n = line_name(line, &value);
		int f;

		if (*line == '\0')
			continue;	/* no content line: dropped */
		if (!content_line(line, n, value)) {
			free(b.s);
			return snprintf(why, size, "a line that is no"
			    " property: %.40s", line), -1;
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
		if (depth == 0 && n > strlen(XPREFIX) &&
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
		} else if (depth > 0 || !listed(kind == SYNC_CASE ?
		    todo_props : journal_props, line, n)) {
			buf_add(&b, line, strlen(line));
			buf_add(&b, "\n", 1);
		}
		if (strncasecmp(line, "END:", 4) == 0)
			depth--;
	}
	for (const char *p = outer; p && *p; ) {
		size_t len = strcspn(p, "\n"), n;
		const char *value;
		char *line = xstrndup(p + 1, len - 1);

		n = line_name(line, &value);
		if (!content_line(line, n, value)) {
			free(b.s);
			snprintf(why, size, "a line that is no property: %.40s",
			    line);
			free(line);
			return -1;
		}
		free(line);
		buf_add(&b, p, len + 1);
		p += len + 1;
	}
	*extra = b.len ? b.s : (free(b.s), NULL);
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

int
cal_sync_read(const char *text, struct cal_sync_item *out, char **extra,
    char *why, size_t size)
{
	icalcomponent *root, *c = NULL;
	char **lines = NULL;
	struct buf outer = { 0 };
	int xs = 0, rc = -1, todo;
	struct icaltimetype lm;
	icalproperty *p;

	memset(out, 0, sizeof(*out));
	out->kind = -1;
	*extra = NULL;
	if (ical_load() == -1)
		return snprintf(why, size, "libical cannot be loaded"), -1;
	if (!utf8_valid(text, strlen(text)))
		return snprintf(why, size, "not UTF-8"), -1;
	for (const char *cr = strchr(text, '\r'); cr; cr = strchr(cr + 1,
	    '\r'))
		if (cr[1] != '\n' && cr[1] != '\0')
			return snprintf(why, size, "a line break that is a"
			    " bare CR"), -1;
	if (strncasecmp(text, "BEGIN:VCALENDAR", 15) == 0 &&
	    !ends_calendar(text))
		return snprintf(why, size, "cut short (no END:VCALENDAR)"), -1;
	if ((root = p_icalparser_parse_string(text)) == NULL)
		return snprintf(why, size, "not iCalendar"), -1;
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
	out->rec.kind = out->kind >= 0 ? out->kind : SYNC_CASE;
	if (read_lines(lines, outer.s, out->kind, &out->rec, extra, &xs, why,
	    size))
		goto done;
	out->foreign = out->kind == SYNC_CALL && xs == 0;
	if (out->kind == SYNC_CASE)
		read_case(c, &out->rec);
	else if (out->kind >= 0)
		read_journal(c, &out->rec, out->foreign);
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
