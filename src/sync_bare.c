/*
 * sync_bare.c: an item a client saved back without calllog's lines.
 *
 * Clients keep the properties they know and may drop the rest: a to-do
 * app that marks a case done can write back only UID, SUMMARY, STATUS,
 * DUE.  Such an item is still the record its UID names, when this journal
 * knows it (its sync state, or the journal itself): the fields calllog's
 * lines carried are "not known here" (the version last agreed keeps
 * them, so the merge keeps the journal's), what the standard properties
 * say applies, and the item is written again with calllog's lines
 * (DESIGN.md, "Servers, vdirsyncer and apps replace files whole").  A
 * device that knows nothing of the record takes the item for another
 * client's until a device that knows it has written it again.
 */
#include <stdlib.h>

#include "ical.h"
#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

/* What this journal knows of the record of old (a state row; NULL: none)
 * or uid: the version last agreed, else the journal's.  0 with *known,
 * 1 when it knows nothing, -1. */
static int
known_record(struct sync *s, const struct sync_item *old, const char *uid,
    struct sync_rec *known)
{
	char *extra = NULL;
	int kind, rc;

	if (old && old->kind >= 0 && old->rec[0]) {
		known->kind = old->kind;
		rc = store_sync_base(s->st, s->dir, old->name, known,
		    &extra);
		free(extra);
		if (rc != 1)
			return rc;
		sync_rec_clear(known);
		return store_sync_record_get(s->st, old->kind, old->rec,
		    known);
	}
	if (old || !sync_uuid_valid(uid))
		return 1;
	if ((kind = store_sync_kind_of(s->st, uid)) < 0)
		return kind == -2 ? -1 : 1;
	return store_sync_record_get(s->st, kind, uid, known);
}

int
sync_read_bare(struct sync *s, const struct sync_item *old, const char *text,
    struct remote *rm)
{
	struct sync_rec known = { 0 };
	struct cal_sync_item it;
	char *extra = NULL, why[128];
	int rc;

	if (!rm->item.bare || rm->item.reminder)
		return 0;
	if ((rc = known_record(s, old, rm->item.uid, &known)) != 0) {
		sync_rec_clear(&known);
		return rc == 1 ? 0 : -1;
	}
	if (cal_sync_read_known(text, &known, &it, &extra, why,
	    sizeof(why)) == 0 && it.kind == known.kind && !it.foreign) {
		sync_rec_clear(&rm->item.rec);
		free(rm->extra);
		rm->item = it;
		rm->extra = extra;
		rm->bare = 1;
	} else {
		sync_rec_clear(&it.rec);
		free(extra);
	}
	sync_rec_clear(&known);
	return 0;
}
