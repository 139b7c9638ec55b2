/*
 * sync_claims.c: which file of the folder a record is read from.  A UID
 * names one record of one kind: an item new to the sync state is left
 * out when its UID is that of a record of another kind (a to-do with a
 * call's uuid, an entry with a case's), or of a record whose own file is
 * still there; of several new files with one UID, one is taken, the same
 * on every run and every device.  So a record never changes kind, nor
 * flips between two files' versions from one sync to the next.  A file
 * whose record's own file is gone is that item moved.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

/* Whether a file has the name calllog gives a record's item, UUID.ics. */
static int
named_as_written(const struct remote *rm)
{
	return strncmp(rm->name, rm->item.rec.uuid, UUID_BUFSZ - 1) == 0 &&
	    strcmp(rm->name + UUID_BUFSZ - 1, ".ics") == 0;
}

/* Sorted by record; of the files carrying one, first the one that owns
 * it, then one named as calllog names it, then by name: which is taken
 * never depends on the run, and a device new to the folder takes the
 * one the others took. */
static int
by_claim(const void *a, const void *b)
{
	const struct remote *x = a, *y = b;
	int c = strcmp(x->item.rec.uuid, y->item.rec.uuid);

	if (c == 0)
		c = y->owned - x->owned;
	if (c == 0)
		c = named_as_written(y) - named_as_written(x);
	return c ? c : strcmp(x->name, y->name);
}

/* Leave an item that claims a record it cannot have out of the sync:
 * remembered as another client's, so that it is reported once per version
 * of its file, not on every run. */
static int
reject(struct sync *s, struct remote *rm)
{
	struct sync_item it = { .name = rm->name, .uid = rm->item.uid,
	    .kind = -1, .mtime = rm->mtime, .size = rm->size,
	    .inode = rm->inode };
	int rc = store_sync_put(s->st, s->dir, &it, NULL, NULL);

	s->skipped++;
	sync_remote_free(rm);
	return rc;
}

int
sync_check_claims(struct sync *s)
{
	size_t keep = 0;

	if (s->nrm)
		qsort(s->rm, s->nrm, sizeof(*s->rm), by_claim);
	for (size_t i = 0; i < s->nrm; i++) {
		struct remote *rm = &s->rm[i];
		const char *uuid = rm->item.rec.uuid, *other = NULL;
		char held_name[PATH_MAX];
		struct sync_item it, *held = NULL;
		int k = -1;

		if (keep && strcmp(s->rm[keep - 1].item.rec.uuid, uuid) == 0)
			other = s->rm[keep - 1].name;
		else if (!rm->owned) {
			if ((k = store_sync_get(s->st, s->dir, NULL, uuid,
			    &it)) == -1)
				return -1;
			held = k == 0 ? &it : NULL;
			if ((k = store_sync_kind_of(s->st, uuid)) == -2) {
				store_sync_item_clear(&it);
				return -1;
			}
			if (k < 0 && held && held->kind >= 0)
				k = held->kind;
			if (k == rm->item.kind)
				k = -1;
			if (k < 0 && held && held->kind >= 0 &&
			    !sync_file_gone(s, held->name)) {
				/* Kept for the warning below. */
				snprintf(held_name, sizeof(held_name), "%s",
				    held->name);
				other = held_name;
			}
			store_sync_item_clear(&it);
		}
		if (k >= 0 || other) {
			char *a = folder_shown_path(&s->fo, rm->name);
			char *b = other ? folder_shown_path(&s->fo, other) :
			    NULL;

			if (k >= 0)
				warning("%s: skipped: its UID is that of a %s "
				    "here, not of a %s", a, sync_kind_name(k),
				    sync_kind_name(rm->item.kind));
			else
				warning("%s: skipped: its UID is that of %s",
				    a, b);
			free(a);
			free(b);
		}
		if (k >= 0 || other) {
			if (reject(s, rm) == -1)
				return -1;
			continue;
		}
		if (keep != i)
			s->rm[keep] = *rm;
		keep++;
	}
	s->nrm = keep;
	return 0;
}
