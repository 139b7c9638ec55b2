/*
 * input: the fields of a case and of a call as people type them, checked
 * and redacted, shared by `add` and `edit` (and edit's form), so a field
 * reads the same whichever command is given it.
 *
 * A command binds CASE_OPTIONS and CALL_OPTIONS to a struct case_options
 * and a struct call_options in its own options struct, laid out at known
 * positions in its table, and passes both the position of the first
 * option and the struct args_bind filled:
 *
 *	static const struct opt opts[] = { [O_CASE] = ...,
 *	    CASE_OPTIONS(struct add_opts, k), CALL_OPTIONS(struct add_opts,
 *	    c), OPT_END };
 *	case_input_read(a, O_KFIRST, &o->k, &kin, &r);
 */
#ifndef CALLLOG_INPUT_H
#define CALLLOG_INPUT_H

#include "cmd.h"
#include "model.h"
#include "redact.h"

/* The case's own fields, in CASE_OPTIONS order. */
enum {
	KO_ORG, KO_REASON, KO_TITLE, KO_ACCOUNT, KO_PRIORITY, KO_AMOUNT,
	KO_MERCHANT, KO_CHARGED, KO_NEW_ORG, KO_COUNT
};

/* What CASE_OPTIONS say, read by args_bind; a date or an amount given
 * empty is absent (OPT_CLEARS), and so cleared. */
struct case_options {
	const char *org, *title, *account, *merchant;
	int reason, priority;	/* -1: not given */
	struct opt_money amount;
	time_t charged;
	int new_org;
};

/* Bind an option to field f of member m of T, a struct case_options
 * or call_options. */
#define INPUT_TO(type, T, m, f) OPT_TO(type, T, m.f)

#define CASE_OPTIONS(T, m) \
	{ "org", 'o', OPT_VALUE, "NAME", "organization: a known name, alias " \
	    "or unique prefix", INPUT_TO(OPT_STRING, T, m, org) }, \
	{ "reason", 'r', OPT_VALUE, "REASON", "why you call: lost-card, " \
	    "billing, account, activation, fraud, travel, rewards, business," \
	    " general", INPUT_TO(OPT_ENUM, T, m, reason), \
	    .names = &reason_names }, \
	{ "title", 't', OPT_VALUE, "TEXT", "the case in a few words", \
	    INPUT_TO(OPT_STRING, T, m, title) }, \
	{ "account", 0, OPT_VALUE | OPT_RAW, "LAST4", \
	    "last four digits of the card or account", \
	    INPUT_TO(OPT_STRING, T, m, account) }, \
	{ "priority", 0, OPT_VALUE, "high|normal|low", \
	    "case priority (lost-card and fraud default to high)", \
	    INPUT_TO(OPT_ENUM, T, m, priority), .names = &priority_names }, \
	{ "amount", 0, OPT_VALUE | OPT_CLEARS, "AMOUNT", \
	    "the amount in dispute: 418.20, $418.20, EUR 50", \
	    INPUT_TO(OPT_AMOUNT, T, m, amount) }, \
	{ "merchant", 0, OPT_VALUE, "NAME", "merchant of the disputed charge", \
	    INPUT_TO(OPT_STRING, T, m, merchant) }, \
	{ "charged", 0, OPT_VALUE | OPT_CLEARS, "DATE", \
	    "date of the disputed charge", \
	    INPUT_TO(OPT_DATE, T, m, charged) }, \
	{ "new-org", 0, 0, NULL, "the organization is new, though its name " \
	    "is close to a known one", INPUT_TO(OPT_BOOL, T, m, new_org) }

/* A call's own fields, in CALL_OPTIONS order. */
enum {
	CO_NUMBER, CO_DEPARTMENT, CO_REP, CO_REF, CO_WHEN, CO_DURATION,
	CO_HOLD, CO_IVR, CO_CHANNEL, CO_INBOUND, CO_OUTCOME, CO_PROMISE,
	CO_PROMISED_BY, CO_NOTE, CO_CREDITED, CO_COUNT
};

/* What CALL_OPTIONS say, read by args_bind, as struct case_options. */
struct call_options {
	const char *number, *department, *rep, *ivr, *promise;
	struct opt_strings refs, notes;
	time_t when, promised_by;
	long duration, hold;	/* -1: not given */
	int channel, outcome;	/* -1: not given */
	int inbound;
	struct opt_money credited;
};

