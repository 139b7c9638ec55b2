/*
 * dossier: the record of one case, for escalating it: a summary, the
 * timeline of its calls and events, the promises made and whether they
 * were kept, its reference numbers, its escalations and a factual
 * statement for a formal complaint.
 *
 * dossier_load builds a format-neutral model from the journal; the
 * renderers write it as HTML, Markdown or plain text to a FILE *:
 *
 *	struct dossier d;
 *	if (dossier_load(st, id, now, &d) == 0) {
 *		dossier_write_txt(&d, stdout);
 *		dossier_clear(&d);
 *	}
 */
#ifndef CALLLOG_DOSSIER_H
#define CALLLOG_DOSSIER_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "model.h"
#include "store.h"

struct store;

/* Longest time or date the dossier_format functions write, with the NUL. */
#define DOSSIER_TIMEBUF 96

/* What became of a promise (the rule is dossier_promise_rule). */
enum promise_state {
	PROMISE_KEPT, PROMISE_BROKEN, PROMISE_OPEN, PROMISE_NO_DEADLINE,
	PROMISE_WITHDRAWN, PROMISE_STATE_COUNT
};

struct dossier_promise {
	const struct cl_call *call;	/* the call on which it was made */
	int state;
	int marked;		/* the person marked the state by hand */
	time_t kept_at;		/* PROMISE_KEPT: when the case was resolved */
};

/* A file kept with the case, as the dossier presents it (numbered in
 * timeline order: by its call's time when on a call, else when added). */
struct dossier_exhibit {
	struct cl_attachment a;
	int number;		/* Exhibit 1, 2, ... */
	time_t at;		/* where it stands in the timeline */
	char *data_uri;		/* an image small enough to show inline */
	char *file;		/* in a bundle: "exhibits/01-receipt.pdf" */
};

/* One line of the timeline: a call, an event, a note or an exhibit, the
 * others NULL. */
struct dossier_entry {
	time_t at;
	const struct dossier_exhibit *exhibit;
	const struct cl_call *call;
	const struct cl_event *event;
	const struct cl_note *note;	/* seen or received: not a contact */
	const struct dossier_promise *promise;	/* the call's, or NULL */
};

/* A reference number, with the call that first gave it. */
struct dossier_ref {
	const char *ref;
	const struct cl_call *call;
};

/* A line of the summary, as every format shows it. */
struct dossier_fact {
	const char *label;	/* "Total on hold" */
	char *value;		/* "1h01m (recorded on 2 of 3 calls)" */
};

#define DOSSIER_FACTS_MAX 24

/* Everything the renderers show; all of it owned by the dossier. */
struct dossier {
	struct cl_case c;
	time_t now;		/* when the dossier was prepared */
	char *zone;		/* "America/New_York", or "local time" */

	struct cl_call *calls;	/* oldest first */
	size_t ncalls;
	struct cl_event *events;	/* oldest first */
	size_t nevents;
	struct cl_note *notes;		/* oldest first */
	size_t nnotes;

	struct dossier_exhibit *exhibits;	/* in their numbers' order */
	size_t nexhibits;
	struct dossier_entry *timeline;	/* calls and events by time */
	size_t ntimeline;
	struct dossier_promise *promises;	/* in the order made */
	size_t npromises;
	struct dossier_ref *refs;	/* de-duplicated, first seen first */
	size_t nrefs;
	const struct cl_event **escalations;	/* EVENT_ESCALATE events */
	size_t nescalations;

	time_t first_contact, last_contact;	/* the person's own contacts;
						   0 without any */
	int own_contacts;	/* outbound: the person called, wrote, went */
	int their_contacts;	/* inbound: callbacks, letters from them */
	int corrected;		/* calls whose record changed after the call */
	long hold_total, talk_total;	/* seconds over the calls that
					   recorded them */
	int hold_calls, talk_calls;	/* how many calls recorded them */
	int kept, broken, open;	/* promises in each state */

	struct dossier_fact facts[DOSSIER_FACTS_MAX];	/* the summary */
	size_t nfacts;

	char *statement;	/* first person, one paragraph, plain text */
};

/*
 * Load case id with its calls and events from the journal (inside the
 * caller's transaction) and derive the rest as of now.  Returns 0, 1 when
 * there is no such case (without a message), or -1 after reporting.  The
 * caller dossier_clear()s *d after a 0 return.
 */
