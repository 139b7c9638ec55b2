/*
 * directory.c: the shipped directory of numbers, purposes and their
 * aliases, and the per-reason checklist of what to have ready (DESIGN.md,
 * steps 2 and 3).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "directory.h"
#include "model.h"
#include "phone.h"
#include "util.h"

extern const char shipped_directory[];	/* build/directory_data.c */

const char *const *
checklist_for_reason(int reason)
{
	static const char *const lost[] = {
		"when you noticed the card missing, and where you last used it",
		"the last charges you recognise",
		"where the replacement should be sent", NULL };
	static const char *const billing[] = {
		"the dates, merchant names and amounts in question",
		"receipts, and any reply from the merchant",
		"the statement the charge appears on", NULL };
	static const char *const account[] = {
		"what to change: new address, payment method or benefit",
		"the new details, written out", NULL };
	static const char *const activation[] = {
		"the new card in front of you", NULL };
	static const char *const fraud[] = {
		"each charge you do not recognise: date, merchant, amount",
		"when you noticed, and whether the card is still with you", NULL };
	static const char *const travel[] = {
		"reservation numbers, dates and travelers' names", NULL };
	static const char *const rewards[] = {
		"your points balance and what you want to redeem", NULL };
	static const char *const business[] = {
		"the company name and program or account",
		"who is authorised on the account", NULL };
	static const char *const general[] = {
		"your question, in one sentence", NULL };

	switch (reason) {
	case REASON_LOST_CARD:
		return lost;
	case REASON_BILLING:
		return billing;
	case REASON_ACCOUNT:
		return account;
	case REASON_ACTIVATION:
		return activation;
	case REASON_FRAUD:
		return fraud;
	case REASON_TRAVEL:
		return travel;
	case REASON_REWARDS:
		return rewards;
	case REASON_BUSINESS:
		return business;
	default:
		return general;
	}
}

void
directory_add(struct directory *d, const struct dir_entry *e)
{
	struct dir_entry *n;

	d->e = xrealloc(d->e, (d->n + 1) * sizeof(*d->e));
	n = &d->e[d->n++];
	n->org = xstrdup(e->org);
	n->purpose = xstrdup(e->purpose);
	n->number = xstrdup(e->number);
	n->note = e->note ? xstrdup(e->note) : NULL;
	n->shipped = e->shipped;
}

void
directory_merge(struct directory *d, const struct directory *mine)
{
	size_t kept = 0;

	for (size_t k = 0; k < d->n; k++) {
		struct dir_entry *e = &d->e[k];
		int replaced = 0;

		for (size_t i = 0; e->shipped && !replaced && i < mine->n; i++)
			replaced = !strcasecmp(e->org, mine->e[i].org) &&
			    purpose_same(e->purpose, mine->e[i].purpose) &&
			    !strcmp(e->number, mine->e[i].number);
		if (replaced) {
			free(e->org);
			free(e->purpose);
			free(e->number);
			free(e->note);
		} else
			d->e[kept++] = *e;
	}
	d->n = kept;
	for (size_t i = 0; i < mine->n; i++)
		directory_add(d, &mine->e[i]);
}

void
directory_clear(struct directory *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->e[i].org);
		free(d->e[i].purpose);
		free(d->e[i].number);
		free(d->e[i].note);
	}
	free(d->e);
	d->e = NULL;
	d->n = 0;
}

/* One "org TAB purpose TAB number [TAB note]" line into d. */
static int
parse_line(struct directory *d, char *line, const char *src, int lineno)
{
	char *f[4] = { NULL }, *p = line, e164[PHONE_BUFSZ];
	int n = 0;

	while (n < 4 && p) {
		f[n++] = p;
		if ((p = strchr(p, '\t')) != NULL)
			*p++ = '\0';
	}
	if (n < 3 || !*f[0] || !*f[1] || !*f[2])
		return error("%s:%d: expected organization, purpose and number "
		    "separated by tabs", src, lineno);
	if (phone_normalize(f[2], "1", e164) == -1)
		return error("%s:%d: the number above is not valid", src,
		    lineno);
	f[1] = purpose_canonical(f[1]);
	directory_add(d, &(struct dir_entry){ .org = f[0], .purpose = f[1],
	    .number = e164, .note = n > 3 && *f[3] ? f[3] : NULL,
	    .shipped = 1 });
	free(f[1]);
	return 0;
}

static int
parse_text(struct directory *d, const char *text, const char *src)
{
	char *copy = xstrdup(text), *line = copy, *next;
	int lineno = 0, rc = 0;

	for (; rc == 0 && line && *line; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (*line == '#' || *line == '\0')
			continue;
		rc = parse_line(d, line, src, lineno);
	}
	free(copy);
	return rc;
}

int
directory_load_shipped(struct directory *d)
{
	return parse_text(d, shipped_directory, "built-in directory");
}

/* Does E.164 number have calling code cc?  Calling codes are a prefix code
 * (ITU-T E.164), so a prefix match is exact. */
static int
number_in(const char *number, const char *cc)
{
	return number[0] == '+' && strncmp(number + 1, cc, strlen(cc)) == 0;
}

/* The first entry with purpose, for org (NULL: any) and in calling code cc
 * (NULL: any), the person's own entries before the shipped ones. */
static const struct dir_entry *
find_entry(const struct directory *d, const char *org, const char *purpose,
    const char *cc, int shipped_only)
{
	for (int shipped = shipped_only; shipped <= 1; shipped++)
		for (size_t i = 0; i < d->n; i++) {
			const struct dir_entry *e = &d->e[i];

			if ((e->shipped > 0) != shipped ||
			    strcmp(e->purpose, purpose) != 0 ||
			    (org && strcasecmp(e->org, org) != 0) ||
			    (cc && !number_in(e->number, cc)))
				continue;
			return e;
		}
	return NULL;
}

const struct dir_entry *
directory_complaint_channel(const struct directory *d, const char *org)
{
	return find_entry(d, org, "complaint", NULL, 0);
}

const struct dir_entry *
directory_regulator(const struct directory *d, const char *org,
    const char *cc)
{
	const struct dir_entry *e = find_entry(d, org, "regulator", NULL, 0);

	/* Else a shipped regulator row, which names the regulator itself
	 * and serves the country of its number; a person's own row for
	 * another organization is that organization's alone. */
	return e ? e : find_entry(d, NULL, "regulator", cc, 1);
}
