/*
 * fuzz_phone.c: phone_normalize on arbitrary text; a normalised number is
 * E.164, with at most an extension of digits after ";ext=", and
 * normalises to itself.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "phone.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size), out[PHONE_BUFSZ], again[PHONE_BUFSZ];
	char shown[PHONE_BUFSZ], e164[PHONE_BUFSZ];
	const char *ext;

	if (s == NULL)
		return 0;
	if (phone_normalize(s, "1", out) == 0) {
		size_t n;

		ext = phone_split(out, e164);
		if (ext != NULL && (*ext == '\0' ||
		    strspn(ext, "0123456789") != strlen(ext) ||
		    strlen(ext) > PHONE_EXT_MAX))
			abort();
		n = strlen(e164);
		if (ext == NULL && strcmp(e164, out) != 0)
			abort();

		if (e164[0] != '+' || n < 9 || n > 16 ||
		    strspn(e164 + 1, "0123456789") != n - 1)
			abort();
		if (phone_normalize(out, "1", again) != 0 || strcmp(out, again))
			abort();
		phone_format(out, shown);
	}
	if (phone_normalize(s, "44", out) == 0)
		phone_format(out, shown);
	free(s);
	return 0;
}
