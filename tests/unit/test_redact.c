/*
 * test_redact.c: redact_text on card numbers of every network and grouping,
 * SSNs, security codes, and the look-alikes that must survive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "tap.h"

struct redaction {
	const char	*text;
	const char	*want;
	int		 cards;
	int		 ssns;
	int		 codes;
};

/* Each network in each grouping it is printed in. */
static const struct redaction cards[] = {
	{ "4111111111111111", "card ending 1111", 1, 0, 0 },
	{ "4111 1111 1111 1111", "card ending 1111", 1, 0, 0 },
	{ "4111-1111-1111-1111", "card ending 1111", 1, 0, 0 },
	{ "4111111111119", "card ending 1119", 1, 0, 0 },
	{ "5555555555554444", "card ending 4444", 1, 0, 0 },
	{ "5555 5555 5555 4444", "card ending 4444", 1, 0, 0 },
	{ "5555-5555-5555-4444", "card ending 4444", 1, 0, 0 },
	{ "378282246310005", "card ending 0005", 1, 0, 0 },
	{ "3782 822463 10005", "card ending 0005", 1, 0, 0 },
	{ "3782-822463-10005", "card ending 0005", 1, 0, 0 },
	{ "6011111111111117", "card ending 1117", 1, 0, 0 },
	{ "6011 1111 1111 1117", "card ending 1117", 1, 0, 0 },
	{ "6011-1111-1111-1117", "card ending 1117", 1, 0, 0 },
	{ "30569309025904", "card ending 5904", 1, 0, 0 },
	{ "3056 930902 5904", "card ending 5904", 1, 0, 0 },
	{ "3530111333300000", "card ending 0000", 1, 0, 0 },
	{ "3530 1113 3330 0000", "card ending 0000", 1, 0, 0 },
	{ "6304000000000000000", "card ending 0000", 1, 0, 0 },
	{ "6304 0000 0000 0000 000", "card ending 0000", 1, 0, 0 },
	{ "6304-0000-0000-0000-000", "card ending 0000", 1, 0, 0 },
	{ "6200000000000005", "card ending 0005", 1, 0, 0 },
	{ "6200 0000 0000 0005", "card ending 0005", 1, 0, 0 },
	{ "4111 1111-1111 1111", "card ending 1111", 1, 0, 0 },
};

