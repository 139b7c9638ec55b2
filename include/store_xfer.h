/*
 * store_xfer.h: the journal row by row for export and import
 * (store_export.c, store_import.c).
 * Part of store.h, which includes it; the conventions are store.h's.
 */
#ifndef CALLLOG_STORE_XFER_H
#define CALLLOG_STORE_XFER_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

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
#endif
