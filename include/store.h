/*
 * store: the journal's SQLite database, the only module that sees SQL.
 *
 * Everything else works with the records of model.h.  Each command runs in
 * one transaction (store_begin .. store_commit, or store_rollback on any
 * error), so a failed command leaves the database as it was.  Functions
 * report their own errors through error() and return -1; "not found" is
 * returned as 1 without a message, for the caller to word.
 */
#ifndef CALLLOG_STORE_H
#define CALLLOG_STORE_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

/*
 * Open the journal at path, enable WAL, foreign keys and a busy timeout,
 * and bring its schema up to date.  A missing journal is created whole
 * (its directory 0700, the file 0600) unless flags say otherwise.  A
 * database written by a newer calllog, another program's database, or a
 * file that is not a database, is refused and left untouched.  Returns 0
 * and sets *out, or -1 after reporting.
 */
int store_open(const char *path, unsigned flags, struct store **out);

enum {
	STORE_NOCREATE = 1 << 0,	/* a missing journal is an error */
	STORE_READ = 1 << 1,	/* a missing journal reads as an empty one,
				   kept in memory: no file is created */
	STORE_EARLY = 1 << 2	/* a missing journal is created at once,
				   not when the first change is published */
};

/*
 * After a successful store_commit: a journal this command started becomes
 * visible at its path, if it now holds a case or a number (until then it
 * has a private name, so a command that fails, or changes nothing, leaves
 * no file).  Does nothing for a journal that existed.
 * Returns 0, or -1 after reporting (nothing was kept).
 */
int store_publish(struct store *st);

/* The path the store was opened with. */
const char *store_path(const struct store *st);

/* Close the database; accepts NULL. */
void store_close(struct store *st);

/* Start the command's transaction; write takes the write lock at once so a
 * concurrent writer waits here (busy timeout) rather than failing later. */
int store_begin(struct store *st, int write);
int store_commit(struct store *st);
/* store_commit, or store_rollback when the command changed no row. */
int store_finish(struct store *st);
void store_rollback(struct store *st);

/*
 * History (store_history.c).  Each writing command is one change: main
 * names the command, and its write transaction records every row it
 * touches, old and new values.
 */
void store_set_command(struct store *st, const char *command, time_t now);

/* What the change did, in a few words ("deleted call 4"), for history
 * and undo to show; no personal text, which a purge could not reach. */
int store_change_describe(struct store *st, const char *summary);

struct change_info {
	long long id;
	time_t at;
	char *command;
	char *summary;		/* NULL: none */
	time_t undone_at;	/* 0: not undone */
	int purged;
};

/* One row a change touched; JSON of its stored columns before and after
 * (NULL for an insert's old or a delete's new). */
struct change_row {
	const char *table;	/* "cases", "calls", "call_refs", "case_events" */
	const char *op;		/* "insert", "update", "delete" */
	long long row_id;	/* call_refs: the call */
	int pos;		/* call_refs: the position; else -1 */
	long long case_id;
	const char *old_json, *new_json;
};

void change_info_clear(struct change_info *c);

/*
 * Undo the newest change not yet undone: every row it touched gets its
 * old values back.  Undo is not itself recorded, so a second undo reaches
 * the change before.  Returns 0 with *out describing the change undone
 * (change_info_clear it), 1 when nothing is left to undo, 2 (with *out
 * describing it, nothing changed) when that change was purged, which
 * cannot be undone, nor can any change before it; -1 after reporting.
 */
int store_undo(struct store *st, time_t now, struct change_info *out);

/*
 * Call fn for each row of the newest limit changes (0: all), newest
 * change first, its rows in order; only those of case_id unless it is 0.
 * A change with no row of its own is passed once with row NULL.  Records
 * are valid only during the call.
 */
int store_history_each(struct store *st, long long case_id, long limit,
    int (*fn)(const struct change_info *, const struct change_row *, void *),
    void *arg);

/*
 * --purge: store_purge_begin before the command writes (freed space is
 * zeroed), store_change_purge after: the old values it replaced are
 * scrubbed from every recorded version of their rows, the rows it deleted
 * leave the history altogether, and the change is marked purged (it
 * cannot be undone).  At commit the file is vacuumed and its WAL emptied.
 */
int store_purge_begin(struct store *st);
int store_change_purge(struct store *st);

/* The schema version of the open database, and the newest this binary
 * knows. */
int store_schema_version(struct store *st);
int store_schema_latest(void);

/*
 * Organization name as the journal already spells it: an alias ("amex")
 * or a case-insensitive match of an existing case's organization gives the
 * stored spelling; anything else is returned as given.  The caller frees
 * *out.
 */
