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

/*
 * Words that announce a security code or an SSN, matched whole and without
 * regard to case; a space stands for one or more blanks.  Longer phrases
 * come first so that the keyword kept in the output is the whole phrase.
 */
static const char *const code_words[] = {
	"card security code", "card verification value",
	"card verification code", "security code", "cvv2", "cvc2", "cav2",
	"cvv", "cvc", "csc", "cid", "cvn", NULL
};
static const char *const ssn_words[] = {
	"social security number", "social security no",
	"social security", "ssn", NULL
};
/* Words people put between the keyword and its value: "CVV was 123". */
static const char *const filler_words[] = {
	"is", "was", "number", "num", "no", "code", "given", "as", "of", NULL
};

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
static int
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
static int
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
static size_t
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

/*
 * Words around a card number that already say what its kept digits are
 * ("ending in 1111", "last four 1111"), and words that name the card
 * ("card number 4111..."), so that the replacement does not say it twice.
 * A space stands for one or more blanks; longer phrases come first.
 */
static const char *const digits_words[] = {
	"ending in", "ending with", "ends in", "ends with", "ending",
	"last four digits", "last 4 digits", "last four", "last 4",
	"last digits", NULL
};
static const char *const card_words[] = {
	"card number", "card num", "card no", "card", NULL
};

static size_t match_keyword(const char *s, const char *kw);

/* Blanks people put between words, looked at no further than this. */
#define BLANKS_MAX 16

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Where one of words ends p[0 .. end) begins: matched backwards without
 * regard to case, a space in a word matching 1 to BLANKS_MAX blanks, the
 * word not glued to a letter before it.  Returns (size_t)-1 when none.
 */
static size_t
words_before(const char *p, size_t end, const char *const *words)
{
	for (; *words != NULL; words++) {
		size_t k = strlen(*words), i = end, n;

		while (k > 0) {
			if ((*words)[k - 1] == ' ') {
				for (n = 0; i > 0 && is_blank(p[i - 1]) &&
				    n < BLANKS_MAX; n++)
					i--;
				if (n == 0)
					break;
			} else if (i == 0 || (p[i - 1] | 0x20) != (*words)[k - 1])
				break;
			else
				i--;
			k--;
		}
		if (k == 0 && (i == 0 || !text_is_letter((unsigned char)p[i - 1])))
			return i;
	}
	return (size_t)-1;
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
 * Whether the text at text[i], right after a card, repeats its last four
 * ("4111... ending 1111", "4111..., card ending in 1111", "4111... (last
 * four 1111)").  When it does, *skip is how much of the gap before those
 * words to drop (blanks and one of ",;-", never a parenthesis), *named
 * whether the words name the card themselves, and *whole the length of
 * the gap and the words when no parenthesis opens them, else 0.
 */
static int
card_said_after(const char *text, size_t i, const unsigned char last4[4],
    size_t *skip, int *named, size_t *whole)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t k = i, w, len, n;

	for (n = 0; is_blank(text[k]) && n < BLANKS_MAX; n++)
		k++;
	if (text[k] == ',' || text[k] == ';' || text[k] == '-')
		for (k++, n = 0; is_blank(text[k]) && n < BLANKS_MAX; n++)
			k++;
	*skip = k - i;
	*whole = 0;
	if (text[k] == '(')
		k++;
	*named = 0;
	for (n = 0; card_words[n] != NULL; n++)
		if ((w = match_keyword(text + k, card_words[n])) != 0)
			break;
	if (card_words[n] != NULL && is_blank(text[k + w])) {
		*named = 1;
		for (k += w, n = 0; is_blank(text[k]) && n < BLANKS_MAX; n++)
			k++;
	}
	for (n = 0; digits_words[n] != NULL; n++)
		if ((w = match_keyword(text + k, digits_words[n])) != 0)
			break;
	if (digits_words[n] == NULL)
		return 0;
	k += w;
	if (text[k] == ':')
		k++;
	for (n = 0; is_blank(text[k]) && n < BLANKS_MAX; n++)
		k++;
	for (int d = 0; d < 4; d++, k += len)
		if (text_digit_value(text_cp_at(u + k, &len)) != last4[d])
			return 0;
	if (text_is_word(text_cp_at(u + k, &len)))
		return 0;
	if (text[i + *skip] != '(')
		*whole = k - i;
	return 1;
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
		for (d = t - 4; d > 0 && (is_blank(b->p[d - 1]) ||
		    b->p[d - 1] == ':') && t - d < 8; d--)
			;
		if (words_before(b->p, d, digits_words) != (size_t)-1) {
			b->len = t;
			b->p[t] = '\0';
			if (text_is_word(next))
				buf_str(b, " ");
			b->mark = b->len;
			return;
		}
	}
	if (said == 2 || (said && (words_before(b->p, t, card_words) !=
	    (size_t)-1 || words_before(b->p, t, digits_words) != (size_t)-1))) {
		/* The words after say it: keep them apart from the text
		 * before, no more. */
		if (b->len > 0 && !is_blank(b->p[b->len - 1]) &&
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
	if (words_before(b->p, t, digits_words) != (size_t)-1 ||
	    words_before(b->p, t, card_words) != (size_t)-1) {
		int digits_only = words_before(b->p, t, digits_words) !=
		    (size_t)-1;

		if (b->len > 0 && !is_blank(b->p[b->len - 1]))
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
			else if (words_before(b->p, tail_words_end(b),
			    digits_words) != (size_t)-1) {
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
 * Length of the keyword kw matched at s, or 0.  The keyword must end a
 * word, so that "CSCX" is not "CSC"; a space in kw matches any blanks.
 */
static size_t
match_keyword(const char *s, const char *kw)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;
	int c;

	for (; *kw != '\0'; kw++) {
		if (*kw == ' ') {
			size_t n = 0;

			while (text_sep_kind(text_cp_at(u + i, &len)) == SEP_BLANK) {
				i += len;
				n++;
			}
			if (n == 0)
				return 0;
			continue;
		}
		c = u[i];
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (c != *kw)
			return 0;
		i++;
	}
	return text_is_word(text_cp_at(u + i, &len)) ? 0 : i;
}

/*
 * If a keyword from words starts s, return where its value would start:
 * past blanks, one of ":=#-", and up to three filler words ("CVV number
 * was: 123").  Returns 0 when no keyword is there.
 */
static size_t
keyword_form(const char *s, const char *const *words)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k = 0, len, n;

	for (; *words != NULL; words++)
		if ((k = match_keyword(s, *words)) != 0)
			break;
	if (k == 0)
		return 0;
	for (int step = 0; step < 5; step++) {
		while (text_sep_kind(text_cp_at(u + k, &len)) == SEP_BLANK)
			k += len;
		if (s[k] != '\0' && strchr(":=#-", s[k]) != NULL) {
			k++;
			continue;
		}
		for (n = 0; filler_words[n] != NULL; n++)
			if ((len = match_keyword(s + k, filler_words[n])) != 0)
				break;
		if (filler_words[n] == NULL)
			break;
		k += len;
	}
	return k;
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
			size_t v;

			if ((v = keyword_form(text + i, code_words)) != 0)
				intro = 1;
			else if ((v = keyword_form(text + i, ssn_words)) != 0)
				intro = 2;
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
	if (counts != NULL) {
		counts->cards += found.cards;
		counts->ssns += found.ssns;
		counts->codes += found.codes;
	}
	return b.p;
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
