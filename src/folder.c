/*
 * folder.c: the folder of iCalendar files `sync` and `ical --vdir` keep,
 * opened, locked, listed, read, written and flushed the one way (see
 * folder.h).  The folder is untrusted: its files are reached through the
 * directory's descriptor, a symbolic link in it is never followed, and
 * its names are redacted in messages like any text it gives.
 */
#ifdef __linux__
#define _GNU_SOURCE		/* syncfs(2) */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "folder.h"
#include "redact.h"
#include "util.h"

/*
 * Two runs on one folder, from one journal or two (a cron line and a
 * hand-run one), take turns: each holds a lock on the folder itself from
 * before it lists it until it is done with it (closing dfd releases it),
 * so neither reads the other's files half-renamed nor takes the other's
 * temporary files for those of a run cut short.  The lock is on the
 * directory, so nothing is added to the folder that vdirsyncer would
 * carry.  The wait is bounded: a run stuck elsewhere does not stall a
 * cron line forever.  1 locked, 0 when the file system has no locks.
 */
static int
folder_lock(const struct folder *f, const char *doing)
{
	const struct timespec step = { 0, 100 * 1000 * 1000 };

	for (int waited = 0; flock(f->dfd, LOCK_EX | LOCK_NB) == -1;
	    waited++) {
		/* A file system without locks (some network ones): the run
		 * goes on unlocked, as it did before there was one. */
		if (errno == ENOLCK || errno == EOPNOTSUPP || errno == EBADF)
			return 0;
		if (errno != EWOULDBLOCK && errno != EINTR)
			return error("cannot lock '%s': %s", f->shown,
			    strerror(errno));
		if (waited >= FOLDER_LOCK_WAIT * 10)
			return error("'%s' has been %s by another calllog for"
			    " over %d s; try again when it is done", f->shown,
			    doing, FOLDER_LOCK_WAIT);
		nanosleep(&step, NULL);
	}
	return 1;
}