int store_org_canonical(struct store *st, const char *org, char **out);

/* Every name that answers for an organization: each case's organization
 * (newest spelling first) and each alias.  The caller frees with
 * org_names_free. */
struct org_name;
int store_org_names(struct store *st, struct org_name **out, size_t *n);
void org_names_free(struct org_name *v, size_t n);

/* The ids of the cases whose uuid starts with prefix (lower case), at
 * most max, lowest first; returns how many, or -1. */
int store_case_uuid_prefix(struct store *st, const char *prefix,
    long long *ids, int max);

/* Insert c, keeping its uuid and id when set (an import) and filling in
 * new ones otherwise; update every stored field of c->id. */
int store_case_insert(struct store *st, struct cl_case *c);
int store_case_update(struct store *st, const struct cl_case *c);

/* Load case id with its derived fields.  0 found, 1 not found, -1 error.
 * The caller case_clear()s *out. */
int store_case_get(struct store *st, long long id, struct cl_case *out);

/* Insert a call and its reference numbers, keeping its uuid and id when
 * set and filling in new ones otherwise. */
int store_call_insert(struct store *st, struct cl_call *c);

/* Update every stored field of call c->id; with refs, replace its
 * reference numbers by c's. */
int store_call_update(struct store *st, const struct cl_call *c, int refs);

/* Load call id with its refs and its case's org: 0, 1 not found, -1. */
int store_call_get(struct store *st, long long id, struct cl_call *out);

/* Delete a call, or a case with its calls, refs and events: 0, 1 when
 * there was none, -1 after reporting. */
int store_call_delete(struct store *st, long long id);
int store_case_delete(struct store *st, long long id);

/* Insert a case event; fills id and uuid. */
int store_event_insert(struct store *st, struct cl_event *e);

/* The events call k recorded on its case (an escalation or reopening by
 * its outcome, at its time, without a note) follow it: to case to_case,
 * or, when to_case is 0 (the call was deleted), away with it.  A
 * reopening is removed either way: the replay (case_replay.h) works out
 * whether the case it is on now was resolved. */
int store_call_events_follow(struct store *st, const struct cl_call *k,
    long long to_case, time_t now);

/* Record a note (a new uuid unless n has one; its id unless n->id is 0,
 * as import into an empty journal keeps ids); n->id is set. */
int store_note_insert(struct store *st, struct cl_note *n);

/* The case's notes, oldest first; case_id 0: every note. */
int store_notes_each(struct store *st, long long case_id,
    int (*fn)(struct cl_note *, void *), void *arg);

/*
 * Attachments (schema/010_attachments.sql; DESIGN.md "Evidence"): files
 * kept inside the journal with a case, and on one of its calls or not.
 * The bytes are stored once per content, keyed by their SHA-256.
 */
struct cl_attachment {
	long long id;
	char uuid[UUID_BUFSZ];
	long long case_id;
	long long call_id;	/* 0: on the case, on no call */
	char call_uuid[UUID_BUFSZ];	/* read: the call's uuid, "" none */
	char *name;		/* a base name, checked like a line field */
	char *media_type;	/* from the bytes (mediatype.h) */
	long long size;
	char sha256[65];	/* lower-case hex */
	time_t added;
	char *note;		/* NULL: none */
};

void attachment_clear(struct cl_attachment *a);

/*
 * Where an attachment's bytes come from: mem (size bytes), or, when mem
 * is NULL, the open descriptor fd, read from its current offset for
 * exactly size bytes, in chunks, so that memory does not grow with the
 * file (a file that ends early or grows meanwhile is refused).
 */
struct attach_src {
	const void *mem;
	int fd;
	long long size;
};

/*
 * Keep the bytes of src with attachment a, within the command's change:
 * a->case_id (, a->call_id), a->name, a->media_type, a->added and a->note
 * are the caller's, checked; a->size, a->sha256, a->uuid (unless set) and
 * a->id are filled.  Bytes already in the journal are not stored again.
 * The caller bounds the size (config's [attach] max_size) and redacts
 * text before; an empty source is refused.  0, or -1 after reporting.
 * `calllog mail` keeps its .eml this way, from memory.
 */
int store_attach(struct store *st, struct cl_attachment *a,
    const struct attach_src *src);

/* Remove attachment id (its bytes stay for undo; a purge drops the bytes
 * nothing names any more).  0, 1 when there is none, -1 after reporting. */
int store_attachment_delete(struct store *st, long long id);

/* Attachment id into *a: 0, 1 when there is none, -1 after reporting. */
int store_attachment_get(struct store *st, long long id,
    struct cl_attachment *a);

