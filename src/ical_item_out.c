/*
 * ical_item_out.c: the content lines calllog writes into an item
 * itself, beside libical's: folded at 75 octets as RFC 5545 says, values
 * escaped, and a field as its X-CALLLOG- property.  The writer's floor
 * (ical_item.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ical_int.h"
#include "ical_item_out.h"
#include "syncrec.h"
#include "util.h"

/* Add one content line, folded at 75 octets (never inside a UTF-8
 * sequence), ending in CRLF. */
void
item_add_line(struct strbuf *b, const char *line, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; ) {
		size_t len = 1;

		while (i + len < n && ((unsigned char)line[i + len] & 0xc0) ==
		    0x80)
			len++;
		if (col + len > 75) {
			strbuf_add(b, "\r\n ", 3);
			col = 1;
		}
		strbuf_add(b, line + i, len);
		col += len;
		i += len;
	}
	strbuf_add(b, "\r\n", 2);
}

/* TEXT escaping of RFC 5545 3.3.11. */
static char *
escape(const char *v)
{
	struct strbuf b = { 0 };

	strbuf_add(&b, "", 0);
	for (const char *p = v; *p; p++) {
		if (*p == '\n')
			strbuf_add(&b, "\\n", 2);
		else if (*p == '\\' || *p == ',' || *p == ';') {
			strbuf_add(&b, "\\", 1);
			strbuf_add(&b, p, 1);
		} else
			strbuf_add(&b, p, 1);
	}
	return b.s;
}

void
item_format_utc(time_t t, char out[17])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

static char *
upper_name(const char *name)
{
	char *s = xasprintf(XPREFIX "%s", name);

	for (char *p = s; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return s;
}

/* The X-CALLLOG- line of field i, when it is set and has no standard
 * property of its own. */
void
item_add_x(struct strbuf *b, const struct sync_rec *r, int i)
{
	const struct field *f = &sync_kinds[r->kind].fields[i];
	char *name, *line, tbuf[17];
	const char *p = r->f[i];

	if (p == NULL)
		return;
	name = upper_name(f->name);
	if (f->type == FT_LIST) {
		while (*p) {
			size_t n = strcspn(p, "\n");
			char *one = xstrndup(p, n), *esc = escape(one);

			line = xasprintf("%s:%s", name, esc);
			item_add_line(b, line, strlen(line));
			free(line);
			free(esc);
			free(one);
			p += n + (p[n] == '\n');
		}
	} else if (f->type == FT_TIME) {
		item_format_utc((time_t)strtoll(p, NULL, 10), tbuf);
		line = xasprintf("%s:%s", name, tbuf);
		item_add_line(b, line, strlen(line));
		free(line);
	} else {
		char *esc = escape(p);

		line = xasprintf("%s:%s", name, esc);
		item_add_line(b, line, strlen(line));
		free(line);
		free(esc);
	}
	free(name);
}
