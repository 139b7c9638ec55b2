/*
 * term.c: escaping what could drive a terminal out of text calllog shows,
 * as a copy (term_escape) or as a stream (term_guard).  One decoder serves
 * both, so that a table cell and a page of `show` escape alike.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "term.h"
#include "xalloc.h"

/* Whether the code point cp must not reach a terminal raw. */
static int
term_unsafe(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/*
 * Length of the well-formed UTF-8 sequence at s[0..n), 0 when it is not
 * one, or -1 when it may still become one with more bytes (a stream cut
 * mid-character).  Sets *cp.
 */
static int
utf8_seq(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned need, min, v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1; v = s[0] & 0x1f; min = 0x80;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2; v = s[0] & 0x0f; min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3; v = s[0] & 0x07; min = 0x10000;
	} else
		return 0;
	for (unsigned i = 1; i <= need; i++) {
		if (i >= n)
			return -1;
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return (int)need + 1;
}

/*
 * Escape s[0..n) into out (which has room for 6 * n bytes) and return the
 * bytes written; *used is how much of s was taken: all of it, unless
 * partial is set and s ends inside a character or a colour mark, which is
 * left for the next call.  With marks, TERM_SGR marks become SGR.
 */
static size_t
escape_chunk(const unsigned char *s, size_t n, int keep_layout, int marks,
    int partial, char *out, size_t *used)
{
	size_t i = 0, o = 0;
	unsigned cp;
	int len;

	while (i < n) {
		if (marks && s[i] == 0xff) {
			size_t k = i + 1;

			if (k < n && s[k] == '[')
				for (k++; k < n && (s[k] == ';' ||
				    (s[k] >= '0' && s[k] <= '9')); k++)
					;
			if (k == n && partial && k - i < 16)
				break;
			if (k < n && s[k] == 'm' && s[i + 1] == '[') {
				out[o++] = '\033';
				memcpy(out + o, s + i + 1, k - i);
				o += k - i;
				i = k + 1;
				continue;
			}
		}
		len = utf8_seq(s + i, n - i, &cp);
		if (len < 0 && partial)
			break;
		if (len <= 0) {
			o += (size_t)sprintf(out + o, "\\x%02x", s[i]);
			i++;
			continue;
		}
		if (!term_unsafe(cp) || (keep_layout && (cp == '\n' ||
		    cp == '\t'))) {
			memcpy(out + o, s + i, (size_t)len);
			o += (size_t)len;
		} else if (cp == '\n' || cp == '\t' || cp == '\r') {
			out[o++] = '\\';
			out[o++] = cp == '\n' ? 'n' : cp == '\t' ? 't' : 'r';
		} else if (cp < 0x80)
			o += (size_t)sprintf(out + o, "\\x%02x", cp);
		else
			o += (size_t)sprintf(out + o, "\\u%04x", cp);
		i += (size_t)len;
	}
	*used = i;
	return o;
}

char *
term_escape(const char *s, int keep_layout)
{
	size_t n = strlen(s), used;
	char *out = xmalloc(6 * n + 1);

	out[escape_chunk((const unsigned char *)s, n, keep_layout, 0, 0, out,
	    &used)] = '\0';
	return out;
}

/* A guarded stream's state: bytes held back from the last write. */
struct guard {
	FILE		*real;
	int		 by_line;	/* flush real after each write */
	unsigned char	 held[16];
	size_t		 nheld;
};

/* Write escaped what was given, keeping back a cut character or mark;
 * an error of the real stream is this stream's. */
static ssize_t
guard_write(void *cookie, const char *buf, size_t size)
{
	struct guard *g = cookie;
	size_t n = g->nheld + size, used, o;
	unsigned char *in = xmalloc(n);
	char *out = xmalloc(6 * n + 1);

	memcpy(in, g->held, g->nheld);
	memcpy(in + g->nheld, buf, size);
	o = escape_chunk(in, n, 1, 1, 1, out, &used);
	g->nheld = n - used;
	memcpy(g->held, in + used, g->nheld);
	free(in);
	if ((o > 0 && fwrite(out, 1, o, g->real) != o) ||
	    (g->by_line && fflush(g->real) != 0)) {
		free(out);
		return -1;
	}
	free(out);
	return (ssize_t)size;
}

static int
guard_close(void *cookie)
{
	struct guard *g = cookie;
	char out[6 * sizeof(g->held)];
	size_t used, o;
	int rc = 0;

	o = escape_chunk(g->held, g->nheld, 1, 1, 0, out, &used);
	if (o > 0 && fwrite(out, 1, o, g->real) != o)
		rc = -1;
	if (fflush(g->real) != 0)
		rc = -1;
	free(g);
	return rc;
}

FILE *
term_guard(FILE *real, int by_line)
{
	cookie_io_functions_t io = { .write = guard_write,
	    .close = guard_close };
	struct guard *g = xcalloc(1, sizeof(*g));
	FILE *fp;

	g->real = real;
	g->by_line = by_line;
	if ((fp = fopencookie(g, "w", io)) == NULL) {
		free(g);
		return NULL;
	}
	/* A person at a terminal waits on each line; a pipe need not. */
	if (by_line)
		setvbuf(fp, NULL, _IOLBF, 0);
	return fp;
}
