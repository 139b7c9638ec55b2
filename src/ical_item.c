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
#include "ical_item_out.h"
#include "syncrec.h"
#include "util.h"

#ifndef CALLLOG_VERSION
#define CALLLOG_VERSION "0"
#endif

static void
add_time_prop(icalcomponent *c, icalproperty *(*mk)(struct icaltimetype),
    time_t t)
{
	if (t)
		p_icalcomponent_add_property(c, mk(ical_utc(t)));
}

/*
 * Which of the client's own standard lines that extra keeps are written
 * back as they stand (item_kept_own), in place of calllog's: a call's
 * SUMMARY, when the notes still begin with it as their own paragraph (as
 * cal_sync_read made them: the title, a blank line, the text), the
 * DESCRIPTION then the rest; a DUE or DTSTART that is a date, while the
 * day stays.  A note (no DTSTART) stays one, its start X-CALLLOG-STARTED.
 */
struct own {
	int summary, due, dtstart, note;
	const char *desc;
};

static void
own_lines(const struct sync_rec *r, const char *extra, struct own *o)
{
	const char *text = r->f[r->kind == SYNC_CALL ? KF_NOTES : EF_NOTE];
	char *s = r->kind == SYNC_CALL ? item_kept_value(extra, "SUMMARY") :
	    NULL;
	size_t n = s ? strlen(s) : 0;

	memset(o, 0, sizeof(*o));
	o->desc = text;
	if (r->kind == SYNC_CASE) {
		o->due = item_kept_date(extra, "DUE",
		    sync_rec_time(r, CF_FOLLOWUP));
		return;
	}
	if (n && text && strncmp(text, s, n) == 0 && (text[n] == '\0' ||
	    strncmp(text + n, "\n\n", 2) == 0)) {
		o->summary = 1;
		o->desc = text[n] && text[n + 2] ? text + n + 2 : NULL;
	}
	free(s);
	o->note = r->kind == SYNC_CALL &&
	    item_kept_find(extra, XPREFIX "STARTED", &n) != NULL;
	o->dtstart = !o->note && item_kept_date(extra, "DTSTART",
	    sync_rec_time(r, 1));
}

