/*
 * dossier_txt.c: a dossier as plain text for a terminal, wrapped to 78
 * columns by display width, with nothing a terminal would interpret.
 */
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "dossier_text.h"
#include "phone.h"
#include "table.h"
#include "util.h"
#include "view.h"

#define LABEL 17	/* width of a field's label in the timeline */

static void
heading(FILE *fp, const char *title)
{
	size_t n = strlen(title);

	fprintf(fp, "\n%s\n", title);
	while (n--)
		fputc('-', fp);
	fputc('\n', fp);
}

static void
summary(const struct dossier *d, FILE *fp)
{
	heading(fp, "Summary");
	for (size_t i = 0; i < d->nfacts; i++)
		dossier_txt_field(fp, 2, 20, d->facts[i].label,
		    d->facts[i].value);
}

static void
call_details(const struct dossier_entry *e, FILE *fp)
{
	const struct cl_call *k = e->call;
	char t[DOSSIER_TIMEBUF], buf[PHONE_BUFSZ * 4];
	const char *outcome = enum_name(&outcome_names, k->outcome);

	dossier_format_time(k->started, t);
	snprintf(buf, sizeof(buf), "Call %lld, %s%s%s%s%s", k->id,
	    enum_name(&channel_names, k->channel), *call_from_them(k) ?
	    ", " : "", call_from_them(k),
	    outcome ? ": " : "", outcome ? outcome : "");
	dossier_txt_field(fp, 2, 23, t, buf);
	if (k->number) {
		phone_format(k->number, buf);
		dossier_txt_field(fp, 6, LABEL, "Number", buf);
	}
	if (k->department)
		dossier_txt_field(fp, 6, LABEL, "Department", k->department);
	if (k->ivr)
		dossier_txt_field(fp, 6, LABEL, "Menu path", k->ivr);
	if (k->rep)
		dossier_txt_field(fp, 6, LABEL, "Representative", k->rep);
	for (size_t i = 0; i < k->nrefs; i++)
		dossier_txt_field(fp, 6, LABEL, i ? "" : k->nrefs > 1 ?
		    "References" : "Reference", k->refs[i]);
	dossier_call_length(k, t);
	if (*t)
		dossier_txt_field(fp, 6, LABEL, "Length", t);
	if (e->promise) {
		char *text;

		dossier_format_deadline(k->promised_by, t);
		text = xasprintf("%s%s%s (%s%s)", k->promise ? k->promise :
		    "(promise)", k->promised_by ? ", due " : "",
		    k->promised_by ? t : "",
		    dossier_promise_state_name(e->promise->state),
		    e->promise->marked ? ", marked by me" : "");
		dossier_txt_field(fp, 6, LABEL, "Promise", text);
		free(text);
	}
	if (k->credited) {
		dossier_credit_text(k->credited, k->currency, buf, sizeof(buf));
		dossier_txt_field(fp, 6, LABEL, "Credited", buf);
	}
	if (k->notes)
		dossier_txt_field(fp, 6, LABEL, "Notes", k->notes);
}

/* A note: what was seen or received, not a contact. */
static void
note_details(const struct dossier *d, const struct cl_note *n, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], buf[DOSSIER_TIMEBUF];

	dossier_format_time(n->at, t);
	snprintf(buf, sizeof(buf), "Note %lld (seen or received, not a "
	    "contact)", n->id);
	dossier_txt_field(fp, 2, 23, t, buf);
	if (n->credited) {
		dossier_credit_text(n->credited, d->c.currency, buf,
		    sizeof(buf));
		dossier_txt_field(fp, 6, LABEL, "Credited", buf);
	}
	dossier_txt_field(fp, 6, LABEL, "Note", n->text);
}

static void
timeline(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], what[DOSSIER_TIMEBUF * 2];

	heading(fp, "Timeline");
	if (d->ntimeline == 0)
		fputs("  (nothing recorded yet)\n", fp);
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct dossier_entry *e = &d->timeline[i];

		if (i)
			fputc('\n', fp);
		if (e->call) {
			call_details(e, fp);
			continue;
		}
		if (e->note) {
			note_details(d, e->note, fp);
			continue;
		}
		if (e->exhibit) {
			dossier_exhibit_txt(e->exhibit, fp);
			continue;
		}
		dossier_format_time(e->at, t);
		dossier_event_text(e->event, what, sizeof(what));
		dossier_txt_field(fp, 2, 23, t, what);
		if (e->event->note)
			dossier_txt_field(fp, 6, LABEL, "Note", e->event->note);
	}
}

