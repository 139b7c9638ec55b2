/*
 * test_money.c: amounts as people type them, good and bad, and their
 * decimal strings.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "money.h"
#include "tap.h"

static const struct {
	const char *in;
	const char *dflt;
	long long minor;	/* -1: refused */
	const char *cur;
} table[] = {
	{ "418.20", "USD", 41820, "USD" },
	{ "$418.20", "USD", 41820, "USD" },
	{ "418.20 USD", "USD", 41820, "USD" },
	{ "EUR 50", "USD", 5000, "EUR" },
	{ "eur50", "USD", 5000, "EUR" },
	{ "1,234.56", "USD", 123456, "USD" },
	{ "12,345,678", "USD", 1234567800, "USD" },
	{ "418.2", "USD", 41820, "USD" },
	{ "418", "USD", 41800, "USD" },
	{ "0.05", "USD", 5, "USD" },
	{ "  7.00  gbp ", "USD", 700, "GBP" },
	{ "\xe2\x82\xac" "12.50", "USD", 1250, "EUR" },
	{ "\xc2\xa3" "3", "USD", 300, "GBP" },
	{ "50", "EUR", 5000, "EUR" },
	{ "$20", "CAD", 2000, "CAD" },
	{ "$20", "EUR", 2000, "USD" },
	{ "1500 JPY", "USD", 1500, "JPY" },
	{ "1.250 KWD", "USD", 1250, "KWD" },
	{ "", "USD", -1, NULL },
	{ "abc", "USD", -1, NULL },
	{ "-5", "USD", -1, NULL },
	{ "0", "USD", -1, NULL },
	{ "0.00", "USD", -1, NULL },
	{ "418.205", "USD", -1, NULL },
	{ "12.5 JPY", "USD", -1, NULL },
	{ "418.", "USD", -1, NULL },
	{ "1,23.00", "USD", -1, NULL },
	{ "1234,567", "USD", -1, NULL },
	{ ",123", "USD", -1, NULL },
	{ "12,34", "USD", -1, NULL },
	{ "USD 5 EUR", "USD", -1, NULL },
	{ "$5 USD", "USD", -1, NULL },
	{ "5 dollars", "USD", -1, NULL },
	{ "1e3", "USD", -1, NULL },
	{ "418.20.1", "USD", -1, NULL },
	{ "99999999999999999999", "USD", -1, NULL },
	/* MONEY_MAX, 10^13 minor units, in each number of decimals. */
	{ "100,000,000,000.00", "USD", 10000000000000LL, "USD" },
	{ "100000000000.01", "USD", -1, NULL },
	{ "10000000000000 JPY", "USD", 10000000000000LL, "JPY" },
	{ "10000000000001 JPY", "USD", -1, NULL },
	{ "10000000000 KWD", "USD", 10000000000000LL, "KWD" },
	{ "10000000000.001 KWD", "USD", -1, NULL },
	{ "999999999999999999", "USD", -1, NULL },
};

/* money_read_decimal: what import reads, by the currency's decimals. */
static const struct {
	const char *in;
	const char *cur;
	long long minor;	/* -1: refused */
} decimals[] = {
	{ "418.20", "USD", 41820 },
	{ "418.2", "USD", 41820 },
	{ "418", "USD", 41800 },
	{ "0.01", "USD", 1 },
	{ "1500", "JPY", 1500 },
	{ "1.234", "KWD", 1234 },
	{ "1.2", "KWD", 1200 },
	{ "100000000000.00", "USD", 10000000000000LL },
	{ "10000000000000", "JPY", 10000000000000LL },
	{ "9999999999.999", "KWD", 9999999999999LL },
	{ "100.00", "JPY", -1 },
	{ "1.5", "JPY", -1 },
	{ "418.205", "USD", -1 },
	{ "1.2345", "KWD", -1 },
	{ "100000000000.01", "USD", -1 },
	{ "10000000000001", "JPY", -1 },
	{ "99999999999999999999999999", "USD", -1 },
	{ "1.00000000000000000000000001", "USD", -1 },
	{ "0", "USD", -1 },
	{ "0.00", "USD", -1 },
	{ "", "USD", -1 },
	{ ".5", "USD", -1 },
	{ "5.", "USD", -1 },
	{ "-5", "USD", -1 },
	{ "+5", "USD", -1 },
	{ "1e3", "USD", -1 },
	{ "1,000", "USD", -1 },
	{ "5 USD", "USD", -1 },
	{ " 5", "USD", -1 },
};

/* money_read_minor: what sync reads, minor units as a decimal integer. */
static const struct {
	const char *in;
	long long minor;	/* -1: refused */
} minors[] = {
	{ "1", 1 },
	{ "41820", 41820 },
	{ "10000000000000", 10000000000000LL },
	{ "10000000000001", -1 },
	{ "999999999999999999", -1 },
	{ "99999999999999999999999", -1 },
	{ "0", -1 },
	{ "012", -1 },
	{ "-5", -1 },
	{ "12.5", -1 },
	{ "", -1 },
	{ "5 ", -1 },
};

