/*
 * dossier_md.c: a dossier as Markdown, for pasting into a complaint form or
 * an e-mail: headings, lists, block quotes and paragraphs only, which
 * python-markdown, pandoc and CommonMark (cmark) render alike (no table,
 * no hard line break).  Text from the journal is escaped so that it reads
 * as written: no emphasis, links, HTML or list markers it did not mean.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "phone.h"
#include "util.h"
#include "view.h"

enum {
	MD_HEADING = 1 << 0	/* escape every '#', not only a leading one */
};

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
 * One line of journal text, written so that python-markdown, pandoc and
 * cmark all show it as written, and alike.  Backslash escapes only for the
 * characters all three take them for (\ ` * _ { } [ ] ( ) # + - . ! >);
 * entities for the rest: '<' (which python-markdown does not unescape),
 * an '&' that could start an entity, '|', '~', '^' and '$' (pandoc's
 * tables, sub- and superscript, math), and quotes, straight ones (which
 * pandoc would curl) and curly ones (which it would pair with them).  "--" and "..." keep their dashes and dots from pandoc's
 * typography too.  At the start, whatever would begin a block is escaped
 * (heading, quote, list, pandoc's fancy list, definition and div); leading
 * and trailing blanks, which could make a code block or a line break, are
 * dropped; control characters become spaces.
 */
static void
md_line(FILE *fp, const char *s, size_t n, unsigned flags)
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
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\0')
			break;
		/* Curly quotes too: pandoc pairs them with straight ones. */
		if (ch == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    strchr("\x98\x99\x9c\x9d", s[i + 2]) != NULL &&
		    s[i + 2] != '\0') {
			fprintf(fp, "&#%d;", 0x2000 +
			    ((unsigned char)s[i + 2] & 0x3f));
			i += 2;
			continue;
		}
		switch (ch) {
		case '<':
			fputs("&lt;", fp);
			continue;
		case '|':
			fputs("&#124;", fp);
			continue;
		case '~':
			fputs("&#126;", fp);
			continue;
		case '^':
			fputs("&#94;", fp);
			continue;
		case '"':
			fputs("&quot;", fp);
			continue;
		case '\'':
			fputs("&#39;", fp);
			continue;
		case '$':
			/* One '$' cannot open pandoc's math; keep it as
			 * written then. */
			if (dollars > 1) {
				fputs("&#36;", fp);
				continue;
			}
			break;
		case '&':
			if (i + 1 < n && (isalnum((unsigned char)s[i + 1]) ||
			    s[i + 1] == '#')) {
				fputs("&amp;", fp);
				continue;
			}
			break;
		case '-':
		case '.':
			if ((i + 1 < n && s[i + 1] == ch) ||
			    (i > 0 && s[i - 1] == ch))
				fputc('\\', fp);
			break;
		case '_':
			/* An '_' inside a word ("New_York") cannot
			 * emphasize. */
			if (!(i > 0 && i + 1 < n &&
			    isalnum((unsigned char)s[i - 1]) &&
			    isalnum((unsigned char)s[i + 1])))
				fputc('\\', fp);
			break;
		case '\\': case '`': case '*': case '[': case ']':
		case '{': case '}':
			fputc('\\', fp);
			break;
		case '#':
			if (flags & MD_HEADING)
				fputc('\\', fp);
			break;
		}
		fputc(ch < 0x20 || ch == 0x7f ? ' ' : ch, fp);
	}
}

/* Journal text in running text or a list item: one line. */
static void
md_text(FILE *fp, const char *s, unsigned flags)
{
	md_line(fp, s, strlen(s), flags);
}

void
dossier_md_text(FILE *fp, const char *s)
{
	md_text(fp, s, 0);
}

/*
 * Several lines of journal text as a block quote, indented by indent (4
 * inside a list item: python-markdown needs four), each line a paragraph
 * of its own.  Not a hard line break: python-markdown has no backslash
 * break, and two trailing spaces do not survive a copy and paste.
 */
