/*
 * test_ical_kept.c: a client's lines a sync item keeps, redacted as notes
 * are: in parameters and values, across an escaped line break, a name
 * that held a number dropped, and nothing else changed by a byte.
 */
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "redact.h"
#include "tap.h"
#include "../../src/ical_int.h"

/* line as kept: want, and whether the name held what was redacted. */
static void
expect(const char *line, const char *want, int want_hit, const char *name)
{
	struct redact_counts c = { 0 }, again = { 0 };
	int hit, hit2;
	char *got = item_kept_redact(line, &c, &hit), *twice;

	is_str(got, want, name);
	is_long(hit, want_hit, name);
	is_long(redact_any(&c), strcmp(line, want) != 0 || want_hit, name);
	/* A fixed point: what was kept is kept as it is the next time. */
	twice = item_kept_redact(got, &again, &hit2);
	if (!want_hit)
		is_str(twice, got, name);
	free(twice);
	free(got);
}

int
main(void)
{
	char *x;

	expect("X-FOO;X-P=\"a,b\";Y=c:hello\\, world",
	    "X-FOO;X-P=\"a,b\";Y=c:hello\\, world", 0,
	    "a line with nothing to redact is kept byte for byte");
	expect("LOCATION:Desk 4111 1111 1111 1111",
	    "LOCATION:Desk card ending 1111", 0, "a card in a value");
	expect("COMMENT:SSN 123-45-6789 given",
	    "COMMENT:SSN [SSN removed] given", 0, "an SSN");
	expect("X-A:the CVV 737 here", "X-A:the CVV [security code removed]"
	    " here", 0, "a security code");
	expect("X-SPLIT:4000 0566\\n5566 5556 on two lines",
	    "X-SPLIT:card ending 5556 on two lines", 0,
	    "a card split over an escaped line break");
	expect("X-B:a\\\\nb 4000", "X-B:a\\\\nb 4000", 0,
	    "an escaped backslash before n is no line break");
	expect("X-N;X-P=\"3782 822463 10005\":x",
	    "X-N;X-P=\"card ending 0005\":x", 0, "a card in a parameter");
	expect("CATEGORIES:work,5555-5555-5555-4444",
	    "CATEGORIES:work,card ending 4444", 0, "a card in a list");
	{
		int hit;

		x = item_kept_redact("X-4111111111111111:x", NULL, &hit);
		is_long(hit, 1, "a name that is a card number is told");
		free(x);
	}
	x = cal_sync_extra_redact("COMMENT:fine\n"
	    "^X-WR-CALNAME:Cards 4012888888881881\n"
	    "X-4111111111111111:dropped\n"
	    "$X-AFTER:6011.1111.1111.1117\n");
	is_str(x, "COMMENT:fine\n^X-WR-CALNAME:Cards card ending 1881\n"
	    "$X-AFTER:card ending 1117\n",
	    "kept lines redacted, each keeping its mark; a line named by a"
	    " card dropped");
	free(x);
	ok(cal_sync_extra_redact(NULL) == NULL, "no kept lines: none");
	return tap_done();
}
