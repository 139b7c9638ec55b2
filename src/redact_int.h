/*
 * redact_int.h: the floors of the redaction module, each using only those
 * below it.  The text as redact.c reads it, runs of digit groups
 * (redact_runs.c): digits, ASCII or full-width, joined by the short gaps
 * of separators people paste between groups; which groups are a card, an
 * SSN or a code (redact_judge.c); the words around them (redact_words.c).
 * Private to the redaction module; redact.h is its interface.
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

/*
 * redact_judge.c
 */

/* The longest card in r starting at group g, after the digits lead4 (the
 * last four of a card just replaced; NULL: none): nonzero, its last group
 * in *end and its last four digits in last4; 0 when none. */
int card_at(const struct run *r, size_t g, const unsigned char *lead4,
    size_t *end, unsigned char last4[4]);

/* Whether groups g to g+2 are an SSN in its written shape; fresh when g
 * starts the run or follows a mark, before and after the code points
 * around the run. */
int ssn_at(const struct run *r, size_t g, int fresh, unsigned before,
    unsigned after);

/* How many groups at the start of r are the value a keyword announced (a
 * security code, or an SSN when ssn), or 0. */
size_t keyword_value(const struct run *r, int ssn, unsigned after);

/*
 * redact_words.c
 */

/* Whether c is a blank between words (space or tab). */
int words_blank(char c);

/* Where words that say a card's last four ("ending in", "last four"), or
 * that name the card ("card number"), end p[0 .. end) begin; (size_t)-1
 * when they do not. */
size_t digits_said_before(const char *p, size_t end);
size_t card_named_before(const char *p, size_t end);

/* Whether text at i, right after a card, repeats its last four; see
 * redact_words.c for *skip, *named and *whole. */
int card_said_after(const char *text, size_t i, const unsigned char last4[4],
    size_t *skip, int *named, size_t *whole);

/* Where the value starts after a keyword at s that announces a security
 * code (*intro set to 1) or an SSN (2); 0, *intro untouched, when no
 * keyword starts s. */
size_t keyword_intro(const char *s, int *intro);

#endif