static void
md_quote(FILE *fp, const char *s, int indent)
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
			md_line(fp, s, n, 0);
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
static void
md_verbatim(FILE *fp, const char *s)
{
	fputs("    ", fp);
	for (; *s; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' : *s, fp);
	fputc('\n', fp);
}

/* "- **Label:** text" */
static void
item(FILE *fp, const char *label, const char *text)
{
	fprintf(fp, "- **%s:** ", label);
	md_text(fp, text, 0);
	fputc('\n', fp);
}

static void
summary(const struct dossier *d, FILE *fp)
{
	fputs("\n## Summary\n\n", fp);
	for (size_t i = 0; i < d->nfacts; i++)
		item(fp, d->facts[i].label, d->facts[i].value);
}

static void
promises(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF];

	fputs("\n## Promises\n\n", fp);
	if (d->npromises == 0) {
		fputs("No promise was recorded.\n", fp);
		return;
	}
	/* A list, not a table: cmark and python-markdown read no tables. */
	for (size_t i = 0; i < d->npromises; i++) {
		const struct cl_call *k = d->promises[i].call;

		fprintf(fp, "- **%s%s:** ",
		    dossier_promise_state_name(d->promises[i].state),
		    d->promises[i].marked ? " (marked by me)" : "");
		md_text(fp, k->promise ? k->promise : "(promise)", 0);
		dossier_format_time(k->started, t);
		fprintf(fp, " \xe2\x80\x94 made %s, call %lld", t, k->id);
		if (k->rep) {
			fputs(", ", fp);
			md_text(fp, k->rep, 0);
		}
		if (k->promised_by)
			dossier_format_deadline(k->promised_by, t);
		fprintf(fp, "; due %s\n", k->promised_by ? t : "none");
		if (k->promise_note) {
			fputs("  Note: ", fp);
			md_text(fp, k->promise_note, 0);
			fputc('\n', fp);
		}
	}
}

static void
call_details(const struct dossier_entry *e, FILE *fp)
{
	const struct cl_call *k = e->call;
	char t[DOSSIER_TIMEBUF], buf[PHONE_BUFSZ];
	const char *outcome = enum_name(&outcome_names, k->outcome);

	dossier_format_time(k->started, t);
	fprintf(fp, "\n### %s \xc2\xb7 Call %lld, %s%s%s%s%s\n\n", t, k->id,
	    enum_name(&channel_names, k->channel),
	    *call_from_them(k) ? ", " : "", call_from_them(k),
	    outcome ? ": " : "", outcome ? outcome : "");
	if (k->number) {
		phone_format(k->number, buf);
		item(fp, "Number", buf);
	}
	if (k->department)
		item(fp, "Department", k->department);
	if (k->ivr)
		item(fp, "Menu path", k->ivr);
	if (k->rep)
		item(fp, "Representative", k->rep);
	for (size_t i = 0; i < k->nrefs; i++) {
		fputs(i ? ", " : k->nrefs > 1 ? "- **References:** " :
		    "- **Reference:** ", fp);
		md_text(fp, k->refs[i], 0);
		fputs(i + 1 == k->nrefs ? "\n" : "", fp);
	}
	dossier_call_length(k, t);
	if (*t)
		item(fp, "Length", t);
	if (e->promise) {
		fputs("- **Promise:** ", fp);
		md_text(fp, k->promise ? k->promise : "(promise)", 0);
		dossier_format_deadline(k->promised_by, t);
		fprintf(fp, "%s%s (**%s**%s)\n", k->promised_by ? ", due " :
		    "", k->promised_by ? t : "",
		    dossier_promise_state_name(e->promise->state),
		    e->promise->marked ? ", marked by me" : "");
	}
	if (k->credited) {
		char m[DOSSIER_TIMEBUF];

		dossier_credit_text(k->credited, k->currency, m, sizeof(m));
		item(fp, "Credited", m);
	}
	if (k->notes) {
		fputs("- **Notes:**\n\n", fp);
		md_quote(fp, k->notes, 4);
	}
}

