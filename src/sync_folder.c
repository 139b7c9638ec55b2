/*
 * sync_folder.c: the folder's I/O for `calllog sync`: opened and locked
 * (one sync at a time works in it), files written whole, beside their
 * name and renamed over it, and flushed once; a file's name as messages
 * show it; a folder that lost its items refused.  Listing it is
 * sync_list.c's, reading a changed file sync_read.c's.
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
#include <time.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ical.h"
#include "redact.h"
#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

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

	sync_warn_changed(s, name);
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

/* A file of the folder as messages name it: its name is the server's or
 * another client's to choose, and is redacted as any text it gives. */
char *
folder_shown_path(const struct sync *s, const char *name)
{
	char *clean = redact_text(name, NULL);
	char *path = xasprintf("%s/%s", s->shown, clean);

	free(clean);
	return path;
}

/*
 * Two syncs of one folder, from one journal or two (a cron line and a
 * hand-run one), take turns: each holds a lock on the folder itself from
 * before it lists it until it is done with it (closing dfd releases it),
 * so neither reads the other's files half-renamed nor takes the other's
 * temporary files for those of a sync cut short.  The lock is on the
 * directory, so nothing is added to the folder that vdirsyncer would
 * carry.  The wait is bounded: a sync stuck elsewhere does not stall a
 * cron line forever.
 */
int
folder_lock(int dfd, const char *shown)
{
	const struct timespec step = { 0, 100 * 1000 * 1000 };

	for (int waited = 0; flock(dfd, LOCK_EX | LOCK_NB) == -1; waited++) {
		/* A file system without locks (some network ones): the
		 * sync goes on unlocked, as it did before there was one. */
		if (errno == ENOLCK || errno == EOPNOTSUPP || errno == EBADF)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return error("cannot lock '%s': %s", shown,
			    strerror(errno));
		if (waited >= FOLDER_LOCK_WAIT * 10)
			return error("'%s' has been synced by another calllog"
			    " for over %d s; try again when it is done", shown,
			    FOLDER_LOCK_WAIT);
		nanosleep(&step, NULL);
	}
	return 1;
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
	if ((s->locked = folder_lock(s->dfd, dir)) == -1)
		return -1;
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
