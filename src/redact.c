/*
 * redact.c: finds payment card numbers, SSNs and card security codes in free
 * text and replaces them, in one linear scan, before anything is stored.
 *
 * The text is read as runs of digit groups: digits (ASCII or full-width)
 * joined by short gaps of the separators people paste between groups
 * (blanks of every width, dashes, dots, slashes, one line break).  Each run
 * is judged group by group: a card is the longest window of whole groups,
 * 13 to 19 digits, starting at any group, that has a card network's prefix
 * for its length and passes Luhn.  Windows are bounded by 19 digits, so
 * every group is looked at a bounded number of times and the scan is
 * linear in the length of the text, whatever its shape.
 *
 * This file writes the text out redacted; below it, redact_runs.c reads
 * the runs, redact_judge.c says what their groups are, and
 * redact_words.c reads the words around them.
 */
#include <stdio.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "redact.h"
#include "redact_int.h"
#include "util.h"

#define SSN_MARK	"[SSN removed]"
#define CODE_MARK	"[security code removed]"

/* The output, grown as replacements may be longer than what they replace. */
struct buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	size_t	 mark;	/* where the last card's replacement ends */
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

static void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

/* The end of what separates a word from a number in b's tail: blanks and
 * ":", "#", ".", ",", "-" ("card no.: 4111..."), a few at most. */
static size_t
tail_words_end(const struct buf *b)
{
	size_t t = b->len, n = 0;

	while (t > 0 && n++ < 8 && b->p[t - 1] != '\0' &&
	    strchr(" \t:#.,-", b->p[t - 1]) != NULL)
		t--;
	return t;
}

/*
 * Write a card's replacement to b, which holds the text before it:
 * "card ending 1111"; "ending 1111" after words that name the card
 * ("card 4111..."); "1111" after words that say what the digits are
 * ("ending in 4111...", "last four 4111..."); nothing after "ending 1111"
 * itself ("card ending 1111 4111...1111") or before words that repeat the
 * last four (said: 1 without naming the card, 2 naming it).  A blank
 * keeps the words apart where the number was glued to them.
 */
static void
card_write(struct buf *b, const char *text, size_t at,
    const unsigned char last4[4], unsigned next, int said)
{
	unsigned prev = at > 0 ? text_cp_before(text, at) : ' ';
	size_t t = tail_words_end(b), d;
	char s[5];

	for (int i = 0; i < 4; i++)
		s[i] = (char)('0' + last4[i]);
	s[4] = '\0';
	/* "card ending 1111 4111...1111": the digits were said already,
	 * by the person (a card of ours before, "card ending 1111 -
	 * 4111...1111", is another mention, kept). */
	if (t >= 4 && t - 4 >= b->mark && memcmp(b->p + t - 4, s, 4) == 0 &&
	    (t == 4 || !text_is_word((unsigned char)b->p[t - 5]))) {
		for (d = t - 4; d > 0 && (words_blank(b->p[d - 1]) ||
		    b->p[d - 1] == ':') && t - d < 8; d--)
			;
		if (digits_said_before(b->p, d) != (size_t)-1) {
			b->len = t;
			b->p[t] = '\0';
			if (text_is_word(next))
				buf_str(b, " ");
			b->mark = b->len;
			return;
		}
	}
	if (said == 2 || (said && (card_named_before(b->p, t) !=
	    (size_t)-1 || digits_said_before(b->p, t) != (size_t)-1))) {
		/* The words after say it: keep them apart from the text
		 * before, no more. */
		if (b->len > 0 && !words_blank(b->p[b->len - 1]) &&
		    b->p[b->len - 1] != '(')
			buf_str(b, " ");
		b->mark = b->len;
		return;
	}
	if (said) {
		buf_str(b, text_is_word(prev) ? " card " : "card ");
		b->mark = b->len;
		return;
	}
	if (digits_said_before(b->p, t) != (size_t)-1 ||
	    card_named_before(b->p, t) != (size_t)-1) {
		int digits_only = digits_said_before(b->p, t) !=
		    (size_t)-1;

		if (b->len > 0 && !words_blank(b->p[b->len - 1]))
			buf_str(b, " ");
		if (!digits_only)
			buf_str(b, "ending ");
	} else
		buf_str(b, text_is_word(prev) ? " card ending " : "card ending ");
	buf_str(b, s);
	b->mark = b->len;
	if (text_is_word(next))
		buf_str(b, " ");
}

/*
 * Judge the run r, which starts at text[r->g[0].start], and write it to b
 * redacted.  intro is what a keyword just before it announced: 0 nothing,
 * 1 a security code, 2 an SSN.
 */
