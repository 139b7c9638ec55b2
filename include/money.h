/*
 * money: amounts of money as people type them, kept exactly (DESIGN.md,
 * "Money and promises").  An amount is an integer count of the currency's
 * minor units (cents) with its ISO 4217 code; no float is ever involved,
 * so 418.20 stays 418.20 through storage, JSON, export and import.
 *
 *	long long cents; char cur[4];
 *	if (money_parse("$418.20", "USD", &cents, cur) == 0) ... 41820, "USD"
 *	money_format(41820, "USD", buf, sizeof(buf));	... "418.20"
 */
#ifndef CALLLOG_MONEY_H
#define CALLLOG_MONEY_H

#include <stddef.h>

#define MONEY_BUFSZ 48

/* The largest amount accepted, in minor units: a trillion, far beyond any
 * dispute, and far from overflow however credits add up. */
#define MONEY_MAX 100000000000000LL

/*
 * Read s: digits with an optional decimal part ("418.20", "418.2",
 * "418"), thousands separated by commas ("1,234.56"), and an optional
 * currency before or after, as a code ("USD 12", "12 eur") or a symbol
 * ("$", "€", "£", "¥").  No code means dflt.  The decimals may not exceed
 * the currency's (two for most, none for JPY).  Returns 0 with *minor
 * (more than zero) and cur set, or -1 after reporting what was wrong.
 */
int money_parse(const char *s, const char *dflt, long long *minor,
    char cur[4]);

/* Whether code is three upper-case letters, as ISO 4217 codes are. */
int money_code_valid(const char *code);

/* The amount as a decimal string without currency ("1234.56", "50.00",
 * "-3.00"), into buf of MONEY_BUFSZ. */
void money_format(long long minor, const char *cur, char *buf);

/* The number of decimals the currency has (2 unless known otherwise). */
int money_decimals(const char *cur);

#endif
