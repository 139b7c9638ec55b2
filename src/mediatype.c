/*
 * mediatype.c: the only user of libmagic.  The database of signatures is
 * loaded per call: a command attaches a few files, and one less global
 * keeps the module simple.
 */
#include <magic.h>
#include <string.h>

#include "mediatype.h"
#include "util.h"

#define UNKNOWN "application/octet-stream"

char *
mediatype_of(const void *head, size_t n)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	const char *t = NULL;
	char *out;

	if (m != NULL && magic_load(m, NULL) == 0)
		t = magic_buffer(m, head, n);
	/* libmagic's own words stay out: a type is token/token. */
	out = xstrdup(t && strchr(t, '/') && strlen(t) < 128 ? t : UNKNOWN);
	if (m != NULL)
		magic_close(m);
	return out;
}
