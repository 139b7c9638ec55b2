/*
 * sync_int.h: what the files of `calllog sync` share.  They stand in
 * floors, each file calling only files on floors beneath it (see
 * tools/house.py --floors):
 *
 *	sync.c			the walk of the records, sync_folder()
 *	sync_one_side.c, sync_pair.c
 *				what one side alone has; a merge
 *	sync_write.c, sync_actions.c, sync_list.c, sync_claims.c
 *				items written; the journal's changes; the
 *				folder listed; which file a record is
 *	sync_read.c		a changed file read and checked
 *	sync_attach_read.c, sync_bare.c, sync_folder.c
 *				its files; a client's bare item; a file
 *				written, a folder emptied refused
 *	sync_attach.c, sync_sums.c, sync_warn.c
 *				items' files; bucket sums; warnings once
 *	sync_base.c		kind names, the items' lookup, the report
 *
 * Not for other modules: sync.h is the interface.
 */
#ifndef CALLLOG_SYNC_INT_H
#define CALLLOG_SYNC_INT_H

#include <limits.h>
#include <stddef.h>

#include "folder.h"
#include "ical.h"
#include "store.h"
#include "sync.h"
#include "syncrec.h"
#include "util.h"

/* A file an item carries (sync_attach_read.c), checked: name through
 * exhibit_name, type from the bytes, text redacted, sha256 of the bytes
 * kept.  data NULL: a large file's line, only said to exist. */
struct sync_att {
	char *name;
	unsigned char *data;
	size_t size;
	char *type;
	char sha256[65];
	const char *why;	/* refused: why (data NULL) */
};

/* An item of the folder that changed since the last sync (or is new). */
struct remote {
	char *name;
	struct cal_sync_item item;	/* item.rec.uuid: the record */
	char *extra;
	long long mtime, size, inode;
	int redacted;			/* the journal's text differs */
	int bare;			/* a client dropped calllog's lines:
					   written again with them */
	unsigned bad;			/* fields that failed their check,
					   left out: the journal's kept */
	struct sync_att *att;		/* its files (sync_attach_read.c) */
	size_t natt;
	struct redact_counts att_found;	/* taken out of them */
	int owned;			/* its file is the one the sync state
					   has carrying the record */
	int done;
};

/* A change to the journal, made after the records were walked. */
struct action {
	int del;
	int added;			/* counted in added_here, taken back
					   if it cannot be applied */
	struct sync_rec rec;		/* del: kind and uuid only */
	struct sync_rec lost;		/* the losing values first, so the
					   history keeps them; kind -1: none */
};

struct sync {
	/* What the command gave (sync.h): the journal, the clock, the
	 * report's stream, the settings read. */
	struct store *st;
	time_t now;
	FILE *out;
	const struct sync_env *cfg;
	struct folder fo;		/* fo.shown: as given */
	long long dir;
	/* Of the sync state, only what is not as it should be is held:
	 * the state is read as a stream (sync_list.c, and the journal's
	 * records come with theirs). */
	struct gone {			/* items whose file is gone, by name */
		char *name;
		char rec[UUID_BUFSZ];
		int kind;
	} *gone;
	size_t ngone, cap_gone;
	char **bad;			/* files that could not be read, by
					   name */
	size_t nbad;
	char **orphans;			/* items whose record is gone here */
	size_t norphans;
	size_t nstate;			/* the state's items of records */
	/* Per bucket of uuids (their first four hex digits), a sum of a
	 * hash of each record's uuid and fingerprint, here and as the state
	 * has them: a bucket whose sums agree, no file of which changed or
	 * went, is as both sides last agreed, and its records are not
	 * looked at one by one. */
	unsigned long long *sum_here, *sum_state;
	unsigned char *dirty;		/* buckets to look at */
	int all_dirty;			/* a uuid in no bucket: look at all */
	struct remote *rm;		/* by uuid once read */
	size_t nrm, cap_rm;
	struct action *act;
	size_t nact, cap_act;
	char (*needed)[UUID_BUFSZ];	/* cases with calls or events new or
					   changed here */
	size_t nneeded;
	struct pending {		/* cases deleted in the folder */
		char uuid[UUID_BUFSZ];
		char *name;
	} *pend;
	size_t npend;
	time_t cutoff;			/* cases resolved before it stay out
					   of the folder; 0: none */
	char **leaving;			/* their files, removed at the end */
	size_t nleaving;
	size_t written, read, merged, here_deleted, there_deleted, skipped,
	    added_here, named;
	char (*wkeys)[SYNC_WARN_KEYSZ];	/* files warned of before (few: only
					   those a warning was said of) */
	unsigned char *wseen;		/* ...still in the folder */
	size_t nwkeys;
	char wnow[SYNC_WARN_KEYSZ];	/* the file warned of this run, last */
	int failed;
	int attachments;		/* the journal keeps files: items may
					   carry them (sync_attach.c) */
};

