/*
 * redact_int.h: the text as redact.c reads it, runs of digit groups
 * (redact_runs.c): digits, ASCII or full-width, joined by the short gaps
 * of separators people paste between groups.  Private to the redaction
 * module; redact.h is its interface.
 */
#ifndef CALLLOG_REDACT_INT_H
#define CALLLOG_REDACT_INT_H

#include <stddef.h>

/* A gap between two groups: at most this many separator characters and
 * one line break ("4111 1111\n1111 1111", a number split over lines). */
#define GAP_MAX 8

enum sep {
	SEP_NONE, SEP_BLANK, SEP_DASH, SEP_DOT, SEP_SLASH, SEP_LINE, SEP_ZW
};

/* One group of digits in a run, and the gap that follows it. */
struct group {
	size_t	start, end;	/* bytes of the group in the text */
	size_t	d0, nd;		/* its digits: run->dig[d0 .. d0 + nd) */
	enum sep gap1;		/* the gap after: its kind when it is one
				   character, else SEP_NONE */
};

/* A run of groups, found from a digit onwards. */
struct run {
	struct group	*g;
	size_t		 n, cap;
	unsigned char	*dig;
	size_t		 ndig, dcap;
	size_t		 end;	/* byte after the last group */
};

/* The code point at s and its length in bytes; a stray byte is U+FFFD. */
unsigned text_cp_at(const unsigned char *s, size_t *len);

/* The code point that ends at text[i] (i > 0), for looking back. */
unsigned text_cp_before(const char *text, size_t i);

/* The value of a digit, ASCII or full-width, or -1. */
int text_digit_value(unsigned cp);

/* What kind of separator between digit groups cp is, if any. */
enum sep text_sep_kind(unsigned cp);

/* ASCII letters: the keywords are English. */
int text_is_letter(unsigned cp);

/* Whether cp belongs to a word, for the boundaries around numbers and
 * keywords. */
int text_is_word(unsigned cp);

/* Read into r the run of digit groups that starts with the digit at
 * text[i]; r's arrays are reused from run to run. */
void run_read(struct run *r, const char *text, size_t i);

/* Free r's arrays. */
void run_free(struct run *r);

#endif
