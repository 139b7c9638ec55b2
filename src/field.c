/*
 * field.c: the declaration of every field a case, a call and a case event
 * hold, and the one check of a value against it that every door makes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "money.h"
#include "phone.h"
#include "util.h"
#include "when.h"

/* add's limit on --duration and --hold: no call lasts a week. */
#define CALL_SECONDS_MAX ((long long)WHEN_MAX_DURATION)	/* as typed */

/* Shorthands: NAME, column, export key, option; then the limits. */
#define LINE(N, COL, J, O, MAX, RED) { N, FT_LINE, MAX, 0, 0, 0, NULL, -1, \
    RED, NULL, COL, J, O, 0 }
#define TEXT(N, P, COL, J, O, MAX) { N, FT_TEXT, MAX, 0, 0, 0, NULL, -1, 1, \
    P, COL, J, O, 0 }
#define TIME(N, P, COL, J, O, REQ) { N, FT_TIME, 0, 0, 1, WHEN_MAX_TIME, \
    NULL, -1, 0, P, COL, J, O, REQ }
#define ENUM(N, P, COL, J, O, E, UN, REQ) { N, FT_ENUM, 0, 0, 0, 0, &E, UN, \
    0, P, COL, J, O, REQ }
#define OF(N, T, COL, J, O, MAX) { N, T, MAX, 0, 0, 0, NULL, -1, 0, NULL, \
    COL, J, O, 0 }
#define NUM(N, T, COL, J, O, MIN, MAX) { N, T, 0, 0, MIN, MAX, NULL, -1, 0, \
    NULL, COL, J, O, 0 }
#define CASE_UUID { "case", FT_UUID, 36, 0, 0, 0, NULL, -1, 0, "RELATED-TO", \
    "case_id", NULL, NULL, 1 }

/* In the order of the CF_ numbers. */
const struct field field_case[CF_COUNT] = {
	{ "org", FT_LINE, LIMIT_NAME, 0, 0, 0, NULL, -1, 1, NULL, "org",
	    "org", "org", 1 },
	ENUM("reason", NULL, "reason", "reason", "reason", reason_names, -1, 1),
	LINE("title", "title", "title", "title", LIMIT_NAME, 1),
	OF("account", FT_ACCOUNT, "account", "account", "account", 4),
	ENUM("status", NULL, "status", "status", NULL, status_names, -1, 1),
	ENUM("priority", "PRIORITY", "priority", "priority", "priority",
	    priority_names, -1, 1),
	TIME("opened", "CREATED", "opened_at", "opened", NULL, 1),
	TIME("follow-up", "DUE", "next_followup_at", "next_followup", NULL, 0),
	ENUM("escalation", NULL, "escalation", "escalation", NULL, level_names,
	    -1, 1),
	TIME("stage-at", NULL, "stage_at", "stage_at", NULL, 1),
	TIME("resolved-at", "COMPLETED", "resolved_at", "resolved", NULL, 0),
	TEXT("resolution", NULL, "resolution", "resolution", NULL, LIMIT_NOTE),
	NUM("amount", FT_MONEY, "amount", "amount", "amount", 1, MONEY_MAX),
	OF("currency", FT_CURRENCY, "currency", "currency", NULL, 3),
	LINE("merchant", "merchant", "merchant", "merchant", LIMIT_NAME, 1),
	TIME("charged", NULL, "charged_at", "charged", "charged", 0),
};

const struct field field_call[KF_COUNT] = {
	CASE_UUID,
	TIME("started", "DTSTART", "started_at", "started", "when", 1),
	ENUM("channel", NULL, "channel", "channel", "channel", channel_names,
	    -1, 1),
	ENUM("direction", NULL, "direction", "direction", NULL,
	    direction_names, -1, 1),
	OF("number", FT_PHONE, "number", "number", "number", PHONE_BUFSZ - 1),
	LINE("department", "department", "department", "department",
	    LIMIT_NAME, 1),
	LINE("ivr", "ivr", "ivr", "ivr", LIMIT_LINE, 1),
	LINE("rep", "rep", "rep", "rep", LIMIT_NAME, 1),
	{ "ref", FT_LIST, LIMIT_LINE, LIMIT_REFS, 0, 0, NULL, -1, 1, NULL,
	    NULL, "refs", "ref", 0 },
	NUM("hold", FT_INT, "hold_seconds", "hold_seconds", "hold", 0,
	    CALL_SECONDS_MAX),
	NUM("duration", FT_INT, "duration_seconds", "duration_seconds",
	    "duration", 0, CALL_SECONDS_MAX),
	ENUM("outcome", NULL, "outcome", "outcome", "outcome", outcome_names,
	    -1, 0),
	LINE("promise", "promise", "promise", "promise", LIMIT_LINE, 1),
	TIME("promised-by", NULL, "promised_by", "promised_by", "promised-by",
	    0),
	TEXT("notes", "DESCRIPTION", "notes", "notes", "note", LIMIT_NOTE),
	TIME("created", "CREATED", "created_at", "created", NULL, 1),
	/* a credit reversed is negative; none is 0, never stored */
	NUM("credited", FT_MONEY, "credited", "credited", "credited",
	    -MONEY_MAX, MONEY_MAX),
	ENUM("promise-status", NULL, "promise_status", "promise_status", NULL,
	    promise_names, PMARK_NONE, 0),
	TIME("promise-marked", NULL, "promise_marked_at", "promise_marked",
	    NULL, 0),
	/* promise's --note: free text like every note */
	TEXT("promise-note", NULL, "promise_note", "promise_note", NULL,
	    LIMIT_NOTE),
};

