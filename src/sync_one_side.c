/*
 * sync_one_side.c: what only one side has.  Records only the folder has
 * are added here (new there, or deleted here after a change there); items
 * calllog wrote whose record is gone here are removed from the folder;
 * the files of cases that left the folder's bound are removed, which is
 * no deletion.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

/* A record new here whose item has a required field that failed its
 * check has no value of the journal's to keep: skipped, said once per
 * version of its file.  1 when skipped (s->failed set on an error). */
static int
new_without_required(struct sync *s, const struct remote *rm)
{
	const struct field_kind *k = &sync_kinds[rm->item.kind];
	char *path;
	int i;

	for (i = 0; i < k->nfields; i++)
		if ((rm->bad & (1u << i)) && k->fields[i].required)
			break;
	if (i == k->nfields)
		return 0;
	path = folder_shown_path(&s->fo, rm->name);
	s->failed = sync_warn(s, rm->name, rm->mtime, rm->size, rm->inode,
	    "%s: skipped: a new %s without its %s", path,
	    sync_kind_name(rm->item.kind), k->fields[i].name) == -1;
	free(path);
	s->skipped++;
	return 1;
}

/* A call or event new here whose case is neither in the journal nor
 * among the folder's items read: skipped, and neither written nor
 * remembered (it is read again, and taken once its case comes), said once
 * per version of its file.  1 when skipped (s->failed set on an error). */
static int
orphan(struct sync *s, const struct remote *rm)
{
	const char *c = rm->item.rec.f[0];
	const struct remote *cr = c ? sync_remote_find(s, c) : NULL;
	int k;

	if (c == NULL || (cr && cr->item.kind == SYNC_CASE))
		return 0;
	if ((k = store_sync_kind_of(s->st, c)) == SYNC_CASE)
		return 0;
	s->failed = k == -2 || sync_warn(s, rm->name, rm->mtime, rm->size,
	    rm->inode, "%s %.8s: skipped: its case %.8s is not in the"
	    " journal", sync_kind_name(rm->item.kind), rm->item.rec.uuid,
	    c) == -1;
	s->skipped++;
	return 1;
}

/* Records only the folder has: new there, or deleted here after a change
 * there (kept: the change wins). */
int
sync_add_remote_only(struct sync *s, int kind)
{
	for (size_t i = 0; i < s->nrm; i++) {
		struct remote *rm = &s->rm[i];
		struct sync_item it, *old;
		int rc;

		if (rm->done || rm->item.kind != kind)
			continue;
		rm->done = 1;
		if (new_without_required(s, rm) != 0 ||
		    (kind != SYNC_CASE && orphan(s, rm) != 0)) {
			if (s->failed)
				return -1;
			continue;
		}
		s->read++;
		if ((rc = store_sync_get(s->st, s->dir, rm->name, NULL,
		    &it)) == -1)
			return -1;
		old = rc == 0 ? &it : NULL;
		if (old && old->fp[0])
			sync_report(s, "%s %.8s: deleted here but changed in"
			    " the folder: restored", sync_kind_name(kind),
			    rm->item.rec.uuid);
		sync_apply_later(s, &rm->item.rec, NULL)->added = 1;
		s->added_here++;
		rc = rm->redacted || rm->bare ? sync_write_item(s,
		    &rm->item.rec, old, rm, rm->extra) : sync_keep_remote(s,
		    rm, old, &rm->item.rec);
		store_sync_item_clear(&it);
		if (rc)
			return -1;
	}
	return 0;
}

/* An item calllog wrote whose record is gone here: removed from the
 * folder, unless it changed there (add_remote_only) or could not be
 * read. */
static int
remove_orphan(const struct sync_item *it, void *arg)
{
	struct sync *s = arg;
	int gone = sync_file_gone(s, it->name);
	char **o;

	if (sync_file_bad(s, it->name) || sync_remote_find(s, it->rec))
		return 0;
	if (!gone && folder_remove(&s->fo, it->name) == -1)
		return -1;
	s->there_deleted += !gone;
	/* Forgotten once the stream is closed. */
	o = xrealloc(s->orphans, (s->norphans + 1) * sizeof(*o));
	s->orphans = o;
	o[s->norphans++] = xstrdup(it->name);
	return 0;
}

/* Items calllog wrote whose record is gone here, unchanged there; and
 * other clients' items whose file is gone. */
int
sync_remove_deleted(struct sync *s)
{
	for (size_t i = 0; i < s->ngone; i++)
		if (s->gone[i].kind < 0 && store_sync_forget(s->st,
		    s->dir, s->gone[i].name))
			return -1;
	/* An item whose record is gone here leaves its bucket's sums
	 * apart: only those buckets are looked at. */
	if (s->all_dirty) {
		if (store_sync_orphans(s->st, s->dir, NULL, NULL,
		    remove_orphan, s) == -1)
			return -1;
	} else
		for (int b = 0; b < SYNC_BUCKETS; b++) {
			char lo[8], hi[8];

			if (!s->dirty[b])
				continue;
			sync_bucket_range(b, lo, hi);
			if (store_sync_orphans(s->st, s->dir, lo, hi,
			    remove_orphan, s) == -1)
				return -1;
		}
	for (size_t i = 0; i < s->norphans; i++)
		if (store_sync_forget(s->st, s->dir, s->orphans[i]))
			return -1;
	return 0;
}

/* The files of records that left the folder's bound: not deletions. */
int
sync_remove_leaving(struct sync *s)
{
	for (size_t i = 0; i < s->nleaving; i++)
		if (folder_remove(&s->fo, s->leaving[i]) == -1)
			return -1;
	return 0;
}
