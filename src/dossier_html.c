/*
 * dossier_html.c: a dossier as one self-contained HTML file (inline CSS, no
 * scripts, nothing fetched) that reads well on screen and prints well.
 * The markup is also well-formed XML, so any parser can check it.
 */
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "dossier_text.h"
#include "phone.h"
#include "util.h"
#include "view.h"
#include "when.h"

#ifndef CALLLOG_VERSION
#define CALLLOG_VERSION ""
#endif

#define PAGE_FONT "font:8pt/1.2 'Helvetica Neue',Arial,'Liberation Sans'," \
    "'DejaVu Sans',sans-serif;color:#6b7280"

#define time_el(fp, t) dossier_html_time(fp, t, 0)

static const char css[] =
":root{--ink:#1c2230;--muted:#5d6778;--rule:#d9dee7;--line:#eef0f4;"
"--accent:#23395d;--sans:'Helvetica Neue',Arial,'Liberation Sans',"
"'DejaVu Sans',sans-serif;--serif:Charter,'Bitstream Charter',Georgia,"
"'DejaVu Serif','Liberation Serif',serif}\n*{box-sizing:border-box}\n"
"html{background:#e9ecf1;-webkit-print-color-adjust:exact;"
"print-color-adjust:exact}\n"
"body{margin:0;padding:32px 16px;color:var(--ink);font:10.5pt/1.5 "
"var(--serif)}\n.sheet{max-width:820px;margin:0 auto;background:#fff;"
"padding:48px 56px;box-shadow:0 1px 3px rgba(0,0,0,.12),"
"0 8px 24px rgba(0,0,0,.06)}\n"
"h1,h2,h3,th,dt,.kicker,.meta,.figure,.badge,.when,footer{"
"font-family:var(--sans)}\n.kicker{margin:0;font-size:8.5pt;"
"letter-spacing:.12em;text-transform:uppercase;color:var(--muted)}\n"
"h1{margin:.25em 0 .1em;font-size:21pt;line-height:1.2;color:var(--accent)}\n"
".org{margin:0;font-size:13pt}\n"
".meta{margin:.4em 0 0;font-size:8.5pt;color:var(--muted)}\n"
"header{border-bottom:2px solid var(--accent);padding-bottom:14px}\n"
"h2{margin:26px 0 10px;font-size:9pt;letter-spacing:.1em;"
"text-transform:uppercase;color:var(--accent);padding-bottom:4px;"
"border-bottom:1px solid var(--rule);break-after:avoid}\n"
"h3{margin:0 0 4px;font-size:10pt}\n.event h3{color:var(--accent)}\n"
"table{border-collapse:collapse;width:100%}\n.facts{table-layout:fixed}\n"
"th,td{text-align:left;vertical-align:top;padding:4px 10px 4px 0}\n"
"th{font-size:8.5pt;font-weight:600;color:var(--muted)}\n"
".facts th{width:9.6em;font-weight:500;padding-top:6px}\n"
".facts td{padding-right:18px}\n.grid time{white-space:nowrap}\n"
".facts th,.facts td,.grid td{border-top:1px solid var(--line)}\n"
".facts tr:first-child>*{border-top:0}\n"
".grid thead th{border-bottom:1px solid var(--rule);font-size:7.5pt;"
"text-transform:uppercase;letter-spacing:.06em}\n"
".grid tr,.timeline li{break-inside:avoid}\n"
".figures{display:flex;gap:10px;margin:18px 0 6px}\n"
".figure{flex:1;border:1px solid var(--rule);border-radius:4px;"
"padding:8px 10px;font-size:8pt;color:var(--muted)}\n"
".figure b{display:block;font-size:15pt;font-weight:600;color:var(--ink)}\n"
".figure.alert b{color:#a11d1d}\n.statement p{margin:0}\n"
".statement{margin:0;padding:12px 16px;background:#f5f7fa;"
"border-left:3px solid var(--accent);font-size:11pt}\n"
".badge{display:inline-block;padding:1px 7px;border-radius:9px;"
"font-size:7.5pt;font-weight:700;letter-spacing:.05em;white-space:nowrap;"
"text-transform:uppercase;background:#eceef2;color:#4b5563}\n"
".kept{background:#e2f2e7;color:#1d6b3a}\n"
".broken{background:#fbe3e3;color:#9f1c1c}\n"
".open{background:#fdf1d2;color:#7a5a00}\n"
".sub{display:block;color:var(--muted);font-size:9pt}\n"
".timeline{list-style:none;margin:0;padding:0}\n"
".timeline li{display:flex;gap:14px;padding:10px 0;"
"border-top:1px solid var(--line)}\n.timeline li:first-child{border-top:0}\n"
".when{flex:0 0 8.6em;font-size:8.5pt;color:var(--muted);line-height:1.4}\n"
".when b{display:block;font-size:9.5pt;color:var(--ink)}\n"
".entry{flex:1;min-width:0}\ndd{margin:0}\n"
"dl{display:grid;grid-template-columns:8.5em 1fr;gap:2px 10px;margin:0}\n"
"dt{font-size:8.5pt;color:var(--muted);padding-top:.15em}\n"
".text{white-space:pre-wrap;overflow-wrap:anywhere}\n"
"footer{margin-top:28px;padding-top:10px;border-top:1px solid var(--rule);"
"font-size:8pt;color:var(--muted)}\nfooter p{margin:0 0 4px}\n"
"@media print{html{background:none}body{padding:0;font-size:10pt}"
".sheet{max-width:none;padding:0;box-shadow:none}}\n";