/* The attachment whose hash starts with prefix (at least 4 hex digits),
 * its id into *id: 0; 1 none; 2 more than one; -1 after reporting. */
int store_attachment_by_hash(struct store *st, const char *prefix,
    long long *id);

/* The attachments of case_id (0: all), in timeline order: by their
 * call's time when on a call, else by when they were added. */
int store_attachments_each(struct store *st, long long case_id,
    int (*fn)(struct cl_attachment *, void *), void *arg);

/* The stored bytes of the blob sha256, in chunks, to sink (which returns
 * 0, or -1 after reporting), then checked against the hash.  0, or -1
 * after reporting. */
int store_blob_read(struct store *st, const char *sha256,
    int (*sink)(const void *p, size_t n, void *arg), void *arg);

/* Check every blob's bytes against its hash; fn is called with each one
 * that does not match (or whose size is wrong).  Returns the number of
 * mismatches, or -1 after reporting. */
int store_blobs_verify(struct store *st,
    void (*fn)(const char *sha256, const char *found, void *), void *arg);

struct case_filter {
	int unresolved;		/* only cases not resolved */
	const char *org;	/* prefix or alias, case-insensitive; NULL: all */
	time_t due_before;	/* only follow-ups due at or before; 0: all */
	long limit;		/* 0: no limit */
	int contact;		/* fill last_number, last_rep and refs */
	const char *status;	/* only this stored status; NULL: any */
	time_t since;		/* only cases updated at or after; 0: all */
	int by_activity;	/* newest activity (updated) first instead */
};

/* Whether any unresolved case has an amount in dispute: 1, 0, or -1. */
int store_open_amounts(struct store *st);

/*
 * Call fn for each matching case, the most urgent first: cases with a
 * follow-up by its time (so overdue ones lead), then those without, newest
 * first.  A nonzero return from fn stops the walk and is returned.  The
 * record passed to fn is only valid during the call.
 */
int store_cases_each(struct store *st, const struct case_filter *f,
    int (*fn)(struct cl_case *, void *), void *arg);

struct call_filter {
	long long case_id;	/* 0: all cases */
	const char *org;	/* as in case_filter */
	time_t since;		/* 0: all time */
	int oldest_first;	/* timeline order instead of newest first */
	long limit;
};

/* Call fn for each matching call, with its refs and the case's org. */
int store_calls_each(struct store *st, const struct call_filter *f,
    int (*fn)(struct cl_call *, void *), void *arg);

/* Call fn for each event of a case, oldest first. */
int store_events_each(struct store *st, long long case_id,
    int (*fn)(struct cl_event *, void *), void *arg);

/*
 * Copy the whole database to dest with SQLite's online backup API, inside
 * the current read transaction so the copy is consistent while others
 * write; the copy is written beside dest, switched to a single-file
 * journal, synced and renamed over dest.  Returns 0, or -1 after reporting.
 */
int store_backup(struct store *st, const char *dest);

/*
 * Check the database's integrity and foreign keys, calling fn with a
 * one-line description of each problem.  Returns the number of problems,
 * or -1 when the checks could not run.
 */
int store_check(struct store *st, void (*fn)(const char *problem, void *arg),
    void *arg);

/* Number of cases whose stored call figures are stale (first: the lowest
 * id), or -1. */
int store_check_summary(struct store *st, long long *first);

/* Check the history (store_history.c): the newest recorded version of
 * every row that was not undone is the row as stored.  Calls fn for each
 * problem; returns their number, or -1. */
int store_check_history(struct store *st, void (*fn)(const char *problem,
    void *arg), void *arg);

/* The journal mode ("wal"); the caller frees. */
char *store_journal_mode(struct store *st);

struct directory;
struct dir_entry;

/* Append the person's own directory entries to d. */
int store_directory_load(struct store *st, struct directory *d);

/* The shipped directory with the person's own merged in (directory_merge):
 * what every command that offers a number reads. */
int store_directory_merged(struct store *st, struct directory *d);

/* Add (or update the note of) a number in the person's directory. */
int store_directory_add(struct store *st, const struct dir_entry *e,
    time_t now);

/* Remove the person's numbers for org and purpose (only number, when not
 * NULL).  Returns how many were removed, or -1. */
int store_directory_remove(struct store *st, const char *org,
    const char *purpose, const char *number);

/* What calls to a number taught: call_clear-free, free(ivr) after use. */
struct number_stats {
	int calls;
	time_t last_call;
	char *ivr;		/* the newest IVR path recorded; NULL: none */
	long median_hold;	/* seconds; -1: never recorded */
};