int dossier_load(struct store *st, long long id, time_t now,
    struct dossier *d);

/* The statement for a formal complaint, built from d's facts (dossier_load
 * keeps it in d->statement).  Returns a string the caller frees. */
char *dossier_statement(const struct dossier *d);

/* For dossier_load (dossier_timeline.c): the case's notes, and the
 * timeline of calls, events and notes by time, each call with its
 * promise (d->promises, in the order made). */
int dossier_load_notes(struct store *st, struct dossier *d);
void dossier_timeline(struct dossier *d);

/* A credit as the timeline shows it: "100.00 USD", "200.00 USD
 * reversed". */
void dossier_credit_text(long long credited, const char *cur,
    char *buf, size_t size);

/* For dossier_load (dossier_exhibits.c): the case's attachments as
 * exhibits, images up to DOSSIER_INLINE_MAX (and DOSSIER_INLINE_TOTAL in
 * all) read for showing inline; the rest are listed, never read. */
#define DOSSIER_INLINE_MAX (2L * 1024 * 1024)
#define DOSSIER_INLINE_TOTAL (16L * 1024 * 1024)
int dossier_load_exhibits(struct store *st, struct dossier *d);
void dossier_exhibits_clear(struct dossier *d);

/* Exhibits in each format: one in the timeline, and the list of all. */
void dossier_exhibit_txt(const struct dossier_exhibit *x, FILE *fp);
void dossier_exhibits_txt(const struct dossier *d, FILE *fp);
void dossier_exhibit_md(const struct dossier_exhibit *x, FILE *fp);
void dossier_exhibits_md(const struct dossier *d, FILE *fp);
void dossier_exhibit_html(const struct dossier_exhibit *x, FILE *fp);
void dossier_exhibits_html(const struct dossier *d, FILE *fp);

/* `dossier --bundle`: a zip at dest of the dossier (HTML, and PDF when
 * Chromium prints it) and its exhibits, exhibits/NN-name, which the HTML
 * links to.  0, or -1 after reporting. */
int dossier_bundle(struct store *st, struct dossier *d, const char *dest);

/* Release what the dossier holds; accepts a zeroed dossier. */
void dossier_clear(struct dossier *d);

/* Renderers: 0, or -1 when fp reports a write error (not reported). */
int dossier_write_html(const struct dossier *d, FILE *fp);
int dossier_write_md(const struct dossier *d, FILE *fp);
int dossier_write_txt(const struct dossier *d, FILE *fp);

/* What the format functions write for a time of 0, one never recorded. */
#define DOSSIER_NO_TIME "(date not recorded)"

/* "2026-11-20 10:00 EST": local time with the zone's abbreviation. */
void dossier_format_time(time_t t, char buf[DOSSIER_TIMEBUF]);

/* A promise's deadline: "2026-11-20" when it was given as a date (the
 * end of that day, view_date_only), else as dossier_format_time. */
void dossier_format_deadline(time_t t, char buf[DOSSIER_TIMEBUF]);

/* "20 November 2026", in English whatever the locale. */
void dossier_format_date(time_t t, char buf[DOSSIER_TIMEBUF]);

/* A duration as "1h01m", "25m" or "45s". */
void dossier_format_duration(long secs, char buf[DOSSIER_TIMEBUF]);

/* A call's length: "34m, 18m on hold"; "" when neither was recorded. */
void dossier_call_length(const struct cl_call *k, char buf[DOSSIER_TIMEBUF]);

/* "kept", "broken", "open", "no deadline". */
const char *dossier_promise_state_name(int state);

/* One sentence saying how promises were judged, for a footnote. */
extern const char dossier_promise_rule[];

/* How the reason reads in a sentence: "a billing inquiry or dispute". */
const char *dossier_reason_phrase(int reason);

/* "a supervisor", "the formal complaint process", "the regulator". */
const char *dossier_level_phrase(int level);

/* What an event says in a timeline: "Escalated to a supervisor", "Next
 * follow-up set for ...".  DOSSIER_TIMEBUF * 2 bytes
 * are always enough. */
void dossier_event_text(const struct cl_event *e, char *buf, size_t size);

#endif
