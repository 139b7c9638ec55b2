/*
 * redact.c: finds payment card numbers, SSNs and card security codes in free
 * text and replaces them, in one pass, before anything is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "redact.h"
#include "util.h"

#define SSN_MARK	"[SSN removed]"
#define CODE_MARK	"[security code removed]"

/*
 * Words that announce a security code or an SSN, matched whole and without
 * regard to case; a space stands for one or more blanks.  Longer phrases
 * come first so that the keyword kept in the output is the whole phrase.
 */
static const char *const code_words[] = {
	"card security code", "security code", "cvv2", "cvc2", "cvv", "cvc",
	"csc", "cid", NULL
};
static const char *const ssn_words[] = {
	"social security number", "social security", "ssn", NULL
};

/* The output, grown as replacements may be longer than what they replace. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

static void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap *= 2;
		b->p = xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * Whether c belongs to a word, for the boundaries around numbers and
 * keywords.  Every byte of a multibyte UTF-8 sequence counts as a letter:
 * "Café" is one word, and a number glued to it is not a number on its own.
 * Working on bytes this way never splits a sequence, since only ASCII
 * digits are ever replaced.
 */
static int
is_word(unsigned char c)
{
	return is_digit(c) || is_letter(c) || c == '_' || c >= 0x80;
}

static size_t
skip_blanks(const char *s, size_t i)
{
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return i;
}

/*
 * Length of the run of digits that starts at s, where consecutive digits
 * may be separated by up to maxsep of the characters of seps.  Sets
 * *ndigits to the number of digits in it.
 */
static size_t
digit_run(const char *s, const char *seps, size_t maxsep, size_t *ndigits)
{
	size_t i = 0, nd = 0;

	for (;;) {
		size_t k = i;

		if (is_digit(s[i])) {
			i++;
			nd++;
			continue;
		}
		while (k - i < maxsep && s[k] != '\0' && strchr(seps, s[k]))
			k++;
		if (k == i || !is_digit(s[k]))
			break;
		i = k;
	}
	*ndigits = nd;
	return i;
}

/* Blanks and dashes between a card's groups: "4111 1111", "4111  1111",
 * "4111 - 1111".  More than three is taken as two separate numbers. */
#define CARD_SEPS " -"
#define CARD_MAXSEP 3

/*
 * Whether the gaps between the digit groups of s[0..len) could be a card's
 * typed with wide gaps: all the same text ("4111  1111  1111  1111"), or,
 * with blanks only, when whole is set (an uneven hand, "4111  1111 1111
 * 1111").  A range of dates ("2026-11-01 - 2026-11-05") or two phone
 * numbers ("212 555 0101 - 800 555 0142") fail it and are left alone.
 */
static int
even_gaps(const char *s, size_t len, int whole)
{
	const char *gap = NULL;
	size_t gaplen = 0;

	if (whole && strspn(s, "0123456789 ") >= len)
		return 1;
	for (size_t i = 0; i < len; ) {
		size_t n;

		if (is_digit(s[i])) {
			i++;
			continue;
		}
		for (n = 0; i + n < len && !is_digit(s[i + n]); n++)
			;
		if (gap == NULL) {
			gap = s + i;
			gaplen = n;
		} else if (n != gaplen || memcmp(gap, s + i, n) != 0)
			return 0;
		i += n;
	}
	return 1;
}

/*
 * Whether the run s[0..len) of nd digits is a card number: 13 to 19 digits
 * passing the Luhn check.  No card starts with 0 (that major industry
 * identifier is not issued), which spares references of zeros, which pass
 * Luhn.
 */
static int
is_card(const char *s, size_t len, size_t nd)
{
	int sum = 0, dbl = 0, d;

	if (nd < 13 || nd > 19 || s[0] == '0')
		return 0;
	while (len-- > 0) {
		if (!is_digit(s[len]))
			continue;
		d = s[len] - '0';
		if (dbl && (d *= 2) > 9)
			d -= 9;
		sum += d;
		dbl = !dbl;
	}
	return sum % 10 == 0;
}

/*
 * Length of the card number that the run s[0..len) of nd digits starts
 * with, or 0.  The whole run is a card when it passes is_card and ends at a
 * word boundary (end_ok).  Otherwise the longest prefix that ends at one of
 * the run's separators and passes is_card is taken: people write the
 * expiry or the security code straight after the number ("4111 1111 1111
 * 1111 12/28"), and leaking the card matters more than sparing a grouped
 * reference number that happens to start with a valid one.  With even set
 * (a run whose groups may be apart by several blanks or dashes), the card
 * must also pass even_gaps and end at a group.
 */
