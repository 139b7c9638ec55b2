/*
 * orgmatch: which known organization a typed name means (DESIGN.md,
 * "Correcting the record").  A known name (any case's organization) or an
 * alias matches exactly, case-insensitively; else a unique prefix of one;
 * else a name close to one (a typo) is reported so the caller can ask
 * "did you mean ...?".  Names that differ in their digits ("Branch 1",
 * "Branch 2") are different organizations, never typos or prefixes of
 * each other.  Pure: the known names are given.
 */
#ifndef CALLLOG_ORGMATCH_H
#define CALLLOG_ORGMATCH_H

#include <stddef.h>

/* A name that answers for an organization: the organization itself
 * (name == org) or an alias of it. */
struct org_name {
	const char *name;
	const char *org;
};

enum org_match_kind {
	ORG_NEW,		/* nothing like it: a new organization */
	ORG_EXACT,		/* the name or an alias, any case */
	ORG_PREFIX,		/* a unique prefix */
	ORG_AMBIGUOUS,		/* a prefix of several: hits lists them */
	ORG_TYPO		/* close to hits[0]: did you mean it? */
};

/*
 * Match given against the n known names.  Returns the kind, with the
 * indexes into known of the organizations meant (distinct organizations,
 * at most max) in hits and their number in *nhits.
 */
int org_match(const char *given, const struct org_name *known, size_t n,
    size_t *hits, size_t max, size_t *nhits);

/* The edit distance between a and b, case-insensitively, counting a
 * swap of two neighbouring characters as one edit. */
size_t org_distance(const char *a, const char *b);

#endif
