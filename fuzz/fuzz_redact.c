/*
 * fuzz_redact.c: redact_text on arbitrary text.  Its output is valid
 * UTF-8 and a fixed point: redacting it again changes nothing, so no card
 * number it would recognise survives.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "redact.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), *once, *twice;
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
	free(twice);
	free(once);
	free(s);
	return 0;
}
