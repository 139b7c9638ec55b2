/*
 * vdir_int.h: what the two files of `ical --vdir` share: the folder as
 * one run sees it (vdir.c mirrors the open cases into it, vdir_read.c
 * reads back what someone else did to it first).  Nothing else includes
 * it.
 */
#ifndef CALLLOG_VDIR_INT_H
#define CALLLOG_VDIR_INT_H

#include <limits.h>
#include <stddef.h>

#include "folder.h"
#include "store.h"

#define ICS_MAX (1024 * 1024)

struct mirror {
	struct ctx *ctx;
	struct folder fo;		/* the folder, open and locked: files
					   are reached through it, never
					   through a link; fo.path is the key
					   of its rows */
	struct vdir_file *f;		/* remembered files, sorted by name */
	struct state {
		int seen;		/* still an item of the calendar */
		int unreadable;		/* left alone this run */
		int foreign;		/* changed by someone else */
		int disk_seq;		/* the SEQUENCE found in it then */
		int dismissed;		/* newly dismissed: to remember */
	} *s;
	size_t n;
	size_t added, changed, removed;
};

/* A hash of text, as the folder's rows keep it: 16 hex digits. */
void vdir_hash(const char *text, char out[17]);

/* The file name of the folder as given, for messages; caller frees. */
char *vdir_path(const struct mirror *m, const char *name);

/* Read back each remembered file that someone else changed or deleted,
 * applying what it says to the journal.  Returns 0, or -1 after
 * reporting. */
int vdir_read_back(struct mirror *m);

#endif
