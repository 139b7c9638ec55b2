/*
 * money.c: parsing and formatting amounts of money in minor units.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"
#include "util.h"

/* Currencies whose minor unit is not the cent (ISO 4217). */
static const struct {
	const char *code;
	int decimals;
} odd_units[] = {
	{ "JPY", 0 }, { "KRW", 0 }, { "ISK", 0 }, { "CLP", 0 }, { "VND", 0 },
	{ "HUF", 2 }, { "KWD", 3 }, { "BHD", 3 }, { "JOD", 3 }, { "OMR", 3 },
	{ "TND", 3 }, { "LYD", 3 }, { "IQD", 3 },
};

/* MONEY_MAX in words, for messages. */
#define TOO_LARGE "too large: at most 10^13 minor units " \
    "(100000000000.00 USD, 10000000000000 JPY)"

/* Currencies whose symbol is "$". */
#define DOLLARS "USD CAD AUD NZD SGD HKD"

/* Symbols people type instead of a code.  "$" is the dollar of the
 * configured currency when that is a dollar, else the US dollar. */
static const struct {
	const char *sym;
	const char *code;
} symbols[] = {
	{ "US$", "USD" }, { "\xe2\x82\xac", "EUR" }, { "\xc2\xa3", "GBP" },
	{ "\xc2\xa5", "JPY" }, { "$", NULL },
};

int
money_decimals(const char *cur)
{
	for (size_t i = 0; i < sizeof(odd_units) / sizeof(*odd_units); i++)
		if (strcmp(odd_units[i].code, cur) == 0)
			return odd_units[i].decimals;
	return 2;
}

int
money_code_valid(const char *code)
{
	return strlen(code) == 3 && isupper((unsigned char)code[0]) &&
	    isupper((unsigned char)code[1]) && isupper((unsigned char)code[2]);
}

static int
bad(const char *s, const char *why)
{
	return error("bad amount '%s': %s; write it as 418.20, $418.20, "
	    "418.20 USD, EUR 50 or 1,234.56", s, why);
}

/* Take a currency (code or symbol) from the front of *p, if there is one;
 * returns -1 when two are given. */
static int
take_currency(const char **p, const char *dflt, char cur[4], int *have)
{
	const char *s = *p;

	for (size_t i = 0; i < sizeof(symbols) / sizeof(*symbols); i++) {
		size_t n = strlen(symbols[i].sym);

		if (strncmp(s, symbols[i].sym, n) == 0) {
			const char *code = symbols[i].code;

			if (code == NULL)
				code = strstr(DOLLARS, dflt) && strlen(dflt) ==
				    3 ? dflt : "USD";
			if (*have)
				return -1;
			snprintf(cur, 4, "%s", code);
			*have = 1;
			*p = s + n;
			return 0;
		}
	}
	if (isalpha((unsigned char)s[0]) && isalpha((unsigned char)s[1]) &&
	    isalpha((unsigned char)s[2]) && !isalpha((unsigned char)s[3])) {
		if (*have)
			return -1;
		for (int i = 0; i < 3; i++)
			cur[i] = (char)toupper((unsigned char)s[i]);
		cur[3] = '\0';
		*have = 1;
		*p = s + 3;
	}
	return 0;
}

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A credit is an amount with an optional minus sign: a credit reversed.
 * "-200", "- $200", "-EUR 50", "EUR -50", "$-200" (as statements print
 * them) and "−200" (U+2212, as typeset) are all minus. */
static const char *
take_minus(const char *s)
{
	s = skip_space(s);
	if (*s == '-')
		return s + 1;
	if (strncmp(s, "\xe2\x88\x92", 3) == 0)
		return s + 3;
	return NULL;
}

/* An amount; for a credit (neg not NULL) a minus may follow a currency
 * given first, and *neg says so. */
static int
parse(const char *s, const char *dflt, long long *minor, char cur[4],
    int *neg)
{
	const char *p = skip_space(s), *q;
	long long whole = 0, frac = 0;
	int have = 0, digits = 0, group = -1, ndec = 0, dec;

	if (take_currency(&p, dflt, cur, &have) == -1)
		return bad(s, "two currencies");
	p = skip_space(p);
	if (neg && *neg == 0 && have && (q = take_minus(p)) != NULL) {
		*neg = 1;
		p = skip_space(q);
	}
	if (!isdigit((unsigned char)*p))
		return bad(s, *p == '-' ? "an amount is more than zero" :
		    "no digits");
	/* The whole part: commas only between groups of three. */
	for (; isdigit((unsigned char)*p) || *p == ','; p++) {
		if (*p == ',') {
			if (digits == 0 || (group >= 0 && group != 3) ||
			    (group < 0 && digits > 3))
				return bad(s, "a comma must separate thousands");
			group = 0;
			continue;
		}
		if (whole > MONEY_MAX)
			return bad(s, TOO_LARGE);
		whole = whole * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (group >= 0 && group != 3)
		return bad(s, "a comma must separate thousands");
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++) {
			if (++ndec > 3)
				return bad(s, "too many decimals");
			frac = frac * 10 + (*p - '0');
		}
		if (ndec == 0)
			return bad(s, "no digits after the decimal point");
	}
	p = skip_space(p);
	if (take_currency(&p, dflt, cur, &have) == -1)
		return bad(s, "two currencies");
	p = skip_space(p);
	if (*p != '\0')
		return bad(s, "unexpected text after the amount");
	if (!have)
		snprintf(cur, 4, "%s", dflt);
	dec = money_decimals(cur);
	if (ndec > dec)
		return error("bad amount '%s': %s has %d decimal%s; round it",
		    s, cur, dec, dec == 1 ? "" : "s");
	for (int i = ndec; i < dec; i++)
		frac *= 10;
	for (int i = 0; i < dec; i++)
		whole *= 10;
	*minor = whole + frac;
	if (*minor <= 0)
		return bad(s, "an amount is more than zero");
	if (*minor > MONEY_MAX)
		return bad(s, TOO_LARGE);
	return 0;
}

