/*
 * model: the journal's records (cases, calls, case events) as plain C data,
 * and the names of their enumerations as people type and read them.
 *
 * Times are UTC seconds; 0 means "not set".  Strings are owned by the record
 * and freed by the matching *_clear function, which accepts a zeroed record.
 */
#ifndef CALLLOG_MODEL_H
#define CALLLOG_MODEL_H

#include <stddef.h>
#include <time.h>

#define UUID_BUFSZ 37

enum reason {
	REASON_LOST_CARD, REASON_BILLING, REASON_ACCOUNT, REASON_ACTIVATION,
	REASON_FRAUD, REASON_TRAVEL, REASON_REWARDS, REASON_BUSINESS,
	REASON_GENERAL, REASON_COUNT
};

enum status {
	STATUS_OPEN, STATUS_WAITING, STATUS_ESCALATED, STATUS_RESOLVED,
	STATUS_COUNT
};

enum priority { PRIORITY_HIGH, PRIORITY_NORMAL, PRIORITY_LOW, PRIORITY_COUNT };

enum level {
	LEVEL_NONE, LEVEL_SUPERVISOR, LEVEL_COMPLAINT, LEVEL_REGULATOR,
	LEVEL_COUNT
};

enum channel {
	CHANNEL_PHONE, CHANNEL_CHAT, CHANNEL_MESSAGE, CHANNEL_LETTER,
	CHANNEL_IN_PERSON, CHANNEL_COUNT
};

enum direction { DIRECTION_OUTBOUND, DIRECTION_INBOUND, DIRECTION_COUNT };

/* OUTCOME_NONE (-1) is a call whose outcome was not recorded. */
enum outcome {
	OUTCOME_NONE = -1,
	OUTCOME_RESOLVED, OUTCOME_FOLLOW_UP, OUTCOME_CALLBACK,
	OUTCOME_TRANSFERRED, OUTCOME_DROPPED, OUTCOME_ESCALATED, OUTCOME_INFO,
	OUTCOME_COUNT
};

/* A promise's status as marked by hand (`promise ID --kept`); unmarked
 * (PMARK_NONE), the dossier derives it from the deadline. */
enum promise_mark {
	PMARK_NONE, PMARK_KEPT, PMARK_BROKEN, PMARK_WITHDRAWN, PMARK_COUNT
};

enum event_kind {
	EVENT_ESCALATE, EVENT_RESOLVE, EVENT_REOPEN, EVENT_FOLLOWUP,
	EVENT_COUNT
};

/* An enumeration's names; aliases map other words onto a value. */
struct enum_alias {
	const char *word;
	int value;
};

struct enum_names {
	const char *what;		/* "reason", for messages */
	const char *const *names;	/* indexed by value */
	int count;
	const struct enum_alias *aliases;	/* NULL-terminated, may be NULL */
};

extern const struct enum_names reason_names, status_names, priority_names,
    level_names, channel_names, direction_names, outcome_names,
    event_names, reminder_kind_names, promise_names;

/*
 * Read a value as a person types it: the name, an alias, an unambiguous
 * prefix of a name, or a plural, case-insensitively; a prefix of an alias
 * alone is refused, naming it.  Returns the value, or -1 after
 * reporting through error() what was wrong and the accepted names.
 */
int enum_parse(const struct enum_names *e, const char *s);

/* The stored name of value v, or NULL when v is out of range. */
const char *enum_name(const struct enum_names *e, int v);

/* Exact stored name to value (case-sensitive); -1 when unknown. */
int enum_lookup(const struct enum_names *e, const char *s);

/* A promise as the policy judges it: made on call `call` at `made`,
 * due by `by` (0: no deadline), and what the person marked by hand. */
struct cl_promise {
	long long call;
	time_t made;
	time_t by;
	int mark;		/* PMARK_NONE: not marked */
	time_t marked;		/* when it was marked; 0: unknown */
	char *text;		/* what was promised; NULL: not said */
	char *note;		/* the person's note on marking; NULL: none */
};

/* One case.  The fields after `resolution` are derived by the store's
 * queries from the case's calls and events and are never written. */
