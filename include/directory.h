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

/* What to have ready for a reason: NULL-terminated list of lines. */
const char *const *checklist_for_reason(int reason);

#endif
