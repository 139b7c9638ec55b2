/*
 * fuzz_duration.c: when_parse_duration on arbitrary text; what it accepts
 * must read back the same from its own exact format.
 */
#include <stdlib.h>

#include "fuzz_common.h"
#include "when.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), buf[WHEN_BUFSZ];
	long secs, again;

	if (s == NULL)
		return 0;
	if (when_parse_duration(s, &secs) == 0) {
		if (secs < 0)
			abort();
		when_format_duration(secs, buf);
		if (when_parse_duration(buf, &again) != 0 || again != secs)
			abort();
		when_format_span(secs, buf);
	}
	free(s);
	return 0;
}
