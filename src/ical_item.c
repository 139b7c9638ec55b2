/*
 * ical_item.c: a journal record as the iCalendar item `calllog sync`
 * keeps in a folder (ical_item_read.c reads it back): a case is a VTODO,
 * a call and a case event VJOURNALs under it (RELATED-TO;RELTYPE=PARENT
 * its case), so that a CalDAV client shows the calls under their case.
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

/* Add one content line, folded at 75 octets (never inside a UTF-8
 * sequence), ending in CRLF. */
static void
add_line(struct strbuf *b, const char *line, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; ) {
		size_t len = 1;

		while (i + len < n && ((unsigned char)line[i + len] & 0xc0) ==
		    0x80)
			len++;
		if (col + len > 75) {
			strbuf_add(b, "\r\n ", 3);
			col = 1;
		}
		strbuf_add(b, line + i, len);
		col += len;
		i += len;
	}
	strbuf_add(b, "\r\n", 2);
}

/* TEXT escaping of RFC 5545 3.3.11. */
static char *
escape(const char *v)
{
	struct strbuf b = { 0 };

	strbuf_add(&b, "", 0);
	for (const char *p = v; *p; p++) {
		if (*p == '\n')
			strbuf_add(&b, "\\n", 2);
		else if (*p == '\\' || *p == ',' || *p == ';') {
			strbuf_add(&b, "\\", 1);
			strbuf_add(&b, p, 1);
		} else
			strbuf_add(&b, p, 1);
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
add_x(struct strbuf *b, const struct sync_rec *r, int i)
{
	const struct field *f = &sync_kinds[r->kind].fields[i];
	char *name, *line, tbuf[17];
	const char *p = r->f[i];

	if (p == NULL)
		return;
	name = upper_name(f->name);
	if (f->type == FT_LIST) {
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
	} else if (f->type == FT_TIME) {
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

const char *
item_case_summary(const struct sync_rec *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s: %s", r->f[CF_ORG] ? r->f[CF_ORG] : "?",
	    r->f[CF_REASON] ? r->f[CF_REASON] : "?");
	return buf;
}

const char *
item_summary(const struct sync_rec *r, char *buf, size_t size)
{
	if (r->kind == SYNC_CASE)
		return item_case_summary(r, buf, size);
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

const char *
item_todo_status(const char *status)
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
		    item_case_summary(r, sum, sizeof(sum))));
		p_icalcomponent_add_property(c, p_icalproperty_new_status(
		    strcmp(item_todo_status(st), "COMPLETED") == 0 ?
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
		    item_summary(r, sum, sizeof(sum))));
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
add_kept(struct strbuf *b, const char *extra, const char *where)
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
int
item_standard(int kind, int i)
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
	struct strbuf b = { 0 };
	char *text, *begin, *end, *calend, *changed;
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
	strbuf_add(&b, text, (size_t)(begin - text));
	add_kept(&b, extra, OUTER_BEFORE);
	strbuf_add(&b, begin, (size_t)(end - begin));
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		if (!item_standard(r->kind, i))
			add_x(&b, r, i);
	if ((changed = item_changed_line(r)) != NULL) {
		add_line(&b, changed, strlen(changed));
		free(changed);
	}
	add_kept(&b, extra, NULL);
	strbuf_add(&b, end, (size_t)(calend - end));	/* END of the item */
	add_kept(&b, extra, OUTER_AFTER);
	strbuf_add(&b, calend, strlen(calend));
	free(text);
	return b.s;
}
