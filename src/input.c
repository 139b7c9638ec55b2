/*
 * input.c: reading a case's and a call's fields from options, checked
 * against the same limits everywhere, with personal data redacted before
 * anything can store it.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "money.h"
#include "phone.h"
#include "util.h"
#include "when.h"

/* Check a one-line value and redact it; *out is NULL when not given or
 * given empty. */
static int
take_line(const char *opt, const char *v, size_t max, char **out,
    struct redact_counts *r)
{
	*out = NULL;
	if (v == NULL)
		return 0;
	if (check_line(opt, v, max) == -1)
		return -1;
	if (*v)
		*out = redact_text(v, r);
	return 0;
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
	if (n > 4)
		warning("kept only the last four digits of --account");
	*out = xstrdup(last);
	return 0;
}

/* Join every --note into one text.  A '-' given on the command line was
 * replaced by standard input before the journal was opened (args_redact,
 * OPT_STDIN); one left here is a note of one dash, as in call's answers. */
static int
take_notes(const struct args *a, int i, char **out, struct redact_counts *r)
{
	size_t len = 0;
	char *all = NULL;

	*out = NULL;
	for (int n = 0; n < a->nmulti[i]; n++) {
		const char *v = a->multi[i][n];
		char *text = xstrdup(v);
		size_t tn;

		if (check_text("--note", text, LIMIT_NOTE)) {
			free(text);
			free(all);
			return -1;
		}
		tn = strlen(text);
		if (len + tn + 1 > LIMIT_NOTE) {
			free(text);
			free(all);
			return error("the notes are too long (over %d bytes in "
			    "all); shorten them", LIMIT_NOTE);
		}
		all = xrealloc(all, len + tn + 2);
		if (len)
			all[len++] = '\n';
		memcpy(all + len, text, tn + 1);
		len += tn;
		free(text);
	}
	if (all && *all)
		*out = redact_text(all, r);
	free(all);
	return 0;
}

static int
take_enum(const struct enum_names *e, const char *v, int *out)
{
	if (v == NULL)
		return 0;
	return (*out = enum_parse(e, v)) < 0 ? -1 : 0;
}

static int
take_duration(const char *v, long *out)
{
	*out = -1;
	return v && *v ? when_parse_duration(v, out) : 0;
}

static int
take_date(const char *v, time_t now, time_t *out)
{
	*out = 0;
	return v && *v ? when_parse(v, now, out) : 0;
}

static int
take_money(const char *v, const char *dflt, long long *out, char cur[4])
{
	*out = 0;
	return v && *v ? money_parse(v, dflt, out, cur) : 0;
}

/* A credit may be negative: a credit reversed. */
static int
take_credit(const char *v, const char *dflt, long long *out, char cur[4])
{
	*out = 0;
	return v && *v ? money_parse_credit(v, dflt, out, cur) : 0;
}

int
case_input_read(struct ctx *ctx, const struct args *a, int first,
    struct case_input *in, struct redact_counts *r)
{
#define V(i) arg(a, first + (i))
	memset(in, 0, sizeof(*in));
	in->reason = in->priority = -1;
	for (int i = 0; i < KO_COUNT; i++)
		in->given[i] = V(i) != NULL;
	if (take_line("--org", V(KO_ORG), LIMIT_NAME, &in->org, r) ||
	    take_enum(&reason_names, V(KO_REASON), &in->reason) ||
	    take_line("--title", V(KO_TITLE), LIMIT_NAME, &in->title, r) ||
	    take_account(V(KO_ACCOUNT), &in->account) ||
	    take_enum(&priority_names, V(KO_PRIORITY), &in->priority) ||
	    take_money(V(KO_AMOUNT), ctx->cfg.currency, &in->amount,
	    in->currency) ||
	    take_line("--merchant", V(KO_MERCHANT), LIMIT_NAME, &in->merchant,
	    r) ||
	    take_date(V(KO_CHARGED), ctx->now, &in->charged))
		return CMD_USAGE;
	if (V(KO_ORG) && in->org == NULL)
		return error("--org needs a name"), CMD_USAGE;
	return CMD_OK;
#undef V
}

