/*
 * fuzz_redact.c: redact_text on arbitrary text.  Its output is valid
 * UTF-8 and a fixed point: redacting it again changes nothing, so no card
 * number it would recognise survives.  And, whatever text surrounds them,
 * a reference whose first digits are no card network's is kept as given
 * however it passes Luhn, while a card number built from the same digits
 * with a network's prefix and a Luhn check digit is not left whole.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "redact.h"

/* Digits of length 13..19 drawn from data, Luhn-valid when luhn is set. */
static void
digits_from(const uint8_t *data, size_t size, const char *prefix, int luhn,
    char *out)
{
	size_t n = 13 + (size ? data[0] % 7 : 0), p = strlen(prefix), i;
	int sum = 0;

	memcpy(out, prefix, p);
	for (i = p; i < n; i++)
		out[i] = (char)('0' + (i < size ? data[i] : i * 7) % 10);
	out[n] = '\0';
	if (!luhn)
		return;
	/* Make the last digit the check digit. */
	for (i = 0; i + 1 < n; i++) {
		int d = out[n - 2 - i] - '0';

		if (i % 2 == 0 && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	out[n - 1] = (char)('0' + (10 - sum % 10) % 10);
}

/* Redact before + digits + after; whether the digits are still there. */
static int
kept(const char *s, const char *digits)
{
	char *text, *out, *want;
	int found;

	text = xasprintf("%s ref %s end", s, digits);
	want = xasprintf(" ref %s end", digits);
	out = redact_text(text, NULL);
	found = strstr(out, want) != NULL;
	free(out);
	free(want);
	free(text);
	return found;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const not_networks[] = { "0", "1", "7", "9",
	    "20", "2026", "33", "80", "99" };
	char *s = fuzz_text(data, size), *once, *twice, digits[24];
	struct redact_counts c = { 0 }, c2 = { 0 };

	if (s == NULL)
		return 0;
	once = redact_text(s, &c);
	if (!utf8_valid(once, strlen(once)))
		abort();
	twice = redact_text(once, &c2);
	if (strcmp(once, twice) != 0 || redact_any(&c2))
		abort();
	if (!redact_any(&c) && strcmp(once, s) != 0)
		abort();

	digits_from(data, size, not_networks[size % 9], size % 2, digits);
	if (!kept(s, digits))
		abort();
	/* Visa, any length it issues in: 16 digits, a network prefix. */
	digits_from(data, size, "4", 1, digits);
	if (strlen(digits) == 16 && kept(s, digits))
		abort();
	free(twice);
	free(once);
	free(s);
	return 0;
}
