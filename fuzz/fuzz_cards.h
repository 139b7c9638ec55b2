/*
 * fuzz_cards.h: which card numbers a fuzzer's input holds, and whether one
 * of them reached some bytes calllog wrote (a journal's file, a folder's
 * item, a captured stream) — the project's own detector (redact.c) being
 * the judge of what a card is, so that the harness holds calllog to its
 * rules and no other.
 *
 * Text is read as runs of digits (ASCII or full-width) apart by at most
 * three separators (blanks of any width, dashes, dots, slashes, line
 * breaks, backslashes): wider than any form the detector takes, so that
 * every card it would see is inside one run.  The input's cards are the
 * 13 to 19 digit stretches of its runs that the detector, given them
 * alone, calls a card.  Bytes leak one when a run of theirs holds its
 * digits AND the detector, given that run with a little of the text
 * around it, calls it a card: a run that only looks like one to this
 * loose reading (a longer reference number, say) is the detector's to
 * keep, and a card calllog made up (a random uuid that passes Luhn) holds
 * none of the input's digits.
 */
#ifndef CALLLOG_FUZZ_CARDS_H
#define CALLLOG_FUZZ_CARDS_H

#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "util.h"

/* The harness's own reading of a journal's bytes is no coverage of
 * calllog's: it would count a database's layout as new behaviour, and it
 * was most of each run's time. */
#ifdef __clang__
#define NOCOV __attribute__((no_sanitize("coverage")))
#else
#define NOCOV
#endif

#define CARDS_MAX 64
#define RUN_MAX 256		/* digits; a longer run is cut in two */
#define GAP_MAX 3		/* "\r\n " is a fold */

struct cards {
	int n;
	char d[CARDS_MAX][20];
};

/* The width of a separator at p, 0 when p is none. */
static inline NOCOV size_t
cards_sep(const unsigned char *p, const unsigned char *end)
{
	if (strchr(" \t\r\n-./\\", *p) && *p)
		return 1;
	if (end - p >= 2 && p[0] == 0xc2 && p[1] == 0xa0)
		return 2;				/* no-break space */
	if (end - p >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] <= 0x95 || p[2] == 0xaf))
		return 3;		/* U+2000..U+2015: spaces, dashes */
	if (end - p >= 3 && ((p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) ||
	    (p[0] == 0xef && p[1] == 0xbc && (p[2] == 0x8d || p[2] == 0x8e ||
	    p[2] == 0x8f)) || (p[0] == 0xe2 && p[1] == 0x81 && p[2] == 0x9f)))
		return 3;	/* ideographic space, full-width - . / */
	return 0;
}

/* The digit at p ('0'..'9') and its width in *w, or 0 when none. */
static inline NOCOV char
cards_digit(const unsigned char *p, const unsigned char *end, size_t *w)
{
	if (*p >= '0' && *p <= '9')
		return *w = 1, (char)*p;
	if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbc && p[2] >= 0x90 &&
	    p[2] <= 0x99)
		return *w = 3, (char)('0' + p[2] - 0x90);
	return 0;
}

/*
 * Call fn(digits, ndigits, start, end, arg) for each run of text[0..len)
 * (start and end: byte offsets of its first and past its last digit);
 * stop and return what fn returns when it is nonzero.
 */
static inline NOCOV int
cards_runs(const char *text, size_t len, int (*fn)(const char *, size_t,
    size_t, size_t, void *), void *arg)
{
	const unsigned char *s = (const unsigned char *)text, *end = s + len;
	const unsigned char *p = s;
	char dig[RUN_MAX + 1];
	size_t n = 0, start = 0, last = 0, gap = 0, w;
	int rc;

	while (p <= end) {
		char c = p < end ? cards_digit(p, end, &w) : 0;

		if (c && n < RUN_MAX) {
			if (n == 0)
				start = (size_t)(p - s);
			dig[n++] = c;
			last = (size_t)(p - s) + w;
			gap = 0;
			p += w;
			continue;
		}
		if (!c && p < end && n && (w = cards_sep(p, end)) != 0 &&
		    ++gap <= GAP_MAX) {
			p += w;
			continue;
		}
		if (n >= 13) {
			dig[n] = '\0';
			if ((rc = fn(dig, n, start, last, arg)) != 0)
				return rc;
		}
		n = gap = 0;
		if (p == end)
			break;
		if (!c)		/* past a separator, or what is neither */
			p += (w = cards_sep(p, end)) != 0 ? w : 1;
	}
	return 0;
}

/* Whether the detector calls text a card number. */
static inline int
cards_detect(const char *text)
{
	struct redact_counts c = { 0, 0, 0 };

	free(redact_text(text, &c));
	return c.cards > 0;
}

/* Whether the n digits at d pass Luhn's check. */
static inline NOCOV int
luhn(const char *d, size_t n)
{
	unsigned sum = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned v = (unsigned)(d[n - 1 - i] - '0');

		sum += i % 2 ? (v * 2 > 9 ? v * 2 - 9 : v * 2) : v;
	}
	return sum % 10 == 0;
}

static inline int
cards_collect_run(const char *dig, size_t n, size_t start, size_t end,
    void *arg)
{
	struct cards *cs = arg;
	char sub[20];

	(void)start, (void)end;
	for (size_t len = 13; len <= 19 && len <= n; len++)
		for (size_t i = 0; i + len <= n; i++) {
			int known = 0;

			if (!luhn(dig + i, len))	/* the detector's first test */
				continue;
			memcpy(sub, dig + i, len);
			sub[len] = '\0';
			for (int k = 0; k < cs->n && !known; k++)
				known = strcmp(cs->d[k], sub) == 0;
			if (!known && cs->n < CARDS_MAX && cards_detect(sub))
				memcpy(cs->d[cs->n++], sub, len + 1);
		}
	return 0;
}

/* Add the cards of text (valid UTF-8, len bytes) to *cs. */
static inline void
cards_collect(struct cards *cs, const char *text, size_t len)
{
	cards_runs(text, len, cards_collect_run, cs);
}

struct cards_probe {
	const struct cards *cs;
	const char *text;
	size_t len;
	int found;		/* index in cs + 1 */
};

static inline NOCOV int
cards_probe_run(const char *dig, size_t n, size_t start, size_t end,
    void *arg)
{
	struct cards_probe *pr = arg;
	size_t a = start > 24 ? start - 24 : 0;
	size_t b = end + 24 < pr->len ? end + 24 : pr->len;
	char *win;
	int hit;

	(void)n;
	for (int k = 0; k < pr->cs->n; k++) {
		if (strstr(dig, pr->cs->d[k]) == NULL)
			continue;
		/* On whole characters: the text is valid UTF-8. */
		while (a > 0 && ((unsigned char)pr->text[a] & 0xc0) == 0x80)
			a--;
		while (b < pr->len && ((unsigned char)pr->text[b] & 0xc0) ==
		    0x80)
			b++;
		win = xstrndup(pr->text + a, b - a);
		hit = cards_detect(win);
		free(win);
		if (hit)
			return pr->found = k + 1;
	}
	return 0;
}

/*
 * Which of the cards *cs text (valid UTF-8 without NUL, len bytes) holds
 * as a card: the index in cs->d, or -1 when none.
 */
static inline NOCOV int
cards_find(const struct cards *cs, const char *text, size_t len)
{
	struct cards_probe pr = { cs, text, len, 0 };

	if (cs->n == 0)
		return -1;
	cards_runs(text, len, cards_probe_run, &pr);
	return pr.found - 1;
}

#endif
