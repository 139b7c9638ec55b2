/*
 * input.c: a case's and a call's fields as args_bind read them from the
 * options, checked against the same limits everywhere, with personal data
 * redacted before anything can store it (input_apply.c copies them onto
 * the record).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "field.h"
#include "input.h"
#include "phone.h"
#include "util.h"

/* Check value v of field i of kind by its declaration (field.h), as every
 * door does; the message names the option.  *out (when out is not NULL)
 * is the value to store, redacted when the field is. */
static int
check_field(int kind, int i, const char *v, char **out,
    struct redact_counts *r)
{
	char why[FIELD_WHY_BUFSZ];

	if (field_check(kind, i, v, out, r, why, sizeof(why)) == -1)
		return error("--%s %s", field_kinds[kind].fields[i].option, why);
	return 0;
}

/* The same for a number read already (a date, a duration, an amount). */
static int
check_num(int kind, int i, long long n)
{
	char why[FIELD_WHY_BUFSZ];

	if (field_check_num(kind, i, n, why, sizeof(why)) == -1)
		return error("--%s %s", field_kinds[kind].fields[i].option, why);
	return 0;
}

/* A one-line value, checked and redacted; *out is NULL when not given or
 * given empty. */
static int
take_line(int kind, int i, const char *v, char **out,
    struct redact_counts *r)
{
	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	return check_field(kind, i, v, out, r);
}

/* --account keeps the last four digits at most: a whole card number given
 * there is cut down rather than stored. */
static int
take_account(const char *v, char **out)
{
	char last[5] = "";
	size_t n = 0;

	*out = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	for (const char *p = v; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			/* Keep a window of the last four digits seen. */
			if (n >= 4)
				memmove(last, last + 1, 3);
			last[n >= 4 ? 3 : n] = *p;
			n++;
		} else if (*p != ' ' && *p != '-')
			return error("--account '%s' must be digits (the last "
			    "four of the card or account)", v);
	}
	if (n == 0)
		return error("--account '%s' must be digits (the last four of "
		    "the card or account)", v);
	last[n > 4 ? 4 : n] = '\0';
	if (check_field(SYNC_CASE, CF_ACCOUNT, last, out, NULL) == -1)
		return -1;
	if (n > 4)
		warning("kept only the last four digits of --account");
	return 0;
}

/* Join every --note into one text, checked as a whole.  A '-' given on
 * the command line was replaced by standard input before the journal was
 * opened (args_redact, OPT_STDIN); one left here is a note of one dash, as
 * in call's answers. */
static int
take_notes(const struct opt_strings *notes, char **out,
    struct redact_counts *r)
{
	struct strbuf all = { 0 };
	int rc = 0;

	*out = NULL;
	for (int n = 0; n < notes->n; n++) {
		if (n)
			strbuf_addstr(&all, "\n");
		strbuf_addstr(&all, notes->v[n]);
		/* Enough to refuse: the rest need not be copied. */
		if (all.len > LIMIT_NOTE)
			break;
	}
	if (all.s && *all.s)
		rc = check_field(SYNC_CALL, KF_NOTES, all.s, out, r);
	free(all.s);
	return rc;
}

/* The --ref values, checked as the list they make (how many, each a
 * line), then each redacted on its own: a card number is not read across
 * two of them. */
static int
take_refs(const struct opt_strings *refs, struct cl_call *k,
    struct redact_counts *r)
{
	struct strbuf all = { 0 };
	char why[FIELD_WHY_BUFSZ];
	int rc = 0;

	for (int n = 0; n < refs->n; n++)
		if (*refs->v[n]) {
			if (all.len)
				strbuf_addstr(&all, "\n");
			strbuf_addstr(&all, refs->v[n]);
		}
	if (all.s && *all.s)
		rc = check_field(SYNC_CALL, KF_REFS, all.s, NULL, NULL);
	for (int n = 0; rc == 0 && n < refs->n; n++) {
		char *ref;

		ref = NULL;
		if (*refs->v[n] && field_check_value_at(
		    &field_call[KF_REFS], refs->v[n], &ref, r, why,
		    sizeof(why)) == -1)
			rc = error("--ref %s", why);
		else if (ref)
			call_add_ref(k, ref);
		free(ref);
	}
	free(all.s);
	return rc;
}

/* A duration args_bind read (-1: not given, or given empty), checked
 * against field i's limits. */
static int
take_duration(int i, long v, long *out)
{
	*out = v;
	return v >= 0 ? check_num(SYNC_CALL, i, v) : 0;
}

/* A date args_bind read (0: not given, or given empty), checked. */
static int
take_date(int kind, int i, time_t v, time_t *out)
{
	*out = v;
	return v ? check_num(kind, i, v) : 0;
}

/*
 * A time of day written out: digits with ':', "am"/"pm" after a digit,
 * "noon", "midnight".  when_parse does not say whether a time was given,
 * and a date alone comes back at 09:00 like "9am" does.
 */
