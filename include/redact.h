/*
 * redact: removes payment card numbers, US social security numbers and card
 * security codes from free text before it is stored (DESIGN.md, Privacy).
 *
 * Card numbers (13 to 19 digits, single spaces or dashes allowed between
 * digits, Luhn-valid) become "card ending NNNN"; SSNs written 123-45-6789
 * become "[SSN removed]"; security codes given as such ("CVV 123",
 * "CSC: 1234", "security code 123", "CVC2 123") become "[security code
 * removed]".  Digits that are not a card number, such as a 16-digit
 * reference that fails Luhn, are left alone.
 */
#ifndef CALLLOG_REDACT_H
#define CALLLOG_REDACT_H

/* What redact_text found, for telling the user. */
struct redact_counts {
	int cards;
	int ssns;
	int codes;
};

/*
 * Return a newly allocated copy of text with sensitive data replaced, adding
 * what was replaced to *counts (which may be NULL).  The caller frees the
 * result.  Never fails (aborts on out of memory like xmalloc).
 */
char *redact_text(const char *text, struct redact_counts *counts);

/* Nonzero when *counts records anything. */
int redact_any(const struct redact_counts *counts);

/*
 * Tell the person, in one line on standard error, what was removed before
 * storing ("a card number (last four digits kept), an SSN"), and where the
 * first of it was when where is not NULL.  Says nothing when nothing was.
 */
void redact_report(const struct redact_counts *counts, const char *where);

#endif
