/*
 * fuzz_common.h: what every libFuzzer harness shares — turning the fuzzer's
 * bytes into the NUL-terminated UTF-8 text calllog's parsers are given
 * (main rejects anything else before a parser sees it).
 */
#ifndef CALLLOG_FUZZ_COMMON_H
#define CALLLOG_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* A copy of data as a string, or NULL when calllog would never pass it on
 * (embedded NUL, invalid UTF-8).  The caller frees. */
static inline char *
fuzz_text(const uint8_t *data, size_t size)
{
	char *s;

	if (memchr(data, 0, size) || !utf8_valid((const char *)data, size))
		return NULL;
	s = malloc(size + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