int
call_input_read(struct ctx *ctx, const struct args *a, int first,
    struct call_input *in, struct redact_counts *r)
{
	struct cl_call *k = &in->call;
	char e164[PHONE_BUFSZ];
	int nref = a->nmulti[first + CO_REF];

#define V(i) arg(a, first + (i))
	memset(in, 0, sizeof(*in));
	for (int i = 0; i < CO_COUNT; i++)
		in->given[i] = V(i) != NULL;
	k->channel = CHANNEL_PHONE;
	k->direction = V(CO_INBOUND) ? DIRECTION_INBOUND : DIRECTION_OUTBOUND;
	k->outcome = OUTCOME_NONE;
	if (take_line("--department", V(CO_DEPARTMENT), LIMIT_NAME,
	    &k->department, r) ||
	    take_line("--rep", V(CO_REP), LIMIT_NAME, &k->rep, r) ||
	    take_line("--ivr", V(CO_IVR), LIMIT_LINE, &k->ivr, r) ||
	    take_line("--promise", V(CO_PROMISE), LIMIT_LINE, &k->promise, r) ||
	    take_enum(&channel_names, V(CO_CHANNEL), &k->channel) ||
	    take_enum(&outcome_names, V(CO_OUTCOME), &k->outcome) ||
	    take_duration(V(CO_DURATION), &k->duration) ||
	    take_duration(V(CO_HOLD), &k->hold) ||
	    take_date(V(CO_WHEN), ctx->now, &k->started) ||
	    take_date(V(CO_PROMISED_BY), ctx->now, &k->promised_by) ||
	    take_credit(V(CO_CREDITED), ctx->cfg.currency, &k->credited,
	    in->currency) ||
	    take_notes(a, first + CO_NOTE, &k->notes, r))
		return CMD_USAGE;
	if (nref > LIMIT_REFS)
		return error("too many --ref (%d, at most %d)", nref,
		    LIMIT_REFS), CMD_USAGE;
	for (int i = 0; i < nref; i++) {
		char *ref;

		if (take_line("--ref", a->multi[first + CO_REF][i], LIMIT_LINE,
		    &ref, r) == -1)
			return CMD_USAGE;
		if (ref)
			call_add_ref(k, ref);
		free(ref);
	}
	if (V(CO_NUMBER) && *V(CO_NUMBER)) {
		if (phone_normalize(V(CO_NUMBER), ctx->cfg.country, e164) == -1)
			return CMD_USAGE;
		k->number = xstrdup(e164);
	}
	return CMD_OK;
#undef V
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

/* Money on a case is in one currency; the first amount or credit sets
 * it. */
static int
same_currency(struct cl_case *c, const char *cur, const char *opt)
{
	if (c->currency[0] == '\0') {
		memcpy(c->currency, cur, 4);
		return CMD_OK;
	}
	if (strcmp(c->currency, cur) != 0)
		return error("%s is in %s but case %lld's money is in %s; give "
		    "it in %s", opt, cur, c->id, c->currency, c->currency),
		    CMD_USAGE;
	return CMD_OK;
}

/* Replace *dst by a copy of src (NULL clears it). */
static void
set_str(char **dst, const char *src)
{
	free(*dst);
	*dst = src ? xstrdup(src) : NULL;
}

int
case_input_apply(const struct case_input *in, struct cl_case *c)
{
	if (in->given[KO_REASON])
		c->reason = in->reason;
	if (in->given[KO_TITLE])
		set_str(&c->title, in->title);
	if (in->given[KO_ACCOUNT])
		set_str(&c->account, in->account);
	if (in->given[KO_PRIORITY])
		c->priority = in->priority;
	if (in->given[KO_MERCHANT])
		set_str(&c->merchant, in->merchant);
	if (in->given[KO_CHARGED])
		c->charged_at = in->charged;
	if (in->given[KO_AMOUNT]) {
		if (in->amount == 0)
			c->amount = 0;
		else {
			/* A new amount may change the currency while no
			 * credit is recorded in the old one. */
			if (c->credited == 0)
				c->currency[0] = '\0';
			if (same_currency(c, in->currency, "--amount") != CMD_OK)
				return CMD_USAGE;
			c->amount = in->amount;
		}
	}
	return CMD_OK;
}

int
call_input_apply(const struct call_input *in, struct cl_call *k,
    struct cl_case *c)
{
	const struct cl_call *v = &in->call;

	if (in->given[CO_NUMBER])
		set_str(&k->number, v->number);
	if (in->given[CO_DEPARTMENT])
		set_str(&k->department, v->department);
	if (in->given[CO_REP])
		set_str(&k->rep, v->rep);
	if (in->given[CO_REF]) {
		for (size_t i = 0; i < k->nrefs; i++)
			free(k->refs[i]);
		k->nrefs = 0;
		for (size_t i = 0; i < v->nrefs; i++)
			call_add_ref(k, v->refs[i]);
	}
	if (in->given[CO_WHEN])
		k->started = v->started;
	if (in->given[CO_DURATION])
		k->duration = v->duration;
	if (in->given[CO_HOLD])
		k->hold = v->hold;
	if (in->given[CO_IVR])
		set_str(&k->ivr, v->ivr);
	if (in->given[CO_CHANNEL])
		k->channel = v->channel;
	if (in->given[CO_INBOUND])
		k->direction = v->direction;
	if (in->given[CO_OUTCOME])
		k->outcome = v->outcome;
	if (in->given[CO_PROMISE])
		set_str(&k->promise, v->promise);
	if (in->given[CO_PROMISED_BY])
		k->promised_by = v->promised_by;
	if (in->given[CO_NOTE])
		set_str(&k->notes, v->notes);
	if (in->given[CO_CREDITED]) {
		if (v->credited && same_currency(c, in->currency, "--credited")
		    != CMD_OK)
			return CMD_USAGE;
		k->credited = v->credited;
	}
	if (k->duration >= 0 && k->hold > k->duration)
		return error("the hold (%lds) is longer than the call (%lds); "
		    "the duration includes the hold", k->hold, k->duration),
		    CMD_USAGE;
	return CMD_OK;
}
