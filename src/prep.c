/*
 * prep.c: choosing the numbers for a call from the merged directory.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "prep.h"
#include "purpose.h"
#include "util.h"
#include "phone.h"
#include "view.h"
#include "when.h"
#include "width.h"

const char prep_always[] = "the card's last four digits (never the "
    "whole number), the name and address on file, the phone number on file";
const char prep_secrets[] = "the phone menu may ask for the card's "
    "security code and your SSN: have them at hand; calllog never stores "
    "them";

void
prep_print(const struct prep *p, FILE *fp)
{
	const char *const *list = checklist_for_reason(p->reason);
	size_t width = (size_t)terminal_width(fp);

	/* Each item wraps under its own text, at the width of the output. */
	width_printf(fp, 4, width, "calling %s about: %s (%s)\n",
	    p->org ? p->org : "any organization", p->reason_title,
	    enum_name(&reason_names, p->reason));
	fprintf(fp, "\nhave ready:\n");
	width_printf(fp, 4, width, "  - %s\n", prep_always);
	for (; *list; list++)
		width_printf(fp, 4, width, "  - %s\n", *list);
	width_printf(fp, 4, width, "  - %s\n", prep_secrets);
	fprintf(fp, "\ndial:\n");
	if (p->nnumbers == 0)
		fprintf(fp, "  no number on file for %s; 'calllog numbers add' "
		    "files one\n", p->purpose);
	for (size_t i = 0; i < p->nnumbers; i++) {
		const struct prep_number *n = &p->numbers[i];
		char shown[PHONE_BUFSZ], hold[WHEN_BUFSZ];

		phone_format(n->e.number, shown);
		width_printf(fp, 6, width, "  %s  %s, %s%s%s\n", shown,
		    n->e.org, n->e.purpose,
		    n->e.note ? ": " : "", n->e.note ? n->e.note : "");
		if (n->stats.ivr)
			width_printf(fp, 8, width, "      menu path that reached "
			    "a human: %s\n", n->stats.ivr);
		if (n->stats.median_hold >= 0) {
			when_format_duration(n->stats.median_hold, hold);
			fprintf(fp, "      usual hold: %s over %d call%s\n", hold,
			    n->stats.calls, n->stats.calls == 1 ? "" : "s");
		}
	}
}

static void
keep(struct store *st, struct prep *p, const struct dir_entry *e)
{
	struct prep_number *n;

	p->numbers = xrealloc(p->numbers, (p->nnumbers + 1) *
	    sizeof(*p->numbers));
	n = &p->numbers[p->nnumbers++];
	n->e.org = xstrdup(e->org);
	n->e.purpose = xstrdup(e->purpose);
	n->e.number = xstrdup(e->number);
	n->e.note = e->note ? xstrdup(e->note) : NULL;
	n->e.shipped = e->shipped;
	if (store_number_stats(st, e->number, &n->stats) == -1)
		n->stats = (struct number_stats){ .median_hold = -1 };
}

/* Keep the entries for purpose; returns how many. */
static size_t
pick(struct store *st, struct prep *p, const struct directory *d,
    const char *org, const char *canon, const char *purpose)
{
	size_t before = p->nnumbers;

	for (size_t i = 0; i < d->n; i++) {
		const struct dir_entry *e = &d->e[i];

		if (org && !str_iprefix(e->org, org) &&
		    strcasecmp(e->org, canon) != 0)
			continue;
		if (!purpose_same(e->purpose, purpose))
			continue;
		if (p->org == NULL && org)
			p->org = xstrdup(e->org);
		keep(st, p, e);
	}
	return p->nnumbers - before;
}

int
prep_parse(const char *word, int *reason, char **purpose)
{
	*purpose = NULL;
	/* "international", "roadside": a line of the directory that no
	 * reason for calling names, asked for by its own name. */
	if (purpose_reason(word) < 0 && purpose_known(word)) {
		*purpose = purpose_canonical(word);
		*reason = REASON_GENERAL;
		return 0;
	}
	return (*reason = purpose_parse_reason(word)) < 0 ? -1 : 0;
}

int
prep_load(struct store *st, int reason, const char *org, struct prep *p)
{
	return prep_load_for(st, reason, NULL, org, p);
}

int
prep_load_for(struct store *st, int reason, const char *purpose,
    const char *org, struct prep *p)
{
	struct directory d = { 0 };
	struct cl_case probe = { .reason = reason };
	char *canon = NULL;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	p->reason = reason;
	p->reason_title = view_case_title(&probe);
	p->purpose = purpose_for_reason(reason);
	if (purpose) {
		p->own_purpose = xstrdup(purpose);
		p->purpose = p->reason_title = p->own_purpose;
	}
	if (store_directory_merged(st, &d) == -1 ||
	    (org && store_org_canonical(st, org, &canon) == -1))
		goto out;
	if (pick(st, p, &d, org, canon, p->purpose) == 0 &&
	    strcmp(p->purpose, "general") != 0)
		pick(st, p, &d, org, canon, "general");
	/* An organization with no number on file is still the one called. */
	if (org && p->org == NULL)
		p->org = xstrdup(canon);
	rc = 0;
out:
	free(canon);
	directory_clear(&d);
	return rc;
}

void
prep_clear(struct prep *p)
{
	for (size_t i = 0; i < p->nnumbers; i++) {
		free(p->numbers[i].e.org);
		free(p->numbers[i].e.purpose);
		free(p->numbers[i].e.number);
		free(p->numbers[i].e.note);
		free(p->numbers[i].stats.ivr);
	}
	free(p->numbers);
	free(p->org);
	free(p->own_purpose);
	memset(p, 0, sizeof(*p));
}
