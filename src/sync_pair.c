/*
 * sync_pair.c: a record changed in the folder (and perhaps here too)
 * against the journal's: merged field by field on their times
 * (syncrec.h), the losing values kept in the history, each conflict
 * said, and written to whichever side it changes.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

static int
same_fields(const struct sync_rec *a, const struct sync_rec *b)
{
	char fa[17], fb[17];

	sync_rec_fingerprint(a, fa);
	sync_rec_fingerprint(b, fb);
	return strcmp(fa, fb) == 0;
}

/* Whether a and b hold the same fields, whatever their times. */
static int
same_values(const struct sync_rec *a, const struct sync_rec *b)
{
	struct sync_rec c = { 0 };
	int same;

	sync_rec_copy(&c, a);
	c.updated = b->updated;
	same = same_fields(&c, b);
	sync_rec_clear(&c);
	return same;
}

/* Say which side's value of each conflicting field was kept. */
static void
report_conflicts(struct sync *s, const struct sync_rec *r, unsigned lost,
    const char *kept, const char *lost_where)
{
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		if (lost & (1u << i))
			sync_report(s, "%s %.8s: %s changed on both sides;"
			    " the later (%s) kept, the other (%s) is in the"
			    " history",
			    sync_kind_name(r->kind), r->uuid,
			    sync_kinds[r->kind].fields[i].name, kept,
			    lost_where);
}

/* A record changed in the folder, and perhaps here too. */
int
sync_pair(struct sync *s, struct sync_rec *local, struct remote *rm,
    struct sync_item *old, int local_changed)
{
	struct sync_rec base = { .kind = local->kind }, merged = { 0 };
	struct sync_rec *remote = &rm->item.rec;
	char *extra = NULL;
	unsigned lost_local = 0, lost_remote = 0;
	int have_base = 0, rc = 0;

	rm->done = 1;
	s->read++;
	/* A field of the folder's that failed its check keeps the journal's
	 * value: as if the item had it (reported when it was read). */
	for (int i = 0; i < SYNC_FIELDS_MAX; i++)
		if (rm->bad & (1u << i))
			sync_rec_set(remote, i, local->f[i]);
	if (old && (have_base = store_sync_base(s->st, s->dir,
	    old->name, &base, &extra)) == -1)
		return -1;
	free(extra);
	have_base = old && have_base == 0;
	/* Decided field by field on the times, even when nothing changed
	 * here: the folder may hold an older version of the whole item (a
	 * server's, kept by vdirsyncer's conflict resolution). */
	sync_rec_local_times(local, have_base ? &base : NULL);
	sync_merge(have_base ? &base : NULL, local, remote, &merged,
	    &lost_local, &lost_remote);
	if (local_changed || !have_base)
		s->merged += lost_local || lost_remote || !same_fields(local,
		    remote);
	else if (same_values(&merged, remote))
		merged.updated = remote->updated;	/* as the folder has it,
							   a clock once ahead
							   corrected */
	if (lost_local)
		report_conflicts(s, local, lost_local, "from the folder",
		    "this journal's");
	if (lost_remote)
		report_conflicts(s, local, lost_remote, "this journal's",
		    "from the folder");
	if (!same_fields(&merged, local) || lost_remote) {
		struct sync_rec losing = { 0 };

		/* A value from the folder that lost is written first, so that
		 * the history keeps it as this journal's own lost ones. */
		if (lost_remote) {
			sync_rec_copy(&losing, local);
			for (int i = 0; i < SYNC_FIELDS_MAX; i++)
				if (lost_remote & (1u << i))
					sync_rec_set(&losing, i, remote->f[i]);
		}
		sync_apply_later(s, &merged, lost_remote ? &losing : NULL);
		sync_rec_clear(&losing);
	}
	if (!same_fields(&merged, remote) || rm->redacted || rm->bare ||
	    sync_rec_times_differ(&merged, remote))
		rc = sync_write_item(s, &merged, old, rm, rm->extra);
	else
		rc = sync_keep_remote(s, rm, old, &merged);
	sync_rec_clear(&merged);
	sync_rec_clear(&base);
	return rc;
}
