/*
 * sync_folder.c: what `calllog sync` adds to the folder's I/O (folder.c):
 * a file written is remembered as changed in this run, with its version;
 * a folder that lost its items refused.  Listing it is sync_list.c's,
 * reading a changed file sync_read.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "folder.h"
#include "store.h"
#include "sync_int.h"
#include "util.h"

int
sync_put(struct sync *s, const char *name, const char *text,
    struct sync_item *it)
{
	struct folder_ver v;

	sync_warn_changed(s, name);
	if (folder_put(&s->fo, name, text, &v) == -1)
		return -1;
	it->mtime = v.mtime;
	it->size = v.size;
	it->inode = v.inode;
	return 0;
}

struct tally {
	const struct sync *s;
	size_t gone;
};

/* A child of a case whose item is gone: deleted with it here unless its
 * own file is gone too (counted already). */
static int
count_child(const struct sync_item *it, void *arg)
{
	struct tally *t = arg;

	t->gone += !sync_file_gone(t->s, it->name);
	return 0;
}

/*
 * A sync that would delete here every record the folder's state knows,
 * or more than half of them when it knows at least ten (a folder
 * emptied, unmounted, a vdirsyncer pair gone wrong) is refused, as
 * vdirsyncer refuses to empty a storage, unless asked for.  Counted are
 * the records whose items are gone and the calls and events of a case
 * whose item is gone, which go with it however many of their own items
 * are left.  New items do not make up for lost ones: a folder emptied
 * that then got one entry is still emptied.  An item whose file is gone
 * but whose UID a new file carries moved.
 */
int
sync_check_emptied(struct sync *s, int force_delete)
{
	struct tally t = { s, 0 };
	size_t had = s->nstate;

	for (size_t i = 0; i < s->ngone; i++) {
		struct remote key;

		if (s->gone[i].kind < 0)
			continue;
		memcpy(key.item.rec.uuid, s->gone[i].rec, UUID_BUFSZ);
		if (s->nrm && bsearch(&key, s->rm, s->nrm, sizeof(*s->rm),
		    sync_remote_by_uuid) != NULL)
			continue;
		t.gone++;
		if (s->gone[i].kind == SYNC_CASE && store_sync_children(s->st,
		    s->dir, s->gone[i].rec, count_child, &t) == -1)
			return -1;
	}
	if (force_delete || t.gone == 0 || (t.gone < had && (had < 10 ||
	    t.gone * 2 <= had)))
		return 0;
	return error("'%s' would delete %zu of the %zu records it held at the"
	    " last sync (their items, or their cases', are gone); if they"
	    " were deleted on purpose, 'calllog sync --force-delete %s'"
	    " deletes them here", s->fo.shown, t.gone, had, s->fo.shown);
}