static const struct redaction texts[] = {
	/* Cards within text and punctuation. */
	{ "card 4111 1111 1111 1111, exp 12/28",
	    "card ending 1111, exp 12/28", 1, 0, 0 },
	{ "(4111111111111111)", "(card ending 1111)", 1, 0, 0 },
	{ "it ends 3782-822463-10005.", "it ends card ending 0005.", 1, 0, 0 },
	{ "old 4111111111111111\nnew 5555555555554444",
	    "old card ending 1111\nnew card ending 4444", 2, 0, 0 },
	{ "Café 4111111111111111 ✓", "Café card ending 1111 ✓", 1, 0, 0 },
	/* Numbers that are not cards stay. */
	{ "ref 4111111111111112", "ref 4111111111111112", 0, 0, 0 },
	{ "ref 4111 1111 1111 1112", "ref 4111 1111 1111 1112", 0, 0, 0 },
	{ "ref 41111111111111111115", "ref 41111111111111111115", 0, 0, 0 },
	/* A card followed by more digits (an expiry, a code) is still a
	 * card: its longest valid prefix at a separator is redacted. */
	{ "4111 1111 1111 1111 1115", "card ending 1111 1115", 1, 0, 0 },
	{ "card 4111 1111 1111 1111 12/28", "card ending 1111 12/28", 1, 0, 0 },
	{ "4111-1111-1111-1111-123", "card ending 1111-123", 1, 0, 0 },
	/* Removing an SSN from a long run can expose a card: redaction runs
	 * until nothing changes (found by fuzz_redact). */
	{ "SSN(123-45-6788 3 146-47-89012267896 x",
	    "SSN([SSN removed] card ending 7896 x", 1, 1, 0 },
	{ "REF4111111111111111X", "REF4111111111111111X", 0, 0, 0 },
	{ "REF4111111111111111", "REF4111111111111111", 0, 0, 0 },
	{ "4111111111111111X", "4111111111111111X", 0, 0, 0 },
	{ "Café4111111111111111", "Café4111111111111111", 0, 0, 0 },
	/* Wider gaps between the groups are still one card. */
	{ "4111  1111  1111  1111", "card ending 1111", 1, 0, 0 },
	{ "4111 -1111 -1111 -1111", "card ending 1111", 1, 0, 0 },
	{ "4111 - 1111 - 1111 - 1111 ok", "card ending 1111 ok", 1, 0, 0 },
	{ "4111  1111 1111  1111 ok", "card ending 1111 ok", 1, 0, 0 },
	{ "4111  1111  1111  1111  12/28", "card ending 1111  12/28", 1, 0, 0 },
	/* Four blanks or more part two numbers. */
	{ "4111    1111 1111 1111", "4111    1111 1111 1111", 0, 0, 0 },
	/* Uneven wide gaps with dashes are dates or phone numbers, not a
	 * card, whatever Luhn says of their digits. */
	{ "away 2026-11-01 - 2026-11-05", "away 2026-11-01 - 2026-11-05",
	    0, 0, 0 },
	{ "call 212 555 0101 - 800 555 0142",
	    "call 212 555 0101 - 800 555 0142", 0, 0, 0 },
	{ "call 212 555 0101  800 555 0142",
	    "call 212 555 0101  800 555 0142", 0, 0, 0 },
	/* An SSN's groups are one blank or dash apart; what follows a wider
	 * gap is not part of it. */
	{ "SSN 123 45 6789 - 2 tries", "SSN [SSN removed] - 2 tries", 0, 1, 0 },
	{ "social security 123 45 6789  12",
	    "social security [SSN removed]  12", 0, 1, 0 },
	{ "0000 0000 0000 0000", "0000 0000 0000 0000", 0, 0, 0 },
	{ "411111111111", "411111111111", 0, 0, 0 },
	{ "call 1-800-528-2122 on 2026-12-01",
	    "call 1-800-528-2122 on 2026-12-01", 0, 0, 0 },
	/* SSNs. */
	{ "123-45-6789", "[SSN removed]", 0, 1, 0 },
	{ "my number is 123-45-6789.", "my number is [SSN removed].", 0, 1, 0 },
	{ "SSN 123-45-6789", "SSN [SSN removed]", 0, 1, 0 },
	{ "ssn: 123456789", "ssn: [SSN removed]", 0, 1, 0 },
	{ "SSN#123456789", "SSN#[SSN removed]", 0, 1, 0 },
	{ "social security number: 123456789",
	    "social security number: [SSN removed]", 0, 1, 0 },
	{ "Social Security Number is 123 45 6789",
	    "Social Security Number is [SSN removed]", 0, 1, 0 },
	{ "123-45-6789 2 calls", "[SSN removed] 2 calls", 0, 1, 0 },
	{ "123456789", "123456789", 0, 0, 0 },
	{ "1123-45-6789", "1123-45-6789", 0, 0, 0 },
	{ "123-45-67890", "123-45-67890", 0, 0, 0 },
	{ "555-123-45-6789", "555-123-45-6789", 0, 0, 0 },
	{ "A123-45-6789", "A123-45-6789", 0, 0, 0 },
	{ "SSN 12345678", "SSN 12345678", 0, 0, 0 },
	{ "SSNX 123456789", "SSNX 123456789", 0, 0, 0 },
	/* Security codes. */
	{ "CVV 123", "CVV [security code removed]", 0, 0, 1 },
	{ "cvv: 1234", "cvv: [security code removed]", 0, 0, 1 },
	{ "CVV2=123", "CVV2=[security code removed]", 0, 0, 1 },
	{ "CVC 123", "CVC [security code removed]", 0, 0, 1 },
	{ "cvc2 - 123", "cvc2 - [security code removed]", 0, 0, 1 },
	{ "CSC: 123", "CSC: [security code removed]", 0, 0, 1 },
	{ "CID 1234", "CID [security code removed]", 0, 0, 1 },
	{ "security code 123", "security code [security code removed]",
	    0, 0, 1 },
	{ "Security  Code is 987", "Security  Code is [security code removed]",
	    0, 0, 1 },
	{ "card security code: 4321",
	    "card security code: [security code removed]", 0, 0, 1 },
	{ "the CVV is 123.", "the CVV is [security code removed].", 0, 0, 1 },
	{ "CSCX 123", "CSCX 123", 0, 0, 0 },
	{ "XCVV 123", "XCVV 123", 0, 0, 0 },
	{ "CVV 12", "CVV 12", 0, 0, 0 },
	{ "CVV 12345", "CVV 12345", 0, 0, 0 },
	{ "CVV 123abc", "CVV 123abc", 0, 0, 0 },
	{ "CVV", "CVV", 0, 0, 0 },
	{ "CVV 4111 1111 1111 1111", "CVV card ending 1111", 1, 0, 0 },
	/* Several at once. */
	{ "Card 4111-1111-1111-1111 CVV 123, SSN 123-45-6789; "
	    "also 5555 5555 5555 4444",
	    "Card ending 1111 CVV [security code removed], "
	    "SSN [SSN removed]; also card ending 4444", 2, 1, 1 },
	{ "Ümit gave CVV 123 — then 3782 822463 10005 ✓",
	    "Ümit gave CVV [security code removed] — then card ending "
	    "0005 ✓",
	    1, 0, 1 },
	{ "", "", 0, 0, 0 },
	{ "nothing to see, ref 12345", "nothing to see, ref 12345", 0, 0, 0 },
};

