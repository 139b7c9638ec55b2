/*
 * sync_sums.c: what a sync holds of the sync state, which it reads as a
 * stream: the files that are not as the state has them (gone, or that
 * could not be read), and per bucket of uuids (their first four hex
 * digits) a sum of a hash of each record's uuid and fingerprint, on the
 * journal's side and on the state's.  A bucket whose sums agree, no file
 * of which changed or went, is as both sides last agreed: its records
 * need not be looked at one by one, which is what makes a sync with
 * nothing to do cost about reading the journal and the folder's
 * directory, in memory that does not grow with the journal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "sync_int.h"
#include "util.h"

/* The bucket of a uuid, or -1 when it starts with no four hex digits. */
static int
bucket(const char *uuid)
{
	int b = 0;

	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)uuid[i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
		    c - 'a' + 10 : -1;

		if (v < 0)
			return -1;
		b = b * 16 + v;
	}
	return b;
}

/* A record's term in its bucket's sum: FNV-1a of its uuid and
 * fingerprint, mixed (splitmix64's finalizer) so that sums of terms
 * do not cancel. */
static unsigned long long
term(const char *uuid, const char *fp)
{
	unsigned long long h = 1469598103934665603ULL;

	for (const char *p = uuid; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ '/') * 1099511628211ULL;
	for (const char *p = fp; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

void
sync_dirty(struct sync *s, const char *uuid)
{
	int b = bucket(uuid);

	if (b < 0)
		s->all_dirty = 1;
	else
		s->dirty[b] = 1;
}

void
sync_sum_state(struct sync *s, const char *uuid, const char *fp)
{
	int b = bucket(uuid);

	if (b < 0)
		s->all_dirty = 1;
	else
		s->sum_state[b] += term(uuid, fp);
}

/* The journal's side of the sums: a record out of the folder's bound
 * counts for nothing, so that its item, if the state has one, is looked
 * at (and leaves the folder). */
static int
sum_here(const struct sync_peek *p, void *arg)
{
	struct sync *s = arg;
	int b = bucket(p->uuid);

	if (b < 0)
		s->all_dirty = 1;
	else if (!p->out)
		s->sum_here[b] += term(p->uuid, p->fp);
	return 0;
}

void
sync_note_gone(struct sync *s, const struct sync_item *it)
{
	struct gone *g;

	if (it->kind >= 0)
		sync_dirty(s, it->rec);

	if (s->ngone == s->cap_gone) {
		s->cap_gone = s->cap_gone ? s->cap_gone * 2 : 64;
		s->gone = xrealloc(s->gone, s->cap_gone * sizeof(*s->gone));
	}
	g = &s->gone[s->ngone++];
	g->name = xstrdup(it->name);
	memcpy(g->rec, it->rec, UUID_BUFSZ);
	g->kind = it->kind;
}

void
sync_note_bad(struct sync *s, const char *name)
{
	s->bad = xrealloc(s->bad, (s->nbad + 1) * sizeof(*s->bad));
	s->bad[s->nbad++] = xstrdup(name);
}

static int
by_gone_name(const void *a, const void *b)
{
	return strcmp(((const struct gone *)a)->name,
	    ((const struct gone *)b)->name);
}

int
sync_file_gone(const struct sync *s, const char *name)
{
	struct gone key = { .name = (char *)name };

	return s->ngone && bsearch(&key, s->gone, s->ngone, sizeof(*s->gone),
	    by_gone_name);
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
sync_file_bad(const struct sync *s, const char *name)
{
	return s->nbad && bsearch(&name, s->bad, s->nbad, sizeof(*s->bad),
	    by_str);
}

/* The uuids of bucket b: from lo up to (not including) hi. */
void
sync_bucket_range(int b, char lo[8], char hi[8])
{
	snprintf(lo, 8, "%04x", b);
	if (b + 1 < SYNC_BUCKETS)
		snprintf(hi, 8, "%04x", b + 1);
	else
		snprintf(hi, 8, "g");	/* after every hex digit */
}

/* The cases, calls and events in order: a call or event needs its case. */
static const int kinds[] = { SYNC_CASE, SYNC_EVENT, SYNC_CALL };

int
sync_sum_journal(struct sync *s)
{
	size_t ndirty = 0;

	for (size_t i = 0; i < s->nrm; i++)
		sync_dirty(s, s->rm[i].item.rec.uuid);
	for (size_t k = 0; k < 3 && !s->all_dirty; k++)
		if (store_sync_records_each(s->st, kinds[k], 0,
		    s->cutoff, NULL, NULL, sum_here, NULL, s))
			return -1;
	for (int b = 0; b < SYNC_BUCKETS; b++) {
		s->dirty[b] |= s->sum_here[b] != s->sum_state[b];
		ndirty += s->dirty[b];
	}
	/* Many: one pass over everything costs less than a range each. */
	if (ndirty > SYNC_BUCKETS / 16)
		s->all_dirty = 1;
	return 0;
}