const struct field field_event[EF_COUNT] = {
	CASE_UUID,
	TIME("at", "DTSTART", "at", "at", NULL, 1),
	ENUM("event", NULL, "kind", "kind", NULL, event_names, -1, 1),
	ENUM("level", NULL, "level", "level", NULL, level_names, LEVEL_NONE,
	    0),
	TIME("due", NULL, "due_at", "due", NULL, 0),
	/* resolve's and the others' --note, not add's: no form field */
	TEXT("note", "DESCRIPTION", "note", "note", NULL, LIMIT_NOTE),
};

/* A kept file's name: the person's, a sender's or a client's text, so a
 * line redacted like one (exhibit.c checks the rest: a base name, no C1
 * control character). */
const struct field field_attachment_name = LINE("file name", "name",
    "name", NULL, LIMIT_NAME, 1);

const struct field_kind field_kinds[SYNC_KINDS] = {
	[SYNC_CASE] = { "case", "cases", CF_COUNT, field_case },
	[SYNC_CALL] = { "call", "calls", KF_COUNT, field_call },
	[SYNC_EVENT] = { "event", "case_events", EF_COUNT, field_event },
};

static int
find(int kind, const char *s, size_t member)
{
	const struct field_kind *k = &field_kinds[kind];

	for (int i = 0; i < k->nfields; i++) {
		const char *v = *(const char *const *)(const void *)
		    ((const char *)&k->fields[i] + member);

		if (v && strcmp(v, s) == 0)
			return i;
	}
	return -1;
}

int
field_by_name(int kind, const char *name)
{
	return find(kind, name, offsetof(struct field, name));
}

int
field_by_option(int kind, const char *option)
{
	return find(kind, option, offsetof(struct field, option));
}

int
field_by_json(int kind, const char *key)
{
	return find(kind, key, offsetof(struct field, json));
}

const char *
field_prop(int kind, int i, char *buf, size_t size)
{
	const struct field *f = &field_kinds[kind].fields[i];
	size_t n;

	if (f->prop)
		return f->prop;
	n = (size_t)snprintf(buf, size, "X-CALLLOG-%s", f->name);
	for (size_t j = 10; j < n && j < size; j++)
		if (buf[j] >= 'a' && buf[j] <= 'z')
			buf[j] = (char)(buf[j] - 'a' + 'A');
	return buf;
}

const char *
field_type_name(enum field_type t)
{
	static const char *const names[] = { "line", "text", "time", "int",
		"money", "enum", "uuid", "list", "phone", "account",
		"currency" };

	return names[t];
}

int
field_uuid_valid(const char *u)
{
	if (strlen(u) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
			return 0;
	}
	return 1;
}

/*
 * An E.164 number, with its extension as stored (";ext=5") when it has
 * one, that phone_normalize gives back unchanged.  The checks before it
 * are the ones it would refuse a number for with a message (which would
 * quote the value): length, a leading 0, and for +1 the NANP's.
 */
int
field_phone_valid(const char *stored)
{
	char e164[PHONE_BUFSZ], s[PHONE_BUFSZ];
	const char *ext;
	size_t n;

	if (strlen(stored) >= PHONE_BUFSZ)
		return 0;
	ext = phone_split(stored, s);
	if (ext != NULL && (*ext == '\0' || strlen(ext) > PHONE_EXT_MAX ||
	    strspn(ext, "0123456789") != strlen(ext)))
		return 0;
	n = strlen(s) - 1;
	if (s[0] != '+' || n < 8 || n > 15 || strspn(s + 1, "0123456789") != n ||
	    s[1] == '0')
		return 0;
	if (s[1] == '1' && (n != 11 || s[2] < '2' || s[5] < '2'))
		return 0;
	return phone_normalize(stored, "1", e164) == 0 &&
	    strcmp(e164, stored) == 0;
}

/* A decimal integer of at most 18 digits (no sign, no leading zero but
 * "0"), so that it fits a column and reads back the same. */
static int
decimal(const char *s, int sign, long long *n)
{
	int neg = sign && *s == '-';
	size_t len = strspn(s + neg, "0123456789");

	if (len == 0 || len > 18 || s[neg + len] != '\0' ||
	    (s[neg] == '0' && (len > 1 || neg)))
		return 0;
	*n = strtoll(s, NULL, 10);
	return 1;
}