/* A note: what was seen or received, not a contact. */
static void
note_details(const struct dossier *d, const struct cl_note *n, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], m[DOSSIER_TIMEBUF];

	dossier_format_time(n->at, t);
	fprintf(fp, "\n### %s \xc2\xb7 Note %lld (seen or received, not a "
	    "contact)\n\n", t, n->id);
	if (n->credited) {
		dossier_credit_text(n->credited, d->c.currency, m, sizeof(m));
		item(fp, "Credited", m);
		fputc('\n', fp);	/* the quote is not part of the list */
	}
	md_quote(fp, n->text, 0);
}

static void
timeline(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], what[DOSSIER_TIMEBUF * 2];

	fputs("\n## Timeline\n", fp);
	if (d->ntimeline == 0)
		fputs("\nNothing was recorded yet.\n", fp);
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct dossier_entry *e = &d->timeline[i];

		if (e->call) {
			call_details(e, fp);
			continue;
		}
		if (e->note) {
			note_details(d, e->note, fp);
			continue;
		}
		if (e->exhibit) {
			dossier_exhibit_md(e->exhibit, fp);
			continue;
		}
		dossier_format_time(e->at, t);
		dossier_event_text(e->event, what, sizeof(what));
		fprintf(fp, "\n### %s \xc2\xb7 %s\n", t, what);
		if (e->event->note) {
			fputc('\n', fp);
			md_quote(fp, e->event->note, 0);
		}
	}
}

static void
refs_and_escalations(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF];

	fputs("\n## Reference numbers\n\n", fp);
	if (d->nrefs == 0)
		fputs("None was given.\n", fp);
	for (size_t i = 0; i < d->nrefs; i++) {
		const struct cl_call *k = d->refs[i].call;

		fputs("- **", fp);
		md_text(fp, d->refs[i].ref, 0);
		dossier_format_time(k->started, t);
		fprintf(fp, "**: call %lld, %s", k->id, t);
		if (k->rep) {
			fputs(", ", fp);
			md_text(fp, k->rep, 0);
		}
		fputc('\n', fp);
	}
	fputs("\n## Escalation history\n\n", fp);
	if (d->nescalations == 0)
		fputs("Not escalated.\n", fp);
	for (size_t i = 0; i < d->nescalations; i++) {
		const struct cl_event *e = d->escalations[i];

		dossier_format_time(e->at, t);
		fprintf(fp, "- %s: to %s\n", t, dossier_level_phrase(e->level));
		if (e->note) {
			fputc('\n', fp);
			md_quote(fp, e->note, 4);
			if (i + 1 < d->nescalations)
				fputc('\n', fp);
		}
	}
}

int
dossier_write_md(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF];

	fprintf(fp, "# Record of case %lld: ", d->c.id);
	md_text(fp, view_case_title(&d->c), MD_HEADING);
	fputs("\n\n**", fp);
	md_text(fp, d->c.org, 0);
	dossier_format_time(d->now, t);
	/* Two paragraphs: a hard line break reads differently in each
	 * Markdown. */
	fprintf(fp, "**\n\nPrepared %s. Times are in ", t);
	md_text(fp, d->zone, 0);
	fputs(".\n", fp);
	summary(d, fp);
	fputs("\n## Statement\n\n", fp);
	md_verbatim(fp, d->statement);
	promises(d, fp);
	timeline(d, fp);
	dossier_exhibits_md(d, fp);
	refs_and_escalations(d, fp);
	fputs("\n---\n\n*", fp);
	md_text(fp, dossier_promise_rule, 0);
	fputs("*\n", fp);
	return ferror(fp) ? -1 : 0;
}