static void
summary(const struct dossier *d, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], a[DOSSIER_TIMEBUF], n[DOSSIER_TIMEBUF];
	size_t half = (d->nfacts + 1) / 2;

	dossier_format_duration(d->hold_total, t);
	dossier_format_duration(d->talk_total, a);
	snprintf(n, sizeof(n), "%d of %zu", d->broken, d->npromises);
	fprintf(fp, "<div class=\"figures\">"
	    "<div class=\"figure\"><b>%zu</b>call%s</div>"
	    "<div class=\"figure\"><b>%s</b>on hold in total</div>"
	    "<div class=\"figure\"><b>%s</b>on the phone in total</div>"
	    "<div class=\"figure%s\"><b>%s</b>promises %s</div></div>\n",
	    d->ncalls, d->ncalls == 1 ? "" : "s", d->hold_calls ? t :
	    "\xe2\x80\x94", d->talk_calls ? a : "\xe2\x80\x94",
	    d->broken ? " alert" : "", d->npromises ? n : "0",
	    d->npromises ? "broken" : "recorded");
	fputs("<h2>Summary</h2>\n<table class=\"facts\">\n", fp);
	for (size_t i = 0; i < half; i++) {
		for (size_t k = i; k < d->nfacts; k += half) {
			fprintf(fp, "%s<th scope=\"row\">%s</th><td>", k == i ?
			    "<tr>" : "", d->facts[k].label);
			dossier_html_text(fp, d->facts[k].value);
			fputs("</td>", fp);
		}
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

/* A section's heading, and the head of its table (or, with no rows, the
 * sentence that says so).  Returns whether rows follow. */
static int
grid(FILE *fp, const char *title, size_t rows, const char *none,
    const char *head)
{
	fprintf(fp, "<h2>%s</h2>\n", title);
	if (rows == 0)
		fprintf(fp, "<p>%s</p>\n", none);
	else
		fprintf(fp, "<table class=\"grid\"><thead><tr>%s</tr></thead>"
		    "<tbody>\n", head);
	return rows != 0;
}

/* The status, and whether the person marked it (the legend's word). */
static void
badge(FILE *fp, const struct dossier_promise *p)
{
	const char *name = dossier_promise_state_name(p->state);

	fprintf(fp, "<span class=\"badge %s\">%s</span>%s",
	    p->state == PROMISE_NO_DEADLINE || p->state == PROMISE_WITHDRAWN ?
	    "none" : name, name, p->marked ? " <span class=\"sub\">marked "
	    "by me</span>" : "");
	if (p->call->promise_note) {
		fputs(" <span class=\"sub\">", fp);
		dossier_html_text(fp, p->call->promise_note);
		fputs("</span>", fp);
	}
}

static void
promises(const struct dossier *d, FILE *fp)
{
	if (!grid(fp, "Promises", d->npromises, "No promise was recorded.",
	    "<th>Promise</th><th>Made</th><th>Due</th><th>Status</th>"))
		return;
	for (size_t i = 0; i < d->npromises; i++) {
		const struct cl_call *k = d->promises[i].call;

		/* Machine-readable too: the status `show --json` gives. */
		fprintf(fp, "<tr data-call=\"%lld\" data-status=\"%s\"%s><td>",
		    k->id, d->promises[i].state == PROMISE_NO_DEADLINE ? "open" :
		    dossier_promise_state_name(d->promises[i].state),
		    d->promises[i].marked ? " data-marked=\"\"" : "");
		dossier_html_text(fp, k->promise ? k->promise : "(promise)");
		fputs("</td><td>", fp);
		time_el(fp, k->started);
		fprintf(fp, "<span class=\"sub\">call %lld%s", k->id,
		    k->rep ? " \xc2\xb7 " : "");
		dossier_html_text(fp, k->rep ? k->rep : "");
		fputs("</span></td><td>", fp);
		if (k->promised_by)
			dossier_html_time(fp, k->promised_by, 1);
		else
			fputs("none", fp);
		fputs("</td><td>", fp);
		badge(fp, &d->promises[i]);
		fputs("</td></tr>\n", fp);
	}
	fputs("</tbody></table>\n", fp);
}

/* A term and its description; pre keeps the text's line breaks. */
static void
dd(FILE *fp, const char *term, const char *text, int pre)
{
	fprintf(fp, "<dt>%s</dt><dd%s>", term, pre ? " class=\"text\"" : "");
	dossier_html_text(fp, text);
	fputs("</dd>", fp);
}

static void
call_entry(const struct dossier_entry *e, FILE *fp)
{
	const struct cl_call *k = e->call;
	char t[DOSSIER_TIMEBUF], num[PHONE_BUFSZ];
	const char *outcome = enum_name(&outcome_names, k->outcome);

	fputs("<li class=\"call\">", fp);
	dossier_html_when(fp, k->started);
	fprintf(fp, "<div class=\"entry\"><h3>Call %lld \xc2\xb7 %s%s%s%s%s"
	    "</h3><dl>", k->id, enum_name(&channel_names, k->channel),
	    *call_from_them(k) ? ", " : "", call_from_them(k),
	    outcome ? " \xc2\xb7 " : "", outcome ? outcome : "");
	if (k->number) {
		phone_format(k->number, num);
		dd(fp, "Number", num, 0);
	}
	if (k->department)
		dd(fp, "Department", k->department, 0);
	if (k->ivr)
		dd(fp, "Menu path", k->ivr, 0);
	if (k->rep)
		dd(fp, "Representative", k->rep, 0);
	for (size_t i = 0; i < k->nrefs; i++) {
		fputs(i ? ", " : k->nrefs > 1 ? "<dt>References</dt><dd>" :
		    "<dt>Reference</dt><dd>", fp);
		dossier_html_text(fp, k->refs[i]);
		fputs(i + 1 == k->nrefs ? "</dd>" : "", fp);
	}
	dossier_call_length(k, t);
	if (*t)
		dd(fp, "Length", t, 0);
	if (e->promise) {
		fputs("<dt>Promise</dt><dd>", fp);
		dossier_html_text(fp, k->promise ? k->promise : "(promise)");
		if (k->promised_by) {
			fputs(", due ", fp);
			dossier_html_time(fp, k->promised_by, 1);
		}
		fputc(' ', fp);
		badge(fp, e->promise);
		fputs("</dd>", fp);
	}
	if (k->credited) {
		dossier_credit_text(k->credited, k->currency, t, sizeof(t));
		dd(fp, "Credited", t, 0);
	}
	if (k->notes)
		dd(fp, "Notes", k->notes, 1);
	fputs("</dl></div></li>\n", fp);
}

/* A note: what was seen or received, not a contact. */
static void
note_entry(const struct dossier *d, const struct cl_note *n, FILE *fp)
{
	char m[DOSSIER_TIMEBUF];

	fputs("<li class=\"note\">", fp);
	dossier_html_when(fp, n->at);
	fprintf(fp, "<div class=\"entry\"><h3>Note %lld \xc2\xb7 seen or "
	    "received, not a contact</h3><dl>", n->id);
	if (n->credited) {
		dossier_credit_text(n->credited, d->c.currency, m, sizeof(m));
		dd(fp, "Credited", m, 0);
	}
	dd(fp, "Note", n->text, 1);
	fputs("</dl></div></li>\n", fp);
}

static void
timeline(const struct dossier *d, FILE *fp)
{
	char what[DOSSIER_TIMEBUF * 2];

	fputs("<h2>Timeline</h2>\n", fp);
	if (d->ntimeline == 0) {
		fputs("<p>Nothing was recorded yet.</p>\n", fp);
		return;
	}
	fputs("<ol class=\"timeline\">\n", fp);
	for (size_t i = 0; i < d->ntimeline; i++) {
		const struct dossier_entry *e = &d->timeline[i];

		if (e->call) {
			call_entry(e, fp);
			continue;
		}
		if (e->note) {
			note_entry(d, e->note, fp);
			continue;
		}
		if (e->exhibit) {
			dossier_exhibit_html(e->exhibit, fp);
			continue;
		}
		dossier_event_text(e->event, what, sizeof(what));
		fputs("<li class=\"event\">", fp);
		dossier_html_when(fp, e->at);
		fputs("<div class=\"entry\"><h3>", fp);
		dossier_html_text(fp, what);
		fputs("</h3>", fp);
		if (e->event->note) {
			fputs("<dl>", fp);
			dd(fp, "Note", e->event->note, 1);
			fputs("</dl>", fp);
		}
		fputs("</div></li>\n", fp);
	}
	fputs("</ol>\n", fp);
}

static void
refs_and_escalations(const struct dossier *d, FILE *fp)
{
	int rows = grid(fp, "Reference numbers", d->nrefs, "None was given.",
	    "<th>Reference</th><th>First given</th><th>By</th>");

	for (size_t i = 0; i < d->nrefs; i++) {
		const struct cl_call *k = d->refs[i].call;

		fputs("<tr><td><b>", fp);
		dossier_html_text(fp, d->refs[i].ref);
		fputs("</b></td><td>", fp);
		time_el(fp, k->started);
		fprintf(fp, ", call %lld</td><td>", k->id);
		dossier_html_text(fp, k->rep ? k->rep : "\xe2\x80\x94");
		fputs("</td></tr>\n", fp);
	}
	fputs(rows ? "</tbody></table>\n" : "", fp);
	rows = grid(fp, "Escalation history", d->nescalations, "Not escalated.",
	    "<th>Date</th><th>Escalated to</th><th>Note</th>");
	for (size_t i = 0; i < d->nescalations; i++) {
		const struct cl_event *e = d->escalations[i];

		fputs("<tr><td>", fp);
		time_el(fp, e->at);
		fprintf(fp, "</td><td>%s</td><td class=\"text\">",
		    dossier_level_phrase(e->level));
		dossier_html_text(fp, e->note ? e->note : "");
		fputs("</td></tr>\n", fp);
	}
	fputs(rows ? "</tbody></table>\n" : "", fp);
}

/* Everything before the summary: the document's head, its style with the
 * page footer naming the case, and the sheet's header. */
static void
head(const struct dossier *d, FILE *fp, const char *title)
{
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\" />\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\" />\n"
	    "<title>Case %lld: ", d->c.id);
	dossier_html_text(fp, title);
	fputs(" \xe2\x80\x94 ", fp);
	dossier_html_text(fp, d->c.org);
	fprintf(fp, "</title>\n<style>\n@page{margin:16mm 16mm 18mm;"
	    "@bottom-left{" PAGE_FONT ";content:\"Record of case %lld \\b7  ",
	    d->c.id);
	dossier_html_css(fp, d->c.org);
	fprintf(fp, "\"}@bottom-right{" PAGE_FONT ";content:\"Page \" "
	    "counter(page) \" of \" counter(pages)}}\n%s</style>\n</head>\n"
	    "<body>\n<main class=\"sheet\">\n<header><p class=\"kicker\">"
	    "Record of a customer-support case</p>\n<h1>", css);
	dossier_html_text(fp, title);
	fputs("</h1>\n<p class=\"org\">", fp);
	dossier_html_text(fp, d->c.org);
	fprintf(fp, "</p>\n<p class=\"meta\">Case %lld \xc2\xb7 prepared ",
	    d->c.id);
	time_el(fp, d->now);
	fputs(" \xc2\xb7 all times in ", fp);
	dossier_html_text(fp, d->zone);
	fputs("</p>\n</header>\n", fp);
}

int
dossier_write_html(const struct dossier *d, FILE *fp)
{
	head(d, fp, view_case_title(&d->c));
	summary(d, fp);
	fputs("<h2>Statement</h2>\n<blockquote class=\"statement\"><p>", fp);
	dossier_html_text(fp, d->statement);
	fputs("</p></blockquote>\n", fp);
	promises(d, fp);
	timeline(d, fp);
	dossier_exhibits_html(d, fp);
	refs_and_escalations(d, fp);
	fputs("<footer><p>", fp);
	dossier_html_text(fp, dossier_promise_rule);
	fputs("</p><p>Prepared with calllog " CALLLOG_VERSION " from the "
	    "journal's records.</p></footer>\n</main>\n</body>\n</html>\n",
	    fp);
	return ferror(fp) ? -1 : 0;
}
