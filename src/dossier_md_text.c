/*
 * dossier_md_text.c: journal text as Markdown that python-markdown,
 * pandoc and CommonMark all show as written: a line, a block quote, a
 * verbatim block.  What dossier_md.c and the exhibits
 * (dossier_exhibits.c) share, beneath both.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "dossier_text.h"

/*
 * Whether s[i..n) begins as a list marker would in some Markdown: digits,
 * one letter or a Roman numeral, then '.' or ')' and a blank or the end
 * (pandoc's fancy lists read "a. ", "iv) " and "B. " as items).  Returns
 * the length of the word before the '.' or ')', or 0.
 */
static size_t
list_marker(const char *s, size_t i, size_t n)
{
	size_t j = i;
	int digits = 1, roman = 1;

	while (j < n && isalnum((unsigned char)s[j])) {
		digits &= isdigit((unsigned char)s[j]) != 0;
		roman &= strchr("ivxlcdmIVXLCDM", s[j]) != NULL;
		j++;
	}
	if (j == i || j >= n || (s[j] != '.' && s[j] != ')'))
		return 0;
	if (j + 1 < n && s[j + 1] != ' ' && s[j + 1] != '\t')
		return 0;
	return digits || roman || j - i == 1 ? j - i : 0;
}

/*
 * Character i of the line s[0..n) as md_line writes it (see there);
 * math says whether a '$' could open pandoc's math (the line has two).
 * Returns how many bytes it took: 3 for a curly quote, else 1.
 */
static size_t
md_char(FILE *fp, const char *s, size_t i, size_t n, int math,
    unsigned flags)
{
	unsigned char ch = (unsigned char)s[i];

	/* Curly quotes too: pandoc pairs them with straight ones. */
	if (ch == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
	    strchr("\x98\x99\x9c\x9d", s[i + 2]) != NULL &&
	    s[i + 2] != '\0') {
		fprintf(fp, "&#%d;", 0x2000 + ((unsigned char)s[i + 2] & 0x3f));
		return 3;
	}
	switch (ch) {
	case '<':
		fputs("&lt;", fp);
		return 1;
	case '|':
		fputs("&#124;", fp);
		return 1;
	case '~':
		fputs("&#126;", fp);
		return 1;
	case '^':
		fputs("&#94;", fp);
		return 1;
	case '"':
		fputs("&quot;", fp);
		return 1;
	case '\'':
		fputs("&#39;", fp);
		return 1;
	case '$':
		/* One '$' cannot open pandoc's math; keep it as written
		 * then. */
		if (math) {
			fputs("&#36;", fp);
			return 1;
		}
		break;
	case '&':
		if (i + 1 < n && (isalnum((unsigned char)s[i + 1]) ||
		    s[i + 1] == '#')) {
			fputs("&amp;", fp);
			return 1;
		}
		break;
	case '-':
	case '.':
		if ((i + 1 < n && s[i + 1] == ch) || (i > 0 && s[i - 1] == ch))
			fputc('\\', fp);
		break;
	case '_':
		/* An '_' inside a word ("New_York") cannot emphasize. */
		if (!(i > 0 && i + 1 < n && isalnum((unsigned char)s[i - 1]) &&
		    isalnum((unsigned char)s[i + 1])))
			fputc('\\', fp);
		break;
	case '\\': case '`': case '*': case '[': case ']':
	case '{': case '}':
		fputc('\\', fp);
		break;
	case '#':
		if (flags & DOSSIER_MD_HEADING)
			fputc('\\', fp);
		break;
	}
	fputc(ch < 0x20 || ch == 0x7f ? ' ' : ch, fp);
	return 1;
}

/*
 * One line of journal text, written so that python-markdown, pandoc and
 * cmark all show it as written, and alike.  Backslash escapes only for the
 * characters all three take them for (\ ` * _ { } [ ] ( ) # + - . ! >);
 * entities for the rest: '<' (which python-markdown does not unescape),
 * an '&' that could start an entity, '|', '~', '^' and '$' (pandoc's
 * tables, sub- and superscript, math), and quotes, straight ones (which
 * pandoc would curl) and curly ones (which it would pair with them).
 * "--" and "..." keep their dashes and dots from pandoc's typography too.
 * At the start, whatever would begin a block is escaped (heading, quote,
 * list, pandoc's fancy list, definition and div); leading and trailing
 * blanks, which could make a code block or a line break, are dropped;
 * control characters become spaces.  Each character is md_char's.
 */
void
dossier_md_line(FILE *fp, const char *s, size_t n, unsigned flags)
{
	size_t i = 0, k, dollars = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	for (k = i; k < n; k++)
		dollars += s[k] == '$';
	if (i < n && strchr("#>-+(", s[i]))
		fputc('\\', fp);
	else if (i < n && s[i] == ':') {
		fputs("&#58;", fp);
		i++;
	} else if ((k = list_marker(s, i, n)) != 0) {
		fwrite(s + i, 1, k, fp);
		fputc('\\', fp);
		i += k;
	}
	while (i < n && s[i] != '\0')
		i += md_char(fp, s, i, n, dollars > 1, flags);
}

/* Journal text in running text or a list item: one line. */
void
dossier_md_text(FILE *fp, const char *s)
{
	dossier_md_line(fp, s, strlen(s), 0);
}

/*
 * Several lines of journal text as a block quote, indented by indent (4
 * inside a list item: python-markdown needs four), each line a paragraph
 * of its own.  Not a hard line break: python-markdown has no backslash
 * break, and two trailing spaces do not survive a copy and paste.
 */
void
dossier_md_quote(FILE *fp, const char *s, int indent)
{
	int first = 1;

	while (*s) {
		size_t n = strcspn(s, "\n"), b = 0;
		const char *next = s + n + (s[n] == '\n');

		while (b < n && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
			b++;
		if (b < n) {
			if (!first)
				fprintf(fp, "%*s>\n", indent, "");
			fprintf(fp, "%*s> ", indent, "");
			dossier_md_line(fp, s, n, 0);
			fputc('\n', fp);
			first = 0;
		}
		s = next;
	}
}

/*
 * The statement is text to paste into a complaint form, which shows what
 * it is given: no entity (&#8220;) or backslash may reach it.  An
 * indented code block is the one place every Markdown shows as written,
 * so the statement goes there, one line (a form wraps it), control
 * characters as spaces.
 */
void
dossier_md_verbatim(FILE *fp, const char *s)
{
	fputs("    ", fp);
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, fp);
	fputc('\n', fp);
}