int
folder_open(struct folder *f, const char *dir, int parents,
    const char *doing)
{
	struct stat sb;

	f->shown = dir;
	f->dfd = -1;
	f->locked = 0;
	if (parents ? make_dirs(dir) == -1 : mkdir(dir, 0700) == -1 &&
	    errno != EEXIST)
		return parents ? -1 : error("cannot create '%s': %s", dir,
		    strerror(errno));
	if (realpath(dir, f->path) == NULL || stat(f->path, &sb) == -1)
		return error("cannot read '%s': %s", dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return error("'%s' is not a folder", dir);
	/* Resolved, the path holds no link: one there now was swapped in
	 * since, and is not followed. */
	if ((f->dfd = open(f->path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return error("cannot read '%s': %s", dir, strerror(errno));
	if ((f->locked = folder_lock(f, doing)) == -1) {
		folder_close(f);
		return -1;
	}
	return 0;
}

void
folder_close(struct folder *f)
{
	if (f->dfd != -1)
		close(f->dfd);
	f->dfd = -1;
	f->locked = 0;
}

/* Remove name when it is a temporary file of a run cut short: without
 * the lock, only one long gone, as another run may be writing it now.
 * 1 when it is a temporary file. */
static int
clear_tmp(const struct folder *f, const char *name)
{
	struct stat sb;

	if (strncmp(name, FOLDER_TMP_PREFIX, strlen(FOLDER_TMP_PREFIX)) != 0)
		return 0;
	if (f->locked || (fstatat(f->dfd, name, &sb, AT_SYMLINK_NOFOLLOW) ==
	    0 && sb.st_mtime < f->now - FOLDER_TMP_STALE))
		unlinkat(f->dfd, name, 0);
	return 1;
}

int
folder_each(struct folder *f, int (*fn)(const char *name, void *arg),
    void *arg)
{
	int fd = dup(f->dfd), rc = 0;
	DIR *d = fd == -1 ? NULL : fdopendir(fd);
	struct dirent *de;

	if (d == NULL) {
		rc = error("cannot read '%s': %s", f->shown, strerror(errno));
		if (fd != -1)
			close(fd);
		return rc;
	}
	/* The copy shares the descriptor's place: an earlier listing left
	 * it at the end. */
	rewinddir(d);
	while (rc == 0 && (de = readdir(d)) != NULL) {
		const char *name = de->d_name;
		size_t len = strlen(name);

		if (clear_tmp(f, name) || name[0] == '.' || len < 5 ||
		    strcmp(name + len - 4, ".ics") != 0)
			continue;
		rc = fn(name, arg);
	}
	closedir(d);
	return rc;
}

static void
ver_of(const struct stat *sb, struct folder_ver *v)
{
	v->mtime = (long long)sb->st_mtim.tv_sec * 1000000000LL +
	    sb->st_mtim.tv_nsec;
	v->size = (long long)sb->st_size;
	v->inode = (long long)sb->st_ino;
}

int
folder_stat(const struct folder *f, const char *name, struct folder_ver *v)
{
	struct stat sb;

	if (fstatat(f->dfd, name, &sb, AT_SYMLINK_NOFOLLOW) == -1 ||
	    !(S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode)))
		return -1;
	ver_of(&sb, v);
	return S_ISLNK(sb.st_mode);
}

char *
folder_text(const struct folder *f, const char *name, size_t max)
{
	return read_file_at(f->dfd, name, max);
}

/* A new temporary file of the folder, its name into tmp: fd, or -1. */
static int
new_tmp(const struct folder *f, char tmp[64])
{
	int fd;

	for (int tries = 0; ; tries++) {
		snprintf(tmp, 64, FOLDER_TMP_PREFIX "%ld-%d.tmp",
		    (long)getpid(), rand());
		if ((fd = openat(f->dfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0600)) != -1 || errno != EEXIST || tries > 100)
			return fd;
	}
}

int
folder_put(const struct folder *f, const char *name, const char *text,
    struct folder_ver *v)
{
	char tmp[64];
	struct stat sb;
	size_t len = strlen(text);
	int fd;

	if ((fd = new_tmp(f, tmp)) == -1)
		return error("cannot write in '%s': %s", f->shown,
		    strerror(errno));
	if (write(fd, text, len) != (ssize_t)len || fstat(fd, &sb) == -1) {
		int e = errno;

		close(fd);
		unlinkat(f->dfd, tmp, 0);
		return error("cannot write '%s/%s': %s", f->shown, name,
		    strerror(e ? e : ENOSPC));
	}
	close(fd);
	if (renameat(f->dfd, tmp, f->dfd, name) == -1) {
		int e = errno;

		unlinkat(f->dfd, tmp, 0);
		return error("cannot write '%s/%s': %s", f->shown, name,
		    strerror(e));
	}
	if (v)
		ver_of(&sb, v);
	return 0;
}

int
folder_remove(const struct folder *f, const char *name)
{
	if (unlinkat(f->dfd, name, 0) == 0)
		return 0;
	if (errno == ENOENT)
		return 1;
	return error("cannot remove '%s/%s': %s", f->shown, name,
	    strerror(errno));
}

/* One flush for every file written, instead of one a file; then the
 * folder's own entries (the renames, the removals). */
int
folder_flush(const struct folder *f)
{
#ifdef __linux__
	int rc = syncfs(f->dfd);
#else
	int rc = (sync(), 0);
#endif
	if (rc == -1 || fsync(f->dfd) == -1)
		return error("cannot sync '%s': %s", f->shown,
		    strerror(errno));
	return 0;
}

char *
folder_shown_name(const char *name)
{
	return redact_text(name, NULL);
}

char *
folder_shown_path(const struct folder *f, const char *name)
{
	char *clean = folder_shown_name(name);
	char *path = xasprintf("%s/%s", f->shown, clean);

	free(clean);
	return path;
}
