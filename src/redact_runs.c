/*
 * redact_runs.c: pasted text read as runs of digit groups, the shape in
 * which card numbers and SSNs arrive ("4111 1111-1111 1111", full-width
 * digits, a number split over two lines).  redact.c judges the runs.
 */
#include <stdlib.h>

#include "redact_int.h"
#include "util.h"

/*
 * The code point at s and its length in bytes.  Text is valid UTF-8 by the
 * time it gets here; a stray byte is taken alone as U+FFFD, so that the
 * scan still moves on.
 */
unsigned
text_cp_at(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80) {
		*len = 2;
		return (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	}
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80) {
		*len = 3;
		return (unsigned)(s[0] & 0x0f) << 12 |
		    (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80) {
		*len = 4;
		return (unsigned)(s[0] & 0x07) << 18 |
		    (unsigned)(s[1] & 0x3f) << 12 |
		    (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	}
	*len = 1;
	return 0xfffd;
}

/* The value of a digit, ASCII or full-width (U+FF10..U+FF19), or -1. */
int
text_digit_value(unsigned cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xff10 && cp <= 0xff19)
		return (int)(cp - 0xff10);
	return -1;
}

/* What kind of separator between digit groups cp is, if any. */
enum sep
text_sep_kind(unsigned cp)
{
	switch (cp) {
	case ' ': case '\t': case 0xa0: case 0x202f: case 0x205f:
	case 0x3000:
		return SEP_BLANK;
	case '-': case 0x2212: case 0xff0d:
		return SEP_DASH;
	case '.': case 0xff0e:
		return SEP_DOT;
	case '/': case 0xff0f:
		return SEP_SLASH;
	case '\n': case '\r':
		return SEP_LINE;
	case 0xad: case 0x200b: case 0x2060: case 0xfeff:
		return SEP_ZW;
	}
	if (cp >= 0x2000 && cp <= 0x200a)
		return SEP_BLANK;
	if (cp >= 0x2010 && cp <= 0x2015)
		return SEP_DASH;
	return SEP_NONE;
}

int
text_is_letter(unsigned cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Whether cp belongs to a word, for the boundaries around numbers and
 * keywords: "Café" is one word, a no-break space is not part of one. */
int
text_is_word(unsigned cp)
{
	return text_is_letter(cp) || text_digit_value(cp) >= 0 || cp == '_' ||
	    (cp >= 0x80 && text_sep_kind(cp) == SEP_NONE);
}

/* The code point that ends at text[i] (i > 0), for looking back. */
unsigned
text_cp_before(const char *text, size_t i)
{
	size_t k = i, len;

	while (k > 0 && i - k < 4 && ((unsigned char)text[k - 1] & 0xc0) == 0x80)
		k--;
	if (k > 0)
		k--;
	return text_cp_at((const unsigned char *)text + k, &len);
}

/*
 * The end of the gap of separators at text[i] when a digit follows it
 * within GAP_MAX characters and one line break, else 0.  *one is the
 * gap's kind when it is a single character, else SEP_NONE.
 */
static size_t
gap_end(const char *text, size_t i, enum sep *one)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len, n = 0, lines = 0;
	enum sep k, first = SEP_NONE;
	unsigned cp;

	for (;;) {
		cp = text_cp_at(s + i, &len);
		if (cp == 0)
			return 0;
		if (text_digit_value(cp) >= 0)
			break;
		if ((k = text_sep_kind(cp)) == SEP_NONE)
			return 0;
		if (cp == '\n' && ++lines > 1)
			return 0;
		if (++n > GAP_MAX)
			return 0;
		if (n == 1)
			first = k;
		i += len;
	}
	*one = n == 1 ? first : SEP_NONE;
	return n == 0 ? 0 : i;
}

/* Read the run of digit groups that starts with the digit at text[i]. */
void
run_read(struct run *r, const char *text, size_t i)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t len, next;
	int d;

	r->n = r->ndig = 0;
	for (;;) {
		struct group *g;

		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 64;
			r->g = xrealloc(r->g, r->cap * sizeof(*r->g));
		}
		g = &r->g[r->n++];
		g->start = i;
		g->d0 = r->ndig;
		while ((d = text_digit_value(text_cp_at(s + i, &len))) >= 0) {
			if (r->ndig == r->dcap) {
				r->dcap = r->dcap ? r->dcap * 2 : 256;
				r->dig = xrealloc(r->dig, r->dcap);
			}
			r->dig[r->ndig++] = (unsigned char)d;
			i += len;
		}
		g->end = i;
		g->nd = r->ndig - g->d0;
		g->gap1 = SEP_NONE;
		if ((next = gap_end(text, i, &g->gap1)) == 0)
			break;
		i = next;
	}
	r->end = i;
}

void
run_free(struct run *r)
{
	free(r->g);
	free(r->dig);
}
