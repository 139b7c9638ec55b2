/*
 * dossier_words.c: how a dossier says things: times with their zone,
 * dates, durations, promise states, events, and the short factual
 * statement for a formal complaint.  Every clause of the statement comes
 * from a recorded fact (a contact, a reference, a promise and its deadline,
 * an escalation, the case's status); nothing is inferred beyond the
 * promise rule.
 */
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "money.h"
#include "view.h"
#include "util.h"

#define DAY (24L * 60 * 60)

const char dossier_promise_rule[] =
    "A promise counts as kept when the case stands resolved and was "
    "resolved by its deadline (by a resolution or by a call whose outcome "
    "was \"resolved\"; a resolution later reopened does not count), as "
    "broken when its deadline passed with the case unresolved, and as open "
    "while its deadline is ahead; a deadline given as a date means the end "
    "of that day.  A status shown as marked was marked by me.";

static const char *const state_names[PROMISE_STATE_COUNT] = {
	"kept", "broken", "open", "no deadline", "withdrawn"
};

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static const char *const reason_phrases[REASON_COUNT] = {
	"a lost or stolen card", "a billing inquiry or dispute",
	"the management of my account", "the activation of my card",
	"unauthorized activity on my account", "a travel booking",
	"my rewards", "my business card", "a general inquiry"
};

const char *
dossier_promise_state_name(int state)
{
	return state >= 0 && state < PROMISE_STATE_COUNT ? state_names[state] :
	    "";
}

void
dossier_format_deadline(time_t t, char buf[DOSSIER_TIMEBUF])
{
	dossier_format_time(t, buf);
	if (t && view_date_only(t))	/* "2026-11-20", as the times read */
		buf[strcspn(buf, " ")] = '\0';
}

const char *
dossier_reason_phrase(int reason)
{
	return reason >= 0 && reason < REASON_COUNT ? reason_phrases[reason] :
	    "a problem";
}

const char *
dossier_level_phrase(int level)
{
	switch (level) {
	case LEVEL_SUPERVISOR:
		return "a supervisor";
	case LEVEL_COMPLAINT:
		return "the formal complaint process";
	case LEVEL_REGULATOR:
		return "the regulator";
	default:
		return "no one";
	}
}

void
dossier_format_time(time_t t, char buf[DOSSIER_TIMEBUF])
{
	struct tm tm;

	/* 0 is a time never recorded, not the first second of 1970. */
	if (t == 0)
		snprintf(buf, DOSSIER_TIMEBUF, "%s", DOSSIER_NO_TIME);
	else if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, DOSSIER_TIMEBUF, "%Y-%m-%d %H:%M %Z", &tm) == 0)
		snprintf(buf, DOSSIER_TIMEBUF, "%lld (UTC seconds)",
		    (long long)t);
}

void
dossier_format_date(time_t t, char buf[DOSSIER_TIMEBUF])
{
	struct tm tm;

	if (t == 0) {
		snprintf(buf, DOSSIER_TIMEBUF, "%s", DOSSIER_NO_TIME);
		return;
	}
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	snprintf(buf, DOSSIER_TIMEBUF, "%d %s %d", tm.tm_mday,
	    months[tm.tm_mon % 12], tm.tm_year + 1900);
}

void
dossier_format_duration(long secs, char buf[DOSSIER_TIMEBUF])
{
	long h = secs / 3600, m = secs % 3600 / 60;

	if (secs < 0)
		snprintf(buf, DOSSIER_TIMEBUF, "-");
	else if (h)
		snprintf(buf, DOSSIER_TIMEBUF, "%ldh%02ldm", h, m);
	else if (m)
		snprintf(buf, DOSSIER_TIMEBUF, "%ldm", m);
	else
		snprintf(buf, DOSSIER_TIMEBUF, "%lds", secs);
}

