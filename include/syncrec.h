/*
 * syncrec: a journal record (case, call, case event) as `calllog sync`
 * carries it, and the field-by-field merge of two versions of it.
 *
 * A record is its uuid, the time it last changed and its fields as text,
 * in the order of the kind's field table (NULL: not set).  Times are UTC
 * seconds and amounts minor units, written in decimal; a call's reference
 * numbers are one field, a line each.  The same text is what the store
 * reads and writes, what the iCalendar item carries, and what the sync
 * state remembers as the version both sides last agreed on (the base), so
 * comparing two versions is comparing strings.  Pure: no I/O, no clock.
 */
#ifndef CALLLOG_SYNCREC_H
#define CALLLOG_SYNCREC_H

#include <stddef.h>
#include <time.h>

#include "field.h"
#include "model.h"

/* The kinds, their fields and the field numbers are field.h's: one
 * declaration every door checks against. */
extern const struct field_kind *const sync_kinds;

struct sync_rec {
	int kind;
	char uuid[UUID_BUFSZ];
	time_t updated;
	char *f[SYNC_FIELDS_MAX];	/* owned */
	/* When each field last changed (UTC seconds; 0: not known), as the
	 * item carries them (X-CALLLOG-CHANGED) and the base remembers
	 * them: what the merge decides on, field by field. */
	time_t t[SYNC_FIELDS_MAX];
};

/* Free the fields; accepts a zeroed record and leaves one. */
void sync_rec_clear(struct sync_rec *r);
void sync_rec_copy(struct sync_rec *dst, const struct sync_rec *src);

/* Set field i to a copy of v (NULL: unset). */
void sync_rec_set(struct sync_rec *r, int i, const char *v);

/* Field i of a time, or 0. */
time_t sync_rec_time(const struct sync_rec *r, int i);

/* The fields as one string, and back (for the base the sync state keeps):
 * each field is "LENGTH:TEXT," or "-," when unset, followed, when any is
 * known, by the fields' change times as "@T,T,...," (0: not known; a base
 * an older calllog kept has none).  sync_rec_decode returns 0, or -1 when
 * text is not such a string. */
char *sync_rec_encode(const struct sync_rec *r);
int sync_rec_decode(const char *text, struct sync_rec *r);

/* A 16-digit hex FNV-1a of the encoded fields and the time of the last
 * change, which the sync state keeps to tell a changed record without
 * reading its base. */
void sync_rec_fingerprint(const struct sync_rec *r, char out[17]);

/* The same, field by field, for whoever has the fields elsewhere (the
 * store, reading every record of the journal without copying it). */
struct sync_fp {
	unsigned long long h;
};
void sync_fp_init(struct sync_fp *fp);
void sync_fp_field(struct sync_fp *fp, const char *v, size_t len);
void sync_fp_end(struct sync_fp *fp, time_t updated, char out[17]);

/* Nonzero when uuid is a uuid as calllog writes them (lower case). */
int sync_uuid_valid(const char *uuid);

/*
 * Check a record read from a folder by the fields' declarations
 * (field_check), as every door checks them: enumerations known, times and
 * numbers well-formed and in range, text within its limits, valid UTF-8
 * without control characters, a phone number one, a case's required fields
 * present, a card number, SSN or security code in text redacted
 * (*redacted set when one was).  Returns 0, or -1 with why filled: the
 * field, the property that carries it and what is wrong, never the
 * value ("bad rep (X-CALLLOG-REP): is too long (201 bytes, at most
 * 200)").
 */
int sync_rec_check(struct sync_rec *r, int *redacted, char *why,
    size_t size);

/*
 * sync_rec_check, field by field, for an item of a folder: each field that
 * fails its check is said (why as above) through say, left out of r
 * (NULL) and its bit set in *bad; the others are checked and redacted.
 * Returns -1 with why filled only when the item cannot be read at all (a
 * bad last-modified time, a required field missing).
 */
int sync_rec_check_each(struct sync_rec *r, int *redacted, unsigned *bad,
    void (*say)(void *arg, const char *why), void *arg, char *why,
    size_t size);

/*
 * Merge two versions of a record, field by field.  A field whose change
 * time (t) both sides know, and differ on, takes the later side's value,
 * whichever whole version of the item a server or vdirsyncer kept: an
 * older value is no change, even when it differs from the base.
 * Otherwise ("not known", or the same time with another value: a client
 * that edited the property and kept the times line) base decides: base is
 * the version both last agreed on (NULL when there is none, as when the
 * two made the same record apart, or a sync was cut short): a field only
 * one side changed takes that side's value; a field both changed to
 * different values takes the later side's (by updated; on a tie, the
 * greater value, so that two journals merging the same pair agree).
 * *out gets the merged record, updated the later of the two, each field's
 * time its winner's; *lost_local and *lost_remote get a bit (1 << field)
 * for each field that both sides changed since base and whose value on
 * that side lost.
 */
void sync_merge(const struct sync_rec *base, const struct sync_rec *local,
    const struct sync_rec *remote, struct sync_rec *out,
    unsigned *lost_local, unsigned *lost_remote);

/*
 * The change times of local, a journal's record, as far as the journal
 * knows them: a field as base has it (the version last agreed) keeps
 * base's time; one changed since (or every one, without a base) changed
 * at the record's last change, updated, and after base's time (a clock
 * once set ahead).
 */
void sync_rec_local_times(struct sync_rec *local, const struct sync_rec *base);

/* Nonzero when a and b differ in a field's change time. */
int sync_rec_times_differ(const struct sync_rec *a, const struct sync_rec *b);

#endif