static size_t
card_prefix(const char *s, size_t len, size_t nd, int end_ok, int even)
{
	if (end_ok && (!even || even_gaps(s, len, 1)) && is_card(s, len, nd))
		return len;
	for (size_t p = len; p-- > 1; ) {
		size_t n = 0;

		if (is_digit(s[p]) || !is_digit(s[p - 1]))
			continue;
		for (size_t k = 0; k < p; k++)
			n += is_digit(s[k]);
		if (n < 13)
			break;
		if ((!even || even_gaps(s, p, 0)) && is_card(s, p, n))
			return p;
	}
	return 0;
}

/* Replace the card number s[0..len) by its last four digits. */
static void
put_card(struct buf *b, const char *s, size_t len)
{
	char last[5];
	int k = 4;

	last[4] = '\0';
	while (k > 0 && len-- > 0)
		if (is_digit(s[len]))
			last[--k] = s[len];
	/* "my card 4111..." reads "my card ending 1111", not "card card". */
	if (b->len >= 5 && strncasecmp(b->p + b->len - 5, "card ", 5) == 0)
		buf_add(b, "ending ", 7);
	else
		buf_add(b, "card ending ", 12);
	buf_add(b, last, 4);
}

/*
 * Length of the keyword kw matched at s, or 0.  The keyword must end a
 * word, so that "CSCX" is not "CSC".
 */
static size_t
match_keyword(const char *s, const char *kw)
{
	size_t i = 0;
	int c;

	for (; *kw != '\0'; kw++) {
		if (*kw == ' ') {
			if (s[i] != ' ' && s[i] != '\t')
				return 0;
			i = skip_blanks(s, i);
			continue;
		}
		c = (unsigned char)s[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != *kw)
			return 0;
		i++;
	}
	return is_word((unsigned char)s[i]) ? 0 : i;
}

/*
 * Length of the value a keyword introduces at s, or 0 if there is none:
 * 3 or 4 digits for a security code, 9 for an SSN (together, or in groups).
 * A card number there is left to the card rule, which says more.
 */
static size_t
keyword_value(const char *s, int ssn)
{
	size_t n, len, nd;

	n = strspn(s, "0123456789");
	len = digit_run(s, CARD_SEPS, CARD_MAXSEP, &nd);
	if (n == 0 || (is_card(s, len, nd) && !is_word(s[len])))
		return 0;
	/* An SSN's groups are one blank or dash apart: "123 45 6789 - 2". */
	len = digit_run(s, CARD_SEPS, 1, &nd);
	if (is_word(s[n]))
		n = 0;
	if (ssn) {
		if (n == 9)
			return n;
		return nd == 9 && !is_word(s[len]) ? len : 0;
	}
	return n == 3 || n == 4 ? n : 0;
}

/*
 * If a keyword from words starts s, followed by an optional ':', '=', '-',
 * '#' or "is" and a value, return the length of keyword and value and set
 * *value to where the value starts; else return 0.
 */
static size_t
keyword_form(const char *s, const char *const *words, int ssn, size_t *value)
{
	size_t k, v, n;

	for (; *words != NULL; words++) {
		if ((k = match_keyword(s, *words)) == 0)
			continue;
		v = skip_blanks(s, k);
		if (s[v] == ':' || s[v] == '=' || s[v] == '-' || s[v] == '#')
			v = skip_blanks(s, v + 1);
		else if (match_keyword(s + v, "is") != 0)
			v = skip_blanks(s, v + 2);
		if ((n = keyword_value(s + v, ssn)) != 0) {
			*value = v;
			return v + n;
		}
	}
	return 0;
}

/* Whether the run s[0..len) of nd digits is written like 123-45-6789. */
static int
is_ssn(const char *s, size_t len, size_t nd)
{
	return nd == 9 && len == 11 && s[3] == '-' && s[6] == '-';
}

/*
 * One pass over the text.  A card number is judged on the whole run of
 * digits, spaces and dashes it sits in, so that part of a longer number is
 * never taken for a card; an SSN only on its run of digits and dashes, so
 * that "123-45-6789 2" still loses the SSN.  run_end marks the end of the
 * longer run, inside which no card is looked for again.
 */
