/*
 * ical.c: building VTODOs (or VEVENTs) for open cases with libical, which
 * escapes, folds and keeps UTF-8 whole as RFC 5545 requires.
 */
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "ical.h"
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
	size_t n;
};

struct cal *
cal_create(const struct cal_options *o)
{
	struct cal *cal = xcalloc(1, sizeof(*cal));

	cal->o = *o;
	return cal;
}

void
cal_release(struct cal *cal)
{
	if (cal == NULL)
		return;
	for (size_t i = 0; i < cal->n; i++)
		icalcomponent_free(cal->items[i]);
	free(cal->items);
	free(cal);
}

static struct icaltimetype
utc(time_t t)
{
	return icaltime_from_timet_with_zone(t, 0,
	    icaltimezone_get_utc_timezone());
}

static int
ical_priority(int priority)
{
	return priority == PRIORITY_HIGH ? 1 : priority == PRIORITY_LOW ? 9 : 5;
}

/* What someone needs to make the call: last rep, references, the open
 * promise and the number to dial.  Never notes. */
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
		when_format_local(c->promised_by, when);
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
	icalcomponent *alarm = icalcomponent_new_valarm();
	struct icaltriggertype trigger;
	icalproperty *p;

	memset(&trigger, 0, sizeof(trigger));
	trigger.time = icaltime_null_time();
	trigger.duration = icaldurationtype_from_int(0);
	p = icalproperty_new_trigger(trigger);
	/* A to-do's alarm fires at its DUE, an event's at its start. */
	if (!events)
		icalproperty_add_parameter(p,
		    icalparameter_new_related(ICAL_RELATED_END));
	icalcomponent_add_property(alarm, icalproperty_new_action(
	    ICAL_ACTION_DISPLAY));
	icalcomponent_add_property(alarm, p);
	icalcomponent_add_property(alarm, icalproperty_new_description(summary));
	icalcomponent_add_component(item, alarm);
}

/* One item due at `due`; the caller adds what is particular to it. */
static icalcomponent *
new_item(struct cal *cal, const struct cl_case *c, const char *uid,
    time_t due, int seq, const char *summary, const char *description)
{
	int ev = cal->o.events;
	icalcomponent *item = ev ? icalcomponent_new_vevent() :
	    icalcomponent_new_vtodo();
	char *categories;

	icalcomponent_add_property(item, icalproperty_new_uid(uid));
	icalcomponent_add_property(item, icalproperty_new_dtstamp(
	    utc(cal->o.now)));
	icalcomponent_add_property(item, icalproperty_new_created(
	    utc(c->opened)));
	icalcomponent_add_property(item, icalproperty_new_lastmodified(
	    utc(c->updated)));
	icalcomponent_add_property(item, icalproperty_new_sequence(seq));
	icalcomponent_add_property(item, icalproperty_new_summary(summary));
	icalcomponent_add_property(item, icalproperty_new_description(
	    description));
	if (ev) {
		icalcomponent_add_property(item, icalproperty_new_dtstart(
		    utc(due)));
		icalcomponent_add_property(item, icalproperty_new_dtend(
		    utc(due + EVENT_MINUTES * 60)));
		icalcomponent_add_property(item, icalproperty_new_status(
		    ICAL_STATUS_CONFIRMED));
	} else {
		icalcomponent_add_property(item, icalproperty_new_due(utc(due)));
		icalcomponent_add_property(item, icalproperty_new_status(
		    ICAL_STATUS_NEEDSACTION));
	}
	icalcomponent_add_property(item, icalproperty_new_priority(
	    ical_priority(c->priority)));
	/* One CATEGORIES line with a list: several lines make todoman drop
	 * the item. */
	categories = xasprintf("calllog,%s", enum_name(&reason_names,
	    c->reason));
	icalcomponent_add_property(item, icalproperty_new_categories(
	    categories));
	free(categories);
	add_alarm(item, summary, ev);
	cal->items = xrealloc(cal->items, (cal->n + 1) * sizeof(*cal->items));
	cal->items[cal->n++] = item;
	return item;
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
		new_item(cal, c, c->uuid, c->next_followup, c->followup_seq,
		    summary, desc);
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
		/* The deadline moves only with a call, an escalation or a
		 * reopening, each of which raises this sum. */
		icalcomponent_add_property(new_item(cal, c, uid, deadline,
		    c->ncalls + c->escalation + c->followup_seq, summary, desc),
		    icalproperty_new_relatedto(c->uuid));
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
	return icalcomponent_get_uid(cal->items[i]);
}

static icalcomponent *
new_calendar(void)
{
	icalcomponent *root = icalcomponent_new_vcalendar();

	icalcomponent_add_property(root, icalproperty_new_prodid(
	    "-//calllog//calllog " CALLLOG_VERSION "//EN"));
	icalcomponent_add_property(root, icalproperty_new_version("2.0"));
	return root;
}

/* Serialise root, then detach the borrowed items before freeing it. */
static char *
serialise(icalcomponent *root, icalcomponent **items, size_t n)
{
	char *text = icalcomponent_as_ical_string_r(root);

	for (size_t i = 0; i < n; i++)
		icalcomponent_remove_component(root, items[i]);
	icalcomponent_free(root);
	return text;
}

char *
cal_item_text(const struct cal *cal, size_t i)
{
	icalcomponent *root = new_calendar();

	icalcomponent_add_component(root, cal->items[i]);
	return serialise(root, &cal->items[i], 1);
}

char *
cal_text(const struct cal *cal)
{
	icalcomponent *root = new_calendar();

	for (size_t i = 0; i < cal->n; i++)
		icalcomponent_add_component(root, cal->items[i]);
	return serialise(root, cal->items, cal->n);
}
