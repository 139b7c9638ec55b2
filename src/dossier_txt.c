/*
 * dossier_txt.c: a dossier as plain text for a terminal, wrapped to 78
 * columns by display width, with nothing a terminal would interpret.
 */
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "phone.h"
#include "table.h"
#include "util.h"
#include "view.h"

#define WIDTH 78
#define LABEL 17	/* width of a field's label in the timeline */

/*
 * A copy of n bytes of s fit for a terminal: tabs become spaces, and other
 * control characters (C0, DEL, and C1 in UTF-8) become '?', so that no text
 * from the journal can move the cursor or change colours.
 */
static char *
clean(const char *s, size_t n)
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
 * WIDTH; continuation lines start at column indent.  Newlines in text
 * begin new lines; runs of spaces collapse.  Ends the line.
 */
static void
wrap(FILE *fp, const char *text, size_t col, size_t indent)
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
		word = clean(p, n);
		w = text_width(word);
		if (!first && col + 1 + w > WIDTH) {
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
static void
field(FILE *fp, size_t indent, size_t width, const char *label,
    const char *text)
{
	size_t w = text_width(label);

	fprintf(fp, "%*s%s%*s", (int)indent, "", label,
	    (int)(w < width ? width - w : 1), "");
	wrap(fp, text, indent + (w < width ? width : w + 1), indent + width);
}

void
dossier_txt_field(FILE *fp, size_t indent, size_t width, const char *label,
    const char *text)
{
	field(fp, indent, width, label, text);
}

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
		field(fp, 2, 20, d->facts[i].label, d->facts[i].value);
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
	field(fp, 2, 23, t, buf);
	if (k->number) {
		phone_format(k->number, buf);
		field(fp, 6, LABEL, "Number", buf);
	}
	if (k->department)
		field(fp, 6, LABEL, "Department", k->department);
	if (k->ivr)
		field(fp, 6, LABEL, "Menu path", k->ivr);
	if (k->rep)
		field(fp, 6, LABEL, "Representative", k->rep);
	for (size_t i = 0; i < k->nrefs; i++)
		field(fp, 6, LABEL, i ? "" : k->nrefs > 1 ? "References" :
		    "Reference", k->refs[i]);
	dossier_call_length(k, t);
	if (*t)
		field(fp, 6, LABEL, "Length", t);
	if (e->promise) {
		char *text;

		dossier_format_deadline(k->promised_by, t);
		text = xasprintf("%s%s%s (%s%s)", k->promise ? k->promise :
		    "(promise)", k->promised_by ? ", due " : "",
		    k->promised_by ? t : "",
		    dossier_promise_state_name(e->promise->state),
		    e->promise->marked ? ", marked by me" : "");
		field(fp, 6, LABEL, "Promise", text);
		free(text);
	}
	if (k->credited) {
		dossier_credit_text(k->credited, k->currency, buf, sizeof(buf));
		field(fp, 6, LABEL, "Credited", buf);
	}
	if (k->notes)
		field(fp, 6, LABEL, "Notes", k->notes);
}

/* A note: what was seen or received, not a contact. */
static void
note_details(const struct dossier *d, const struct cl_note *n, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], buf[DOSSIER_TIMEBUF];

	dossier_format_time(n->at, t);
	snprintf(buf, sizeof(buf), "Note %lld (seen or received, not a "
	    "contact)", n->id);
	field(fp, 2, 23, t, buf);
	if (n->credited) {
		dossier_credit_text(n->credited, d->c.currency, buf,
		    sizeof(buf));
		field(fp, 6, LABEL, "Credited", buf);
	}
	field(fp, 6, LABEL, "Note", n->text);
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
		field(fp, 2, 23, t, what);
		if (e->event->note)
			field(fp, 6, LABEL, "Note", e->event->note);
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
		field(fp, 2, 13, dossier_promise_state_name(p->state),
		    k->promise ? k->promise : "(promise)");
		if (p->marked)
			field(fp, 2, 13, "", "(marked by me)");
		dossier_format_time(k->started, t);
		text = xasprintf("made on call %lld, %s%s%s", k->id, t,
		    k->rep ? ", by " : "", k->rep ? k->rep : "");
		field(fp, 2, 13, "", text);
		free(text);
		if (k->promised_by) {
			dossier_format_deadline(k->promised_by, t);
			text = xasprintf("due %s", t);
			field(fp, 2, 13, "", text);
			free(text);
		}
		/* A time of 0 is unknown, never 1970: a promise marked
		 * without one says no date. */
		if (p->state == PROMISE_KEPT && p->kept_at) {
			dossier_format_time(p->kept_at, t);
			text = xasprintf("%s %s", p->marked ? "marked kept" :
			    "case resolved", t);
			field(fp, 2, 13, "", text);
			free(text);
		}
		if (k->promise_note) {
			text = xasprintf("note: %s", k->promise_note);
			field(fp, 2, 13, "", text);
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
		char *ref = clean(d->refs[i].ref, strlen(d->refs[i].ref));

		dossier_format_time(k->started, t);
		text = xasprintf("call %lld, %s%s%s", k->id, t,
		    k->rep ? ", " : "", k->rep ? k->rep : "");
		field(fp, 2, width, ref, text);
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
		field(fp, 2, 23, t, what);
		if (e->note)
			field(fp, 6, LABEL, "Note", e->note);
	}
}

int
dossier_write_txt(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], *text;

	text = xasprintf("Record of case %lld: %s", d->c.id,
	    view_case_title(&d->c));
	wrap(fp, text, 0, 0);
	free(text);
	wrap(fp, d->c.org, 0, 0);
	dossier_format_time(d->now, t);
	text = xasprintf("Prepared %s. Times are in %s.", t, d->zone);
	wrap(fp, text, 0, 0);
	free(text);
	summary(d, fp);
	heading(fp, "Statement");
	fputs("  ", fp);
	wrap(fp, d->statement, 2, 2);
	promises(d, fp);
	timeline(d, fp);
	dossier_exhibits_txt(d, fp);
	refs(d, fp);
	escalations(d, fp);
	fputc('\n', fp);
	for (int i = 0; i < WIDTH; i++)
		fputc('-', fp);
	fputc('\n', fp);
	wrap(fp, dossier_promise_rule, 0, 0);
	return ferror(fp) ? -1 : 0;
}
