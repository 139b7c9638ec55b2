/*
 * store_sync.h: what the journal remembers of folders of iCalendar files,
 * for `ical --vdir` (store_vdir.c) and `sync` (store_sync.c,
 * store_syncwarn.c, store_sync_attach.c).
 * Part of store.h, which includes it; the conventions are store.h's.
 */
#ifndef CALLLOG_STORE_SYNC_H
#define CALLLOG_STORE_SYNC_H

#include <stddef.h>
#include <time.h>

#include "model.h"
#include "store_attach.h"

struct store;

/*
 * What `ical --vdir` last wrote to a file of a folder (schema/006_vdir.sql):
 * the file is calllog's by this row, whatever PRODID it now carries.
 */
struct vdir_file {
	char *name;			/* in the folder */
	char case_uuid[UUID_BUFSZ];
	int escalation;			/* the escalation deadline, else the
					   follow-up */
	char hash[17];			/* of what was written; "" unknown */
	time_t due;			/* the due time written */
	int sequence;			/* the SEQUENCE written */
	int level;			/* escalation: the level asked for */
	time_t dismissed_due;		/* deleted or cancelled while due
					   then; 0: not dismissed */
};

/* Every file remembered for dir (a resolved path), by name; the caller
 * frees them with store_vdir_free.  Returns 0, or -1 after reporting. */
int store_vdir_load(struct store *st, const char *dir, struct vdir_file **out,
    size_t *n);
void store_vdir_free(struct vdir_file *v, size_t n);

/* Remember f as written to dir, or forget the file named name. */
int store_vdir_put(struct store *st, const char *dir,
    const struct vdir_file *f);
int store_vdir_delete(struct store *st, const char *dir, const char *name);

/* Whether `calllog sync` keeps folder path (resolved) equal to this
 * journal: 1, 0, or -1 after reporting. */
int store_vdir_is_sync(struct store *st, const char *path);

/*
 * `calllog sync DIR` (store_sync.c): the journal's records as the fields
 * of syncrec.h, and what the sync last agreed with a folder.
 */
struct sync_rec;

/* A record as store_sync_records_each first shows it: without its
 * fields, with what the sync state of the folder holds of it. */
struct sync_peek {
	const char *uuid;
	const char *fp;		/* its fingerprint (sync_rec_fingerprint) */
	int out;		/* its case was resolved before the cutoff */
	const char *st_name;	/* the file the state has carrying it;
				   NULL: none */
	const char *st_fp;	/* the fingerprint of the state's base */
};

/* For every record of kind (enum sync_kind), or those whose uuid is
 * from lo up to hi (NULL: all), with the sync state of folder dir (0:
 * without it) and a cutoff (0: none): want returns 1 to have fn called
 * with the whole record, 0 to go on, -1 to stop; fn returns 0 or -1.
 * Returns 0, or -1. */
int store_sync_records_each(struct store *st, int kind, long long dir,
    time_t cutoff, const char *lo, const char *hi,
    int (*want)(const struct sync_peek *, void *),
    int (*fn)(struct sync_rec *, void *), void *arg);

/* The kind of the journal's record with this uuid (enum sync_kind), -1
 * when there is none, -2 on error: a uuid names one record of one kind. */
int store_sync_kind_of(struct store *st, const char *uuid);

/* The record of kind with uuid into *out (kind set): 0, 1 none, -1. */
int store_sync_record_get(struct store *st, int kind, const char *uuid,
    struct sync_rec *out);

/* Write r as the record with its uuid, updating it or adding it (a new
 * local id).  Returns 0, 1 when a call's or event's case is not in the
 * journal (nothing written), -1 after reporting. */
int store_sync_apply(struct store *st, const struct sync_rec *r);

/* Delete the record of kind with uuid (a case with its calls): 0, 1 when
 * there was none, -1. */
int store_sync_delete(struct store *st, int kind, const char *uuid);

/* A record about to be deleted, by the ids people use. */
struct sync_named {
	int kind;		/* enum sync_kind */
	long long id;		/* its own id (a case's: case_id) */
	long long case_id;
	const char *title;	/* its case's; NULL: none */
	const char *org;	/* its case's */
};

/* store_sync_delete, first telling fn of each record that goes: the
 * record, and a case's calls and events still in the journal.  fn
 * returns 0, or -1 to stop.  Returns as store_sync_delete. */
int store_sync_delete_named(struct store *st, int kind, const char *uuid,
    int (*fn)(const struct sync_named *, void *), void *arg);

