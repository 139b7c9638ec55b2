/*
 * input_apply.c: the fields a person gave for a case or a call (input.c
 * read and checked them) copied onto the record, with the rules that
 * hold across fields: one currency a case, a hold within its call.
 */
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "util.h"

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
