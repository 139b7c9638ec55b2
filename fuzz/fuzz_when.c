/*
 * fuzz_when.c: when_parse on arbitrary text; what it accepts must survive
 * a round trip through the UTC format unchanged.
 */
#include <stdlib.h>
#include <time.h>

#include "fuzz_common.h"
#include "when.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	const time_t now = 1795000000;	/* 2026-11-18, fixed: reproducible */
	char *s = fuzz_text(data, size), buf[WHEN_BUFSZ];
	time_t t, again;

	if (!init) {
		setenv("TZ", "America/New_York", 1);
		tzset();
		init = 1;
	}
	if (s == NULL)
		return 0;
	/* Both orders of numeric dates, chosen by the input itself. */
	when_set_order(size && data[size - 1] % 2 ? WHEN_DMY : WHEN_MDY);
	if (when_parse(s, now, &t) == 0) {
		when_format_utc(t, buf);
		if (when_parse(buf, now, &again) != 0 || again != t)
			abort();
		when_format_local(t, buf);
		when_format_relative(t, now, buf);
	}
	free(s);
	return 0;
}
