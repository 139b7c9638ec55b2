/*
 * exhibit.c: a kept file's name and size, as the attachment commands and
 * the dossier show them.  A file name is the person's (or a sender's)
 * text: it reaches terminals, HTML and zip entries, so it is held to the
 * rules of a line field and redacted like one, and only its last
 * component is kept (a path says where the file was on one machine,
 * nothing about the evidence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exhibit.h"
#include "field.h"
#include "redact.h"
#include "util.h"

/* The first C1 control character of s (U+0080 to U+009F), or 0: a zip
 * entry and a terminal take none, beyond the C0 a line field refuses. */
static unsigned
first_c1(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return p[1];
	return 0;
}

char *
exhibit_name_check(const char *path, struct redact_counts *rc, char *why,
    size_t size)
{
	size_t len = strlen(path);
	const char *base;
	char *name, *kept = NULL;
	unsigned c1;

	while (len > 1 && path[len - 1] == '/')
		len--;
	base = path + len;
	while (base > path && base[-1] != '/')
		base--;
	name = xstrndup(base, (size_t)(path + len - base));
	if (*name == '\0' || !strcmp(name, ".") || !strcmp(name, "..") ||
	    strchr(name, '/'))
		snprintf(why, size, "names no file");
	else if ((c1 = first_c1(name)) != 0)
		snprintf(why, size, "contains a control character (U+%04X)", c1);
	else		/* redacted only once it is kept: rc counts no other */
		field_check_at(&field_attachment_name, name, &kept, rc, why,
		    size);
	free(name);
	return kept;
}

char *
exhibit_name(const char *path, struct redact_counts *rc)
{
	char why[FIELD_WHY_BUFSZ], *name, *shown;

	if ((name = exhibit_name_check(path, rc, why, sizeof(why))) != NULL)
		return name;
	/* The path is said as it would be kept: redacted. */
	shown = redact_text(path, NULL);
	error("the file name of '%s' %s; %s", shown, why,
	    strcmp(why, "names no file") ? "rename the file" : "give a file");
	free(shown);
	return NULL;
}

void
exhibit_size(long long n, char out[EXHIBIT_SIZE_BUFSZ])
{
	if (n < 1024)
		snprintf(out, EXHIBIT_SIZE_BUFSZ, "%lld byte%s", n,
		    n == 1 ? "" : "s");
	else if (n < 1024 * 1024)
		snprintf(out, EXHIBIT_SIZE_BUFSZ, "%.1f KB", n / 1024.0);
	else
		snprintf(out, EXHIBIT_SIZE_BUFSZ, "%.1f MB",
		    n / (1024.0 * 1024.0));
}
