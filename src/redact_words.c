/*
 * redact_words.c: the words around numbers.  Keywords that announce a
 * security code or an SSN ("CVV was 123"), and words that name a card or
 * say its last four ("card ending in 1111"), before or after it, so that
 * redact.c's replacement neither misses a code nor says a thing twice.
 * Matched without regard to case, on the text as redact_runs.c reads it.
 */
#include <stddef.h>
#include <string.h>

#include "redact_int.h"

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

int
words_blank(char c)
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
				for (n = 0; i > 0 && words_blank(p[i - 1]) &&
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

/*
 * Whether the text at text[i], right after a card, repeats its last four
 * ("4111... ending 1111", "4111..., card ending in 1111", "4111... (last
 * four 1111)").  When it does, *skip is how much of the gap before those
 * words to drop (blanks and one of ",;-", never a parenthesis), *named
 * whether the words name the card themselves, and *whole the length of
 * the gap and the words when no parenthesis opens them, else 0.
 */
int
card_said_after(const char *text, size_t i, const unsigned char last4[4],
    size_t *skip, int *named, size_t *whole)
{
	const unsigned char *u = (const unsigned char *)text;
	size_t k = i, w, len, n;

	for (n = 0; words_blank(text[k]) && n < BLANKS_MAX; n++)
		k++;
	if (text[k] == ',' || text[k] == ';' || text[k] == '-')
		for (k++, n = 0; words_blank(text[k]) && n < BLANKS_MAX; n++)
			k++;
	*skip = k - i;
	*whole = 0;
	if (text[k] == '(')
		k++;
	*named = 0;
	for (n = 0; card_words[n] != NULL; n++)
		if ((w = match_keyword(text + k, card_words[n])) != 0)
			break;
	if (card_words[n] != NULL && words_blank(text[k + w])) {
		*named = 1;
		for (k += w, n = 0; words_blank(text[k]) && n < BLANKS_MAX; n++)
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
	for (n = 0; words_blank(text[k]) && n < BLANKS_MAX; n++)
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

size_t
digits_said_before(const char *p, size_t end)
{
	return words_before(p, end, digits_words);
}

size_t
card_named_before(const char *p, size_t end)
{
	return words_before(p, end, card_words);
}

size_t
keyword_intro(const char *s, int *intro)
{
	size_t v;

	if ((v = keyword_form(s, code_words)) != 0)
		*intro = 1;
	else if ((v = keyword_form(s, ssn_words)) != 0)
		*intro = 2;
	return v;
}