int store_number_stats(struct store *st, const char *e164,
    struct number_stats *out);

/* Whether reminder (kind, key) was delivered for the case: 1 yes, 0 no,
 * -1 error. */
int store_reminder_sent(struct store *st, long long case_id, int kind,
    time_t key);

/* Record that it was delivered at time at. */
int store_reminder_mark(struct store *st, long long case_id, int kind,
    time_t key, time_t at);

/* One result of store_search_each, valid only during the callback. */
struct search_hit {
	struct cl_call call;	/* with its refs and the case's org */
	const char *snippet;	/* the best matching text, each match in
				 * [ ]; NULL when the call is listed only
				 * because its case has the reference */
	int by_reference;	/* its case has the reference number text */
};

/*
 * Full-text search over calls and their cases: every word of text must
 * match (the last also as a prefix), whatever characters it holds, since
 * text is quoted before SQLite reads it.  Calls on a case that has text
 * as a reference number (case-insensitively, spaces and dashes aside)
 * come first, then the best matches by bm25, reference numbers and titles
 * weighing most.  fn is called for at most limit hits (0: all); a nonzero
 * return stops the walk and is returned.  Blank text matches nothing.
 */
int store_search_each(struct store *st, const char *text, long limit,
    int (*fn)(struct search_hit *, void *), void *arg);

/* Call fn for each case that has text as a reference number, as
 * store_search_each compares them, lowest case id first, with the
 * reference as it was stored. */
int store_ref_cases_each(struct store *st, const char *text,
    int (*fn)(long long case_id, const char *ref, void *), void *arg);

/*
 * Export and import (store_export.c, store_import.c): every row as stored,
 * ids, uuids and times included, so a journal can be copied whole.
 */

/* A case event with the time its row last changed. */
struct event_row {
	struct cl_event ev;
	time_t updated;
};

/* A row of the person's own directory of numbers. */
struct directory_row {
	long long id;
	char uuid[UUID_BUFSZ];
	char *org;
	char *purpose;
	char *number;		/* E.164 */
	char *note;		/* NULL: none */
	time_t updated;
};

/* Free the row's strings; accepts a zeroed row. */
void directory_row_clear(struct directory_row *d);

/* A reminder that was delivered (reminders_sent), its case by uuid. */
struct sent_reminder {
	char case_uuid[UUID_BUFSZ];
	int kind;		/* enum reminder_kind (policy.h) */
	time_t due;
	time_t sent;
};

/*
 * Call fn for every row, cases by id with their stored fields only (the
 * derived ones stay zero), a case's events oldest first, directory rows
 * by id and reminders by case.  A nonzero return from fn stops the walk
 * and is returned; records are valid only during the call.
 */
int store_export_cases(struct store *st,
    int (*fn)(struct cl_case *, void *), void *arg);
int store_export_events(struct store *st, long long case_id,
    int (*fn)(struct event_row *, void *), void *arg);
int store_export_directory(struct store *st,
    int (*fn)(struct directory_row *, void *), void *arg);
int store_export_reminders(struct store *st,
    int (*fn)(struct sent_reminder *, void *), void *arg);

/* Whether the journal holds no case and no directory entry: 1 yes, 0 no,
 * -1 error. */
int store_journal_is_empty(struct store *st);

/* What already carries uuid: 1 with *what ("case", "call", "event",
 * "directory entry") and its *id, 0 nothing, -1 error. */
int store_uuid_owner(struct store *st, const char *uuid, const char **what,
    long long *id);

/* The id of the directory row with d's organization, purpose and number:
 * 1 found, 0 none, -1 error. */
int store_directory_row_find(struct store *st, const struct directory_row *d,
    long long *id);

/*
 * Insert a row exactly as given: uuid, times and every field.  With
 * keep_id the row keeps its id (the journal must not have it); else it
 * gets a new one, written back.  A call's case_id must exist.  Returns 0,
 * or -1 after reporting.
 */
int store_import_case(struct store *st, struct cl_case *c, int keep_id);
int store_import_call(struct store *st, struct cl_call *k, int keep_id);
int store_import_event(struct store *st, struct event_row *e, int keep_id);
int store_import_note(struct store *st, struct cl_note *n, int keep_id);
int store_import_directory(struct store *st, struct directory_row *d,
    int keep_id);
int store_import_reminder(struct store *st, const struct sent_reminder *r);

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

/* Load the case with this uuid.  0 found, 1 not found, -1 error. */
int store_case_get_uuid(struct store *st, const char *uuid,
    struct cl_case *out);

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
