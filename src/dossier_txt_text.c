/*
 * dossier_txt_text.c: journal text for the plain-text dossier, made safe
 * for a terminal and wrapped by display width: what dossier_txt.c and the
 * exhibits (dossier_exhibits.c) share, beneath both.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier_text.h"
#include "util.h"
#include "width.h"

/*
 * A copy of n bytes of s fit for a terminal: tabs become spaces, and other
 * control characters (C0, DEL, and C1 in UTF-8) become '?', so that no text
 * from the journal can move the cursor or change colours.
 */
char *
dossier_txt_clean(const char *s, size_t n)
{
	char *out = xmalloc(n + 1), *o = out;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9f) {
			*o++ = '?';
			i++;
		} else if (ch == '\t')
			*o++ = ' ';
		else if (ch < 0x20 || ch == 0x7f)
			*o++ = '?';
		else
			*o++ = (char)ch;
	}
	*o = '\0';
	return out;
}

/*
 * Print text from column col (what is already on the line), wrapping at
 * DOSSIER_TXT_WIDTH; continuation lines start at column indent.  Newlines
 * in text begin new lines; runs of spaces collapse.  Ends the line.
 */
void
dossier_txt_wrap(FILE *fp, const char *text, size_t col, size_t indent)
{
	const char *p = text;
	int first = 1, fresh = 0;	/* no word yet; indent not yet written */

	while (*p) {
		size_t n, w;
		char *word;

		if (*p == '\n') {
			fputc('\n', fp);
			col = indent, first = 1, fresh = 1;
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		n = strcspn(p, " \t\n");
		word = dossier_txt_clean(p, n);
		w = text_width(word);
		if (!first && col + 1 + w > DOSSIER_TXT_WIDTH) {
			fputc('\n', fp);
			col = indent, first = 1, fresh = 1;
		}
		if (fresh)
			fprintf(fp, "%*s", (int)indent, "");
		fresh = 0;
		fprintf(fp, "%s%s", first ? "" : " ", word);
		col += w + !first;
		first = 0;
		free(word);
		p += n;
	}
	fputc('\n', fp);
}

/* "  label      text", the label padded to width, the text wrapped under
 * itself. */
void
dossier_txt_field(FILE *fp, size_t indent, size_t width, const char *label,
    const char *text)
{
	size_t w = text_width(label);

	fprintf(fp, "%*s%s%*s", (int)indent, "", label,
	    (int)(w < width ? width - w : 1), "");
	dossier_txt_wrap(fp, text, indent + (w < width ? width : w + 1),
	    indent + width);
}
