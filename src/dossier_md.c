/*
 * dossier_md.c: a dossier as Markdown (CommonMark with a GFM table), for
 * pasting into a complaint form or an e-mail.  Text from the journal is
 * escaped so that it reads as written: no emphasis, links, HTML or list
 * markers it did not mean.
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
 * One line of journal text, escaped: backslash, code, emphasis, link,
 * HTML, table and strikethrough characters everywhere; an '&' that could
 * start an entity; and whatever would begin a block at the start of the
 * line (heading, quote, list, setext underline).  Leading blanks, which
 * could make a code block, are dropped; control characters become spaces.
 */
static void
md_line(FILE *fp, const char *s, size_t n, unsigned flags)
{
	size_t i = 0;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && strchr("#>-+=", s[i]))
		fputc('\\', fp);
	else if (i < n && isdigit((unsigned char)s[i])) {
		size_t j = i;

		while (j < n && isdigit((unsigned char)s[j]))
			j++;
		if (j < n && (s[j] == '.' || s[j] == ')')) {
			fwrite(s + i, 1, j - i, fp);
			fputc('\\', fp);
			i = j;
		}
	}
	for (; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\0')
			break;
		/* An '_' inside a word ("New_York") cannot emphasize. */
		if (ch == '_' && i > 0 && i + 1 < n &&
		    isalnum((unsigned char)s[i - 1]) &&
		    isalnum((unsigned char)s[i + 1]))
			;
		else if (strchr("\\`*_[]<|~", ch) ||
		    (ch == '#' && flags & MD_HEADING) ||
		    (ch == '&' && i + 1 < n && (isalnum((unsigned char)s[i + 1]) ||
		    s[i + 1] == '#')))
			fputc('\\', fp);
		fputc(ch < 0x20 || ch == 0x7f ? ' ' : ch, fp);
	}
}

/* Journal text in running text or a table cell: one line. */
static void
md_text(FILE *fp, const char *s, unsigned flags)
{
	md_line(fp, s, strlen(s), flags);
}

/* Several lines of journal text as a block quote, indented by indent,
 * each line kept (a backslash at the end makes a hard break). */
static void
md_quote(FILE *fp, const char *s, int indent)
{
	while (*s) {
		size_t n = strcspn(s, "\n");
		const char *next = s + n + (s[n] == '\n');

		fprintf(fp, "%*s>%s", indent, "", n ? " " : "");
		md_line(fp, s, n, 0);
		/* A hard break only between two lines that have text. */
		fputs(n && *next && *next != '\n' ? "\\\n" : "\n", fp);
		s = next;
	}
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
	fputs("| Status | Promise | Made | Due |\n|---|---|---|---|\n", fp);
	for (size_t i = 0; i < d->npromises; i++) {
		const struct cl_call *k = d->promises[i].call;

		fprintf(fp, "| **%s** | ",
		    dossier_promise_state_name(d->promises[i].state));
		md_text(fp, k->promise ? k->promise : "(promise)", 0);
		dossier_format_time(k->started, t);
		fprintf(fp, " | %s, call %lld", t, k->id);
		if (k->rep) {
			fputs(", ", fp);
			md_text(fp, k->rep, 0);
		}
		if (k->promised_by)
			dossier_format_time(k->promised_by, t);
		fprintf(fp, " | %s |\n", k->promised_by ? t : "none");
	}
}

static void
call_details(const struct dossier_entry *e, FILE *fp)
{
	const struct cl_call *k = e->call;
	char t[DOSSIER_TIMEBUF], buf[PHONE_BUFSZ];
	const char *outcome = enum_name(&outcome_names, k->outcome);

	dossier_format_time(k->started, t);
	fprintf(fp, "\n### %s \xc2\xb7 Call %lld, %s%s%s%s\n\n", t, k->id,
	    enum_name(&channel_names, k->channel),
	    k->direction == DIRECTION_INBOUND ? ", they called" : "",
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
		dossier_format_time(k->promised_by, t);
		fprintf(fp, "%s%s (**%s**)\n", k->promised_by ? ", due " : "",
		    k->promised_by ? t : "",
		    dossier_promise_state_name(e->promise->state));
	}
	if (k->notes) {
		fputs("- **Notes:**\n\n", fp);
		md_quote(fp, k->notes, 2);
	}
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
			md_quote(fp, e->note, 2);
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
	fprintf(fp, "**\\\nPrepared %s. Times are in ", t);
	md_text(fp, d->zone, 0);
	fputs(".\n", fp);
	summary(d, fp);
	fputs("\n## Statement\n\n", fp);
	md_text(fp, d->statement, 0);
	fputc('\n', fp);
	promises(d, fp);
	timeline(d, fp);
	refs_and_escalations(d, fp);
	fputs("\n---\n\n*", fp);
	md_text(fp, dossier_promise_rule, 0);
	fputs("*\n", fp);
	return ferror(fp) ? -1 : 0;
}