/* Redact text and check the result and what was counted. */
static char *
check(const struct redaction *r)
{
	struct redact_counts c = { 0, 0, 0 };
	char name[200];
	char *got;

	got = redact_text(r->text, &c);
	snprintf(name, sizeof(name), "redacts '%.120s'", r->text);
	is_str(got, r->want, name);
	snprintf(name, sizeof(name), "counts %d/%d/%d in '%.120s'", r->cards,
	    r->ssns, r->codes, r->text);
	if (!ok(c.cards == r->cards && c.ssns == r->ssns &&
	    c.codes == r->codes, name))
		printf("#   got: %d/%d/%d\n", c.cards, c.ssns, c.codes);
	return got;
}

int
main(void)
{
	struct redact_counts c = { 0, 0, 0 };
	char name[200], *got;
	size_t i;

	for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		got = check(&cards[i]);
		snprintf(name, sizeof(name), "the whole of '%s' is gone",
		    cards[i].text);
		ok(strstr(got, cards[i].text) == NULL, name);
		free(got);
	}
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		free(check(&texts[i]));

	got = redact_text("CVV 123 and 4111111111111111", NULL);
	is_str(got, "CVV [security code removed] and card ending 1111",
	    "counts may be NULL");
	free(got);

	got = redact_text("4111111111111111", &c);
	free(got);
	got = redact_text("5555555555554444 CID 999", &c);
	free(got);
	is_long(c.cards, 2, "counts add up across calls: cards");
	is_long(c.codes, 1, "counts add up across calls: codes");

	ok(!redact_any(NULL), "redact_any(NULL) is false");
	c.cards = c.ssns = c.codes = 0;
	ok(!redact_any(&c), "nothing counted is nothing redacted");
	c.ssns = 1;
	ok(redact_any(&c), "an SSN counted is something redacted");

	return tap_done();
}