static size_t
run_redact(struct buf *b, const char *text, const struct run *r, int intro,
    struct redact_counts *found)
{
	size_t skip = 0, whole;
	int said, named;
	size_t len, at = r->g[0].start, e, g = 0, fresh = 0;
	unsigned before = at > 0 ? text_cp_before(text, at) : ' ';
	unsigned after = text_cp_at((const unsigned char *)text + r->end, &len);
	unsigned char last4[4];

	while (g < r->n) {
		size_t start = r->g[g].start;

		if (card_at(r, g, NULL, &e, last4)) {
			buf_add(b, text + at, start - at);
			found->cards++;
			/* The kept digits and the groups after them must not
			 * make a card of their own, or the output would
			 * hold one. */
			while (e + 1 < r->n && card_at(r, e + 1, last4, &e,
			    last4))
				found->cards++;
			said = e + 1 == r->n && card_said_after(text, r->end,
			    last4, &skip, &named, &whole) ? 1 + named : 0;
			/* "ending 4111...1111 ending 1111": the words before
			 * say it; the same words after go. */
			if (!said)
				skip = 0;
			else if (digits_said_before(b->p,
			    tail_words_end(b)) != (size_t)-1) {
				skip = whole;
				said = 0;
			}
			card_write(b, text, start, last4, e + 1 < r->n ? ' ' :
			    said ? ' ' : after, said);
			at = r->g[e].end;
			g = e + 1;
		} else if (g == 0 && intro &&
		    (e = keyword_value(r, intro == 2, after)) != 0) {
			buf_str(b, intro == 2 ? SSN_MARK : CODE_MARK);
			if (intro == 2)
				found->ssns++;
			else
				found->codes++;
			at = r->g[e - 1].end;
			g = fresh = e;
		} else if (ssn_at(r, g, g == fresh, before, after)) {
			buf_add(b, text + at, start - at);
			buf_str(b, SSN_MARK);
			found->ssns++;
			at = r->g[g + 2].end;
			g += 3;
			fresh = g;
		} else
			g++;
	}
	buf_add(b, text + at, r->end - at);
	return skip;
}

/*
 * A uuid (8-4-4-4-12 hex digits) at s, standing alone: its length, else 0.
 * Its digit groups can read as a card number ("51288790-1234-4056-…" is a
 * Luhn-valid Mastercard about once in a few thousand uuids), and no one
 * pastes a card in that shape: calllog's own uuids name records and files.
 */
static size_t
uuid_at(const char *s)
{
	static const int group[] = { 8, 4, 4, 4, 12 };
	size_t k = 0;

	for (int g = 0; g < 5; g++) {
		for (int n = 0; n < group[g]; n++, k++)
			if (!isxdigit((unsigned char)s[k]))
				return 0;
		if (g < 4 && s[k++] != '-')
			return 0;
	}
	return isalnum((unsigned char)s[k]) || s[k] == '-' ? 0 : k;
}

/* One scan of text; see redact_text. */
char *
redact_text(const char *text, struct redact_counts *counts)
{
	struct redact_counts found = { 0, 0, 0 };
	struct run r = { 0 };
	struct buf b;
	const unsigned char *u;
	size_t i = 0, len, uuid, intro_at = (size_t)-1;
	unsigned cp, prev = ' ';
	int intro = 0;

	if (text == NULL)
		text = "";
	u = (const unsigned char *)text;
	b.cap = strlen(text) + 64;
	b.p = xmalloc(b.cap);
	b.len = 0;
	b.mark = 0;
	b.p[0] = '\0';

	while (text[i] != '\0') {
		cp = text_cp_at(u + i, &len);
		if (cp < 0x80 && isxdigit((int)cp) && !text_is_word(prev) &&
		    (uuid = uuid_at(text + i)) != 0) {
			buf_add(&b, text + i, uuid);
			i += uuid;
			prev = 'f';
			continue;
		}
		if (text_digit_value(cp) >= 0) {
			run_read(&r, text, i);
			i = r.end + run_redact(&b, text, &r, i == intro_at ?
			    intro : 0, &found);
			prev = '0';
			continue;
		}
		/* A keyword may follow digits ("4111...cvv 123"): once the
		 * card before it is replaced, it would start a word. */
		if (text_is_letter(cp) && (text_digit_value(prev) >= 0 ||
		    !text_is_word(prev))) {
			size_t v = keyword_intro(text + i, &intro);

			if (v != 0) {
				intro_at = i + v;
				buf_add(&b, text + i, v);
				i += v;
				prev = text_cp_before(text, i);
				continue;
			}
		}
		buf_add(&b, text + i, len);
		i += len;
		prev = cp;
	}
	run_free(&r);
	if (counts != NULL)
		redact_add(counts, &found);
	return b.p;
}

void
redact_add(struct redact_counts *to, const struct redact_counts *from)
{
	to->cards += from->cards;
	to->ssns += from->ssns;
	to->codes += from->codes;
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
