/*
 * test_orgmatch.c: exact names, aliases, prefixes, ambiguity, typos, and
 * names that differ only in their digits.
 */
#include <stdio.h>

#include "orgmatch.h"
#include "tap.h"

static const struct org_name known[] = {
	{ "American Express", "American Express" },
	{ "amex", "American Express" },
	{ "axp", "American Express" },
	{ "American Airlines", "American Airlines" },
	{ "Chase Bank", "Chase Bank" },
	{ "Branch 1", "Branch 1" },
	{ "Branch 12", "Branch 12" },
	{ "Verizon", "Verizon" },
};
#define NKNOWN (sizeof(known) / sizeof(*known))

/* The kind of match for given, and the first organization meant. */
static void
expect(const char *given, int kind, const char *org, const char *name)
{
	size_t hits[4], nhits;
	int k = org_match(given, known, NKNOWN, hits, 4, &nhits);

	is_long(k, kind, name);
	if (org)
		is_str(nhits ? known[hits[0]].org : NULL, org, name);
}

int
main(void)
{
	size_t hits[4], nhits;

	expect("american express", ORG_EXACT, "American Express",
	    "an exact name matches in any case");
	expect("AMEX", ORG_EXACT, "American Express", "an alias matches");
	expect("Chase", ORG_PREFIX, "Chase Bank", "a unique prefix matches");
	expect("American", ORG_AMBIGUOUS, NULL, "a prefix of two is ambiguous");
	org_match("Amer", known, NKNOWN, hits, 4, &nhits);
	is_long(nhits, 2, "and both are listed");
	expect("American E", ORG_PREFIX, "American Express",
	    "a longer prefix is unique");
	expect("amx", ORG_TYPO, "American Express", "amx is a typo of amex");
	expect("Amercan Express", ORG_TYPO, "American Express",
	    "a dropped letter is a typo");
	expect("Chsae Bank", ORG_TYPO, "Chase Bank", "a swap is a typo");
	expect("Verizn", ORG_TYPO, "Verizon", "Verizn is a typo");
	expect("Branch 1", ORG_EXACT, "Branch 1", "Branch 1 is itself");
	expect("Branch 2", ORG_NEW, NULL, "Branch 2 is not a typo of Branch 1");
	expect("Branch 13", ORG_NEW, NULL, "nor Branch 13 of Branch 12");
	expect("Branch", ORG_AMBIGUOUS, NULL, "Branch is a prefix of both");
	expect("Wells Fargo", ORG_NEW, NULL, "an unknown name is new");
	expect("Citi", ORG_NEW, NULL, "a short unrelated name is new");
	is_long(org_distance("abc", "abc"), 0, "no edits");
	is_long(org_distance("abc", "acb"), 1, "a swap is one edit");
	is_long(org_distance("", "abc"), 3, "three insertions");
	return tap_done();
}
