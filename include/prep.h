/*
 * prep: what a call for a reason needs — the numbers to dial with what
 * past calls taught — shared by `prep` and the guided `call`.
 */
#ifndef CALLLOG_PREP_H
#define CALLLOG_PREP_H

#include <stdio.h>

#include "directory.h"
#include "store.h"

struct prep_number {
	struct dir_entry e;
	struct number_stats stats;
};

struct prep {
	int reason;
	const char *reason_title;
	const char *purpose;	/* the directory purpose for the reason */
	char *org;		/* as the directory spells it; NULL: any */
	char *own_purpose;	/* a purpose asked for by name, or NULL */
	struct prep_number *numbers;
	size_t nnumbers;
};

/*
 * Gather the numbers for reason (and org, a prefix or alias, when not
 * NULL) from the shipped directory and the journal's own in st: the
 * purpose's numbers, falling back to the organization's general line, each
 * with what past calls to it taught.  Returns 0, or -1 after reporting.
 * prep_clear() releases *p; after a failure it holds nothing.
 */
int prep_load(struct store *st, int reason, const char *org, struct prep *p);

/* prep_load for a purpose of the directory named by itself, not by a
 * reason ("international"), when purpose is not NULL. */
int prep_load_for(struct store *st, int reason, const char *purpose,
    const char *org, struct prep *p);

/*
 * What prep and call take as REASON: a reason for calling (a word of the
 * purpose table, a reason's name, alias or prefix), or a purpose that
 * serves no reason ("international", "roadside"), then *reason is
 * general and *purpose the canonical purpose, which the caller frees.
 * Returns 0, or -1 after reporting.
 */
int prep_parse(const char *word, int *reason, char **purpose);
void prep_clear(struct prep *p);

/* What to have ready for every call, and the warning about secrets. */
extern const char prep_always[], prep_secrets[];

/* The prep card as text. */
void prep_print(const struct prep *p, FILE *fp);

#endif
