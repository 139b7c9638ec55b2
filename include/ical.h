/*
 * ical: the iCalendar (RFC 5545) form of open cases' follow-ups and
 * escalation deadlines, built with libical, the only module including it.
 *
 *	struct cal *cal = cal_create(&(struct cal_options){ .now = now,
 *	    .policy = &policy });
 *	cal_add_case(cal, &c);			// for each open case
 *	char *text = cal_text(cal);		// one VCALENDAR
 *	free(text);
 *	cal_release(cal);
 *
 * Times are written in UTC, because clients mishandle libical's TZID
 * paths.  Each item has a stable UID from the case's uuid, DTSTAMP,
 * LAST-MODIFIED and a SEQUENCE that rises whenever its due time moves.
 */
#ifndef CALLLOG_ICAL_H
#define CALLLOG_ICAL_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "model.h"
#include "policy.h"
#include "redact.h"
#include "syncrec.h"

struct cal_options {
	int events;		/* VEVENTs instead of VTODOs */
	time_t now;		/* DTSTAMP */
	const struct policy *policy;
};

struct cal;

struct cal *cal_create(const struct cal_options *o);
void cal_release(struct cal *cal);	/* accepts NULL */

/* Add the case's follow-up and, when it has one, its escalation
 * deadline.  The case needs its contact details (store's `contact`). */
void cal_add_case(struct cal *cal, const struct cl_case *c);

/* What an item is about. */
struct cal_item {
	char case_uuid[UUID_BUFSZ];
	int escalation;		/* the escalation deadline, else the follow-up */
	int level;		/* escalation: the level it asks for */
	time_t due;
	int sequence;
};

/* Items added so far, the UID of item i, and what it is about. */
size_t cal_count(const struct cal *cal);
const char *cal_item_uid(const struct cal *cal, size_t i);
const struct cal_item *cal_item_info(const struct cal *cal, size_t i);

/* Raise item i's SEQUENCE (a file's may never go down). */
void cal_item_set_sequence(struct cal *cal, size_t i, int seq);

/* What a calendar client left in a vdir file, as calllog reads it back. */
struct cal_read {
	char uid[256];
	int todo;		/* a VTODO, else a VEVENT */
	int completed;		/* STATUS:COMPLETED or PERCENT-COMPLETE:100 */
	int cancelled;		/* STATUS:CANCELLED */
	time_t due;		/* DUE, or an event's DTSTART; 0: none */
	int sequence;
	const char *bad;	/* the property that is no valid date, when
				   cal_read_item fails for it; else NULL */
};

/* Read the first to-do (or event) of a calendar's text.  Returns 0, or -1
 * without a message when the text holds no readable item. */
int cal_read_item(const char *text, struct cal_read *out);

/* Item i alone in a VCALENDAR, as a vdir file holds it; caller frees. */
char *cal_item_text(const struct cal *cal, size_t i);

/* The calendar written as it is made: the head, the items added since
 * the last call (freed once written), the tail. */
void cal_stream_head(FILE *fp);
void cal_stream_items(struct cal *cal, FILE *fp);
void cal_stream_tail(FILE *fp);

/* The whole calendar; caller frees. */
char *cal_text(const struct cal *cal);

/*
 * `calllog sync` (ical_item.c): a record as the item a folder keeps, and
 * back.  A case is a VTODO, a call or a case event a VJOURNAL related to
 * its case (RELATED-TO;RELTYPE=PARENT).
 */

/* The item text of r under UID uid with SEQUENCE seq, the client's lines
 * extra (as cal_sync_read gave them; NULL: none) kept; caller frees.
 * NULL after reporting (libical cannot be loaded). */
char *cal_sync_write(const struct sync_rec *r, const char *uid, int seq,
    const char *extra);

/* The kept lines extra (as cal_sync_read gives them) redacted again, as
 * a journal an older calllog filled may keep them raw; NULL for NULL;
 * caller frees. */
char *cal_sync_extra_redact(const char *extra);

struct cal_sync_item {
	int kind;		/* enum sync_kind; -1: no record of calllog's
				   (another client's to-do, a note under no
				   case) */
	int foreign;		/* a journal entry another client made under
				   a case: a call whose notes are its text */
	char uid[256];
	int sequence;
	struct sync_rec rec;	/* the fields as the item has them, updated
				   its LAST-MODIFIED; uuid not set */
	int reminder;		/* a reminder of `ical --vdir`, no item of
				   sync's */
	int bare;		/* none of calllog's X-CALLLOG- lines: a
				   client dropped them, or never had them */
	struct redact_counts kept_redacted;	/* taken out of the lines
						   kept (extra) */
	char kept_first[64];	/* the property the first of it was in */
};

/*
 * Read a folder's item: 0 with *out (sync_rec_clear its rec) and *extra,
 * the item's lines calllog does not know, one a line (caller frees; NULL:
 * none); -1 with why when it is no complete iCalendar item.  Nothing is
 * checked beyond the form: sync_rec_check does that.
 */
int cal_sync_read(const char *text, struct cal_sync_item *out, char **extra,
    char *why, size_t size);

/*
 * The same for an item whose UID is a record this journal knows, known
 * (the version last agreed, or the journal's), when cal_sync_read found
 * it bare: a client that saves an item back with standard properties only
 * leaves it that record.  The fields calllog's lines carried are "not
 * known here": they are known's, never read as cleared; what the standard
 * properties say (SUMMARY, STATUS, DUE, DESCRIPTION...) is read over
 * them.  A journal entry calllog did not write (another client's note
 * under a case) is read as cal_sync_read reads it.
 */
int cal_sync_read_known(const char *text, const struct sync_rec *known,
    struct cal_sync_item *out, char **extra, char *why, size_t size);

#endif