/* The first control character of s (newlines and tabs allowed in free
 * text), or 0. */
static int
control(const char *s, int text)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(text && (*p == '\n' || *p == '\t'))) ||
		    *p == 0x7f)
			return *p;
	return 0;
}

static int
text_ok(const struct field *f, const char *v, size_t len, char *why,
    size_t size)
{
	int c;

	if (f->type == FT_LINE && len == 0)
		return snprintf(why, size, "is empty"), -1;
	if (len > f->max)
		return snprintf(why, size, "is too long (%zu bytes, at most %zu)",
		    len, f->max), -1;
	if ((c = control(v, f->type == FT_TEXT)) != 0)
		return snprintf(why, size, "contains a control character (byte "
		    "0x%02x)", c), -1;
	return 0;
}

static int
check_list(const struct field *f, const char *v, char *why, size_t size)
{
	int nvalues = 0;

	for (const char *p = v; ; ) {
		size_t n = strcspn(p, "\n");
		struct field one = *f;
		char *value = xstrndup(p, n);
		int rc;

		one.type = FT_LINE;
		rc = text_ok(&one, value, n, why, size);
		free(value);
		if (rc == -1)
			return -1;
		if (++nvalues > f->max_values)
			return snprintf(why, size, "has more than %d values",
			    f->max_values), -1;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

static int
check_number(const struct field *f, long long n, char *why, size_t size)
{
	long long min = f->type == FT_TIME ? 1 : f->min;
	long long max = f->type == FT_TIME ? WHEN_MAX_TIME : f->max_num;

	if (n < min || n > max)
		return snprintf(why, size, "is out of range (%lld to %lld)", min,
		    max), -1;
	/* An amount that may be negative (a credit reversed) is never 0:
	 * that is no credit, which is stored as none. */
	if (f->type == FT_MONEY && min < 0 && n == 0)
		return snprintf(why, size, "is zero"), -1;
	return 0;
}

static int
check_value(const struct field *f, const char *v, char *why, size_t size)
{
	long long n;
	int e;

	switch (f->type) {
	case FT_LINE:
	case FT_TEXT:
		return text_ok(f, v, strlen(v), why, size);
	case FT_LIST:
		return check_list(f, v, why, size);
	case FT_TIME:
	case FT_INT:
	case FT_MONEY:
		if (!decimal(v, f->min < 0, &n))
			return snprintf(why, size, "is not a whole number"), -1;
		return check_number(f, n, why, size);
	case FT_ENUM:
		e = enum_lookup(f->names, v);
		if (e < 0 || e == f->unstored)
			return snprintf(why, size, "is not a known %s",
			    f->names->what), -1;
		return 0;
	case FT_UUID:
		return field_uuid_valid(v) ? 0 :
		    (snprintf(why, size, "is not a uuid"), -1);
	case FT_PHONE:
		return field_phone_valid(v) ? 0 : (snprintf(why, size, "is not an E.164 "
		    "phone number (at most 15 digits, an extension of %d)",
		    PHONE_EXT_MAX), -1);
	case FT_ACCOUNT:
		return *v && strlen(v) <= f->max && strspn(v, "0123456789") ==
		    strlen(v) ? 0 : (snprintf(why, size, "is not one to %zu "
		    "digits (the last of the card or account)", f->max), -1);
	case FT_CURRENCY:
		return money_code_valid(v) ? 0 : (snprintf(why, size, "is not "
		    "an ISO 4217 code (three capital letters)"), -1);
	}
	return 0;
}

int
field_check(int kind, int i, const char *v, char **out,
    struct redact_counts *rc, char *why, size_t size)
{
	return field_check_at(&field_kinds[kind].fields[i], v, out, rc, why,
	    size);
}

int
field_check_at(const struct field *f, const char *v, char **out,
    struct redact_counts *rc, char *why, size_t size)
{
	struct redact_counts none = { 0 };

	if (!utf8_valid(v, strlen(v)))
		return snprintf(why, size, "is not UTF-8"), -1;
	if (check_value(f, v, why, size) == -1)
		return -1;
	if (out)
		*out = f->redact ? redact_text(v, rc ? rc : &none) : xstrdup(v);
	return 0;
}

int
field_check_value_at(const struct field *f, const char *v, char **out,
    struct redact_counts *rc, char *why, size_t size)
{
	struct field one = *f;

	if (one.type == FT_LIST)
		one.type = FT_LINE;
	return field_check_at(&one, v, out, rc, why, size);
}

int
field_check_num(int kind, int i, long long n, char *why, size_t size)
{
	return check_number(&field_kinds[kind].fields[i], n, why, size);
}

int
field_check_num_at(const struct field *f, long long n, char *why,
    size_t size)
{
	return check_number(f, n, why, size);
}
