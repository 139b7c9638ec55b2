/*
 * dossier_html_text.c: journal text as HTML (and XML) text, a CSS string
 * and a <time>: the escaping that the HTML dossier and its exhibits
 * (dossier_exhibits.c) share, beneath both.
 */
#include <stdio.h>
#include <string.h>

#include "dossier.h"
#include "dossier_text.h"
#include "when.h"

/* Journal text as HTML (and XML) text or attribute value: the five markup
 * characters as entities, control characters XML forbids as spaces. */
void
dossier_html_text(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		switch (ch) {
		case '&': fputs("&amp;", fp); break;
		case '<': fputs("&lt;", fp); break;
		case '>': fputs("&gt;", fp); break;
		case '"': fputs("&quot;", fp); break;
		case '\'': fputs("&#39;", fp); break;
		default:
			fputc(ch < 0x20 && ch != '\n' && ch != '\t' ? ' ' : ch,
			    fp);
		}
	}
}

/* Text inside a CSS string: all but letters, digits, spaces and UTF-8 as
 * hex escapes, so that it can close neither the string nor <style>. */
void
dossier_html_css(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 0x80 || ch == ' ' || (ch >= '0' && ch <= '9') ||
		    ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z'))
			fputc(ch, fp);
		else
			fprintf(fp, "\\%x ", ch);
	}
}

/* A time as the <time> element with its UTC datetime attribute; a
 * deadline given as a date reads as the date. */
void
dossier_html_time(FILE *fp, time_t t, int deadline)
{
	char local[DOSSIER_TIMEBUF], utc[WHEN_BUFSZ];

	if (t == 0) {		/* never recorded: no 1970 in datetime */
		fputs(DOSSIER_NO_TIME, fp);
		return;
	}
	if (deadline)
		dossier_format_deadline(t, local);
	else
		dossier_format_time(t, local);
	when_format_utc(t, utc);
	fprintf(fp, "<time datetime=\"%s\">%s</time>", utc, local);
}

/* The date and time column of the timeline: the date, its time below. */
void
dossier_html_when(FILE *fp, time_t t)
{
	char local[DOSSIER_TIMEBUF];
	size_t n;

	dossier_format_time(t, local);
	n = strcspn(local, " ");
	fprintf(fp, "<div class=\"when\"><b>%.*s</b>%s</div>", (int)n, local,
	    local + n + (local[n] == ' '));
}
