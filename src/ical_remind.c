/*
 * ical_remind.c: the open cases' reminders as iCalendar: a VTODO (or a
 * VEVENT, for calendars that show events only) per follow-up and per
 * escalation, built with libical, which escapes, folds and keeps UTF-8
 * whole as RFC 5545 requires; written as one calendar or one file per
 * item (ical --vdir), and an item read back as a client left it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "ical_int.h"
#include "phone.h"
#include "util.h"
#include "view.h"
#include "when.h"

#ifndef CALLLOG_VERSION
#define CALLLOG_VERSION "0"
#endif

/* How long a follow-up takes, for calendars that only show events. */
#define EVENT_MINUTES 15

struct cal {
	struct cal_options o;
	icalcomponent **items;
	struct cal_item *meta;	/* what each item is about */
	size_t n;
};

struct cal *
cal_create(const struct cal_options *o)
{
	struct cal *cal;

	if (ical_load() == -1)
		return NULL;
	cal = xcalloc(1, sizeof(*cal));
	cal->o = *o;
	return cal;
}

void
cal_release(struct cal *cal)
{
	if (cal == NULL)
		return;
	for (size_t i = 0; i < cal->n; i++)
		p_icalcomponent_free(cal->items[i]);
	free(cal->items);
	free(cal->meta);
	free(cal);
}


static int
ical_priority(int priority)
{
	return priority == PRIORITY_HIGH ? 1 : priority == PRIORITY_LOW ? 9 : 5;
}

/* What someone needs to make the call: last rep, references, the open
 * promise and the number to dial.  Never notes.  Times carry their zone
 * (UTC), so the text is the same whatever zone the command runs in, and
 * a run under another TZ rewrites no file. */
static char *
describe(const struct cl_case *c, const char *first)
{
	char number[PHONE_BUFSZ], when[WHEN_BUFSZ];
	size_t cap = 512, len = 0;
	char *s = xmalloc(cap);

#define ADD(...) do { \
	int n_ = snprintf(s + len, cap - len, __VA_ARGS__); \
	if ((size_t)n_ >= cap - len) { \
		cap = len + (size_t)n_ + 512; \
		s = xrealloc(s, cap); \
		snprintf(s + len, cap - len, __VA_ARGS__); \
	} \
	len += (size_t)n_; \
} while (0)
	ADD("%s\nCase %lld with %s: %s (%s)\n", first, c->id, c->org,
	    view_case_title(c), enum_name(&reason_names, c->reason));
	if (c->last_number) {
		phone_format(c->last_number, number);
		ADD("Call: %s\n", number);
	}
	if (c->last_rep)
		ADD("Last spoke to: %s\n", c->last_rep);
	for (size_t i = 0; i < c->nrefs; i++)
		ADD("%s%s%s", i ? ", " : "Reference numbers: ", c->refs[i],
		    i + 1 == c->nrefs ? "\n" : "");
	if (c->promise || c->promised_by) {
		when_format_utc(c->promised_by, when);
		ADD("Promised: %s%s%s\n", c->promise ? c->promise : "",
		    c->promised_by ? " by " : "", c->promised_by ? when : "");
	}
	ADD("Details: calllog show %lld", c->id);
#undef ADD
	return s;
}

static void
add_alarm(icalcomponent *item, const char *summary, int events)
{
	icalcomponent *alarm = p_icalcomponent_new_valarm();
	struct icaltriggertype trigger;
	icalproperty *p;

	memset(&trigger, 0, sizeof(trigger));
	trigger.time = p_icaltime_null_time();
	trigger.duration = p_icaldurationtype_from_int(0);
	p = p_icalproperty_new_trigger(trigger);
	/* A to-do's alarm fires at its DUE, an event's at its start. */
	if (!events)
		p_icalproperty_add_parameter(p,
		    p_icalparameter_new_related(ICAL_RELATED_END));
	p_icalcomponent_add_property(alarm, p_icalproperty_new_action(
	    ICAL_ACTION_DISPLAY));
	p_icalcomponent_add_property(alarm, p);
	p_icalcomponent_add_property(alarm, p_icalproperty_new_description(summary));
	p_icalcomponent_add_component(item, alarm);
}

