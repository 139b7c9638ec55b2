/*
 * sync_folder.c: the folder side of `calllog sync`: its files listed,
 * the changed ones read (an unchanged file, by modification time, size
 * and inode, is not), checked and redacted like typed input; files
 * written whole, beside their name and renamed over it.  The folder is
 * untrusted (a server writes into it): only regular files directly in it
 * are read, a symbolic link never followed, and one sync at a time works
 * in it.
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

/* An item with its attachments: at most SYNC_ATTACH_ITEM_MAX bytes of
 * files, as base64 (4/3) folded (76/75), beside its fields and 64 KiB
 * of a client's lines (sync_attach.c). */
#define ICS_MAX (2 * 1024 * 1024)

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

/* Remember the entry name, as it is now, as no item of calllog's: it is
 * not read again until it changes. */
static int
remember_other(struct sync *s, const char *name, const char *uid,
    long long mtime, long long size, long long inode)
{
	struct sync_item it = { .name = (char *)name, .uid = (char *)uid,
	    .kind = -1, .mtime = mtime, .size = size, .inode = inode };

	return store_sync_put(s->st, s->dir, &it, NULL, NULL);
}

/* Whether a UID holds what redaction takes out of text (a card number). */
static int
uid_holds_number(const char *uid)
{
	struct redact_counts c = { 0 };

	free(redact_text(uid, &c));
	return redact_any(&c);
}

/* A file read: its name, its version (said once per version), and the
 * path messages show. */
struct file_at {
	struct sync *s;
	const char *name, *path;
	long long mtime, size, inode;
	int failed;
};

/* Say of the file what fmt says, once per version of it: 0, or -1. */
#define SAY(f, ...) sync_warn((f)->s, (f)->name, (f)->mtime, (f)->size, \
	(f)->inode, __VA_ARGS__)

/* A field of a file that failed its check, said (never its value). */
static void
field_warn(void *arg, const char *why)
{
	struct file_at *f = arg;

	if (SAY(f, "%s: %s: not taken from the folder", f->path, why) == -1)
		f->failed = 1;
}

static void
drop_item(struct remote *rm)
{
	sync_rec_clear(&rm->item.rec);
	free(rm->extra);
}

/* The item read from f into rm (its text parsed), checked: 0 kept, 1
 * skipped (said), 2 another client's (remembered), -1 failed. */
static int
take_item(struct file_at *f, const struct sync_item *old, struct remote *rm)
{
	struct sync *s = f->s;
	char why[128];
	int redacted = 0, rc;

	/* Another client's item that became one of calllog's (a note given
	 * a case by RELATED-TO) is read as a new one. */
	if (old && old->kind < 0 && rm->item.kind >= 0)
		old = NULL;
	if (rm->item.reminder) {
		drop_item(rm);
		return error("'%s' holds the reminders of `ical --vdir` (%s);"
		    " give sync a folder of its own", s->shown, f->path);
	}
	if (uid_holds_number(rm->item.uid)) {
		/* The journal keeps a UID to know its item again: a card
		 * number in one would be kept with it, and redacting it would
		 * make it another item's.  The item is skipped (another
		 * client's is remembered without its UID), said once, by the
		 * file's name redacted. */
		if (rm->item.kind >= 0) {
			drop_item(rm);
			return SAY(f, "%s: skipped: its UID holds a number "
			    "calllog does not keep", f->path) == -1 ? -1 : 1;
		}
		rm->item.uid[0] = '\0';
	}
	if (rm->item.kind < 0 || (old && old->kind != rm->item.kind)) {
		if (old && old->kind >= 0) {
			drop_item(rm);
			return SAY(f, "%s: skipped: no longer a calllog %s",
			    f->path, sync_kind_name(old->kind)) == -1 ? -1 : 1;
		}
		/* Another client's item: left alone, not read again until
		 * it changes. */
		rc = remember_other(s, f->name, rm->item.uid, f->mtime,
		    f->size, f->inode);
		drop_item(rm);
		return rc == -1 ? -1 : 2;
	}
	if (old)
		memcpy(rm->item.rec.uuid, old->rec, UUID_BUFSZ);
	else if (sync_uuid_valid(rm->item.uid))
		memcpy(rm->item.rec.uuid, rm->item.uid, UUID_BUFSZ);
	else		/* the same on every device */
		uuid_from_name(rm->item.uid, rm->item.rec.uuid);
	rc = sync_rec_check_each(&rm->item.rec, &redacted, &rm->bad,
	    field_warn, f, why, sizeof(why));
	if (rc == -1 || f->failed) {
		drop_item(rm);
		if (f->failed)
			return -1;
		return SAY(f, "%s: skipped: %s", f->path, why) == -1 ? -1 : 1;
	}
	if (redact_any(&rm->item.kept_redacted)) {
		char *where = xasprintf("%s (%s)", f->path,
		    rm->item.kept_first);

		if ((rc = sync_warn_due(s, f->name, f->mtime, f->size,
		    f->inode)) == 1)
			redact_report(&rm->item.kept_redacted, where);
		free(where);
		redacted = 1;
		if (rc == -1) {
			drop_item(rm);
			return -1;
		}
	}
	/* Another client's clock may be ahead; its entry is no later than
	 * now, or it would win every merge to come. */
	if (rm->item.foreign && rm->item.rec.updated > s->now)
		rm->item.rec.updated = s->now;
	rm->redacted |= redacted;
	rm->owned = old != NULL;
	return 0;
}