void
dossier_call_length(const struct cl_call *k, char buf[DOSSIER_TIMEBUF])
{
	char t[DOSSIER_TIMEBUF], h[DOSSIER_TIMEBUF];

	dossier_format_duration(k->duration, t);
	dossier_format_duration(k->hold, h);
	if (k->duration < 0 && k->hold < 0)
		buf[0] = '\0';
	else if (k->hold < 0)
		snprintf(buf, DOSSIER_TIMEBUF, "%s", t);
	else
		snprintf(buf, DOSSIER_TIMEBUF, "%.20s, %.20s on hold",
		    k->duration >= 0 ? t : "not recorded", h);
}

void
dossier_event_text(const struct cl_event *e, char *buf, size_t size)
{
	char due[DOSSIER_TIMEBUF];

	switch (e->kind) {
	case EVENT_ESCALATE:
		snprintf(buf, size, "Escalated to %s",
		    dossier_level_phrase(e->level));
		break;
	case EVENT_RESOLVE:
		snprintf(buf, size, "Marked resolved");
		break;
	case EVENT_REOPEN:
		snprintf(buf, size, "Reopened");
		break;
	default:
		dossier_format_time(e->due, due);
		snprintf(buf, size, "Next follow-up set for %s", due);
	}
}

/* "20 November": a date in a later sentence, its year left out when it is
 * the year the dossier was prepared in. */
static void
format_day(const struct dossier *d, time_t t, char buf[DOSSIER_TIMEBUF])
{
	struct tm tm, now;

	if (localtime_r(&t, &tm) == NULL || localtime_r(&d->now, &now) == NULL)
		memset(&tm, 0, sizeof(tm)), memset(&now, 0, sizeof(now));
	if (tm.tm_year == now.tm_year)
		snprintf(buf, DOSSIER_TIMEBUF, "%d %s", tm.tm_mday,
		    months[tm.tm_mon % 12]);
	else
		dossier_format_date(t, buf);
}

/* " On 17 November, Dana (ID 4471) promised “a credit” by 20 November; on
 * that date the matter was still unresolved." */
static void
state_promise(FILE *fp, const struct dossier *d,
    const struct dossier_promise *p)
{
	const struct cl_call *k = p->call;
	char made[DOSSIER_TIMEBUF], by[DOSSIER_TIMEBUF];

	format_day(d, k->started, made);
	fprintf(fp, " On %s, %s ", made, k->rep ? k->rep :
	    "the representative");
	if (k->promise)
		fprintf(fp, "promised \xe2\x80\x9c%s\xe2\x80\x9d", k->promise);
	else
		fputs("made a promise", fp);
	if (k->promised_by) {
		format_day(d, k->promised_by, by);
		fprintf(fp, " by %s", by);
	}
	/* A status the person marked is theirs, and the statement says so
	 * rather than presenting it as derived from the record. */
	if (p->marked) {
		fprintf(fp, "; I record this promise as %s.",
		    dossier_promise_state_name(p->state));
		return;
	}
	if (k->promised_by == 0) {
		fputs(p->state == PROMISE_KEPT ? "; the matter has since been "
		    "resolved." : ".", fp);
		return;
	}
	switch (p->state) {
	case PROMISE_KEPT:
		fputs("; the matter was resolved before that date.", fp);
		break;
	case PROMISE_BROKEN:
		fputs("; on that date the matter was still unresolved.", fp);
		break;
	default:
		fputs("; that date has not yet come.", fp);
	}
}

/* " The amount in dispute is 418.20 USD (Skyline Tickets, charged on 1
 * November); 100.00 USD has been credited, leaving 318.20 USD
 * outstanding." */
static void
state_money(FILE *fp, const struct dossier *d)
{
	const struct cl_case *c = &d->c;
	char m[3][MONEY_BUFSZ], day[DOSSIER_TIMEBUF];

	if (c->amount == 0 && c->credited == 0)
		return;
	money_format(c->amount, c->currency, m[0]);
	money_format(c->credited, c->currency, m[1]);
	money_format(money_outstanding(c->amount, c->credited),
	    c->currency, m[2]);
	if (c->amount) {
		fprintf(fp, " The amount in dispute is %s %s", m[0],
		    c->currency);
		if (c->merchant || c->charged_at) {
			format_day(d, c->charged_at, day);
			fprintf(fp, " (%s%s%s%s)", c->merchant ? c->merchant : "a "
			    "charge", c->charged_at ? ", charged on " : "",
			    c->charged_at ? day : "", "");
		}
		if (c->credited)
			fprintf(fp, "; %s %s has been credited, leaving %s %s "
			    "outstanding.", m[1], c->currency, m[2],
			    c->currency);
		else
			fputs("; nothing has been credited.", fp);
	} else
		fprintf(fp, " %s %s has been credited.", m[1], c->currency);
}

