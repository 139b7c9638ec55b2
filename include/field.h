/*
 * field: one declaration per field of a case, a call and a case event —
 * its type, its limits, whether it is redacted, the property a sync item
 * carries it in, its key in the export file and its command-line option —
 * and the one check every door calls (the command line and the edit form
 * through input.c, import, sync and the calendar read-back), so that no
 * door holds limits of its own (DESIGN.md, "DIR is untrusted").
 *
 * A value is checked in the form sync carries it: text as is, a time as
 * UTC seconds, a count, a duration or an amount (minor units) in decimal,
 * a list a value a line.  A door that reads another form (a date in words,
 * "2h", "$418.20") converts first and checks what it would store.
 *
 *	char why[FIELD_WHY_BUFSZ], *clean;
 *	if (field_check(SYNC_CALL, KF_REP, v, &clean, &rc, why, sizeof(why)))
 *		error("--rep %s", why);	... "--rep is too long (...)"
 *
 * Pure: no I/O, no clock.
 */
#ifndef CALLLOG_FIELD_H
#define CALLLOG_FIELD_H

#include <stddef.h>

#include "model.h"
#include "redact.h"

enum sync_kind { SYNC_CASE, SYNC_CALL, SYNC_EVENT, SYNC_KINDS };

#define SYNC_FIELDS_MAX 20

enum field_type {
	FT_LINE,	/* one line of text, not empty */
	FT_TEXT,	/* free text: lines and tabs allowed */
	FT_TIME,	/* UTC seconds, 1 to WHEN_MAX_TIME */
	FT_INT,		/* a whole number from min to max (seconds, counts) */
	FT_MONEY,	/* minor units, from min to max */
	FT_ENUM,	/* a stored enumeration name */
	FT_UUID,	/* the record's case, by uuid */
	FT_LIST,	/* lines, each one a value (reference numbers) */
	FT_PHONE,	/* an E.164 number as stored (";ext=5" allowed) */
	FT_ACCOUNT,	/* one to four digits: the last of a card or account */
	FT_CURRENCY	/* an ISO 4217 code */
};

struct field {
	const char *name;		/* "follow-up": X-CALLLOG-FOLLOW-UP */
	enum field_type type;
	size_t max;			/* bytes; of each value of a list */
	int max_values;			/* FT_LIST: values at most */
	long long min, max_num;		/* FT_INT, FT_MONEY */
	const struct enum_names *names;	/* FT_ENUM */
	int unstored;			/* FT_ENUM: the value meaning "unset",
					   never stored (-1: none) */
	int redact;			/* text a person typed: redacted */
	const char *prop;		/* the standard property a sync item
					   carries it in; NULL: X-CALLLOG- */
	const char *column;		/* its column in the journal; NULL: a
					   table of its own (refs) */
	const char *json;		/* key in export and import files */
	const char *option;		/* command-line option and edit form
					   field; NULL: none */
	int required;			/* a record cannot be without it */
};

struct field_kind {
	const char *name;		/* "case", "call", "event" */
	const char *table;		/* its table in the journal */
	int nfields;
	const struct field *fields;
	const char *const *derived;	/* columns of its table that are
					   kept by the journal, not declared */
};

extern const struct field_kind field_kinds[SYNC_KINDS];

/* Field numbers: the order of the tables, which store_sync.c's columns
 * and the calendar module's standard properties follow. */
enum { CF_ORG, CF_REASON, CF_TITLE, CF_ACCOUNT, CF_STATUS, CF_PRIORITY,
	CF_OPENED, CF_FOLLOWUP, CF_ESCALATION, CF_STAGE_AT, CF_RESOLVED_AT,
	CF_RESOLUTION, CF_AMOUNT, CF_CURRENCY, CF_MERCHANT, CF_CHARGED,
	CF_COUNT };
enum { KF_CASE, KF_STARTED, KF_CHANNEL, KF_DIRECTION, KF_NUMBER,
	KF_DEPARTMENT, KF_IVR, KF_REP, KF_REFS, KF_HOLD, KF_DURATION,
	KF_OUTCOME, KF_PROMISE, KF_PROMISED_BY, KF_NOTES, KF_CREATED,
	KF_CREDITED, KF_PROMISE_STATUS, KF_PROMISE_MARKED, KF_PROMISE_NOTE,
	KF_COUNT };
enum { EF_CASE, EF_AT, EF_KIND, EF_LEVEL, EF_DUE, EF_NOTE, EF_COUNT };

/* The tables themselves, for a table of another door that points at its
 * fields' declarations (xfer.c): &field_case[CF_TITLE]. */
extern const struct field field_case[CF_COUNT], field_call[KF_COUNT],
    field_event[EF_COUNT];

/* Room for a check's message: a field's name and its limits. */
#define FIELD_WHY_BUFSZ 160

/* The field of kind with that name, option or export key; -1 if none. */
int field_by_name(int kind, const char *name);
int field_by_option(int kind, const char *option);
int field_by_json(int kind, const char *key);

/* The property a sync item carries field i in: its standard one, or
 * "X-CALLLOG-" and the name in capitals, into buf. */
const char *field_prop(int kind, int i, char *buf, size_t size);

/*
 * Check value v of field i of kind: UTF-8, control characters, length,
 * number of values, range, enumeration, phone number, account digits,
 * currency code.  Returns 0 and, when out is not NULL, sets *out to a copy
 * the caller frees, redacted when the field is (removals counted in *rc,
 * which may be NULL then).  Returns -1 with why filled by what is wrong
 * and the limit, without the field's name (the door names it its own way)
 * and never with the value: "is too long (201 bytes, at most 200)".
 */
int field_check(int kind, int i, const char *v, char **out,
    struct redact_counts *rc, char *why, size_t size);

/* The same for a number a door has read already (a duration, an amount,
 * a time). */
int field_check_num(int kind, int i, long long n, char *why, size_t size);

/* One value of a list (a reference number given alone): a line of the
 * list's limit.  Other fields: field_check_at. */
int field_check_value_at(const struct field *f, const char *v, char **out,
    struct redact_counts *rc, char *why, size_t size);

/* Both, by the declaration itself. */
int field_check_at(const struct field *f, const char *v, char **out,
    struct redact_counts *rc, char *why, size_t size);
int field_check_num_at(const struct field *f, long long n, char *why,
    size_t size);

/* Nonzero when uuid is a uuid as calllog writes them (lower case). */
int field_uuid_valid(const char *uuid);

/* Nonzero when s is a number as calllog stores them: E.164, with an
 * extension as ";ext=5", that phone_normalize gives back unchanged (and
 * so not a card number). */
int field_phone_valid(const char *s);

/* The name of a type, as `calllog __fields` prints it. */
const char *field_type_name(enum field_type t);

/*
 * `calllog __fields [derived]` (hidden, like __complete): the declarations
 * as TSV, a field a line, for tests to derive their cases from:
 *
 *	kind name type max_bytes max_values min max values redact property
 *	json option column required
 *
 * ("-" where a field has none; values: an enumeration's stored names,
 * comma-separated).  With "derived": each kind's table and the columns
 * the journal keeps itself.  Returns an exit code.
 */
int field_print(int argc, char **argv);

#endif