#define CALL_OPTIONS(T, m) \
	{ "number", 'n', OPT_VALUE | OPT_RAW, "PHONE", "number dialed", \
	    INPUT_TO(OPT_STRING, T, m, number) }, \
	{ "department", 0, OPT_VALUE, "NAME", "department reached", \
	    INPUT_TO(OPT_STRING, T, m, department) }, \
	{ "rep", 0, OPT_VALUE, "NAME", "representative's name or ID", \
	    INPUT_TO(OPT_STRING, T, m, rep) }, \
	{ "ref", 0, OPT_VALUE | OPT_MULTI, "REF", "reference number", \
	    INPUT_TO(OPT_STRINGS, T, m, refs) }, \
	{ "when", 'w', OPT_VALUE | OPT_CLEARS, "DATE", \
	    "when the call started (default now)", \
	    INPUT_TO(OPT_DATE, T, m, when) }, \
	{ "duration", 'd', OPT_VALUE | OPT_CLEARS, "DUR", \
	    "length of the call, hold included", \
	    INPUT_TO(OPT_DURATION, T, m, duration) }, \
	{ "hold", 0, OPT_VALUE | OPT_CLEARS, "DUR", "time on hold", \
	    INPUT_TO(OPT_DURATION, T, m, hold) }, \
	{ "ivr", 0, OPT_VALUE, "TEXT", "menu path that reached a human", \
	    INPUT_TO(OPT_STRING, T, m, ivr) }, \
	{ "channel", 0, OPT_VALUE, "CH", \
	    "phone, chat, message, letter, in-person", \
	    INPUT_TO(OPT_ENUM, T, m, channel), .names = &channel_names }, \
	{ "inbound", 0, 0, NULL, "they contacted you (a callback, a letter)", \
	    INPUT_TO(OPT_BOOL, T, m, inbound) }, \
	{ "outcome", 0, OPT_VALUE, "OUTCOME", "resolved, follow-up, callback," \
	    " transferred, dropped, escalated, info", \
	    INPUT_TO(OPT_ENUM, T, m, outcome), .names = &outcome_names }, \
	{ "promise", 0, OPT_VALUE, "TEXT", "what they promised", \
	    INPUT_TO(OPT_STRING, T, m, promise) }, \
	{ "promised-by", 0, OPT_VALUE | OPT_CLEARS, "DATE", \
	    "when they promised it by", \
	    INPUT_TO(OPT_DATE, T, m, promised_by) }, \
	{ "note", 0, OPT_VALUE | OPT_MULTI | OPT_STDIN, "TEXT", \
	    "notes; '-' reads standard input", \
	    INPUT_TO(OPT_STRINGS, T, m, notes) }, \
	{ "credited", 0, OPT_VALUE | OPT_CLEARS, "AMOUNT", \
	    "a credit or refund confirmed on this contact (negative: reversed)", \
	    INPUT_TO(OPT_CREDIT, T, m, credited) }

/* What was typed for a case, read and checked; given[] says which. */
struct case_input {
	int given[KO_COUNT];
	char *org;		/* as typed; lookup_org finds the known one */
	int reason;
	char *title;		/* NULL: given empty (cleared) */
	char *account;
	int priority;
	long long amount;
	char currency[4];
	char *merchant;
	time_t charged;
};

struct call_input {
	int given[CO_COUNT];
	struct cl_call call;	/* the given fields (refs, notes joined) */
	char currency[4];	/* of --credited */
};

/*
 * Check what args_bind read into o (the options from position first on,
 * which say what was given) against the fields' limits, and redact the
 * text; returns CMD_OK or CMD_USAGE after reporting.  Redactions are
 * counted in *r.  The clear functions accept a zeroed input.
 */
int case_input_read(const struct args *a, int first,
    const struct case_options *o, struct case_input *in,
    struct redact_counts *r);
int call_input_read(struct ctx *ctx, const struct args *a, int first,
    const struct call_options *o, struct call_input *in,
    struct redact_counts *r);
void case_input_clear(struct case_input *in);
void call_input_clear(struct call_input *in);

/* Whether any of the case's or the call's own fields was given (not
 * counting --new-org, which changes nothing by itself). */
int case_input_any(const struct case_input *in);
int call_input_any(const struct call_input *in);

/*
 * Copy the given fields onto c or k (org excepted: the caller looks it
 * up).  Money must be in the case's currency: the first amount or credit
 * sets it.  Returns CMD_OK, or CMD_USAGE after reporting a conflict
 * (another currency; a hold longer than the call).
 */
int case_input_apply(const struct case_input *in, struct cl_case *c);
int call_input_apply(const struct call_input *in, struct cl_call *k,
    struct cl_case *c);

#endif
