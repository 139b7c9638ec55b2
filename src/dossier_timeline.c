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
 * before an exhibit (a credit seen on the day it was promised reads after
 * the promise; a receipt attached to a call, after the call). */
void
dossier_timeline(struct dossier *d)
{
	size_t i = 0, k = 0, n = 0, x = 0, p = 0;

	d->timeline = xcalloc(d->ncalls + d->nevents + d->nnotes +
	    d->nexhibits + 1, sizeof(*d->timeline));
	while (i < d->ncalls || k < d->nevents || n < d->nnotes ||
	    x < d->nexhibits) {
		struct dossier_entry *e = &d->timeline[d->ntimeline++];
		/* The earliest head of the four lists; ties to the first. */
		time_t t[4] = {
			i < d->ncalls ? d->calls[i].started : 0,
			k < d->nevents ? d->events[k].at : 0,
			n < d->nnotes ? d->notes[n].at : 0,
			x < d->nexhibits ? d->exhibits[x].at : 0 };
		int have[4] = { i < d->ncalls, k < d->nevents, n < d->nnotes,
			x < d->nexhibits }, best = -1;

		for (int j = 0; j < 4; j++)
			if (have[j] && (best < 0 || t[j] < t[best]))
				best = j;
		if (best == 0) {
			e->call = &d->calls[i++];
			e->at = e->call->started;
			if (p < d->npromises && d->promises[p].call == e->call)
				e->promise = &d->promises[p++];
		} else if (best == 1) {
			e->event = &d->events[k++];
			e->at = e->event->at;
		} else if (best == 2) {
			e->note = &d->notes[n++];
			e->at = e->note->at;
		} else {
			e->exhibit = &d->exhibits[x++];
			e->at = e->exhibit->at;
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