/* One item due at `due`; the caller adds what is particular to it. */
static icalcomponent *
new_item(struct cal *cal, const struct cl_case *c, const char *uid,
    time_t due, int seq, const char *summary, const char *description)
{
	int ev = cal->o.events;
	icalcomponent *item = ev ? p_icalcomponent_new_vevent() :
	    p_icalcomponent_new_vtodo();
	char *categories;

	p_icalcomponent_add_property(item, p_icalproperty_new_uid(uid));
	p_icalcomponent_add_property(item, p_icalproperty_new_dtstamp(
	    ical_utc(cal->o.now)));
	p_icalcomponent_add_property(item, p_icalproperty_new_created(
	    ical_utc(c->opened)));
	p_icalcomponent_add_property(item, p_icalproperty_new_lastmodified(
	    ical_utc(c->updated)));
	p_icalcomponent_add_property(item, p_icalproperty_new_sequence(seq));
	p_icalcomponent_add_property(item, p_icalproperty_new_summary(summary));
	p_icalcomponent_add_property(item, p_icalproperty_new_description(
	    description));
	if (ev) {
		p_icalcomponent_add_property(item, p_icalproperty_new_dtstart(
		    ical_utc(due)));
		p_icalcomponent_add_property(item, p_icalproperty_new_dtend(
		    ical_utc(due + EVENT_MINUTES * 60)));
		p_icalcomponent_add_property(item, p_icalproperty_new_status(
		    ICAL_STATUS_CONFIRMED));
	} else {
		p_icalcomponent_add_property(item, p_icalproperty_new_due(ical_utc(due)));
		p_icalcomponent_add_property(item, p_icalproperty_new_status(
		    ICAL_STATUS_NEEDSACTION));
	}
	p_icalcomponent_add_property(item, p_icalproperty_new_priority(
	    ical_priority(c->priority)));
	/* One CATEGORIES line with a list: several lines make todoman drop
	 * the item. */
	categories = xasprintf("calllog,%s", enum_name(&reason_names,
	    c->reason));
	p_icalcomponent_add_property(item, p_icalproperty_new_categories(
	    categories));
	free(categories);
	add_alarm(item, summary, ev);
	cal->items = xrealloc(cal->items, (cal->n + 1) * sizeof(*cal->items));
	cal->meta = xrealloc(cal->meta, (cal->n + 1) * sizeof(*cal->meta));
	cal->meta[cal->n] = (struct cal_item){ .due = due, .sequence = seq };
	memcpy(cal->meta[cal->n].case_uuid, c->uuid, UUID_BUFSZ);
	cal->items[cal->n++] = item;
	return item;
}

/* How many of the case's promises were marked by hand. */
static int
marks(const struct cl_case *c)
{
	int n = 0;

	for (size_t i = 0; i < c->npromises; i++)
		n += c->promises[i].mark != PMARK_NONE;
	return n;
}

void
cal_add_case(struct cal *cal, const struct cl_case *c)
{
	time_t deadline = policy_escalation_deadline(c, cal->o.policy);
	char *summary, *desc, *uid;

	if (c->status == STATUS_RESOLVED)
		return;
	if (c->next_followup) {
		summary = xasprintf("Follow up with %s (case %lld)", c->org,
		    c->id);
		desc = describe(c, "Time to follow up.");
		/* Never the case's own uuid: that is the UID of the case's
		 * item in a `sync` folder, and a server holding both folders
		 * refuses a UID twice (Radicale 409, Xandikos 412). */
		uid = xasprintf("%s-followup", c->uuid);
		new_item(cal, c, uid, c->next_followup, c->followup_seq,
		    summary, desc);
		free(uid);
		free(summary);
		free(desc);
	}
	if (deadline) {
		int next = policy_next_level(c->escalation);

		uid = xasprintf("%s-escalation", c->uuid);
		summary = xasprintf("Escalate with %s: %s (case %lld)", c->org,
		    next == LEVEL_SUPERVISOR ? "ask for a supervisor" :
		    next == LEVEL_COMPLAINT ? "file a formal complaint" :
		    "contact the regulator", c->id);
		desc = describe(c, "If it is not resolved by now, escalate.");
		/* The deadline moves only with a call, an escalation, a
		 * reopening or a promise marked by hand, each of which
		 * raises this sum. */
		p_icalcomponent_add_property(new_item(cal, c, uid, deadline,
		    c->ncalls + c->escalation + c->followup_seq + marks(c),
		    summary, desc),
		    p_icalproperty_new_relatedto(c->uuid));
		cal->meta[cal->n - 1].escalation = 1;
		cal->meta[cal->n - 1].level = next;
		free(uid);
		free(summary);
		free(desc);
	}
}

size_t
cal_count(const struct cal *cal)
{
	return cal->n;
}

const char *
cal_item_uid(const struct cal *cal, size_t i)
{
	return p_icalcomponent_get_uid(cal->items[i]);
}

