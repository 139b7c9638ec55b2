/*
 * sync_folder.c: the folder side of `calllog sync`: its files listed,
 * the changed ones read (an unchanged file, by modification time, size
 * and inode, is not), checked and redacted like typed input; files
 * written whole, beside their name and renamed over it.
 */
#ifdef __linux__
#define _GNU_SOURCE		/* syncfs(2) */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ical.h"
#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

#define ICS_MAX (1024 * 1024)
#define TMP_PREFIX ".calllog-"

/* Write text as the folder's file name: beside it, then renamed over it.
 * The data reach the disk with the one syncfs before commit. */
int
folder_put(struct sync *s, const char *name, const char *text,
    struct sync_item *it)
{
	char tmp[64];
	struct stat sb;
	size_t len = strlen(text);
	int fd;

	for (int tries = 0; ; tries++) {
		snprintf(tmp, sizeof(tmp), TMP_PREFIX "%ld-%d.tmp",
		    (long)getpid(), rand());
		if ((fd = openat(s->dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0600)) != -1 || errno != EEXIST || tries > 100)
			break;
	}
	if (fd == -1)
		return error("cannot write in '%s': %s", s->shown,
		    strerror(errno));
	if (write(fd, text, len) != (ssize_t)len || fstat(fd, &sb) == -1) {
		int e = errno;

		close(fd);
		unlinkat(s->dfd, tmp, 0);
		return error("cannot write '%s/%s': %s", s->shown, name,
		    strerror(e ? e : ENOSPC));
	}
	close(fd);
	if (renameat(s->dfd, tmp, s->dfd, name) == -1) {
		int e = errno;

		unlinkat(s->dfd, tmp, 0);
		return error("cannot write '%s/%s': %s", s->shown, name,
		    strerror(e));
	}
	it->mtime = (long long)sb.st_mtim.tv_sec * 1000000000LL +
	    sb.st_mtim.tv_nsec;
	it->size = (long long)sb.st_size;
	it->inode = (long long)sb.st_ino;
	return 0;
}

/* Another client's item: left alone, not read again until it changes. */
static int
keep_other(struct sync *s, const struct remote *rm, const char *name,
    long long mtime, long long size, long long inode)
{
	struct sync_item it = { .name = (char *)name,
	    .uid = (char *)rm->item.uid,
	    .kind = -1, .mtime = mtime, .size = size, .inode = inode };

	return store_sync_put(s->ctx->st, s->dir, &it, NULL, NULL);
}

/* Read the folder's file name, changed since the sync state's old (NULL:
 * new to it), into s->rm; reported and skipped when it cannot be. */
int
folder_read(struct sync *s, const char *name, long long mtime,
    long long size, long long inode, const struct sync_item *old)
{
	struct remote *rm;
	char why[128], *text, *path;
	int redacted = 0, fd;

	path = xasprintf("%s/%s", s->shown, name);
	text = NULL;
	if ((fd = openat(s->dfd, name, O_RDONLY | O_CLOEXEC)) != -1) {
		char proc[64];

		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		text = read_file(proc, ICS_MAX);
		close(fd);
	}
	if (text == NULL) {
		warning("%s: skipped: %s", path, strerror(errno));
		goto bad;
	}
	if (s->cap_rm == s->nrm) {
		s->cap_rm = s->cap_rm ? s->cap_rm * 2 : 64;
		s->rm = xrealloc(s->rm, s->cap_rm * sizeof(*s->rm));
	}
	rm = memset(&s->rm[s->nrm], 0, sizeof(*rm));
	if (cal_sync_read(text, &rm->item, &rm->extra, why,
	    sizeof(why)) == -1) {
		free(text);
		warning("%s: skipped: %s", path, why);
		goto bad;
	}
	free(text);
	/* Another client's item that became one of calllog's (a note
	 * given a case by RELATED-TO) is read as a new one. */
	if (old && old->kind < 0 && rm->item.kind >= 0)
		old = NULL;
	if (rm->item.kind < 0 || (old && old->kind != rm->item.kind)) {
		int rc = 0;

		if (old && old->kind >= 0)
			warning("%s: skipped: no longer a calllog %s",
			    path, sync_kind_name(old->kind));
		else
			rc = keep_other(s, rm, name, mtime, size, inode);
		sync_rec_clear(&rm->item.rec);
		free(rm->extra);
		if (rc || !(old && old->kind >= 0)) {
			free(path);
			return rc;
		}
		goto bad;
	}
	if (old)
		memcpy(rm->item.rec.uuid, old->rec, UUID_BUFSZ);
	else if (sync_uuid_valid(rm->item.uid))
		memcpy(rm->item.rec.uuid, rm->item.uid, UUID_BUFSZ);
	else		/* the same on every device */
		uuid_from_name(rm->item.uid, rm->item.rec.uuid);
	if (sync_rec_check(&rm->item.rec, &redacted, why,
	    sizeof(why)) == -1) {
		warning("%s: skipped: %s", path, why);
		sync_rec_clear(&rm->item.rec);
		free(rm->extra);
		goto bad;
	}
	/* Another client's clock may be ahead; its entry is no later
	 * than now, or it would win every merge to come. */
	if (rm->item.foreign && rm->item.rec.updated > s->ctx->now)
		rm->item.rec.updated = s->ctx->now;
	rm->redacted = redacted;
	rm->owned = old != NULL;
	rm->name = xstrdup(name);
	rm->mtime = mtime;
	rm->size = size;
	rm->inode = inode;
	s->nrm++;
	free(path);
	return 0;
bad:
	free(path);
	s->skipped++;
	if (old)
		sync_note_bad(s, old->name);
	return 0;
}

int
folder_open(struct sync *s, const char *dir, char resolved[PATH_MAX])
{
	struct stat sb;

	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return error("cannot create '%s': %s", dir, strerror(errno));
	if (realpath(dir, resolved) == NULL || stat(resolved, &sb) == -1)
		return error("cannot read '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return error("'%s' is not a folder", dir);
	if ((s->dfd = open(resolved, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return error("cannot read '%s': %s", dir, strerror(errno));
	return 0;
}

/* One flush for every file written, instead of one a file. */
int
folder_flush(int dfd)
{
#ifdef __linux__
	return syncfs(dfd);
#else
	(void)dfd;
	sync();
	return 0;
#endif
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
folder_check_emptied(struct sync *s, int force_delete)
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
	    " --force-delete %s' deletes their records here", s->shown, gone,
	    had, s->shown);
}
