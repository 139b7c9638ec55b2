/*
 * dossier_md.c: a dossier as Markdown, for pasting into a complaint form or
 * an e-mail: headings, lists, block quotes and paragraphs only, which
 * python-markdown, pandoc and CommonMark (cmark) render alike (no table,
 * no hard line break).  Text from the journal is escaped so that it reads
 * as written: no emphasis, links, HTML or list markers it did not mean.
 */
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "dossier_text.h"
#include "phone.h"
#include "util.h"
#include "view.h"

/* "- **Label:** text" */
static void
item(FILE *fp, const char *label, const char *text)
{
	fprintf(fp, "- **%s:** ", label);
	dossier_md_text(fp, text);
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
		dossier_md_text(fp, k->promise ? k->promise : "(promise)");
		dossier_format_time(k->started, t);
		fprintf(fp, " \xe2\x80\x94 made %s, call %lld", t, k->id);
		if (k->rep) {
			fputs(", ", fp);
			dossier_md_text(fp, k->rep);
		}
		if (k->promised_by)
			dossier_format_deadline(k->promised_by, t);
		fprintf(fp, "; due %s\n", k->promised_by ? t : "none");
		if (k->promise_note) {
			fputs("  Note: ", fp);
			dossier_md_text(fp, k->promise_note);
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
		dossier_md_text(fp, k->refs[i]);
		fputs(i + 1 == k->nrefs ? "\n" : "", fp);
	}
	dossier_call_length(k, t);
	if (*t)
		item(fp, "Length", t);
	if (e->promise) {
		fputs("- **Promise:** ", fp);
		dossier_md_text(fp, k->promise ? k->promise : "(promise)");
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
		dossier_md_quote(fp, k->notes, 4);
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
	dossier_md_quote(fp, n->text, 0);
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
			dossier_md_quote(fp, e->event->note, 0);
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
		dossier_md_text(fp, d->refs[i].ref);
		dossier_format_time(k->started, t);
		fprintf(fp, "**: call %lld, %s", k->id, t);
		if (k->rep) {
			fputs(", ", fp);
			dossier_md_text(fp, k->rep);
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
			dossier_md_quote(fp, e->note, 4);
			if (i + 1 < d->nescalations)
				fputc('\n', fp);
		}
	}
}

int
dossier_write_md(const struct dossier *d, FILE *fp)
{
	const char *title = view_case_title(&d->c);
	char t[DOSSIER_TIMEBUF];

	fprintf(fp, "# Record of case %lld: ", d->c.id);
	dossier_md_line(fp, title, strlen(title), DOSSIER_MD_HEADING);
	fputs("\n\n**", fp);
	dossier_md_text(fp, d->c.org);
	dossier_format_time(d->now, t);
	/* Two paragraphs: a hard line break reads differently in each
	 * Markdown. */
	fprintf(fp, "**\n\nPrepared %s. Times are in ", t);
	dossier_md_text(fp, d->zone);
	fputs(".\n", fp);
	summary(d, fp);
	fputs("\n## Statement\n\n", fp);
	dossier_md_verbatim(fp, d->statement);
	promises(d, fp);
	timeline(d, fp);
	dossier_exhibits_md(d, fp);
	refs_and_escalations(d, fp);
	fputs("\n---\n\n*", fp);
	dossier_md_text(fp, dossier_promise_rule);
	fputs("*\n", fp);
	return ferror(fp) ? -1 : 0;
}
