/*
 * sync_warn.c: a sync's warnings about a folder's files, said once per
 * version of the file (DESIGN.md, "Sync across devices").  A skipped
 * file is read again on every run (its record may come later: a call
 * whose case is not here yet), but what was said of it is not said again
 * until the file changes; a cron line printed the same lines every run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "sync_int.h"
#include "util.h"

/* The key of file name: a hash of the name as calllog shows it, redacted,
 * so that no card number a name holds is kept, not even hashed (a hash of
 * sixteen digits is soon reversed). */
static void
key_of(const char *name, char key[SYNC_WARN_KEYSZ])
{
	unsigned long long h = 14695981039346656037ULL;
	char *shown = redact_text(name, NULL);

	for (const unsigned char *c = (const unsigned char *)shown; *c; c++)
		h = (h ^ *c) * 1099511628211ULL;
	free(shown);
	snprintf(key, SYNC_WARN_KEYSZ, "%016llx", h);
}

static int
by_key(const void *a, const void *b)
{
	return strcmp(a, b);
}

int
sync_warn_load(struct sync *s)
{
	if (store_sync_warned_keys(s->st, s->dir, &s->wkeys, &s->nwkeys))
		return -1;
	s->wseen = xcalloc(s->nwkeys + 1, 1);
	return 0;
}

/* wseen bits: the file is in the folder; it was read or written this
 * run; it was warned of this run. */
enum { W_THERE = 1, W_NEW = 2, W_SAID = 4 };

static void
mark(struct sync *s, const char *name, unsigned char bits)
{
	char key[SYNC_WARN_KEYSZ], (*hit)[SYNC_WARN_KEYSZ];

	if (s->nwkeys == 0)
		return;
	key_of(name, key);
	if ((hit = bsearch(key, s->wkeys, s->nwkeys, sizeof(*s->wkeys),
	    by_key)) != NULL)
		s->wseen[hit - s->wkeys] |= bits;
}

void
sync_warn_seen(struct sync *s, const char *name)
{
	mark(s, name, W_THERE);
}

void
sync_warn_changed(struct sync *s, const char *name)
{
	mark(s, name, W_NEW);
}

int
sync_warn_due(struct sync *s, const char *name, long long mtime,
    long long size, long long inode)
{
	char key[SYNC_WARN_KEYSZ], version[72];
	int rc;

	key_of(name, key);
	snprintf(version, sizeof(version), "%lld %lld %lld", mtime, size,
	    inode);
	if ((rc = store_sync_warned(s->st, s->dir, key, version)) == -1)
		return -1;
	mark(s, name, W_SAID);
	/* A file may have more than one thing said of it in one run (two
	 * bad fields): all of them, the first time. */
	if (rc == 1 && strcmp(key, s->wnow) != 0)
		return 0;
	memcpy(s->wnow, key, sizeof(key));
	return 1;
}

int
sync_warn(struct sync *s, const char *name, long long mtime, long long size,
    long long inode, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int rc;

	if ((rc = sync_warn_due(s, name, mtime, size, inode)) != 1)
		return rc;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warning("%s", msg);
	return 0;
}

int
sync_warn_prune(struct sync *s)
{
	/* Forgotten: the warnings of files gone, and of files read or
	 * written anew that nothing was said of this time. */
	for (size_t i = 0; i < s->nwkeys; i++) {
		unsigned char b = s->wseen[i];

		if ((!(b & W_THERE) || ((b & W_NEW) && !(b & W_SAID))) &&
		    store_sync_warned_forget(s->st, s->dir,
		    s->wkeys[i]) == -1)
			return -1;
	}
	return 0;
}

void
sync_warn_free(struct sync *s)
{
	free(s->wkeys);
	free(s->wseen);
}
