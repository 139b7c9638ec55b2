/*
 * phone.c: reads telephone numbers as people type them into E.164, and
 * splits a stored one from its extension; phone_format.c shows them back
 * in the form people expect.
 */
#include <stdio.h>
#include <string.h>

#include "phone.h"
#include "util.h"

/*
 * Most digits kept while reading.  An international prefix (3) and the
 * longest E.164 number (15) fit; anything longer is rejected as it arrives,
 * so an absurd input costs nothing.
 */
#define MAXDIGITS 20

/* Keypad digit of each letter, 'a' to 'z'. */
static const char keypad[] = "22233344455566677778889999";

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
 * The advice that ends every message.  People outside the NANP have their
 * own national format, so they are not told to give ten digits.
 */
static const char *
hint(int nanp)
{
	return nanp ? "give 10 digits like 1-800-528-2122, or +country code "
	    "and number" : "give the national number, or +country code and "
	    "number";
}

/*
 * Length of the international prefix that starts the digits d[0..n), 0 for
 * a number that began with "+", or -1 when the number is national.  "011"
 * counts only in the NANP: elsewhere it can begin a national number with
 * its trunk 0 (Nottingham is 0115), which must not turn international.
 */
static int
intl_prefix(const char *d, size_t n, int plus, int nanp)
{
	if (plus)
		return 0;
	if (n >= 2 && d[0] == '0' && d[1] == '0')
		return 2;
	if (nanp && n >= 3 && memcmp(d, "011", 3) == 0)
		return 3;
	return -1;
}

/*
 * Whether d[0..n) already holds a whole NANP number, so that further letters
 * are the tail of a vanity number ("1-800-FLOWERS-NOW") rather than digits.
 * Vanity numbers are a NANP habit; elsewhere every letter counts.
 */
static int
vanity_complete(const char *d, size_t n, int plus, int nanp)
{
	int skip = intl_prefix(d, n, plus, nanp);

	if (n == 0)
		return 0;
	if (skip >= 0) {
		d += skip;
		n -= (size_t)skip;
		return n >= 11 && d[0] == '1';
	}
	if (!nanp)
		return 0;
	return n >= (d[0] == '1' ? 11u : 10u);
}

/*
 * Check the ten digits after the NANP country code: area code and exchange
 * begin with 2 to 9.  Returns 0, or -1 after reporting.
 */
static int
nanp_check(const char *in, const char *d, size_t n)
{
	if (n < 10)
		return error("cannot read phone number '%s': too few "
		    "digits; %s", in, hint(1));
	if (n > 10)
		return error("cannot read phone number '%s': too many "
		    "digits; %s", in, hint(1));
	if (d[0] < '2')
		return error("cannot read phone number '%s': an area code "
		    "cannot start with %c; %s", in, d[0], hint(1));
	if (d[3] < '2')
		return error("cannot read phone number '%s': an exchange (the "
		    "three digits after the area code) cannot start with "
		    "%c; %s", in, d[3], hint(1));
	return 0;
}

/* A country calling code as configured: 1 to 3 digits, not starting with 0. */
static int
cc_valid(const char *cc)
{
	size_t n = strlen(cc);

	if (n < 1 || n > 3 || cc[0] == '0')
		return 0;
	return strspn(cc, "0123456789") == n;
}

/*
 * Read the digits of in into d, mapping letters through the keypad and
 * skipping the tail of a vanity number.  Sets *n and *plus.  Returns 0, or
 * -1 after reporting what could not be read.
 */
static int
read_digits(const char *in, const char *num, int nanp, char d[MAXDIGITS],
    size_t *n, int *plus)
{
	const char *p;
	int started = 0, tail = 0;
	unsigned char c;

	*n = 0;
	*plus = 0;
	for (p = num; (c = (unsigned char)*p) != '\0'; p++) {
		if (c == ' ' || c == '\t' || c == '-' || c == '.' || c == '/' ||
		    c == '(' || c == ')') {
			if (c != ' ' && c != '\t')
				started = 1;
			continue;
		}
		if (c == '+') {
			if (started)
				return error("cannot read phone number '%s': a "
				    "'+' can only start the number; %s", in,
				    hint(nanp));
			started = *plus = 1;
			continue;
		}
		started = 1;
		if (is_letter(c)) {
			if (vanity_complete(d, *n, *plus, nanp)) {
				tail = 1;
				continue;
			}
			c = (unsigned char)keypad[(c | 0x20) - 'a'];
		} else if (!is_digit(c)) {
			if (c >= 0x21 && c < 0x7f)
				return error("cannot read phone number '%s': "
				    "'%c' is not part of a number; %s", in, c,
				    hint(nanp));
			return error("cannot read phone number '%s': "
			    "unexpected character; %s", in, hint(nanp));
		} else if (tail) {
			return error("cannot read phone number '%s': digits "
			    "after a complete number; an extension follows "
			    "'ext', like 1-800-528-2122 ext 5", in);
		}
		if (*n == MAXDIGITS)
			return error("cannot read phone number '%s': too many "
			    "digits; %s", in, hint(nanp));
		d[(*n)++] = (char)c;
	}
	if (*n == 0) {
		if (!started)
			return error("empty phone number; %s", hint(nanp));
		return error("cannot read phone number '%s': no digits; %s", in,
		    hint(nanp));
	}
	return 0;
}

/* The RFC 3966 parameter an extension is stored as. */
#define EXT_PARAM ";ext="

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * Where an extension's marker starts in in[0..end) when one ends there,
 * or (size_t)-1: "ext", "ext.", "extension", "x" (not glued to a letter
 * before it, so that "1-800-XEROX" is a number), "#", and runs of "," or
 * ";" ("=" and ":" may follow a word, as in ";ext=5").
 */