static int
names_time(const char *v)
{
	for (const char *p = v; *p; p++) {
		const char *q = p;

		if (!isdigit((unsigned char)*p))
			continue;
		while (isdigit((unsigned char)*q))
			q++;
		if (*q == ':' || *q == '.' || *q == 'h' || *q == 'H')
			return 1;
		while (*q == ' ')
			q++;
		if ((tolower((unsigned char)q[0]) == 'a' ||
		    tolower((unsigned char)q[0]) == 'p') &&
		    (tolower((unsigned char)q[1]) == 'm' || q[1] == '.'))
			return 1;
	}
	for (const char *p = v; *p; p++)
		if (strncasecmp(p, "noon", 4) == 0 ||
		    strncasecmp(p, "midnight", 8) == 0)
			return 1;
	return 0;
}

/*
 * A promise's deadline (DESIGN.md, the date rules): given as a date
 * alone, it means the end of that day, local time -- a promise kept that
 * afternoon was kept.  when_parse reads a date alone as 09:00.
 */
static int
take_deadline(int kind, int i, const char *text, time_t v, time_t *out)
{
	struct tm tm;

	if (take_date(kind, i, v, out) != 0)
		return -1;
	if (*out == 0 || names_time(text) || localtime_r(out, &tm) == NULL ||
	    tm.tm_hour != 9 || tm.tm_min != 0 || tm.tm_sec != 0)
		return 0;
	tm.tm_hour = 23;
	tm.tm_min = tm.tm_sec = 59;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return 0;
}

/* An amount or a credit args_bind read (currency "": not given, or given
 * empty), checked. */
static int
take_money(int kind, int i, const struct opt_money *m, long long *out,
    char cur[4])
{
	*out = m->minor;
	memcpy(cur, m->currency, 4);
	return m->currency[0] ? check_num(kind, i, m->minor) : 0;
}

int
case_input_read(const struct args *a, int first,
    const struct case_options *o, struct case_input *in,
    struct redact_counts *r)
{
	memset(in, 0, sizeof(*in));
	in->reason = o->reason;
	in->priority = o->priority;
	for (int i = 0; i < KO_COUNT; i++)
		in->given[i] = a->val[first + i] != NULL;
	if (take_line(SYNC_CASE, CF_ORG, o->org, &in->org, r) ||
	    take_line(SYNC_CASE, CF_TITLE, o->title, &in->title, r) ||
	    take_account(o->account, &in->account) ||
	    take_money(SYNC_CASE, CF_AMOUNT, &o->amount, &in->amount,
	    in->currency) ||
	    take_line(SYNC_CASE, CF_MERCHANT, o->merchant, &in->merchant, r) ||
	    take_date(SYNC_CASE, CF_CHARGED, o->charged, &in->charged))
		return CMD_USAGE;
	if (o->org && in->org == NULL)
		return error("--org needs a name"), CMD_USAGE;
	return CMD_OK;
}

int
call_input_read(struct ctx *ctx, const struct args *a, int first,
    const struct call_options *o, struct call_input *in,
    struct redact_counts *r)
{
	struct cl_call *k = &in->call;
	char e164[PHONE_BUFSZ];

	memset(in, 0, sizeof(*in));
	for (int i = 0; i < CO_COUNT; i++)
		in->given[i] = a->val[first + i] != NULL;
	k->channel = o->channel >= 0 ? o->channel : CHANNEL_PHONE;
	k->direction = o->inbound ? DIRECTION_INBOUND : DIRECTION_OUTBOUND;
	k->outcome = o->outcome >= 0 ? o->outcome : OUTCOME_NONE;
	if (take_line(SYNC_CALL, KF_DEPARTMENT, o->department,
	    &k->department, r) ||
	    take_line(SYNC_CALL, KF_REP, o->rep, &k->rep, r) ||
	    take_line(SYNC_CALL, KF_IVR, o->ivr, &k->ivr, r) ||
	    take_line(SYNC_CALL, KF_PROMISE, o->promise, &k->promise, r) ||
	    take_duration(KF_DURATION, o->duration, &k->duration) ||
	    take_duration(KF_HOLD, o->hold, &k->hold) ||
	    take_date(SYNC_CALL, KF_STARTED, o->when, &k->started) ||
	    take_deadline(SYNC_CALL, KF_PROMISED_BY,
	    a->val[first + CO_PROMISED_BY], o->promised_by, &k->promised_by) ||
	    take_money(SYNC_CALL, KF_CREDITED, &o->credited, &k->credited,
	    in->currency) ||
	    take_notes(&o->notes, &k->notes, r) ||
	    take_refs(&o->refs, k, r))
		return CMD_USAGE;
	if (o->number && *o->number) {
		if (phone_normalize(o->number, ctx->cfg.country, e164) == -1 ||
		    check_field(SYNC_CALL, KF_NUMBER, e164, &k->number, NULL))
			return CMD_USAGE;
	}
	return CMD_OK;
}
void
case_input_clear(struct case_input *in)
{
	free(in->org);
	free(in->title);
	free(in->account);
	free(in->merchant);
	memset(in, 0, sizeof(*in));
}

void
call_input_clear(struct call_input *in)
{
	call_clear(&in->call);
	memset(in, 0, sizeof(*in));
}

int
case_input_any(const struct case_input *in)
{
	for (int i = 0; i < KO_COUNT; i++)
		if (in->given[i] && i != KO_NEW_ORG)
			return 1;
	return 0;
}

int
call_input_any(const struct call_input *in)
{
	for (int i = 0; i < CO_COUNT; i++)
		if (in->given[i])
			return 1;
	return 0;
}
