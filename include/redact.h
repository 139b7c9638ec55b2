/*
 * redact: removes payment card numbers, US social security numbers and card
 * security codes from free text before it is stored (DESIGN.md, Privacy).
 *
 * Card numbers become "card ending NNNN": 13 to 19 digits, ASCII or
 * full-width, in groups apart by the separators people paste (blanks of
 * any width, dashes, dots, slashes, one line break), glued to words or
 * not, that begin with a card network's prefix valid for their length and
 * pass Luhn.  SSNs written 123-45-6789, 123 45 6789 or 123.45.6789, or
 * after "SSN", become "[SSN removed]"; security codes given as such ("CVV
 * 123", "CSC: 1234", "CVV was 1 2 3", "security code 123") become
 * "[security code removed]".  Digits that are not a card number, such as
 * a claim number that passes Luhn but starts as no network does, are left
 * alone.  One scan, in time linear in the text's length; the result is a
 * fixed point (redacting it again changes nothing).
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
 * result.  Never fails (aborts on out of memory like xmalloc).  Writers do
 * not call it on their arguments: args_redact (cmd.h) does, for all.
 */
char *redact_text(const char *text, struct redact_counts *counts);

/* Add what from records to *to. */
void redact_add(struct redact_counts *to, const struct redact_counts *from);

/* Nonzero when *counts records anything. */
int redact_any(const struct redact_counts *counts);

/*
 * Tell the person, in one line on standard error, what was removed before
 * storing ("a card number (last four digits kept), an SSN"), and where the
 * first of it was when where is not NULL.  Says nothing when nothing was.
 */
void redact_report(const struct redact_counts *counts, const char *where);

#endif
