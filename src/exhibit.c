/*
 * exhibit.c: a kept file's name and size, as the attachment commands and
 * the dossier show them.  A file name is the person's (or a sender's)
 * text: it reaches terminals, HTML and zip entries, so it is held to the
 * rules of a line field, and only its last component is kept (a path
 * says where the file was on one machine, nothing about the evidence).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "exhibit.h"
#include "util.h"

char *
exhibit_name(const char *path)
{
	size_t len = strlen(path);
	const char *base;
	char *name;

	while (len > 1 && path[len - 1] == '/')
		len--;
	base = path + len;
	while (base > path && base[-1] != '/')
		base--;
	name = xstrndup(base, (size_t)(path + len - base));
	if (*name == '\0' || !strcmp(name, ".") || !strcmp(name, "..") ||
	    strchr(name, '/')) {
		error("'%s' names no file; give a file", path);
		goto bad;
	}
	if (!utf8_valid(name, strlen(name))) {
		error("the file name of '%s' is not valid UTF-8; rename the "
		    "file", path);
		goto bad;
	}
	if (check_line("the file name", name, LIMIT_NAME) == -1)
		goto bad;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			error("the file name contains a control character "
			    "(U+%04X); rename the file", p[1]);
			goto bad;
		}
	return name;
bad:
	free(name);
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
