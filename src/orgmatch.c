/*
 * orgmatch.c: matching a typed organization name against the known ones.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "orgmatch.h"
#include "util.h"

/* The digits of s in order, as one string ("Branch 12" -> "12"). */
static void
digits_of(const char *s, char *out, size_t n)
{
	size_t k = 0;

	for (; *s && k + 1 < n; s++)
		if (isdigit((unsigned char)*s))
			out[k++] = *s;
	out[k] = '\0';
}

static int
same_digits(const char *a, const char *b)
{
	char da[64], db[64];

	digits_of(a, da, sizeof(da));
	digits_of(b, db, sizeof(db));
	return strcmp(da, db) == 0;
}

size_t
org_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *d = xcalloc((la + 1) * (lb + 1), sizeof(*d));
	size_t r;

#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]);
			int cb = tolower((unsigned char)b[j - 1]);
			size_t v = D(i - 1, j - 1) + (ca != cb);

			if (D(i - 1, j) + 1 < v)
				v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)
			    b[j - 2]) && tolower((unsigned char)a[i - 2]) == cb &&
			    D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	r = D(la, lb);
#undef D
	free(d);
	return r;
}

/* How many edits still make a typo of a name this long: short names
 * differ by one letter at most, or every short name would match. */
static size_t
typo_limit(size_t len)
{
	return len < 3 ? 0 : len <= 5 ? 1 : len <= 12 ? 2 : 3;
}

/* Add known[i]'s organization to hits unless it is there already. */
static void
add_hit(const struct org_name *known, size_t i, size_t *hits, size_t max,
    size_t *nhits)
{
	for (size_t k = 0; k < *nhits; k++)
		if (strcmp(known[hits[k]].org, known[i].org) == 0)
			return;
	if (*nhits < max)
		hits[(*nhits)++] = i;
}

/* A prefix must not end inside a number: "Branch 1" is not the start of
 * "Branch 12". */
static int
is_prefix(const char *name, const char *given)
{
	size_t n = strlen(given);

	if (n == 0 || strncasecmp(name, given, n) != 0)
		return 0;
	return !(isdigit((unsigned char)given[n - 1]) &&
	    isdigit((unsigned char)name[n]));
}

int
org_match(const char *given, const struct org_name *known, size_t n,
    size_t *hits, size_t max, size_t *nhits)
{
	size_t best = (size_t)-1, best_i = 0, len = strlen(given);

	*nhits = 0;
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(known[i].name, given) == 0) {
			add_hit(known, i, hits, max, nhits);
			return ORG_EXACT;
		}
	for (size_t i = 0; i < n; i++)
		if (is_prefix(known[i].name, given))
			add_hit(known, i, hits, max, nhits);
	if (*nhits == 1)
		return ORG_PREFIX;
	if (*nhits > 1)
		return ORG_AMBIGUOUS;
	for (size_t i = 0; i < n; i++) {
		size_t d;

		if (!same_digits(known[i].name, given))
			continue;
		d = org_distance(known[i].name, given);
		if (d <= typo_limit(len < strlen(known[i].name) ? len :
		    strlen(known[i].name)) && d < best) {
			best = d;
			best_i = i;
		}
	}
	if (best == (size_t)-1)
		return ORG_NEW;
	add_hit(known, best_i, hits, max, nhits);
	return ORG_TYPO;
}
