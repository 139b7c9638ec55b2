/*
 * test_money.c: amounts as people type them, good and bad, and their
 * decimal strings.
 */
#include <stdio.h>

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
};

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
	return tap_done();
}
