/*
 * purpose.c: the one table of directory purposes, the reasons for calling
 * they serve, and the words people use for them (purpose.h).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "purpose.h"
#include "util.h"

/*
 * Each canonical purpose, the reason for calling it serves (-1: none of
 * its own), and its synonyms.  Words are compared by key (below), so a
 * plural, a dash or a capital needs no entry of its own.
 */
static const struct purpose_words {
	const char *name;
	int reason;
	const char *words[10];
} purposes[] = {
	{ "general", REASON_GENERAL, { "customer service", "service",
	    "general inquiry", "inquiry", "question", NULL } },
	{ "lost-stolen", REASON_LOST_CARD, { "lost", "stolen", "lost card",
	    "stolen card", "lost or stolen", "replacement card", NULL } },
	{ "fraud", REASON_FRAUD, { "unauthorized", "unauthorised",
	    "unauthorized charge", "fraudulent", "scam", "identity theft",
	    NULL } },
	{ "billing", REASON_BILLING, { "dispute", "charge", "bill",
	    "billing inquiry", "chargeback", "refund", "statement", NULL } },
	{ "account", REASON_ACCOUNT, { "account management",
	    "change of address", "payment method", "benefit", NULL } },
	{ "business", REASON_BUSINESS, { "corporate", "corporate card",
	    "small business", "commercial", NULL } },
	{ "travel", REASON_TRAVEL, { "booking", "reservation", NULL } },
	{ "rewards", REASON_REWARDS, { "point", "membership rewards", "mile",
	    NULL } },
	{ "activation", REASON_ACTIVATION, { "activate", "card activation",
	    NULL } },
	{ "roadside", -1, { "roadside assistance", "towing", NULL } },
	{ "international", -1, { "collect", "abroad", "overseas", NULL } },
	{ "complaint", -1, { "formal complaint", "grievance",
	    "complaints department", NULL } },
	{ "regulator", -1, { "regulatory", "ombudsman", NULL } },
};
#define NPURPOSES (sizeof(purposes) / sizeof(purposes[0]))

#define KEY_MAX 128

/*
 * The key a word is compared by: lower case, runs of blanks, dashes and
 * underscores as one space, each word singular ("disputes" -> "dispute",
 * "inquiries" -> "inquiry", "boxes" -> "box"; "business" and "address"
 * stay).  Longer text is cut at KEY_MAX - 1 bytes.
 */
static void
purpose_key(const char *s, char key[KEY_MAX])
{
	size_t n = 0, w;

	while (*s == ' ' || *s == '\t' || *s == '-' || *s == '_')
		s++;
	for (;;) {
		/* One word. */
		w = n;
		while (*s && !strchr(" \t-_", *s) && n < KEY_MAX - 1)
			key[n++] = (char)tolower((unsigned char)*s++);
		if (n - w > 3 && key[n - 1] == 's' && key[n - 2] != 's' &&
		    key[n - 2] != 'u' && key[n - 2] != 'i') {
			if (n - w > 4 && key[n - 2] == 'e' && key[n - 3] == 'i')
				key[n - 3] = 'y', n -= 2;
			else if (n - w > 4 && key[n - 2] == 'e' &&
			    (key[n - 3] == 'x' || key[n - 3] == 's' ||
			    (key[n - 3] == 'h' && strchr("cs", key[n - 4]))))
				n -= 2;
			else
				n--;
		}
		while (*s && !strchr(" \t-_", *s))
			s++;	/* past KEY_MAX */
		while (*s == ' ' || *s == '\t' || *s == '-' || *s == '_')
			s++;
		if (*s == '\0' || n >= KEY_MAX - 2)
			break;
		key[n++] = ' ';
	}
	key[n] = '\0';
}

/* The purpose whose name or word has the key of s, or -1. */
static int
find_exact(const char *s)
{
	char key[KEY_MAX], k2[KEY_MAX];

	purpose_key(s, key);
	if (*key == '\0')
		return -1;
	for (size_t i = 0; i < NPURPOSES; i++) {
		purpose_key(purposes[i].name, k2);
		if (strcmp(key, k2) == 0)
			return (int)i;
		for (int k = 0; purposes[i].words[k]; k++) {
			purpose_key(purposes[i].words[k], k2);
			if (strcmp(key, k2) == 0)
				return (int)i;
		}
	}
	return -1;
}

/* The one purpose that s is a prefix of a name or word of, or -1. */
static int
find_prefix(const char *s)
{
	int match = -1, n = 0;

	for (size_t i = 0; *s && i < NPURPOSES; i++) {
		int hit = str_iprefix(purposes[i].name, s);

		for (int k = 0; !hit && purposes[i].words[k]; k++)
			hit = str_iprefix(purposes[i].words[k], s);
		if (hit) {
			match = (int)i;
			n++;
		}
	}
	return n == 1 ? match : -1;
}

char *
purpose_canonical(const char *s)
{
	int i = find_exact(s);
	char *lower, *p;
	size_t n;

	if (i < 0)
		i = find_prefix(s);
	if (i >= 0)
		return xstrdup(purposes[i].name);
	while (*s == ' ' || *s == '\t')
		s++;
	lower = xstrdup(s);
	for (n = strlen(lower); n > 0 && (lower[n - 1] == ' ' ||
	    lower[n - 1] == '\t'); n--)
		lower[n - 1] = '\0';
	for (p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return lower;
}

int
purpose_known(const char *s)
{
	return find_exact(s) >= 0;
}

int
purpose_same(const char *a, const char *b)
{
	char *ca = purpose_canonical(a), *cb = purpose_canonical(b);
	char ka[KEY_MAX], kb[KEY_MAX];

	purpose_key(ca, ka);
	purpose_key(cb, kb);
	free(ca);
	free(cb);
	return strcmp(ka, kb) == 0;
}

int
purpose_matches(const char *p, const char *typed)
{
	return purpose_same(p, typed) || str_iprefix(p, typed);
}

const char *
purpose_for_reason(int reason)
{
	for (size_t i = 0; i < NPURPOSES; i++)
		if (purposes[i].reason == reason)
			return purposes[i].name;
	return "general";
}

int
purpose_reason(const char *s)
{
	int i = find_exact(s);

	return i < 0 ? -1 : purposes[i].reason;
}

int
purpose_parse_reason(const char *s)
{
	int reason = purpose_reason(s);

	return reason >= 0 ? reason : enum_parse(&reason_names, s);
}
