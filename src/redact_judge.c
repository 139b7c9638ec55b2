/*
 * redact_judge.c: which digit groups of a run are a payment card (a card
 * network's prefix for its length, and Luhn), an SSN in its written
 * shape, or the value a keyword announced.  Pure judgements on a run as
 * redact_runs.c read it; redact.c writes what they find.
 */
#include <string.h>

#include "redact_int.h"

/* The number the first k digits of d make. */
static unsigned long
lead(const unsigned char *d, int k)
{
	unsigned long v = 0;

	for (int i = 0; i < k; i++)
		v = v * 10 + d[i];
	return v;
}

/*
 * Whether n digits starting d begin with a card network's prefix valid
 * for that length (the networks' published ranges): Visa, Mastercard with
 * its 2-series, American Express, Discover, JCB, Diners Club, UnionPay,
 * Maestro and Mir.  A claim number that passes Luhn but starts otherwise
 * ("2026111000009") is not a card.
 */
static int
network_prefix(const unsigned char *d, size_t n)
{
	unsigned long p2 = lead(d, 2), p3 = lead(d, 3), p4 = lead(d, 4),
	    p6 = lead(d, 6);
	int len16_19 = n >= 16 && n <= 19;

	if (d[0] == 4)
		return n == 13 || n == 16 || n == 19;
	if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720))
		return n == 16;
	if (p2 == 34 || p2 == 37)
		return n == 15;
	if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 ||
	    (p6 >= 622126 && p6 <= 622925))
		return len16_19;
	if (p4 >= 3528 && p4 <= 3589)
		return len16_19;
	if ((p3 >= 300 && p3 <= 305) || p4 == 3095 || p2 == 36 || p2 == 38 ||
	    p2 == 39)
		return n >= 14 && n <= 19;
	if (p2 == 62 || (p4 >= 8100 && p4 <= 8171))
		return len16_19;
	if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 ||
	    p4 == 6304 || p4 == 6759 || (p4 >= 6761 && p4 <= 6763))
		return n >= 13 && n <= 19;
	if (p4 >= 2200 && p4 <= 2204)
		return len16_19;
	return 0;
}

/*
 * The longest card in r that starts at group g, preceded by the digits of
 * lead4 when it is not NULL (the last four of a card just replaced, which
 * will stand right there in the output).  Returns nonzero and sets *end to
 * its last group and last4 to its last four digits.  A window is whole
 * groups and starts with a group of four digits or more, or is grouped
 * evenly ("4 1 1 1 ...", "41 11 11 ..."): phone numbers and dates have
 * short first groups.  At most 19 digits are looked at.
 */
int
card_at(const struct run *r, size_t g, const unsigned char *lead4,
    size_t *end, unsigned char last4[4])
{
	unsigned char d[19];
	size_t n = 0, first = lead4 ? 4 : r->g[g].nd;
	int found = 0, even = 1;

	if (lead4)
		memcpy(d, lead4, n = 4);
	for (size_t e = g; e < r->n; e++) {
		const struct group *x = &r->g[e];
		int shape;

		if (n + x->nd > 19)
			break;
		memcpy(d + n, r->dig + x->d0, x->nd);
		n += x->nd;
		shape = first >= 4 || (even && x->nd <= first);
		if (x->nd != first && (lead4 || e > g))
			even = 0;
		if (n < 13 || !shape || !network_prefix(d, n))
			continue;
		/* Luhn doubles every second digit from the right: a is the
		 * sum for an odd length, b for an even one. */
		unsigned a = 0, b = 0;

		for (size_t i = 0; i < n; i++) {
			unsigned v = d[i], w = v * 2 > 9 ? v * 2 - 9 : v * 2;

			a += i % 2 ? w : v;
			b += i % 2 ? v : w;
		}
		if ((n % 2 ? a : b) % 10 == 0) {
			found = 1;
			*end = e;
			memcpy(last4, d + n - 4, 4);
		}
	}
	return found;
}

/* Whether the gap after group i is the one-character separator k. */
static int
gap_is(const struct run *r, size_t i, enum sep k)
{
	return i < r->n - 1 && r->g[i].gap1 == k;
}

/*
 * Whether groups g, g+1, g+2 are an SSN written 123-45-6789, 123 45 6789
 * or 123.45.6789, not the tail of a longer number written the same way.
 * before and after are the code points around the run; fresh is set when
 * g starts the run or follows a bracketed mark, which ends any number.
 */
int
ssn_at(const struct run *r, size_t g, int fresh, unsigned before,
    unsigned after)
{
	enum sep k;

	if (g + 2 >= r->n || r->g[g].nd != 3 || r->g[g + 1].nd != 2 ||
	    r->g[g + 2].nd != 4)
		return 0;
	k = r->g[g].gap1;
	if ((k != SEP_DASH && k != SEP_BLANK && k != SEP_DOT) ||
	    r->g[g + 1].gap1 != k)
		return 0;
	if (fresh ? g == 0 && text_is_word(before) : gap_is(r, g - 1, k))
		return 0;
	/* What follows is not looked at beyond the run: it may be a card
	 * about to be replaced, and the output must read the same. */
	return g + 2 < r->n - 1 || !text_is_word(after);
}

/*
 * The groups of the value a keyword introduces at the start of r, or 0:
 * a security code is one group of 3 or 4 digits, or 3 or 4 digits read
 * out one at a time ("1 2 3"); an SSN is 9 digits in groups one
 * character apart.  A value that ends the run must end a word.
 */
size_t
keyword_value(const struct run *r, int ssn, unsigned after)
{
	size_t i, nd = 0;

	if (ssn) {
		for (i = 0; i < r->n && nd < 9; i++) {
			nd += r->g[i].nd;
			if (nd < 9 && r->g[i].gap1 == SEP_NONE)
				return 0;
		}
	} else if (r->g[0].nd == 3 || r->g[0].nd == 4) {
		i = 1;
		nd = r->g[0].nd;
	} else {
		/* Read out one digit at a time, single blanks apart. */
		for (i = 0; i < r->n && r->g[i].nd == 1; ) {
			nd++;
			if (r->g[i++].gap1 != SEP_BLANK)
				break;
		}
		if (nd < 3 || nd > 4)
			return 0;
	}
	if (ssn && nd != 9)
		return 0;
	if (i == r->n && text_is_word(after))
		return 0;
	return i;
}