static void
promises(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], *text;

	heading(fp, "Promises");
	if (d->npromises == 0)
		fputs("  (no promise was recorded)\n", fp);
	for (size_t i = 0; i < d->npromises; i++) {
		const struct dossier_promise *p = &d->promises[i];
		const struct cl_call *k = p->call;

		if (i)
			fputc('\n', fp);
		dossier_txt_field(fp, 2, 13,
		    dossier_promise_state_name(p->state),
		    k->promise ? k->promise : "(promise)");
		if (p->marked)
			dossier_txt_field(fp, 2, 13, "", "(marked by me)");
		dossier_format_time(k->started, t);
		text = xasprintf("made on call %lld, %s%s%s", k->id, t,
		    k->rep ? ", by " : "", k->rep ? k->rep : "");
		dossier_txt_field(fp, 2, 13, "", text);
		free(text);
		if (k->promised_by) {
			dossier_format_deadline(k->promised_by, t);
			text = xasprintf("due %s", t);
			dossier_txt_field(fp, 2, 13, "", text);
			free(text);
		}
		/* A time of 0 is unknown, never 1970: a promise marked
		 * without one says no date. */
		if (p->state == PROMISE_KEPT && p->kept_at) {
			dossier_format_time(p->kept_at, t);
			text = xasprintf("%s %s", p->marked ? "marked kept" :
			    "case resolved", t);
			dossier_txt_field(fp, 2, 13, "", text);
			free(text);
		}
		if (k->promise_note) {
			text = xasprintf("note: %s", k->promise_note);
			dossier_txt_field(fp, 2, 13, "", text);
			free(text);
		}
	}
}

static void
refs(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], *text;
	size_t width = 0;

	heading(fp, "Reference numbers");
	if (d->nrefs == 0)
		fputs("  (none was given)\n", fp);
	for (size_t i = 0; i < d->nrefs; i++)
		if (text_width(d->refs[i].ref) > width)
			width = text_width(d->refs[i].ref);
	width = width + 3 > 30 ? 30 : width + 3;
	for (size_t i = 0; i < d->nrefs; i++) {
		const struct cl_call *k = d->refs[i].call;
		char *ref = dossier_txt_clean(d->refs[i].ref,
		    strlen(d->refs[i].ref));

		dossier_format_time(k->started, t);
		text = xasprintf("call %lld, %s%s%s", k->id, t,
		    k->rep ? ", " : "", k->rep ? k->rep : "");
		dossier_txt_field(fp, 2, width, ref, text);
		free(text);
		free(ref);
	}
}

static void
escalations(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], what[DOSSIER_TIMEBUF * 2];

	heading(fp, "Escalation history");
	if (d->nescalations == 0)
		fputs("  (not escalated)\n", fp);
	for (size_t i = 0; i < d->nescalations; i++) {
		const struct cl_event *e = d->escalations[i];

		dossier_format_time(e->at, t);
		snprintf(what, sizeof(what), "to %s",
		    dossier_level_phrase(e->level));
		dossier_txt_field(fp, 2, 23, t, what);
		if (e->note)
			dossier_txt_field(fp, 6, LABEL, "Note", e->note);
	}
}

int
dossier_write_txt(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], *text;

	text = xasprintf("Record of case %lld: %s", d->c.id,
	    view_case_title(&d->c));
	dossier_txt_wrap(fp, text, 0, 0);
	free(text);
	dossier_txt_wrap(fp, d->c.org, 0, 0);
	dossier_format_time(d->now, t);
	text = xasprintf("Prepared %s. Times are in %s.", t, d->zone);
	dossier_txt_wrap(fp, text, 0, 0);
	free(text);
	summary(d, fp);
	heading(fp, "Statement");
	fputs("  ", fp);
	dossier_txt_wrap(fp, d->statement, 2, 2);
	promises(d, fp);
	timeline(d, fp);
	dossier_exhibits_txt(d, fp);
	refs(d, fp);
	escalations(d, fp);
	fputc('\n', fp);
	for (int i = 0; i < DOSSIER_TXT_WIDTH; i++)
		fputc('-', fp);
	fputc('\n', fp);
	dossier_txt_wrap(fp, dossier_promise_rule, 0, 0);
	return ferror(fp) ? -1 : 0;
}