/* The id of folder path (resolved), remembered from now on. */
int store_sync_dir(struct store *st, const char *path, long long *dir);

/* Whether `ical --vdir` keeps reminders in folder path: 1, 0, -1. */
int store_sync_is_reminders(struct store *st, const char *path);

/* An item of a folder as the sync last wrote or read it. */
struct sync_item {
	char *name;		/* the file's name in the folder */
	char *uid;		/* the item's UID */
	char rec[UUID_BUFSZ];	/* the record it carries; "": none */
	int kind;		/* enum sync_kind; -1: not calllog's */
	long long mtime;	/* nanoseconds */
	long long size, inode;
	int sequence;		/* the SEQUENCE written */
	char fp[17];		/* fingerprint of the base; "": none */
};

/* Every item remembered for dir, by name, read as a stream: fn gets each
 * (its name and uid valid during the call only) and returns 0, or -1 to
 * stop.  Returns 0, or -1. */
int store_sync_state_each(struct store *st, long long dir,
    int (*fn)(const struct sync_item *, void *), void *arg);

/* The same, for the items of calllog's records that the journal no
 * longer has (by uuid, of any kind), of records from lo up to hi (NULL:
 * all). */
int store_sync_orphans(struct store *st, long long dir, const char *lo,
    const char *hi, int (*fn)(const struct sync_item *, void *), void *arg);

/* The same, for the items of case case_uuid's calls and events: what
 * deleting the case here would delete with it. */
int store_sync_children(struct store *st, long long dir,
    const char *case_uuid, int (*fn)(const struct sync_item *, void *),
    void *arg);

/* The item remembered as file name, or (name NULL) carrying record rec,
 * into *out (store_sync_item_clear it): 0, 1 none, -1. */
int store_sync_get(struct store *st, long long dir, const char *name,
    const char *rec, struct sync_item *out);
void store_sync_item_clear(struct sync_item *it);

/* The base of item name (base->kind set) and its extra text (caller
 * frees): 0, 1 when it has no base (extra still read), -1. */
int store_sync_base(struct store *st, long long dir, const char *name,
    struct sync_rec *base, char **extra);

/* Remember it with base (NULL: not calllog's) and extra; update only its
 * file's stat; forget it. */
int store_sync_put(struct store *st, long long dir, const struct sync_item *it,
    const struct sync_rec *base, const char *extra);
int store_sync_touch(struct store *st, long long dir,
    const struct sync_item *it);
int store_sync_forget(struct store *st, long long dir, const char *name);
int store_sync_forget_rec(struct store *st, long long dir, const char *rec);

/* The key of a file in sync_warned: a hash of its name, in hex. */
#define SYNC_WARN_KEYSZ 17

/* Whether the file key's version was already warned of: 1; 0 when not
 * (now remembered as warned of); -1 after reporting. */
int store_sync_warned(struct store *st, long long dir, const char *key,
    const char *version);

/* The keys warned of in dir, sorted (free them); forget one. */
int store_sync_warned_keys(struct store *st, long long dir,
    char (**keys)[SYNC_WARN_KEYSZ], size_t *n);
int store_sync_warned_forget(struct store *st, long long dir,
    const char *key);

/* A record whose only change since the sync state's base is its updated
 * time (a case touched by a call carried from the folder): the base takes
 * that time, so that the next sync does not see it changed here; the
 * folder's item differs only in a time that every journal reading it sets
 * the same way.  0, or -1. */
int store_sync_rebase(struct store *st, long long dir, int kind,
    const char *rec);

/*
 * Sync and attachments (store_sync_attach.c): the files on a record's
 * item (a call's; a case's that are on no call), by id, with name,
 * media_type, size and sha256 set: fn's return stops and is returned.
 */
int store_record_attachments(struct store *st, int kind, const char *uuid,
    int (*fn)(struct cl_attachment *, void *), void *arg);

/* The case and call (0: none) of record uuid: 0, 1 none, -1. */
int store_record_ids(struct store *st, int kind, const char *uuid,
    long long *case_id, long long *call_id);

/* 1 when the journal keeps any file, 0 when not, -1. */
int store_has_attachments(struct store *st);

/* Set the fingerprint remembered for item name to fp (its files folded
 * in) when it is was (the record as agreed is the journal's). */
int store_sync_set_fp(struct store *st, long long dir, const char *name,
    const char *was, const char *fp);
#endif
