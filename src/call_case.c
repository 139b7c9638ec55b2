/*
 * call_case.c: the open cases a guided call may add to: listed on the
 * card before dialing, and the answer naming one checked when it is
 * given, so that a case that does not exist is said at once rather than
 * after every other question.
 */
#include <stdio.h>
#include <string.h>

#include "call_int.h"
#include "lookup.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "when.h"

/* One open case on the call's card: what the question after the call,
 * "add to an open case", offers. */
static int
card_case(struct cl_case *c, void *arg)
{
	struct card_walk *w = arg;
	char when[WHEN_BUFSZ];

	if (w->n++ == 0)
		fprintf(w->fp, "\nopen cases with %s (this call may add to "
		    "one):\n", w->org);
	if (c->reason == w->reason && w->nsame++ == 0)
		w->same = c->id;
	fprintf(w->fp, "  case %lld: %s, %s", c->id, enum_name(&reason_names,
	    c->reason), view_case_title(c));
	if (c->next_followup) {
		when_format_day(c->next_followup, when);
		fprintf(w->fp, "; next follow-up %s", when);
	}
	if (c->last_rep)
		fprintf(w->fp, "; last spoke to %s", c->last_rep);
	fputc('\n', w->fp);
	return 0;
}

/* The prep card, then the organization's open cases, to fp.  Returns 0,
 * or -1 after reporting. */
int
call_print_card(struct ctx *ctx, const struct prep *p, FILE *fp,
    struct card_walk *w)
{
	struct case_filter f = { .unresolved = 1, .contact = 1, .org = p->org };

	w->fp = fp;
	w->org = p->org;
	prep_print(p, fp);
	if (p->org == NULL)
		return 0;
	if (store_cases_each(ctx->st, &f, card_case, w) != 0)
		return -1;
	if (w->n == 0)
		fprintf(fp, "\nno open case with %s: this call opens one\n",
		    p->org);
	return 0;
}

/* The case answer, checked when it is given: "new", or a case that
 * exists and is not resolved (add would refuse it after every other
 * question).  Returns 0 or -1 after saying what is wrong. */
int
call_check_case(const char *v, void *arg)
{
	struct ctx *ctx = arg;
	struct cl_case c = { 0 };
	long long id;
	int rc;

	if (strcmp(v, "new") == 0)
		return 0;
	if (lookup_case(ctx->st, v, "case", &id) != CMD_OK)
		return -1;
	if ((rc = store_case_get(ctx->st, id, &c)) == 1)
		return error("no case %lld; give an open case's id, or new",
		    id);
	if (rc == 0 && c.status == STATUS_RESOLVED)
		rc = error("case %lld is resolved; give an open case's id, "
		    "or new (to add to it, 'calllog add --case %lld --reopen')",
		    id, id);
	case_clear(&c);
	return rc;
}