struct cl_case {
	long long id;
	char uuid[UUID_BUFSZ];
	char *org;
	int reason;
	char *title;		/* NULL: none */
	char *account;		/* last four digits at most, NULL: none */
	int status;
	int priority;
	time_t opened;
	time_t updated;
	time_t next_followup;
	int followup_seq;
	int escalation;
	time_t stage_at;
	time_t resolved_at;
	char *resolution;
	long long amount;	/* in dispute, minor units; 0: none */
	char currency[4];	/* ISO 4217 of amount and credits; "": none */
	char *merchant;		/* of the disputed charge; NULL: none */
	time_t charged_at;	/* the charge's date; 0: none */

	long long credited;	/* sum of the calls' credits (derived) */
	int ncalls;		/* calls on the case */
	time_t last_call;	/* start of the newest call */
	int stage_calls;	/* calls since stage_at */
	char *promise;		/* the newest promise made on the case */
	time_t promised_by;	/* its deadline */
	struct cl_promise *promises;	/* every promise, oldest first: what
					   policy_promise judges (read with
					   the case; owned here) */
	size_t npromises;

	/* Filled only when a listing asks for contact details: */
	char *last_number;	/* E.164 number of the newest call with one */
	char *last_rep;		/* representative of the newest call with one */
	char **refs;		/* every reference number, oldest first */
	size_t nrefs;
};

/* One contact on a case.  hold and duration are -1 when not recorded. */
struct cl_call {
	long long id;
	char uuid[UUID_BUFSZ];
	long long case_id;
	time_t started;
	int channel;
	int direction;
	char *number;		/* E.164 */
	char *department;
	char *ivr;
	char *rep;
	char **refs;
	size_t nrefs;
	long hold;
	long duration;
	int outcome;
	char *promise;
	time_t promised_by;
	char *notes;
	time_t created;
	time_t updated;
	long long credited;	/* credit confirmed on this contact; 0: none */
	int promise_mark;	/* marked by hand; PMARK_NONE: not marked */
	time_t promise_marked;	/* when it was marked; 0: never */
	char *promise_note;	/* why, when marked */
	time_t follow_up;	/* the follow-up asked for on it (add
				 * --follow-up), for case_replay; 0: none */

	char *org;		/* the case's organization, filled by listings */
	char currency[4];	/* the case's, credited's; filled by reads */
};

/* Something that happened to a case other than a call. */
struct cl_event {
	long long id;
	char uuid[UUID_BUFSZ];
	long long case_id;
	time_t at;
	int kind;
	int level;		/* LEVEL_NONE unless kind is EVENT_ESCALATE */
	time_t due;		/* EVENT_FOLLOWUP: the new follow-up time */
	char *note;
};

/* Something the person saw or received that is not a contact (a credit
 * on a statement, a letter's arrival): in the timeline and the ledger,
 * never counted as a call. */
struct cl_note {
	long long id;
	char uuid[UUID_BUFSZ];
	long long case_id;
	time_t at;		/* when it was seen or received */
	char *text;
	long long credited;	/* minor units, the case's currency; 0: none,
				   negative: a credit reversed */
	time_t created;
	time_t updated;
};

void note_clear(struct cl_note *n);

void case_clear(struct cl_case *c);
void call_clear(struct cl_call *c);
void event_clear(struct cl_event *e);

/* A new random (version 4) uuid in lower-case text form. */
void uuid_new(char out[UUID_BUFSZ]);

/* The uuid (version 5) named by name: the same on every machine, for an
 * item another client gave a UID that is no uuid. */
void uuid_from_name(const char *name, char out[UUID_BUFSZ]);

/* Append ref to the call's reference numbers (copies it). */
void call_add_ref(struct cl_call *c, const char *ref);

/* How a contact the organization began is said: "they called" on the
 * phone, "they wrote" by message, letter or chat (an email `calllog mail`
 * recorded is no call of theirs), "from them" in person; "" when it was
 * the person's own. */
const char *call_from_them(const struct cl_call *k);

#endif
