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

/*
 * A folder that lost the items of every record it held, or of more than
 * half of them when it held at least ten (emptied, unmounted, a vdirsyncer
 * pair gone wrong), would delete them here: refused, as vdirsyncer refuses
 * to empty a storage, unless asked for.  New items do not make up for
 * lost ones: a folder emptied that then got one entry is still emptied.
 * An item whose file is gone but whose UID a new file carries moved.
 */
int
sync_check_emptied(struct sync *s, int force_delete)
{
	size_t had = s->nstate, gone = 0;

	for (size_t i = 0; i < s->ngone; i++) {
		struct remote key;

		if (s->gone[i].kind < 0)
			continue;
		memcpy(key.item.rec.uuid, s->gone[i].rec, UUID_BUFSZ);
		gone += s->nrm == 0 || bsearch(&key, s->rm, s->nrm,
		    sizeof(*s->rm), sync_remote_by_uuid) == NULL;
	}
	if (force_delete || gone == 0 || (gone < had && (had < 10 ||
	    gone * 2 <= had)))
		return 0;
	return error("'%s' lost %zu of the %zu items it held at the last"
	    " sync; if they were deleted on purpose, 'calllog sync"
	    " --force-delete %s' deletes their records here", s->fo.shown, gone,
	    had, s->fo.shown);
}
