/*
 * model.c: names of the journal's enumerations and the lifetime of records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <uuid/uuid.h>

#include "model.h"
#include "util.h"

static const char *const reasons[] = {
	"lost-card", "billing", "account", "activation", "fraud", "travel",
	"rewards", "business", "general"
};
static const struct enum_alias reason_aliases[] = {
	{ "lost", REASON_LOST_CARD }, { "stolen", REASON_LOST_CARD },
	{ "dispute", REASON_BILLING }, { "charge", REASON_BILLING },
	{ "unauthorized", REASON_FRAUD }, { "points", REASON_REWARDS },
	{ "corporate", REASON_BUSINESS }, { "activate", REASON_ACTIVATION },
	{ NULL, 0 }
};
const struct enum_names reason_names = {
	"reason", reasons, REASON_COUNT, reason_aliases
};

static const char *const statuses[] = {
	"open", "waiting", "escalated", "resolved"
};
const struct enum_names status_names = {
	"status", statuses, STATUS_COUNT, NULL
};

static const char *const priorities[] = { "high", "normal", "low" };
const struct enum_names priority_names = {
	"priority", priorities, PRIORITY_COUNT, NULL
};

static const char *const levels[] = {
	"none", "supervisor", "complaint", "regulator"
};
const struct enum_names level_names = {
	"escalation level", levels, LEVEL_COUNT, NULL
};

static const char *const channels[] = {
	"phone", "chat", "message", "letter", "in-person"
};
static const struct enum_alias channel_aliases[] = {
	{ "call", CHANNEL_PHONE }, { "email", CHANNEL_MESSAGE },
	{ "mail", CHANNEL_LETTER }, { "branch", CHANNEL_IN_PERSON },
	{ NULL, 0 }
};
const struct enum_names channel_names = {
	"channel", channels, CHANNEL_COUNT, channel_aliases
};

static const char *const directions[] = { "outbound", "inbound" };
static const struct enum_alias direction_aliases[] = {
	{ "callback", DIRECTION_INBOUND }, { NULL, 0 }
};
const struct enum_names direction_names = {
	"direction", directions, DIRECTION_COUNT, direction_aliases
};

static const char *const promise_marks[] = {
	"open", "kept", "broken", "withdrawn"
};
const struct enum_names promise_names = {
	"promise status", promise_marks, PMARK_COUNT, NULL
};

static const char *const outcomes[] = {
	"resolved", "follow-up", "callback", "transferred", "dropped",
	"escalated", "info"
};
static const struct enum_alias outcome_aliases[] = {
	{ "fixed", OUTCOME_RESOLVED }, { "done", OUTCOME_RESOLVED },
	{ "followup", OUTCOME_FOLLOW_UP }, { "pending", OUTCOME_FOLLOW_UP },
	{ "disconnected", OUTCOME_DROPPED }, { "hung-up", OUTCOME_DROPPED },
	{ "supervisor", OUTCOME_ESCALATED },
	{ NULL, 0 }
};
const struct enum_names outcome_names = {
	"outcome", outcomes, OUTCOME_COUNT, outcome_aliases
};

/* In the order of enum reminder_kind (policy.h), as the schema checks. */
static const char *const reminder_kinds[] = {
	"followup", "promise", "escalation"
};
const struct enum_names reminder_kind_names = {
	"reminder kind", reminder_kinds, 3, NULL
};

static const char *const event_kinds[] = {
	"escalate", "resolve", "reopen", "followup"
};
const struct enum_names event_names = {
	"event", event_kinds, EVENT_COUNT, NULL
};

/* Record candidate value v for input s; returns the updated match count
 * and remembers the first match, counting distinct values only. */
static int
consider(int v, int *match, int nmatch)
{
	if (nmatch > 0 && *match == v)
		return nmatch;
	if (nmatch == 0)
		*match = v;
	return nmatch + 1;
}

/* Report s as not a value of e ("unknown", "ambiguous"), listing the
 * names; hint, when set, is what s may have meant.  Returns -1. */
static int
enum_error(const struct enum_names *e, const char *s, const char *why,
    const char *hint)
{
	char list[256] = "";
	size_t len = 0;

	for (int i = 0; i < e->count; i++) {
		int n = snprintf(list + len, sizeof(list) - len, "%s%s",
		    i ? ", " : "", e->names[i]);
		if (n < 0 || (size_t)n >= sizeof(list) - len)
			break;
		len += (size_t)n;
	}
	if (hint)
		return error("%s %s '%s'; did you mean %s? use one of: %s",
		    why, e->what, s, hint, list);
	return error("%s %s '%s'; use one of: %s", why, e->what, s, list);
}

/*
 * An exact name or alias wins; then a prefix of the names themselves,
 * when it leaves one; a plural of a name or alias means it.  An alias is
 * taken only whole: "h" is not "hung-up" (dropped), nor does "fixed"
 * (resolved) make "f" ambiguous with follow-up, since a word the person
 * never saw listed must not decide, or block, what a letter means.  A
 * prefix of an alias alone is refused, naming the alias.
 */
