/*
 * money: amounts of money as people type them, kept exactly (DESIGN.md,
 * "Money and promises").  An amount is an integer count of the currency's
 * minor units (cents) with its ISO 4217 code; no float is ever involved,
 * so 418.20 stays 418.20 through storage, JSON, export and import.
 *
 *	long long cents; char cur[4];
 *	if (money_parse("$418.20", "USD", &cents, cur) == 0) ... 41820, "USD"
 *	money_format(41820, "USD", buf);		... "418.20"
 */
#ifndef CALLLOG_MONEY_H
#define CALLLOG_MONEY_H

#include <stddef.h>

#define MONEY_BUFSZ 48

/*
 * The largest amount accepted at every door (typed, the edit form, import,
 * sync), in minor units: 10^13, a hundred billion dollars, ten billion
 * dinars, ten trillion yen, far beyond any dispute.  It is below 2^53, so
 * a JSON reader that takes numbers as doubles still reads every amount
 * exactly; and a case's credits, each at most this, overflow a 64-bit sum
 * only after 922,337 of them (the sum is checked all the same).
 */
#define MONEY_MAX 10000000000000LL

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

/* Whether minor is an amount the journal takes: above zero, at most
 * MONEY_MAX. */
int money_amount_ok(long long minor);

/*
 * Read s as sync and the journal keep an amount: minor units written as a
 * decimal integer ("41820"), no sign, no leading zero, within
 * money_amount_ok.  Returns 0 with *minor set, or -1 (nothing reported).
 */
int money_read_minor(const char *s, long long *minor);

/*
 * Read s as export writes an amount of currency cur: digits with at most
 * cur's decimals ("418.20", "418.2" and "418" are 41820 for USD; "1500"
 * for JPY; "1.234" for KWD): no sign, comma or currency.  Decimals
 * beyond cur's are refused, never rescaled.  Returns 0 with *minor set,
 * or -1 with *why saying what is wrong (never quoting s).
 */
int money_read_decimal(const char *s, const char *cur, long long *minor,
    const char **why);

/* money_parse and money_read_decimal for a credit, which may be
 * negative (a credit reversed: "-200", "-$200"): never zero, and at most
 * MONEY_MAX either way. */
int money_parse_credit(const char *s, const char *dflt, long long *minor,
    char cur[4]);
int money_read_credit(const char *s, const char *cur, long long *minor,
    const char **why);

/* *sum += v, unless that overflows: then -1 and *sum unchanged. */
int money_add(long long *sum, long long v);

/* amount less credited, held at the ends of long long rather than
 * overflowing (a journal edited by hand can hold anything). */
long long money_outstanding(long long amount, long long credited);

/* Whether code is three upper-case letters, as ISO 4217 codes are. */
int money_code_valid(const char *code);

/* The amount as a decimal string without currency, with cur's decimals
 * ("1234.56" USD, "1500" JPY, "1.250" KWD, "-3.00"; "" is two), into
 * buf of MONEY_BUFSZ.  Every output of an amount goes through here. */
void money_format(long long minor, const char *cur, char *buf);

/* The number of decimals the currency has (2 unless known otherwise). */
int money_decimals(const char *cur);

#endif
