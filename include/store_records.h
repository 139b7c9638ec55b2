/*
 * store_records.h: cases, calls, events and notes in the journal, and the
 * names organizations answer to (store_case.c, store_call.c, store_note.c,
 * store_move.c, store_promise.c).
 * Part of store.h, which includes it; the conventions are store.h's.
 */
#ifndef CALLLOG_STORE_RECORDS_H
#define CALLLOG_STORE_RECORDS_H

#include <stddef.h>
#include <time.h>

#include "model.h"

struct store;

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

/* Whether reminder (kind, key) was delivered for the case: 1 yes, 0 no,
 * -1 error. */
int store_reminder_sent(struct store *st, long long case_id, int kind,
    time_t key);

/* Record that it was delivered at time at. */
int store_reminder_mark(struct store *st, long long case_id, int kind,
    time_t key, time_t at);

/* Load the case with this uuid.  0 found, 1 not found, -1 error. */
int store_case_get_uuid(struct store *st, const char *uuid,
    struct cl_case *out);
#endif
