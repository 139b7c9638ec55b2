/*
 * sync_write.c: a record written to the folder as its item, and the sync
 * state told what both sides now agree on: under the name and UID the
 * item has there, with what other clients added to it kept, redacted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ical.h"
#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

/*
 * Write record r to the folder and remember it as agreed: under the name
 * and UID it has there (a new record: UUID.ics), its SEQUENCE one past
 * any seen.
 */
int
sync_write_item(struct sync *s, const struct sync_rec *r,
    struct sync_item *old, const struct remote *rm, const char *extra)
{
	struct sync_item it = { 0 };
	char name[UUID_BUFSZ + 4];
	char *text, *clean = cal_sync_extra_redact(extra);
	int seq = old ? old->sequence : 0, rc;

	if (rm && rm->item.sequence > seq)
		seq = rm->item.sequence;
	snprintf(name, sizeof(name), "%s.ics", r->uuid);
	/* The file the record came from, when it came from one: its state
	 * row may name another that is gone (the item moved). */
	it.name = rm ? rm->name : old ? old->name : name;
	it.uid = old ? old->uid : rm ? (char *)rm->item.uid : (char *)r->uuid;
	memcpy(it.rec, r->uuid, UUID_BUFSZ);
	it.kind = r->kind;
	it.sequence = seq + 1;
	/* What it keeps of other clients' lines is kept redacted. */
	if ((text = cal_sync_write(r, it.uid, it.sequence, clean)) == NULL) {
		free(clean);
		return -1;
	}
	if (sync_attach_write(s, r, rm, &text) == -1) {
		free(text);
		free(clean);
		return -1;
	}
	rc = sync_put(s, it.name, text, &it);
	free(text);
	if (rc == 0)
		rc = store_sync_put(s->st, s->dir, &it, r, clean);
	if (rc == 0)
		rc = sync_attach_settle(s, r, rm, it.name);
	free(clean);
	s->written += rc == 0;
	return rc;
}

/* Remember a remote item as agreed, its file as it is. */
int
sync_keep_remote(struct sync *s, const struct remote *rm, const struct sync_item
    *old, const struct sync_rec *base)
{
	struct sync_item it = { 0 };

	it.name = rm->name;
	it.uid = (char *)rm->item.uid;
	memcpy(it.rec, rm->item.rec.uuid, UUID_BUFSZ);
	it.kind = rm->item.kind;
	it.mtime = rm->mtime;
	it.size = rm->size;
	it.inode = rm->inode;
	it.sequence = rm->item.sequence > (old ? old->sequence : 0) ?
	    rm->item.sequence : old ? old->sequence : 0;
	return store_sync_put(s->st, s->dir, &it, base, rm->extra);
}

/* Write a record changed here, keeping what other clients added to its
 * item. */
int
sync_write_record(struct sync *s, const struct sync_rec *r,
    struct sync_item *old)
{
	struct sync_rec base = { .kind = r->kind }, timed = { 0 };
	char *extra = NULL;
	int rc;

	if (old && (rc = store_sync_base(s->st, s->dir, old->name, &base,
	    &extra)) == -1)
		return -1;
	sync_rec_copy(&timed, r);
	sync_rec_local_times(&timed, old && rc == 0 ? &base : NULL);
	sync_rec_clear(&base);
	rc = sync_write_item(s, &timed, old, NULL, extra);
	sync_rec_clear(&timed);
	free(extra);
	return rc;
}