/*
 * The engine's floors, each calling only those before it: writing a
 * record's item (sync_write.c), the journal's changes gathered and
 * applied (sync_actions.c), a record changed in the folder merged
 * (sync_pair.c), what only one side has (sync_one_side.c); sync.c walks
 * the records and runs them in order.  Each int one is 0, or -1 after
 * reporting.
 */

/* Write record r as its item (old: its state row, NULL: none; rm: the
 * folder's item it answers, NULL: none; extra: other clients' lines)
 * and remember it as agreed. */
int sync_write_item(struct sync *s, const struct sync_rec *r,
    struct sync_item *old, const struct remote *rm, const char *extra);
/* Remember rm, its file as it is, as agreed on base. */
int sync_keep_remote(struct sync *s, const struct remote *rm,
    const struct sync_item *old, const struct sync_rec *base);
/* Write a record changed here, keeping what other clients added to its
 * item. */
int sync_write_record(struct sync *s, const struct sync_rec *r,
    struct sync_item *old);

/* Apply r to the journal once the records are walked, after lost (NULL:
 * none), the losing values the history keeps; delete a record then. */
struct action *sync_apply_later(struct sync *s, const struct sync_rec *r,
    const struct sync_rec *lost);
void sync_delete_later(struct sync *s, int kind, const char *uuid);
int sync_apply_actions(struct sync *s);
void sync_actions_free(struct sync *s);

/* A record changed in the folder (rm), and perhaps here (local_changed). */
int sync_pair(struct sync *s, struct sync_rec *local, struct remote *rm,
    struct sync_item *old, int local_changed);

/* Records of kind only the folder has; items whose record is gone here;
 * the files of cases that left the folder's bound. */
int sync_add_remote_only(struct sync *s, int kind);
int sync_remove_deleted(struct sync *s);
int sync_remove_leaving(struct sync *s);

/* Remember that the file of state item it is gone, or that file name
 * could not be read; each is told in the order of names (sync_sums.c). */
void sync_note_gone(struct sync *s, const struct sync_item *it);
void sync_note_bad(struct sync *s, const char *name);

#define SYNC_BUCKETS 65536

/* Add a record's uuid and fingerprint to the state's sum of its bucket;
 * have a record's bucket looked at (sync_sums.c, as what follows). */
void sync_sum_state(struct sync *s, const char *uuid, const char *fp);
void sync_dirty(struct sync *s, const char *uuid);

/* Whether file name is gone from the folder, or could not be read. */
int sync_file_gone(const struct sync *s, const char *name);
int sync_file_bad(const struct sync *s, const char *name);

/* The journal's sums (the changed files' records and the buckets whose
 * sums differ set dirty; s->all_dirty when many are): 0, or -1. */
int sync_sum_journal(struct sync *s);

/* The uuids of bucket b: from lo up to (not including) hi. */
void sync_bucket_range(int b, char lo[8], char hi[8]);

/* Leave out of s->rm, reported and remembered as another client's items,
 * the files that claim a record they cannot have (sync_claims.c); s->rm
 * is left sorted by record, one file each.  0, or -1. */
int sync_check_claims(struct sync *s);

/* When rm (read from text, the file of state row old, NULL: none) has
 * none of calllog's lines and names a record this journal knows, read it
 * again as that record, its calllog fields not known (sync_bare.c).
 * 0, or -1. */
int sync_read_bare(struct sync *s, const struct sync_item *old,
    const char *text, struct remote *rm);

