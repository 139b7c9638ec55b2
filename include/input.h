/*
 * input: the fields of a case and of a call as people type them, checked
 * and redacted, shared by `add` and `edit` (and edit's form), so a field
 * reads the same whichever command is given it.
 *
 * A command lays out its option table with CASE_OPTIONS and CALL_OPTIONS
 * at known positions and passes the position of the first:
 *
 *	static const struct opt opts[] = { [O_CASE] = ..., CASE_OPTIONS,
 *	    CALL_OPTIONS, { NULL } };
 *	case_input_read(ctx, a, O_KFIRST, &kin);
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

#define CASE_OPTIONS \
	{ "org", 'o', OPT_VALUE, "NAME", "organization: a known name, alias " \
	    "or unique prefix", OPT_AS_TEXT }, \
	{ "reason", 'r', OPT_VALUE, "REASON", "why you call: lost-card, " \
	    "billing, account, activation, fraud, travel, rewards, business," \
	    " general", OPT_AS_TEXT }, \
	{ "title", 't', OPT_VALUE, "TEXT", "the case in a few words", \
	    OPT_AS_TEXT }, \
	{ "account", 0, OPT_VALUE | OPT_RAW, "LAST4", \
	    "last four digits of the card or account", OPT_AS_TEXT }, \
	{ "priority", 0, OPT_VALUE, "high|normal|low", \
	    "case priority (lost-card and fraud default to high)", \
	    OPT_AS_TEXT }, \
	{ "amount", 0, OPT_VALUE, "AMOUNT", \
	    "the amount in dispute: 418.20, $418.20, EUR 50", OPT_AS_TEXT }, \
	{ "merchant", 0, OPT_VALUE, "NAME", "merchant of the disputed charge", \
	    OPT_AS_TEXT }, \
	{ "charged", 0, OPT_VALUE, "DATE", "date of the disputed charge", \
	    OPT_AS_TEXT }, \
	{ "new-org", 0, 0, NULL, "the organization is new, though its name " \
	    "is close to a known one", OPT_AS_TEXT }

/* A call's own fields, in CALL_OPTIONS order. */
enum {
	CO_NUMBER, CO_DEPARTMENT, CO_REP, CO_REF, CO_WHEN, CO_DURATION,
	CO_HOLD, CO_IVR, CO_CHANNEL, CO_INBOUND, CO_OUTCOME, CO_PROMISE,
	CO_PROMISED_BY, CO_NOTE, CO_CREDITED, CO_COUNT
};

#define CALL_OPTIONS \
	{ "number", 'n', OPT_VALUE | OPT_RAW, "PHONE", "number dialed", \
	    OPT_AS_TEXT }, \
	{ "department", 0, OPT_VALUE, "NAME", "department reached", \
	    OPT_AS_TEXT }, \
	{ "rep", 0, OPT_VALUE, "NAME", "representative's name or ID", \
	    OPT_AS_TEXT }, \
	{ "ref", 0, OPT_VALUE | OPT_MULTI, "REF", "reference number", \
	    OPT_AS_TEXT }, \
	{ "when", 'w', OPT_VALUE, "DATE", \
	    "when the call started (default now)", OPT_AS_TEXT }, \
	{ "duration", 'd', OPT_VALUE, "DUR", \
	    "length of the call, hold included", OPT_AS_TEXT }, \
	{ "hold", 0, OPT_VALUE, "DUR", "time on hold", OPT_AS_TEXT }, \
	{ "ivr", 0, OPT_VALUE, "TEXT", "menu path that reached a human", \
	    OPT_AS_TEXT }, \
	{ "channel", 0, OPT_VALUE, "CH", \
	    "phone, chat, message, letter, in-person", OPT_AS_TEXT }, \
	{ "inbound", 0, 0, NULL, "they contacted you (a callback, a letter)", \
	    OPT_AS_TEXT }, \
	{ "outcome", 0, OPT_VALUE, "OUTCOME", "resolved, follow-up, callback," \
	    " transferred, dropped, escalated, info", OPT_AS_TEXT }, \
	{ "promise", 0, OPT_VALUE, "TEXT", "what they promised", \
	    OPT_AS_TEXT }, \
	{ "promised-by", 0, OPT_VALUE, "DATE", "when they promised it by", \
	    OPT_AS_TEXT }, \
	{ "note", 0, OPT_VALUE | OPT_MULTI | OPT_STDIN, "TEXT", \
	    "notes; '-' reads standard input", OPT_AS_TEXT }, \
	{ "credited", 0, OPT_VALUE, "AMOUNT", \
	    "a credit or refund confirmed on this contact (negative: reversed)", \
	    OPT_AS_TEXT }

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
 * Read the options from position first on; returns CMD_OK or CMD_USAGE
 * after reporting.  Redactions are counted in *r.  The clear functions
 * accept a zeroed input.
 */
int case_input_read(struct ctx *ctx, const struct args *a, int first,
    struct case_input *in, struct redact_counts *r);
int call_input_read(struct ctx *ctx, const struct args *a, int first,
    struct call_input *in, struct redact_counts *r);
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