/*
 * The statement for a formal complaint, in the first person, made only of
 * what the journal records: contacts, references, time on hold, promises
 * and their fate, escalations, and where the matter stands.
 */
char *
dossier_statement(const struct dossier *d)
{
	const struct cl_case *c = &d->c;
	char a[DOSSIER_TIMEBUF], b[DOSSIER_TIMEBUF], *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	if (fp == NULL)
		return xstrdup("");
	dossier_format_date(d->first_contact ? d->first_contact : c->opened, a);
	dossier_format_date(d->last_contact, b);
	/* Only the person's own contacts are "I contacted": a callback or a
	 * letter from the company is theirs, and counted apart. */
	if (d->own_contacts == 0)
		fprintf(fp, "On %s I opened a case with %s", a, c->org);
	else if (d->own_contacts == 1 || strcmp(a, b) == 0)
		fprintf(fp, "On %s I contacted %s", a, c->org);
	else
		fprintf(fp, "Between %s and %s I contacted %s", a, b, c->org);
	if (d->own_contacts > 1)
		fprintf(fp, " %d times", d->own_contacts);
	fprintf(fp, " about %s", dossier_reason_phrase(c->reason));
	if (c->title && *c->title)
		fprintf(fp, ", \xe2\x80\x9c%s\xe2\x80\x9d", c->title);
	if (c->account)
		fprintf(fp, ", on my account ending %s", c->account);
	for (size_t i = 0; i < d->nrefs; i++)
		fprintf(fp, "%s%s", i ? ", " : d->nrefs == 1 ?
		    " (reference " : " (references ", d->refs[i].ref);
	fputs(d->nrefs ? ")" : "", fp);
	dossier_format_duration(d->talk_total, a);
	dossier_format_duration(d->hold_total, b);
	if (d->talk_calls && d->talk_total > 0)
		fprintf(fp, ", spending %s on the phone", a);
	if (d->hold_calls && d->hold_total > 0)
		fprintf(fp, d->talk_calls && d->talk_total > 0 ?
		    ", %s of it on hold" : ", spending %s on hold", b);
	fputs(".", fp);
	if (d->their_contacts)
		fprintf(fp, " %s contacted me %d time%s.", c->org,
		    d->their_contacts, d->their_contacts == 1 ? "" : "s");
	state_money(fp, d);
	for (size_t i = 0; i < d->npromises; i++)
		state_promise(fp, d, &d->promises[i]);
	for (size_t i = 0; i < d->nescalations; i++) {
		format_day(d, d->escalations[i]->at, a);
		fprintf(fp, "%s %s on %s%s", i ? "" : " The case was escalated "
		    "to", dossier_level_phrase(d->escalations[i]->level), a,
		    i + 1 == d->nescalations ? "." : i + 2 == d->nescalations ?
		    ", and to" : ", to");
	}
	if (c->status == STATUS_RESOLVED && c->resolved_at) {
		dossier_format_date(c->resolved_at, a);
		fprintf(fp, " The matter was resolved on %s.", a);
	} else {
		long days = (long)((d->now - c->opened) / DAY);

		dossier_format_date(d->now, a);
		fprintf(fp, " As of %s the matter remains unresolved", a);
		if (days > 0)
			fprintf(fp, ", %ld day%s after I first raised it", days,
			    days == 1 ? "" : "s");
		fputs(".", fp);
		fprintf(fp, " I ask that the matter be resolved%s and that I "
		    "receive a written response.", d->broken ? ", that the "
		    "promises made to me be honoured," : "");
	}
	if (fclose(fp) != 0 || buf == NULL) {
		free(buf);
		return xstrdup("");
	}
	return buf;
}