/* "case", "call", "event", or "item" for another client's (sync_base.c,
 * as what follows). */
const char *sync_kind_name(int kind);

/* qsort and bsearch order of s->rm. */
int sync_remote_by_uuid(const void *a, const void *b);

/* The folder's item read of record uuid, once s->rm is sorted; NULL:
 * none. */
struct remote *sync_remote_find(const struct sync *s, const char *uuid);

/* A line of the sync's report (fmt: the whole line, without its
 * newline) on s->out. */
void sync_report(const struct sync *s, const char *fmt, ...) CL_PRINTF(2, 3);

/* Read the folder's changed files into s->rm, and note the files gone
 * (sync_list.c). */
int sync_scan(struct sync *s);

/* Read file name, changed since the state's item old (NULL: new), into
 * s->rm; a bad one is said once per version of it and skipped
 * (sync_read.c). */
int sync_read_file(struct sync *s, const char *name, long long mtime,
    long long size, long long inode, const struct sync_item *old);
/* What a remote read holds, freed (its slot stays the caller's). */
void sync_remote_free(struct remote *rm);

/* Refuse a folder that lost every record's item it held, or more than
 * half of them (at least ten), unless force_delete. */
int sync_check_emptied(struct sync *s, int force_delete);

/* Write text as the file name, whole (folder_put); its version into
 * it. */
int sync_put(struct sync *s, const char *name, const char *text,
    struct sync_item *it);

/* The files warned of by earlier syncs (sync_warn.c); one of them seen in
 * the folder; those not seen forgotten; freed. */
int sync_warn_load(struct sync *s);
void sync_warn_seen(struct sync *s, const char *name);
/* File name is read or written in this run (sync_warn.c). */
void sync_warn_changed(struct sync *s, const char *name);
int sync_warn_prune(struct sync *s);
void sync_warn_free(struct sync *s);

/* Whether a warning of file name, in the version its stat gives, is to
 * be said (1: now remembered as said), or was by an earlier sync (0);
 * -1 after reporting. */
int sync_warn_due(struct sync *s, const char *name, long long mtime,
    long long size, long long inode);

/* Warn (fmt: the whole message) of file name, in the version its stat
 * gives, unless an earlier sync warned of that version.  0, or -1. */
int sync_warn(struct sync *s, const char *name, long long mtime,
    long long size, long long inode, const char *fmt, ...) CL_PRINTF(6, 7);

/*
 * Attachments on items (sync_attach.c, sync_attach_read.c).  Write: add
 * record r's files to its item text; fold its files into a record's
 * fingerprint fp (kind -1: either kind); remember the item written for r
 * under name with that fingerprint.  With rm (the folder's item the
 * record is written for; NULL: none), the files rm brings that the
 * record does not hold yet count as its, after its own: they are kept
 * once the sync applied rm, in that order.  Read: take the ATTACH lines out of
 * a folder's item text into rm; keep them once applied.
 * Each 0, or -1 after reporting.
 */
/* The most bytes of files one item carries inline, whatever [sync]
 * attach_max says: items stay readable (sync_read.c's ICS_MAX). */
#define SYNC_ATTACH_ITEM_MAX (1024 * 1024)

int sync_attach_write(struct sync *s, const struct sync_rec *r,
    const struct remote *rm, char **text);
int sync_attach_fp(struct sync *s, int kind, const char *uuid,
    const struct remote *rm, char fp[17]);
int sync_attach_settle(struct sync *s, const struct sync_rec *r,
    const struct remote *rm, const char *name);
int sync_attach_take(struct sync *s, char *text, struct remote *rm);
int sync_attach_apply(struct sync *s);
void sync_attach_free(struct remote *rm);
/* Whether anything of rm's files was refused or redacted; say it (file
 * path), once per version of the file (sync_read.c asks sync_warn_due). */
int sync_attach_news(const struct remote *rm);
void sync_attach_report(const struct remote *rm, const char *path);

/* Strict base64 (padding only at its end) v into *out (caller frees),
 * *n bytes, at most max: 0, or -1 with why (sync_attach.c). */
int sync_b64_decode(const char *v, long long max, unsigned char **out,
    size_t *n, const char **why);

#endif