static void
test_readers(void)
{
	char name[160];

	for (size_t i = 0; i < sizeof(decimals) / sizeof(*decimals); i++) {
		long long minor = -7;
		const char *why = NULL;
		int rc = money_read_decimal(decimals[i].in, decimals[i].cur,
		    &minor, &why);

		snprintf(name, sizeof(name), "import reads '%s' %s as %lld",
		    decimals[i].in, decimals[i].cur, decimals[i].minor);
		is_long(rc == 0 ? minor : -1, decimals[i].minor, name);
		if (rc == -1) {
			snprintf(name, sizeof(name), "and says why, without "
			    "quoting '%s'", decimals[i].in);
			ok(why && *why && (!*decimals[i].in ||
			    !strstr(why, decimals[i].in)), name);
		}
	}
	for (size_t i = 0; i < sizeof(minors) / sizeof(*minors); i++) {
		long long minor = -7;
		int rc = money_read_minor(minors[i].in, &minor);

		snprintf(name, sizeof(name), "sync reads '%s' as %lld",
		    minors[i].in, minors[i].minor);
		is_long(rc == 0 ? minor : -1, minors[i].minor, name);
	}
}

/* Sums that would overflow are refused, not wrapped; outstanding and
 * formatting hold at the ends of long long. */
static void
test_extremes(void)
{
	char buf[MONEY_BUFSZ];
	long long sum = LLONG_MAX - 5;

	ok(money_add(&sum, 5) == 0 && sum == LLONG_MAX, "a sum up to the "
	    "largest long long is taken");
	ok(money_add(&sum, 1) == -1 && sum == LLONG_MAX, "one more is refused, "
	    "the sum unchanged");
	sum = LLONG_MIN + 1;
	ok(money_add(&sum, -2) == -1 && sum == LLONG_MIN + 1, "so is one below "
	    "the smallest");
	/* 922,337 credits of MONEY_MAX still add up; the sum is exact. */
	sum = 0;
	for (int i = 0; i < 922337; i++)
		if (money_add(&sum, MONEY_MAX) == -1)
			break;
	is_long(sum, 922337LL * MONEY_MAX, "922,337 largest credits add up "
	    "exactly");
	is_long(money_outstanding(41820, 10000), 31820, "outstanding is the "
	    "amount less the credits");
	is_long(money_outstanding(-9000000000000000000LL,
	    9200000000000000000LL), LLONG_MIN, "an outstanding below the "
	    "smallest long long holds there");
	is_long(money_outstanding(9000000000000000000LL,
	    -9200000000000000000LL), LLONG_MAX, "and one above the largest");
	money_format(LLONG_MIN, "USD", buf);
	is_str(buf, "-92233720368547758.08", "the smallest long long formats");
	money_format(LLONG_MAX, "JPY", buf);
	is_str(buf, "9223372036854775807", "the largest, in yen");
	money_format(LLONG_MAX, "KWD", buf);
	is_str(buf, "9223372036854775.807", "the largest, in dinars");
	ok(money_amount_ok(MONEY_MAX) && !money_amount_ok(MONEY_MAX + 1) &&
	    !money_amount_ok(0) && !money_amount_ok(-1), "an amount is 1 to "
	    "MONEY_MAX");
	ok(MONEY_MAX < (1LL << 53), "MONEY_MAX is exact as a double too");
}

int
main(void)
{
	char name[160], buf[MONEY_BUFSZ];

	for (size_t i = 0; i < sizeof(table) / sizeof(*table); i++) {
		long long minor = 0;
		char cur[4] = "";
		int rc = money_parse(table[i].in, table[i].dflt, &minor, cur);

		if (table[i].minor < 0) {
			snprintf(name, sizeof(name), "'%s' is refused",
			    table[i].in);
			ok(rc == -1, name);
			continue;
		}
		snprintf(name, sizeof(name), "'%s' is %lld minor units",
		    table[i].in, table[i].minor);
		is_long(rc == 0 ? minor : -1, table[i].minor, name);
		snprintf(name, sizeof(name), "'%s' is in %s", table[i].in,
		    table[i].cur);
		is_str(cur, table[i].cur, name);
	}
	money_format(41820, "USD", buf);
	is_str(buf, "418.20", "41820 cents format as 418.20");
	money_format(5, "USD", buf);
	is_str(buf, "0.05", "5 cents format as 0.05");
	money_format(-31820, "USD", buf);
	is_str(buf, "-318.20", "a negative amount keeps its sign");
	money_format(1500, "JPY", buf);
	is_str(buf, "1500", "yen have no decimals");
	money_format(1250, "KWD", buf);
	is_str(buf, "1.250", "dinars have three");
	ok(money_code_valid("USD") && !money_code_valid("usd") &&
	    !money_code_valid("US"), "a code is three capitals");
	test_readers();
	test_extremes();
	return tap_done();
}
