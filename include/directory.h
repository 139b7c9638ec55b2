/*
 * directory: customer-support numbers by organization and purpose — the
 * shipped list (data/directory.tsv) merged with the person's own — and the
 * checklist of what to have ready for each reason for calling.
 */
#ifndef CALLLOG_DIRECTORY_H
#define CALLLOG_DIRECTORY_H

#include <stddef.h>

#include "purpose.h"

struct dir_entry {
	char *org;
	char *purpose;		/* canonical when known (purpose.h) */
	char *number;		/* E.164 */
	char *note;		/* NULL: none */
	int shipped;		/* from the shipped list, not the person's */
};

struct directory {
	struct dir_entry *e;
	size_t n;
};

/*
 * Load the shipped directory, data/directory.tsv as built into calllog:
 * one copy, so no installed file can disagree with the binary (a person's
 * own numbers live in the journal).  Returns 0, or -1 after reporting a
 * malformed line.
 */
int directory_load_shipped(struct directory *d);

/* Append a copy of e. */
void directory_add(struct directory *d, const struct dir_entry *e);
void directory_clear(struct directory *d);

/* Add the person's own entries (mine) to d, dropping each shipped entry
 * one of them replaces: the same organization, purpose and number. */
void directory_merge(struct directory *d, const struct directory *mine);

/* What to have ready for a reason: NULL-terminated list of lines. */
const char *const *checklist_for_reason(int reason);

/*
 * Whom to contact for the formal complaint step of a case with org: the
 * org's entry with purpose "complaint", the person's own (`numbers add ORG
 * complaint NUMBER`) before a shipped one.  NULL when none is known.  The
 * entry belongs to d.
 */
const struct dir_entry *directory_complaint_channel(const struct directory *d,
    const char *org);

/*
 * Whom to contact for the regulator step of a case with org: the org's own
 * entry with purpose "regulator" when there is one (a person's first),
 * else the shipped regulator of calling code cc, the person's country ("1":
 * the Consumer Financial Protection Bureau).  NULL when none is known.
 */
const struct dir_entry *directory_regulator(const struct directory *d,
    const char *org, const char *cc);

#endif
