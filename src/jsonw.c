/*
 * jsonw.c: streaming JSON output with escaping and indentation.
 */
#include <stdio.h>

#include "jsonw.h"
#include "when.h"

void
jsonw_init(struct jsonw *j, FILE *fp)
{
	j->fp = fp;
	j->depth = 0;
	j->count[0] = 0;
	j->after_key = 0;
}

static void
indent(struct jsonw *j)
{
	fputc('\n', j->fp);
	for (int i = 0; i < j->depth; i++)
		fputs("  ", j->fp);
}

/* Separate this value from the previous member, unless it follows a key. */
static void
value_prefix(struct jsonw *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			fputc(',', j->fp);
		indent(j);
	}
}

static void
open_level(struct jsonw *j, int c)
{
	value_prefix(j);
	fputc(c, j->fp);
	if (j->depth < JSONW_DEPTH - 1)
		j->depth++;
	j->count[j->depth] = 0;
	j->closer[j->depth] = c == '{' ? '}' : ']';
}

static void
close_level(struct jsonw *j, int c)
{
	int had = j->count[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (had)
		indent(j);
	fputc(c, j->fp);
}

void
jsonw_object_begin(struct jsonw *j)
{
	open_level(j, '{');
}

void
jsonw_object_end(struct jsonw *j)
{
	close_level(j, '}');
}

void
jsonw_array_begin(struct jsonw *j)
{
	open_level(j, '[');
}

void
jsonw_array_end(struct jsonw *j)
{
	close_level(j, ']');
}

static void
write_string(FILE *fp, const char *s)
{
	fputc('"', fp);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(fp, "\\u%04x", *p);
			/* C1 controls and bidirectional overrides are escaped
			 * too, losslessly: JSON read on a terminal (jq, less)
			 * must not drive it (DESIGN.md, Privacy). */
			else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
				fprintf(fp, "\\u%04x", p[1]);
				p++;
			} else if (p[0] == 0xe2 && ((p[1] == 0x80 &&
			    p[2] >= 0xaa && p[2] <= 0xae) || (p[1] == 0x81 &&
			    p[2] >= 0xa6 && p[2] <= 0xa9))) {
				fprintf(fp, "\\u%04x", 0x2000 |
				    (p[1] & 0x3f) << 6 | (p[2] & 0x3f));
				p += 2;
			} else
				fputc(*p, fp);
		}
	}
	fputc('"', fp);
}

void
jsonw_key(struct jsonw *j, const char *key)
{
	value_prefix(j);
	write_string(j->fp, key);
	fputs(": ", j->fp);
	j->after_key = 1;
}

void
jsonw_string(struct jsonw *j, const char *s)
{
	value_prefix(j);
	if (s)
		write_string(j->fp, s);
	else
		fputs("null", j->fp);
}

void
jsonw_int(struct jsonw *j, long long v)
{
	value_prefix(j);
	fprintf(j->fp, "%lld", v);
}

void
jsonw_bool(struct jsonw *j, int v)
{
	value_prefix(j);
	fputs(v ? "true" : "false", j->fp);
}

void
jsonw_null(struct jsonw *j)
{
	value_prefix(j);
	fputs("null", j->fp);
}

void
jsonw_time(struct jsonw *j, time_t t)
{
	char buf[WHEN_BUFSZ];

	if (t == 0) {
		jsonw_null(j);
		return;
	}
	when_format_utc(t, buf);
	jsonw_string(j, buf);
}

void
jsonw_end(struct jsonw *j, int ok)
{
	if (!ok)
		return;
	while (j->depth > 0)
		close_level(j, j->closer[j->depth]);
	fputc('\n', j->fp);
}

void
jsonw_kstring(struct jsonw *j, const char *key, const char *s)
{
	jsonw_key(j, key);
	jsonw_string(j, s);
}

void
jsonw_kint(struct jsonw *j, const char *key, long long v)
{
	jsonw_key(j, key);
	jsonw_int(j, v);
}

void
jsonw_kint_opt(struct jsonw *j, const char *key, long long v)
{
	jsonw_key(j, key);
	if (v < 0)
		jsonw_null(j);
	else
		jsonw_int(j, v);
}

void
jsonw_kbool(struct jsonw *j, const char *key, int v)
{
	jsonw_key(j, key);
	jsonw_bool(j, v);
}

void
jsonw_ktime(struct jsonw *j, const char *key, time_t t)
{
	jsonw_key(j, key);
	jsonw_time(j, t);
}
