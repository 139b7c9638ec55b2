/*
 * ical_item_std.c: an item's standard properties, as libical reads them,
 * into the record's fields (a case's VTODO, a call's or event's
 * VJOURNAL), which of the client's own standard lines the item keeps
 * to write back as the client left them, and whether a file is a
 * reminder of `ical --vdir` instead.  The reader (ical_item_read.c)
 * calls these once libical has parsed the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ical.h"
#include "ical_int.h"
#include "ical_read_int.h"
#include "syncrec.h"
#include "util.h"

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

void
item_read_case(icalcomponent *c, struct sync_rec *r)
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
const char *
item_parent_of(icalcomponent *c)
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

void
item_read_journal(icalcomponent *c, struct sync_rec *r, int foreign)
{
	const char *desc = p_icalcomponent_get_description(c);
	const char *summary = p_icalcomponent_get_summary(c);
	time_t start = ical_read_time(p_icalcomponent_get_dtstart(c));
	time_t created = prop_time(c, ICAL_CREATED_PROPERTY,
	    p_icalproperty_get_created);
	int call = r->kind == SYNC_CALL;
	char gen[LIMIT_NAME + 64];

	sync_rec_set(r, 0, item_parent_of(c));
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
	    (line = item_own_line(lines, "SUMMARY")) != NULL &&
	    item_keep_line(it, &b, "", line, why, size) == -1) {
		*extra = b.s;
		return -1;
	}
	if (p_icalcomponent_get_first_property(c, ICAL_DTSTART_PROPERTY) ==
	    NULL) {
		if ((line = item_own_line(lines, XPREFIX "STARTED")) != NULL &&
		    item_line_name(line, &v) && v &&
		    (t = item_utc_seconds(v)) != NULL) {
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
int
item_keep_own(icalcomponent *c, char **lines, struct cal_sync_item *it,
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

/*
 * Whether the calendar is a reminder `ical --vdir` wrote: a to-do or event
 * under a case's uuid and "-followup" or "-escalation" (or the uuid alone,
 * as older versions wrote a follow-up), in calllog's category, with none
 * of sync's X-CALLLOG- lines.  Such a file means the folder is a
 * reminder folder, which sync must not take for its own (DESIGN.md: the
 * two refuse each other's folders).
 */
int
item_is_reminder(const char *text, icalcomponent *root)
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