const struct cal_item *
cal_item_info(const struct cal *cal, size_t i)
{
	return &cal->meta[i];
}

void
cal_item_set_sequence(struct cal *cal, size_t i, int seq)
{
	p_icalcomponent_set_sequence(cal->items[i], seq);
	cal->meta[i].sequence = seq;
}


int
cal_read_item(const char *text, struct cal_read *out)
{
	icalcomponent *root, *item = NULL;
	icalproperty *pc;
	icalproperty_status status;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (ical_load() == -1)
		return -1;
	if ((root = p_icalparser_parse_string(text)) == NULL)
		return -1;
	if (p_icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT) {
		item = p_icalcomponent_get_first_component(root,
		    ICAL_VTODO_COMPONENT);
		if (item == NULL)
			item = p_icalcomponent_get_first_component(root,
			    ICAL_VEVENT_COMPONENT);
	}
	if (item && p_icalcomponent_get_uid(item)) {
		icalproperty *tp;

		out->todo = p_icalcomponent_isa(item) == ICAL_VTODO_COMPONENT;
		/* February 30 is no time to move a follow-up to. */
		tp = p_icalcomponent_get_first_property(item, out->todo ?
		    ICAL_DUE_PROPERTY : ICAL_DTSTART_PROPERTY);
		if (tp && !ical_time_text_valid(
		    p_icalproperty_get_value_as_string(tp))) {
			out->bad = out->todo ? "DUE" : "DTSTART";
			p_icalcomponent_free(root);
			return -1;
		}
		snprintf(out->uid, sizeof(out->uid), "%s",
		    p_icalcomponent_get_uid(item));
		status = p_icalcomponent_get_status(item);
		pc = p_icalcomponent_get_first_property(item,
		    ICAL_PERCENTCOMPLETE_PROPERTY);
		out->completed = status == ICAL_STATUS_COMPLETED ||
		    (pc && p_icalproperty_get_percentcomplete(pc) >= 100);
		out->cancelled = status == ICAL_STATUS_CANCELLED;
		out->due = ical_read_time(out->todo ? p_icalcomponent_get_due(item) :
		    p_icalcomponent_get_dtstart(item));
		out->sequence = p_icalcomponent_get_sequence(item);
		rc = 0;
	}
	p_icalcomponent_free(root);
	return rc;
}

static icalcomponent *
new_calendar(void)
{
	icalcomponent *root = p_icalcomponent_new_vcalendar();

	p_icalcomponent_add_property(root, p_icalproperty_new_prodid(
	    "-//calllog//calllog " CALLLOG_VERSION "//EN"));
	p_icalcomponent_add_property(root, p_icalproperty_new_version("2.0"));
	return root;
}

/* Serialise root, then detach the borrowed items before freeing it. */
static char *
serialise(icalcomponent *root, icalcomponent **items, size_t n)
{
	char *text = ical_text(root);

	for (size_t i = 0; i < n; i++)
		p_icalcomponent_remove_component(root, items[i]);
	p_icalcomponent_free(root);
	return text;
}

char *
cal_item_text(const struct cal *cal, size_t i)
{
	icalcomponent *root = new_calendar();

	p_icalcomponent_add_component(root, cal->items[i]);
	return serialise(root, &cal->items[i], 1);
}

/*
 * Streaming: the calendar's head, then the items added so far (which are
 * then freed, so memory stays that of one case), then its tail.  The text
 * is the same as cal_text's.
 */
static void
calendar_parts(FILE *fp, int head)
{
	icalcomponent *root = new_calendar();
	char *text = ical_text(root);
	char *end = strstr(text, "END:VCALENDAR");

	if (end == NULL)
		end = text + strlen(text);
	if (head)
		fwrite(text, 1, (size_t)(end - text), fp);
	else
		fputs(end, fp);
	free(text);
	p_icalcomponent_free(root);
}

void
cal_stream_head(FILE *fp)
{
	calendar_parts(fp, 1);
}

void
cal_stream_items(struct cal *cal, FILE *fp)
{
	for (size_t i = 0; i < cal->n; i++) {
		char *text = ical_text(cal->items[i]);

		fputs(text, fp);
		free(text);
		p_icalcomponent_free(cal->items[i]);
	}
	cal->n = 0;
}

void
cal_stream_tail(FILE *fp)
{
	calendar_parts(fp, 0);
}

char *
cal_text(const struct cal *cal)
{
	icalcomponent *root = new_calendar();

	for (size_t i = 0; i < cal->n; i++)
		p_icalcomponent_add_component(root, cal->items[i]);
	return serialise(root, cal->items, cal->n);
}