int
enum_parse(const struct enum_names *e, const char *s)
{
	int match = -1, nmatch = 0;
	size_t len = strlen(s);
	char hint[128] = "";

	if (len == 0)
		return enum_error(e, s, "empty", NULL);
	for (int i = 0; i < e->count; i++)
		if (strlen(e->names[i]) == len && str_iprefix(e->names[i], s))
			return i;
	for (const struct enum_alias *a = e->aliases; a && a->word; a++)
		if (strlen(a->word) == len && str_iprefix(a->word, s))
			return a->value;
	for (int i = 0; i < e->count; i++)
		if (str_iprefix(e->names[i], s))
			nmatch = consider(i, &match, nmatch);
	if (nmatch == 1)
		return match;
	for (int i = 0; nmatch > 1 && i < e->count; i++) {
		size_t n = strlen(hint);

		if (str_iprefix(e->names[i], s) && n + 40 < sizeof(hint))
			snprintf(hint + n, sizeof(hint) - n, "%s'%s'",
			    n ? " or " : "", e->names[i]);
	}
	if (nmatch > 1)
		return enum_error(e, s, "ambiguous", hint);
	if (len > 3 && (s[len - 1] == 's' || s[len - 1] == 'S')) {
		for (int i = 0; i < e->count; i++)
			if (strlen(e->names[i]) == len - 1 &&
			    strncasecmp(e->names[i], s, len - 1) == 0)
				return i;
		for (const struct enum_alias *a = e->aliases; a && a->word;
		    a++)
			if (strlen(a->word) == len - 1 &&
			    strncasecmp(a->word, s, len - 1) == 0)
				return a->value;
	}
	for (const struct enum_alias *a = e->aliases; a && a->word; a++) {
		size_t n = strlen(hint);

		if (str_iprefix(a->word, s) && n + 40 < sizeof(hint))
			snprintf(hint + n, sizeof(hint) - n, "%s'%s' (%s)",
			    n ? " or " : "", a->word, e->names[a->value]);
	}
	return enum_error(e, s, "unknown", *hint ? hint : NULL);
}

const char *
enum_name(const struct enum_names *e, int v)
{
	return v >= 0 && v < e->count ? e->names[v] : NULL;
}

int
enum_lookup(const struct enum_names *e, const char *s)
{
	for (int i = 0; s && i < e->count; i++)
		if (strcmp(e->names[i], s) == 0)
			return i;
	return -1;
}

void
case_clear(struct cl_case *c)
{
	free(c->org);
	free(c->title);
	free(c->account);
	free(c->resolution);
	free(c->merchant);
	free(c->promise);
	for (size_t i = 0; i < c->npromises; i++) {
		free(c->promises[i].text);
		free(c->promises[i].note);
	}
	free(c->promises);
	free(c->last_number);
	free(c->last_rep);
	for (size_t i = 0; i < c->nrefs; i++)
		free(c->refs[i]);
	free(c->refs);
	memset(c, 0, sizeof(*c));
}

void
call_clear(struct cl_call *c)
{
	free(c->number);
	free(c->department);
	free(c->ivr);
	free(c->rep);
	for (size_t i = 0; i < c->nrefs; i++)
		free(c->refs[i]);
	free(c->refs);
	free(c->promise);
	free(c->notes);
	free(c->promise_note);
	free(c->org);
	memset(c, 0, sizeof(*c));
}

void
event_clear(struct cl_event *e)
{
	free(e->note);
	memset(e, 0, sizeof(*e));
}

void
note_clear(struct cl_note *n)
{
	free(n->text);
	memset(n, 0, sizeof(*n));
}

void
uuid_new(char out[UUID_BUFSZ])
{
	uuid_t u;

	uuid_generate_random(u);
	uuid_unparse_lower(u, out);
}

void
uuid_from_name(const char *name, char out[UUID_BUFSZ])
{
	/* calllog's own namespace (a random uuid, fixed for good): every
	 * journal derives the same uuid from the same name. */
	static const char ns_text[] = "5c1e7d6a-3b0f-4f0e-9a57-8d2b1c6e4a90";
	uuid_t ns, u;

	uuid_parse(ns_text, ns);
	uuid_generate_sha1(u, ns, name, strlen(name));
	uuid_unparse_lower(u, out);
}

void
call_add_ref(struct cl_call *c, const char *ref)
{
	c->refs = xrealloc(c->refs, (c->nrefs + 1) * sizeof(*c->refs));
	c->refs[c->nrefs++] = xstrdup(ref);
}

const char *
call_from_them(const struct cl_call *k)
{
	if (k->direction != DIRECTION_INBOUND)
		return "";
	switch (k->channel) {
	case CHANNEL_PHONE:
		return "they called";
	case CHANNEL_IN_PERSON:
		return "from them";
	default:
		return "they wrote";
	}
}
