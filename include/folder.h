/*
 * folder: a folder of iCalendar files that someone else also writes (a
 * server through vdirsyncer, a calendar client), as `sync` and `ical
 * --vdir` both keep one.  It is opened once, as a directory descriptor
 * every file is reached through, so a link swapped in for the folder
 * later is not followed; locked, so two runs take turns; listed, read,
 * written and removed through that descriptor, a symbolic link inside
 * never followed; and flushed once before the journal says what was
 * written.  What the files mean, and which are whose, is each command's.
 */
#ifndef CALLLOG_FOLDER_H
#define CALLLOG_FOLDER_H

#include <limits.h>
#include <stddef.h>
#include <time.h>

struct folder {
	const char *shown;		/* as given, for messages */
	char path[PATH_MAX];		/* resolved: the key of its rows */
	int dfd;			/* -1: not open */
	int locked;			/* the lock is held */
	time_t now;			/* the command's clock: how old a
					   temporary file is */
};

/* A file's version as the folder shows it: a file that changed in any of
 * them is read again. */
struct folder_ver {
	long long mtime;		/* in nanoseconds */
	long long size, inode;
};

/* How long a run waits for another one's lock, in seconds. */
#define FOLDER_LOCK_WAIT 120

/* The temporary files the folder is written through; one this old is no
 * run's at work, lock or none. */
#define FOLDER_TMP_PREFIX ".calllog-"
#define FOLDER_TMP_STALE (60 * 60)

/* Open dir as f->dfd (f->shown = dir), created when missing (with its
 * parents when parents), and take its lock, waiting for another run's at
 * most FOLDER_LOCK_WAIT seconds (doing: what that run is said to do to
 * it, "synced").  0, or -1 after reporting. */
int folder_open(struct folder *f, const char *dir, int parents,
    const char *doing);
void folder_close(struct folder *f);

/* Call fn with the name of each entry that may be an item (NAME.ics, not
 * hidden), in the directory's order, until it returns nonzero (returned).
 * The temporary files of a run cut short are removed on the way: all of
 * them while the lock is held, else only those long gone. */
int folder_each(struct folder *f, int (*fn)(const char *name, void *arg),
    void *arg);

/* The entry name as it is, a symbolic link not followed, into *v: 0 a
 * regular file, 1 a symbolic link, -1 anything else or gone. */
int folder_stat(const struct folder *f, const char *name,
    struct folder_ver *v);

/* The text of file name, at most max bytes; NULL with errno (ELOOP: a
 * symbolic link, never followed; EINVAL: not a regular file; EFBIG: too
 * large; read_file_at_why says which).  Free it. */
char *folder_text(const struct folder *f, const char *name, size_t max);

/* Write text as file name, whole: beside it, then renamed over it; its
 * version into *v (NULL: not wanted).  It reaches the disk with
 * folder_flush.  0, or -1 after reporting. */
int folder_put(const struct folder *f, const char *name, const char *text,
    struct folder_ver *v);

/* Remove file name: 0, 1 when it was already gone (no error), or -1
 * after reporting. */
int folder_remove(const struct folder *f, const char *name);

/* Every file written or removed to the disk, in one call, before the
 * journal commits.  0, or -1 after reporting. */
int folder_flush(const struct folder *f);

/* DIR/NAME as a message shows it, the name redacted like any text the
 * folder gives (its writer chose it).  Free it. */
char *folder_shown_path(const struct folder *f, const char *name);
/* NAME alone, as a message shows it.  Free it. */
char *folder_shown_name(const char *name);

#endif