/* One scan of text; see redact_text. */
static char *
redact_pass(const char *text, struct redact_counts *counts)
{
	struct redact_counts found = { 0, 0, 0 };
	struct buf b;
	const char *s;
	size_t i = 0, run_end = 0, len, nd, end, value;
	int at_start;

	if (text == NULL)
		text = "";
	b.cap = strlen(text) + 64;
	b.p = xmalloc(b.cap);
	b.len = 0;
	b.p[0] = '\0';

	while (text[i] != '\0') {
		s = text + i;
		at_start = i == 0 || !is_word((unsigned char)text[i - 1]);
		if (at_start && is_letter(*s)) {
			end = keyword_form(s, code_words, 0, &value);
			if (end != 0) {
				buf_add(&b, s, value);
				buf_add(&b, CODE_MARK, strlen(CODE_MARK));
				found.codes++;
				i += end;
				continue;
			}
			end = keyword_form(s, ssn_words, 1, &value);
			if (end != 0) {
				buf_add(&b, s, value);
				buf_add(&b, SSN_MARK, strlen(SSN_MARK));
				found.ssns++;
				i += end;
				continue;
			}
		}
		if (!is_digit(*s) || (i > 0 && is_digit(text[i - 1]))) {
			buf_add(&b, s, 1);
			i++;
			continue;
		}
		if (i >= run_end) {
			size_t wide, wnd;

			len = digit_run(s, CARD_SEPS, 1, &nd);
			run_end = i + len;
			wide = digit_run(s, CARD_SEPS, CARD_MAXSEP, &wnd);
			if (at_start && ((len = card_prefix(s, len, nd,
			    !is_word((unsigned char)s[len]), 0)) != 0 ||
			    (wide > run_end - i && (len = card_prefix(s, wide,
			    wnd, !is_word((unsigned char)s[wide]), 1)) != 0))) {
				put_card(&b, s, len);
				found.cards++;
				i += len;
				continue;
			}
		}
		len = digit_run(s, "-", 1, &nd);
		if (at_start && !is_word((unsigned char)s[len]) &&
		    is_ssn(s, len, nd)) {
			buf_add(&b, SSN_MARK, strlen(SSN_MARK));
			found.ssns++;
		} else
			buf_add(&b, s, len);
		i += len;
	}

	if (counts != NULL) {
		counts->cards += found.cards;
		counts->ssns += found.ssns;
		counts->codes += found.codes;
	}
	return b.p;
}

/*
 * Removing one item can expose another (an SSN removed from inside a long
 * run of digits leaves a run that is a card number), so scan until nothing
 * changes.  Each change removes digits, so this ends; the bound is only a
 * guard.
 */
char *
redact_text(const char *text, struct redact_counts *counts)
{
	char *out = redact_pass(text, counts);

	for (int i = 0; i < 16; i++) {
		struct redact_counts more = { 0, 0, 0 };
		char *again = redact_pass(out, &more);

		free(out);
		out = again;
		if (!redact_any(&more))
			break;
		if (counts != NULL) {
			counts->cards += more.cards;
			counts->ssns += more.ssns;
			counts->codes += more.codes;
		}
	}
	return out;
}

int
redact_any(const struct redact_counts *counts)
{
	return counts != NULL &&
	    (counts->cards != 0 || counts->ssns != 0 || counts->codes != 0);
}

void
redact_report(const struct redact_counts *c, const char *where)
{
	const struct { int n; const char *one, *many; } kinds[] = {
		{ c->cards, "a card number", "card numbers" },
		{ c->ssns, "an SSN", "SSNs" },
		{ c->codes, "a security code", "security codes" },
	};
	char what[160] = "";
	size_t len = 0;

	for (size_t i = 0; i < 3 && len < sizeof(what); i++)
		if (kinds[i].n == 1)
			len += (size_t)snprintf(what + len, sizeof(what) - len,
			    "%s%s", len ? ", " : "", kinds[i].one);
		else if (kinds[i].n > 1)
			len += (size_t)snprintf(what + len, sizeof(what) - len,
			    "%s%d %s", len ? ", " : "", kinds[i].n,
			    kinds[i].many);
	if (len)
		warning("removed before storing: %s%s%s%s", what,
		    c->cards ? " (last four digits kept)" : "",
		    where ? "; the first in " : "", where ? where : "");
}