static icalcomponent *
build(const struct sync_rec *r, const char *uid, int seq,
    const struct own *o)
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
		if (!o->due)
			add_time_prop(c, p_icalproperty_new_due,
			    sync_rec_time(r, CF_FOLLOWUP));
		p_icalcomponent_add_property(c, p_icalproperty_new_priority(
		    strcmp(pr, "high") == 0 ? 1 : strcmp(pr, "low") == 0 ?
		    9 : 5));
	} else {
		icalproperty *rel;

		if (!o->summary)
			p_icalcomponent_add_property(c,
			    p_icalproperty_new_summary(item_summary(
			    r, sum, sizeof(sum))));
		if (o->desc)
			p_icalcomponent_add_property(c,
			    p_icalproperty_new_description(o->desc));
		if (!o->note && !o->dtstart)
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

/* Whether the item's kept line is written: not one of the client's own
 * standard lines (item_kept_own), or one written as it stands (o). */
static int
kept_written(const char *line, int kind, const struct own *o)
{
	switch (item_kept_own(line, kind)) {
	case KEPT_SUMMARY:
		return o->summary;
	case KEPT_DUE:
		return o->due;
	case KEPT_DTSTART:
		return o->dtstart;
	case KEPT_STARTED:
		return 0;	/* written anew, from the record */
	default:
		return 1;
	}
}

/* Add the kept lines (extra) marked where (OUTER_BEFORE, OUTER_AFTER),
 * without the mark; NULL: the item's own, which have none, as
 * kept_written says, and a VTODO's DTSTART as dtstart says when given. */
static void
add_kept(struct strbuf *b, const char *extra, const char *where, int kind,
    const struct own *o, const char *dtstart)
{
	int depth = 0;

	for (const char *p = extra; p && *p; ) {
		size_t n = strcspn(p, "\n");

		if (where == NULL && *p != *OUTER_BEFORE &&
		    *p != *OUTER_AFTER) {
			char *line = xstrndup(p, n);

			depth += strncasecmp(line, "BEGIN:", 6) == 0;
			depth -= strncasecmp(line, "END:", 4) == 0 && depth;
			if (depth == 0 && dtstart &&
			    strncasecmp(line, "DTSTART", 7) == 0 &&
			    (line[7] == ';' || line[7] == ':'))
				item_add_line(b, dtstart, strlen(dtstart));
			else if (depth > 0 || kept_written(line, kind, o))
				item_add_line(b, p, n);
			free(line);
		} else if (where != NULL && *p == *where)
			item_add_line(b, p + 1, n - 1);
		p += n + (p[n] == '\n');
	}
}

static char *
write_text(const struct sync_rec *r, const char *uid, int seq,
    const char *extra, const char *dtstart)
{
	icalcomponent *root, *c;
	struct strbuf b = { 0 };
	char *text, *begin, *end, *calend, *changed;
	struct own o;
	/* The item's lines, at the start of a line: a value (a UID) may hold
	 * the same text. */
	const char *begintag = r->kind == SYNC_CASE ? "\r\nBEGIN:VTODO\r\n" :
	    "\r\nBEGIN:VJOURNAL\r\n";
	const char *endtag = r->kind == SYNC_CASE ? "\r\nEND:VTODO\r\n" :
	    "\r\nEND:VJOURNAL\r\n";

	root = p_icalcomponent_new_vcalendar();
	p_icalcomponent_add_property(root, p_icalproperty_new_prodid(
	    "-//calllog//calllog " CALLLOG_VERSION "//EN"));
	p_icalcomponent_add_property(root, p_icalproperty_new_version("2.0"));
	own_lines(r, extra, &o);
	c = build(r, uid, seq, &o);
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
	add_kept(&b, extra, OUTER_BEFORE, r->kind, &o, NULL);
	strbuf_add(&b, begin, (size_t)(end - begin));
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		if (!item_standard(r->kind, i))
			item_add_x(&b, r, i);
	if (o.note) {
		char tbuf[17], *line;

		item_format_utc(sync_rec_time(r, KF_STARTED), tbuf);
		line = xasprintf(XPREFIX "STARTED:%s", tbuf);
		item_add_line(&b, line, strlen(line));
		free(line);
	}
	if ((changed = item_changed_line(r)) != NULL) {
		item_add_line(&b, changed, strlen(changed));
		free(changed);
	}
	add_kept(&b, extra, NULL, r->kind, &o, dtstart);
	strbuf_add(&b, end, (size_t)(calend - end));	/* END of the item */
	add_kept(&b, extra, OUTER_AFTER, r->kind, &o, NULL);
	strbuf_add(&b, calend, strlen(calend));
	free(text);
	return b.s;
}

char *
item_dtstart_mended(struct icaltimetype st, time_t due, int due_date)
{
	time_t ts = ical_read_time(st);
	char day[24];
	struct tm tm;

	if (ts == 0 || due == 0 || (st.is_date == due_date && ts <= due))
		return NULL;
	ts = ts < due ? ts : due;
	if (due_date) {
		localtime_r(&ts, &tm);
		strftime(day, sizeof(day), "%Y%m%d", &tm);
		return xasprintf("DTSTART;VALUE=DATE:%s", day);
	}
	item_format_utc(ts, day);
	return xasprintf("DTSTART:%s", day);
}

/* The VTODO's DTSTART made valid again after calllog moved DUE
 * (item_dtstart_mended), text the item as written; NULL: it is. */
static char *
mended_dtstart(const char *text)
{
	icalcomponent *root = p_icalparser_parse_string(text), *c = NULL;
	char *out = NULL;

	if (root)
		c = p_icalcomponent_get_first_component(root,
		    ICAL_VTODO_COMPONENT);
	if (c && p_icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY) &&
	    p_icalcomponent_get_first_property(c, ICAL_DUE_PROPERTY)) {
		struct icaltimetype due = p_icalcomponent_get_due(c);

		out = item_dtstart_mended(p_icalcomponent_get_dtstart(c),
		    ical_read_time(due), due.is_date);
	}
	if (root)
		p_icalcomponent_free(root);
	return out;
}

char *
cal_sync_write(const struct sync_rec *r, const char *uid, int seq,
    const char *extra)
{
	char *text, *dtstart;
	size_t n;

	if (ical_load() == -1)
		return NULL;
	text = write_text(r, uid, seq, extra, NULL);
	if (text && r->kind == SYNC_CASE &&
	    item_kept_find(extra, "DTSTART", &n) &&
	    (dtstart = mended_dtstart(text)) != NULL) {
		free(text);
		text = write_text(r, uid, seq, extra, dtstart);
		free(dtstart);
	}
	return text;
}