int
money_parse(const char *s, const char *dflt, long long *minor, char cur[4])
{
	return parse(s, dflt, minor, cur, NULL);
}

int
money_amount_ok(long long minor)
{
	return minor > 0 && minor <= MONEY_MAX;
}

/* The digits at the front of s, read as long as they stay at most
 * MONEY_MAX; *n is how many there were.  -1 when too many. */
static long long
leading_digits(const char *s, size_t *n)
{
	long long v = 0;

	for (*n = 0; isdigit((unsigned char)s[*n]); (*n)++) {
		if (v > MONEY_MAX)
			return -1;
		v = v * 10 + (s[*n] - '0');
	}
	return v;
}

int
money_read_minor(const char *s, long long *minor)
{
	size_t n;
	long long v = leading_digits(s, &n);

	if (n == 0 || s[n] != '\0' || (s[0] == '0' && n > 1) ||
	    !money_amount_ok(v))
		return -1;
	*minor = v;
	return 0;
}

int
money_read_decimal(const char *s, const char *cur, long long *minor,
    const char **why)
{
	int dec = money_decimals(cur);
	size_t n, nfrac = 0;
	long long whole = leading_digits(s, &n), frac = 0;

	*why = "expected a decimal string such as \"418.20\"";
	if (whole < 0)
		*why = TOO_LARGE;
	if (n == 0 || whole < 0)
		return -1;
	s += n;
	if (*s == '.') {
		nfrac = strspn(++s, "0123456789");
		if (nfrac == 0)
			return -1;
		if (nfrac <= 3)
			frac = leading_digits(s, &nfrac);
		s += nfrac;
	}
	if (*s != '\0')
		return -1;
	if ((int)nfrac > dec) {
		*why = dec == 0 ? "has decimals, but its currency has none" :
		    dec == 3 ? "has more than its currency's 3 decimals" :
		    "has more than its currency's 2 decimals";
		return -1;
	}
	for (int i = (int)nfrac; i < dec; i++)
		frac *= 10;
	for (int i = 0; i < dec && whole <= MONEY_MAX; i++)
		whole *= 10;
	if (whole > MONEY_MAX || !money_amount_ok(whole + frac)) {
		*why = whole + frac == 0 ? "expected an amount above zero" :
		    TOO_LARGE;
		return -1;
	}
	*minor = whole + frac;
	return 0;
}

int
money_parse_credit(const char *s, const char *dflt, long long *minor,
    char cur[4])
{
	const char *rest = take_minus(s);
	int neg = rest != NULL;

	if (parse(rest ? rest : s, dflt, minor, cur, &neg) == -1)
		return -1;
	if (neg)
		*minor = -*minor;
	return 0;
}

int
money_read_credit(const char *s, const char *cur, long long *minor,
    const char **why)
{
	if (s[0] != '-')
		return money_read_decimal(s, cur, minor, why);
	if (money_read_decimal(s + 1, cur, minor, why) == -1)
		return -1;
	*minor = -*minor;
	return 0;
}

int
money_add(long long *sum, long long v)
{
	long long r;

	if (__builtin_add_overflow(*sum, v, &r))
		return -1;
	*sum = r;
	return 0;
}

long long
money_outstanding(long long amount, long long credited)
{
	long long r;

	if (!__builtin_sub_overflow(amount, credited, &r))
		return r;
	return credited < 0 ? LLONG_MAX : LLONG_MIN;
}

void
money_format(long long minor, const char *cur, char *buf)
{
	int dec = money_decimals(cur);
	/* Unsigned, so that the most negative value has a magnitude too. */
	unsigned long long unit = 1, a = minor < 0 ? 0ULL -
	    (unsigned long long)minor : (unsigned long long)minor;

	for (int i = 0; i < dec; i++)
		unit *= 10;
	if (dec == 0)
		snprintf(buf, MONEY_BUFSZ, "%s%llu", minor < 0 ? "-" : "", a);
	else
		snprintf(buf, MONEY_BUFSZ, "%s%llu.%0*llu",
		    minor < 0 ? "-" : "", a / unit, dec, a % unit);
}