/* Read the folder's file name, changed since the sync state's old (NULL:
 * new to it), into s->rm; said once per version of the file and skipped
 * when it cannot be.  A symbolic link is never followed (read_file_at). */
int
folder_read(struct sync *s, const char *name, long long mtime,
    long long size, long long inode, const struct sync_item *old)
{
	struct remote *rm, took = { 0 };	/* took: the item's files */
	struct file_at f = { s, name, NULL, mtime, size, inode, 0 };
	char why[128], *text, *path;
	int rc;

	sync_warn_changed(s, name);
	f.path = path = folder_shown_path(s, name);
	if (old == NULL && strcmp(path + strlen(s->shown) + 1, name)) {
		/* The journal keeps a file's name to know it again; one that
		 * holds a card number is not kept. */
		rc = SAY(&f, "%s: skipped: its name holds a number calllog "
		    "does not keep", path);
		free(path);
		s->skipped++;
		return rc;
	}
	if ((text = read_file_at(s->dfd, name, ICS_MAX)) == NULL) {
		int e = errno;

		if (SAY(&f, "%s: skipped: %s", path, read_file_at_why(e)) == -1)
			return free(path), -1;
		if (old == NULL && (e == ELOOP || e == EINVAL)) {
			/* Remembered as no item of calllog's, so that it is
			 * said once, not on every run. */
			rc = remember_other(s, name, "", mtime, size, inode);
			free(path);
			s->skipped++;
			return rc;
		}
		goto bad;
	}
	if (s->cap_rm == s->nrm) {
		s->cap_rm = s->cap_rm ? s->cap_rm * 2 : 64;
		s->rm = xrealloc(s->rm, s->cap_rm * sizeof(*s->rm));
	}
	rm = memset(&s->rm[s->nrm], 0, sizeof(*rm));
	/* The files the item carries come out of its text first: they are
	 * checked on their own, never as a client's kept lines. */
	sync_attach_free(&took);
	took.redacted = 0;
	sync_attach_take(s, text, &took);
	if (cal_sync_read(text, &rm->item, &rm->extra, why,
	    sizeof(why)) == -1) {
		free(text);
		sync_attach_free(&took);
		if (SAY(&f, "%s: skipped: %s", path, why) == -1)
			return free(path), -1;
		goto bad;
	}
	if (sync_read_bare(s, old, text, rm) == -1) {
		free(text);
		drop_item(rm);
		sync_attach_free(&took);
		return free(path), -1;
	}
	free(text);
	rc = take_item(&f, old, rm);
	if (rc != 0)
		sync_attach_free(&took);
	if (rc == -1 || rc == 2)
		return free(path), rc == -1 ? -1 : 0;
	if (rc == 1)
		goto bad;
	rm->name = xstrdup(name);
	rm->mtime = mtime;
	rm->size = size;
	rm->inode = inode;
	rm->att = took.att;
	rm->natt = took.natt;
	rm->redacted |= took.redacted;
	sync_attach_report(&took, path);
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