static size_t
ext_marker(const char *in, size_t end)
{
	static const char *const words[] = { "extension", "ext", "x", NULL };
	size_t i = end;

	while (i > 0 && (is_blank(in[i - 1]) || in[i - 1] == '.' ||
	    in[i - 1] == '=' || in[i - 1] == ':'))
		i--;
	if (i > 0 && (in[i - 1] == ',' || in[i - 1] == ';' ||
	    in[i - 1] == '#')) {
		while (i > 0 && (in[i - 1] == ',' || in[i - 1] == ';' ||
		    in[i - 1] == '#' || is_blank(in[i - 1])))
			i--;
		return i;
	}
	for (int w = 0; words[w]; w++) {
		size_t n = strlen(words[w]), k;

		if (i < n)
			continue;
		for (k = 0; k < n; k++)
			if ((in[i - n + k] | 0x20) != words[w][k])
				break;
		if (k < n || (i > n && is_letter(in[i - n - 1])))
			continue;
		/* ";ext=5", as stored. */
		i -= n;
		while (i > 0 && (is_blank(in[i - 1]) || in[i - 1] == ';' ||
		    in[i - 1] == ','))
			i--;
		return i;
	}
	return (size_t)-1;
}

/* The number alone, in the manner of phone_normalize; see below. */
static int normalize_number(const char *in, const char *num, const char *cc,
    char out[PHONE_BUFSZ]);

int
phone_normalize(const char *in, const char *cc, char out[PHONE_BUFSZ])
{
	char num[256];
	size_t len, end, start, m;

	if (in == NULL)
		in = "";
	/* Trailing digits after a marker are an extension. */
	for (len = strlen(in); len > 0 && is_blank(in[len - 1]); len--)
		;
	for (end = len; end > 0 && is_digit(in[end - 1]); end--)
		;
	if (end == len || end == 0 ||
	    (start = ext_marker(in, end)) == (size_t)-1 || start == 0 ||
	    start >= sizeof(num))
		return normalize_number(in, in, cc, out);
	if (len - end > PHONE_EXT_MAX)
		return error("cannot read phone number '%s': an extension has "
		    "at most %d digits", in, PHONE_EXT_MAX);
	memcpy(num, in, start);
	num[start] = '\0';
	if (normalize_number(in, num, cc, out) == -1)
		return -1;
	m = strlen(out);
	snprintf(out + m, PHONE_BUFSZ - m, EXT_PARAM "%.*s", (int)(len - end),
	    in + end);
	return 0;
}

const char *
phone_split(const char *stored, char e164[PHONE_BUFSZ])
{
	const char *ext = stored ? strstr(stored, EXT_PARAM) : NULL;

	if (e164 != NULL)
		snprintf(e164, PHONE_BUFSZ, "%.*s", ext ? (int)(ext - stored) :
		    (int)strlen(stored ? stored : ""), stored ? stored : "");
	return ext && ext[sizeof(EXT_PARAM) - 1] ? ext + sizeof(EXT_PARAM) - 1 :
	    NULL;
}

/*
 * Normalise num, the number without its extension, of the input in (which
 * the messages name).
 */
static int
normalize_number(const char *in, const char *num_in, const char *cc,
    char out[PHONE_BUFSZ])
{
	char d[MAXDIGITS];
	const char *num;
	size_t n, m;
	int nanp, plus, skip;

	if (cc == NULL)
		cc = "1";
	if (!cc_valid(cc))
		return error("invalid country calling code '%s'; give 1 to 3 "
		    "digits, such as 1 or 44", cc);
	nanp = strcmp(cc, "1") == 0;
	if (read_digits(in, num_in, nanp, d, &n, &plus) == -1)
		return -1;

	skip = intl_prefix(d, n, plus, nanp);
	if (skip >= 0) {
		num = d + skip;
		m = n - (size_t)skip;
		if (m < 8)
			return error("cannot read phone number '%s': too few "
			    "digits for an international number; %s", in,
			    hint(nanp));
		if (m > 15)
			return error("cannot read phone number '%s': too many "
			    "digits for an international number; %s", in,
			    hint(nanp));
		if (num[0] == '0')
			return error("cannot read phone number '%s': a country "
			    "code cannot start with 0; %s", in, hint(nanp));
		if (num[0] == '1' && nanp_check(in, num + 1, m - 1) == -1)
			return -1;
		snprintf(out, PHONE_BUFSZ, "+%.*s", (int)m, num);
		return 0;
	}

	if (nanp) {
		num = d;
		m = n;
		if (n == 11 && d[0] == '1') {
			num++;
			m--;
		}
		if (nanp_check(in, num, m) == -1)
			return -1;
		snprintf(out, PHONE_BUFSZ, "+1%.*s", (int)m, num);
		return 0;
	}

	/* Elsewhere a national number may carry one trunk 0, not dialled from
	 * abroad and so not part of E.164. */
	num = d;
	m = n;
	if (num[0] == '0') {
		num++;
		m--;
	}
	if (m < 6)
		return error("cannot read phone number '%s': too few "
		    "digits; %s", in, hint(0));
	if (m > 14 || strlen(cc) + m > 15)
		return error("cannot read phone number '%s': too many digits; "
		    "%s", in, hint(0));
	snprintf(out, PHONE_BUFSZ, "+%s%.*s", cc, (int)m, num);
	return 0;
}
