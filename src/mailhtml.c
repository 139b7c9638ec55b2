/*
 * mailhtml.c: the text of an HTML-only email (mailmsg.h).  Banks and
 * airlines send HTML built of tables; what matters in the journal is the
 * words and where the paragraphs break, not the layout, so this is a
 * small tag stripper, not a renderer: one pass, linear in the input.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mailmsg.h"
#include "util.h"

/* Elements whose content is no text for a reader. */
static const char *const hidden[] = { "script", "style", "head", "title",
    NULL };
/* Elements that start or end a line. */
static const char *const blocks[] = { "p", "div", "br", "tr", "li", "h1",
    "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "hr",
    "pre", "address", "section", "article", "header", "footer", NULL };

static const struct { const char *name; unsigned cp; } entities[] = {
	{ "amp", '&' }, { "lt", '<' }, { "gt", '>' }, { "quot", '"' },
	{ "apos", '\'' }, { "nbsp", ' ' }, { "euro", 0x20ac },
	{ "pound", 0xa3 }, { "yen", 0xa5 }, { "copy", 0xa9 }, { "reg", 0xae },
	{ "trade", 0x2122 }, { "mdash", 0x2014 }, { "ndash", 0x2013 },
	{ "rsquo", 0x2019 }, { "lsquo", 0x2018 }, { "ldquo", 0x201c },
	{ "rdquo", 0x201d }, { "hellip", 0x2026 }, { "bull", 0x2022 },
	{ "middot", 0xb7 }, { "eacute", 0xe9 }, { "egrave", 0xe8 },
	{ "agrave", 0xe0 }, { "ccedil", 0xe7 }, { "uuml", 0xfc },
	{ "ouml", 0xf6 }, { "auml", 0xe4 }, { "szlig", 0xdf },
};

static int
in_list(const char *const *list, const char *name, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncasecmp(*list, name, n) == 0)
			return 1;
	return 0;
}

static void
put_cp(struct strbuf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		u[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6), u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	strbuf_add(b, u, n);
}

/* An entity at s (after '&'): its code point and length through ';', or
 * 0 when it is none (the '&' is then text). */
static size_t
entity(const char *s, const char *end, unsigned *cp)
{
	const char *semi = memchr(s, ';', (size_t)(end - s) < 12 ?
	    (size_t)(end - s) : 12);
	size_t n;

	if (semi == NULL || semi == s)
		return 0;
	n = (size_t)(semi - s);
	if (s[0] == '#') {
		int hex = n > 1 && (s[1] == 'x' || s[1] == 'X');
		unsigned long v = 0;
		size_t i = hex ? 2 : 1;

		if (i == n)
			return 0;
		for (; i < n; i++) {
			int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
			    hex && s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10 :
			    hex && s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10 :
			    -1;
			if (d < 0)
				return 0;
			if (v <= 0x10ffff)
				v = v * (hex ? 16 : 10) + (unsigned long)d;
		}
		*cp = v > 0x10ffff ? 0xfffd : (unsigned)v;
		return n + 1;
	}
	for (size_t i = 0; i < sizeof(entities) / sizeof(*entities); i++)
		if (strlen(entities[i].name) == n &&
		    strncmp(entities[i].name, s, n) == 0) {
			*cp = entities[i].cp;
			return n + 1;
		}
	return 0;
}

/* One break or blank, never more than a paragraph's worth in a row. */
static void
put_space(struct strbuf *b, int newline)
{
	size_t nl = 0;

	while (b->len && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
	for (size_t i = b->len; i > 0 && b->s[i - 1] == '\n'; i--)
		nl++;
	if (b->len == 0)
		return;
	if (newline && nl < 2)
		strbuf_add(b, "\n", 1);
	else if (!newline && nl == 0)
		strbuf_add(b, " ", 1);
}

char *
mail_html_text(const char *html, size_t len)
{
	struct strbuf b = { 0 };
	const char *p = html, *end = html + len;
	char skip[8] = "";	/* the hidden element being skipped */

	strbuf_add(&b, "", 0);
	while (p < end) {
		if (*p == '<') {
			const char *q = p + 1, *gt = memchr(p, '>',
			    (size_t)(end - p));
			int closing = q < end && *q == '/';
			size_t n = 0;

			if (gt == NULL)
				break;	/* a tag cut short: the rest is no text */
			q += closing;
			while (q + n < gt && (q[n] == '-' || q[n] == '!' ||
			    ((q[n] | 0x20) >= 'a' && (q[n] | 0x20) <= 'z') ||
			    (q[n] >= '0' && q[n] <= '9')))
				n++;
			if (*skip) {
				if (closing && strlen(skip) == n &&
				    strncasecmp(skip, q, n) == 0)
					skip[0] = '\0';
			} else if (!closing && in_list(hidden, q, n) &&
			    gt[-1] != '/') {
				memcpy(skip, q, n), skip[n] = '\0';
			} else if (in_list(blocks, q, n)) {
				put_space(&b, 1);
				/* A paragraph ends with a blank line. */
				if (closing && n == 1 && (*q | 0x20) == 'p')
					put_space(&b, 1);
			} else if (n == 2 && !strncasecmp(q, "td", 2)) {
				put_space(&b, 0);
			}
			p = gt + 1;
		} else if (*skip) {
			p++;
		} else if (*p == '&') {
			unsigned cp = 0;
			size_t n = entity(p + 1, end, &cp);

			if (n == 0)
				strbuf_add(&b, "&", 1);
			else if (cp == ' ')
				put_space(&b, 0);
			else
				put_cp(&b, cp);
			p += 1 + n;
		} else if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			put_space(&b, 0);
			p++;
		} else {
			strbuf_add(&b, p, 1);
			p++;
		}
	}
	while (b.len && (b.s[b.len - 1] == ' ' || b.s[b.len - 1] == '\n'))
		b.s[--b.len] = '\0';
	return b.s;
}

/* The charset an HTML part without one in its header names in its
 * <meta> (charset=NAME, in its first KB), as browsers read it; NULL when
 * none. */
const char *
mail_html_charset(const char *s, size_t len, char *out, size_t size)
{
	size_t n = len < 1024 ? len : 1024, k = 0;

	for (size_t i = 0; i + 8 < n; i++) {
		if (strncasecmp(s + i, "charset=", 8) != 0)
			continue;
		i += 8;
		i += i < n && (s[i] == '"' || s[i] == '\'');
		while (i < n && k + 1 < size && (isalnum((unsigned char)s[i]) ||
		    s[i] == '-' || s[i] == '_' || s[i] == ':' || s[i] == '.'))
			out[k++] = s[i++];
		out[k] = '\0';
		return k ? out : NULL;
	}
	return NULL;
}

size_t
mail_text_clean(char *s, size_t len)
{
	size_t o = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r') {
			if (i + 1 < len && s[i + 1] == '\n')
				continue;
			s[o++] = '\n';
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
			continue;
		} else if (c == 0xc2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			i++;	/* a C1 control, U+0080..U+009F */
		} else {
			s[o++] = (char)c;
		}
	}
	if (o < len)
		s[o] = '\0';
	return o;
}
