/*
 * dossier_text: journal text written safely in each of the dossier's
 * formats, the layer beneath both the renderers (dossier_html.c,
 * dossier_md.c, dossier_txt.c) and the exhibits they list
 * (dossier_exhibits.c), so that neither reaches into the other.
 *
 *	dossier_html_text(fp, note);		// "&lt;b&gt;" for "<b>"
 */
#ifndef CALLLOG_DOSSIER_TEXT_H
#define CALLLOG_DOSSIER_TEXT_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

/* HTML (dossier_html_text.c).  Journal text as HTML (and XML) text or an
 * attribute value; inside a CSS string; a time as <time> with its UTC
 * datetime (a deadline given as a date reads as the date); the
 * timeline's date-and-time column. */
void dossier_html_text(FILE *fp, const char *s);
void dossier_html_css(FILE *fp, const char *s);
void dossier_html_time(FILE *fp, time_t t, int deadline);
void dossier_html_when(FILE *fp, time_t t);

/* Markdown (dossier_md_text.c).  n bytes of s as one line, every '#'
 * escaped with DOSSIER_MD_HEADING (not only a leading one); a string as
 * one line; lines as a block quote indented by indent; the statement as
 * an indented code block, shown as written. */
#define DOSSIER_MD_HEADING	(1u << 0)
void dossier_md_line(FILE *fp, const char *s, size_t n, unsigned flags);
void dossier_md_text(FILE *fp, const char *s);
void dossier_md_quote(FILE *fp, const char *s, int indent);
void dossier_md_verbatim(FILE *fp, const char *s);

/* Plain text (dossier_txt_text.c), DOSSIER_TXT_WIDTH columns wide.  A
 * copy of n bytes of s with what a terminal would act on as '?' (the
 * caller frees); text from column col wrapped, continuing at indent;
 * "  label      text", the label padded to width. */
#define DOSSIER_TXT_WIDTH	78
char *dossier_txt_clean(const char *s, size_t n);
void dossier_txt_wrap(FILE *fp, const char *text, size_t col, size_t indent);
void dossier_txt_field(FILE *fp, size_t indent, size_t width,
    const char *label, const char *text);

#endif
