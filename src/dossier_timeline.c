/*
 * dossier_timeline.c: the dossier's timeline: calls, what happened to the
 * case, and the notes of what the person saw or received (a credit on a
 * statement, a letter), by time.  Notes are shown but are no contact:
 * the dossier's counts of contacts come from the calls alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "money.h"
#include "store.h"
#include "util.h"

static int
keep_note(struct cl_note *n, void *arg)
{
	struct dossier *d = arg;

	d->notes = xrealloc(d->notes, (d->nnotes + 1) * sizeof(*d->notes));
	d->notes[d->nnotes++] = *n;
	memset(n, 0, sizeof(*n));	/* ownership moved to the dossier */
	return 0;
}

int
dossier_load_notes(struct store *st, struct dossier *d)
{
	return store_notes_each(st, d->c.id, keep_note, d);
}

/* Oldest first; at the same time, a call before an event before a note
 * (a credit seen on the day it was promised reads after the promise). */
void
dossier_timeline(struct dossier *d)
{
	size_t i = 0, k = 0, n = 0, p = 0;

	d->timeline = xcalloc(d->ncalls + d->nevents + d->nnotes + 1,
	    sizeof(*d->timeline));
	while (i < d->ncalls || k < d->nevents || n < d->nnotes) {
		struct dossier_entry *e = &d->timeline[d->ntimeline++];
		time_t tc = i < d->ncalls ? d->calls[i].started : 0,
		    te = k < d->nevents ? d->events[k].at : 0,
		    tn = n < d->nnotes ? d->notes[n].at : 0;

		if (i < d->ncalls && (k == d->nevents || tc <= te) &&
		    (n == d->nnotes || tc <= tn)) {
			e->call = &d->calls[i++];
			e->at = e->call->started;
			if (p < d->npromises && d->promises[p].call == e->call)
				e->promise = &d->promises[p++];
		} else if (k < d->nevents && (n == d->nnotes || te <= tn)) {
			e->event = &d->events[k++];
			e->at = e->event->at;
		} else {
			e->note = &d->notes[n++];
			e->at = e->note->at;
		}
	}
}

void
dossier_credit_text(long long credited, const char *cur, char *buf,
    size_t size)
{
	char m[MONEY_BUFSZ];

	/* MONEY_MAX bounds every credit: negating cannot overflow. */
	money_format(credited < 0 ? -credited : credited, cur, m);
	snprintf(buf, size, "%s%s%s%s", m, *cur ? " " : "", cur,
	    credited < 0 ? " reversed (a credit taken back)" : "");
}
