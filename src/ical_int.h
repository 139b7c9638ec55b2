/*
 * ical_int.h: what the calendar module's files (ical.c: reminders,
 * ical_item.c: sync items, ical_kept.c: the client's lines they keep)
 * share; nothing else includes it, being the only path to libical
 * besides them.
 *
 * libical, with ICU and libstdc++ behind it, costs every calllog command
 * about 3 ms and 5 MB to load; only `ical` and `sync` need it, so it is
 * opened by ical_load(), on first use, under the soname the Makefile found
 * at build time, and called through the p_ pointers below.
 */
#ifndef CALLLOG_ICAL_INT_H
#define CALLLOG_ICAL_INT_H

#include <stddef.h>
#include <time.h>

#include <libical/ical.h>

#define ICAL_FUNCS(X) \
	X(icalcomponent_add_component) \
	X(icalcomponent_add_property) \
	X(icalcomponent_as_ical_string_r) \
	X(icalcomponent_count_components) \
	X(icalcomponent_free) \
	X(icalcomponent_get_description) \
	X(icalcomponent_get_dtstamp) \
	X(icalcomponent_get_dtstart) \
	X(icalcomponent_get_due) \
	X(icalcomponent_get_first_component) \
	X(icalcomponent_get_first_property) \
	X(icalcomponent_get_next_component) \
	X(icalcomponent_get_next_property) \
	X(icalcomponent_get_sequence) \
	X(icalcomponent_get_status) \
	X(icalcomponent_get_summary) \
	X(icalcomponent_get_uid) \
	X(icalcomponent_isa) \
	X(icalcomponent_new_valarm) \
	X(icalcomponent_new_vcalendar) \
	X(icalcomponent_new_vevent) \
	X(icalcomponent_new_vjournal) \
	X(icalcomponent_new_vtodo) \
	X(icalcomponent_remove_component) \
	X(icalcomponent_set_sequence) \
	X(icaldurationtype_from_int) \
	X(icalparameter_get_reltype) \
	X(icalparameter_new_related) \
	X(icalparameter_new_reltype) \
	X(icalparser_parse_string) \
	X(icalproperty_add_parameter) \
	X(icalproperty_get_completed) \
	X(icalproperty_get_created) \
	X(icalproperty_get_description) \
	X(icalproperty_get_first_parameter) \
	X(icalproperty_get_lastmodified) \
	X(icalproperty_get_percentcomplete) \
	X(icalproperty_get_priority) \
	X(icalproperty_get_property_name) \
	X(icalproperty_get_relatedto) \
	X(icalproperty_get_summary) \
	X(icalproperty_get_value_as_string) \
	X(icalproperty_get_x_name) \
	X(icalproperty_isa) \
	X(icalproperty_new_action) \
	X(icalproperty_new_categories) \
	X(icalproperty_new_completed) \
	X(icalproperty_new_created) \
	X(icalproperty_new_description) \
	X(icalproperty_new_dtend) \
	X(icalproperty_new_dtstamp) \
	X(icalproperty_new_dtstart) \
	X(icalproperty_new_due) \
	X(icalproperty_new_lastmodified) \
	X(icalproperty_new_percentcomplete) \
	X(icalproperty_new_priority) \
	X(icalproperty_new_prodid) \
	X(icalproperty_new_relatedto) \
	X(icalproperty_new_sequence) \
	X(icalproperty_new_status) \
	X(icalproperty_new_summary) \
	X(icalproperty_new_trigger) \
	X(icalproperty_new_uid) \
	X(icalproperty_new_version) \
	X(icalproperty_new_x) \
	X(icalproperty_set_x_name) \
	X(icaltime_as_timet_with_zone) \
	X(icaltime_from_timet_with_zone) \
	X(icaltime_is_null_time) \
	X(icaltime_is_utc) \
	X(icaltime_null_time) \
	X(icaltimezone_get_utc_offset_of_utc_time) \
	X(icaltimezone_get_utc_timezone)

#define ICAL_DECL(f) extern __typeof__(f) *p_##f;
ICAL_FUNCS(ICAL_DECL)
#undef ICAL_DECL

/* Open libical and look every function up.  Returns 0, or -1 after
 * reporting. */
int ical_load(void);

/* c as text (caller frees), its folding mended: libical misfolds lines
 * of some lengths. */
char *ical_text(icalcomponent *c);

/* t as a UTC time. */
struct icaltimetype ical_utc(time_t t);

/* A time as a client wrote it: UTC, in a zone the file defines, a date
 * (09:00 local, as calllog reads a date), or floating (local time);
 * 0 for a null time. */
time_t ical_read_time(struct icaltimetype t);

/* Whether v is a DATE or DATE-TIME value's text (RFC 5545 3.3.4, 3.3.5)
 * that names a real day and time: no February 30, month 13 or hour 25,
 * which libical would carry into the next month or day. */
int ical_time_text_valid(const char *v);

/*
 * Sync items (ical_item.c writes them, ical_item_read.c reads them).
 */
struct sync_rec;

#define XPREFIX "X-CALLLOG-"

/* In the kept lines (extra), the calendar's own lines begin with where
 * they stood; no content line begins with either character. */
#define OUTER_BEFORE "^"
#define OUTER_AFTER "$"

/*
 * A line of the client's that calllog keeps (extra), redacted as notes
 * are (redact.h), counted into *c (may be NULL): in its parameters and in
 * its value, whose \n escapes are read as the line breaks they stand
 * for.  *name_hit is set when the property's name itself held what is
 * redacted: the line is then no line to keep.  Caller frees.
 */
struct redact_counts;
char *item_kept_redact(const char *line, struct redact_counts *c,
    int *name_hit);

/* The name's length of a content line, and where its value starts
 * (after the first colon outside a quoted parameter value; NULL: none). */
size_t item_line_name(const char *line, const char **value);

/* Add a kept line to b after mark, redacted, counting what was into
 * it->kept_redacted; a line whose name held it is dropped.  Returns 0,
 * or -1 with why when it cannot be kept as a line of its kind (a
 * component's name that held a number). */
struct cal_sync_item;
struct strbuf;
int item_keep_line(struct cal_sync_item *it, struct strbuf *b,
    const char *mark, const char *line, char *why, size_t size);

/* The item's own line named name that extra keeps (outside the item's
 * components, not the calendar's), and its length; NULL: none. */
const char *item_kept_find(const char *extra, const char *name, size_t *len);

/* The value of that line, its TEXT escapes read; caller frees. */
char *item_kept_value(const char *extra, const char *name);

/* Which of the client's own standard lines the kept line is, that are
 * written as they stand only while they still say what the record says
 * (a call's SUMMARY, a date DUE or call's DTSTART), or never
 * (X-CALLLOG-STARTED, written from the record); 0: another line. */
enum { KEPT_SUMMARY = 1, KEPT_DUE, KEPT_DTSTART, KEPT_STARTED };
int item_kept_own(const char *line, int kind);

/* Whether extra keeps a line name whose value is a date (RFC 5545 DATE)
 * and t (not 0) is that day at 09:00 local time, as calllog reads a date:
 * the client made it a date and it did not change, so it is written back
 * a date. */
int item_kept_date(const char *extra, const char *name, time_t t);

/*
 * A VTODO's DTSTART st made valid for a DUE at due (a date when due_date)
 * as RFC 5545 3.8.2.3 wants it: of DUE's value type, not after it; the
 * line, at the earlier of the two (caller frees), or NULL when st is
 * valid.  Used where a client's invalid item is read, and where calllog
 * moves DUE.
 */
char *item_dtstart_mended(struct icaltimetype st, time_t due, int due_date);

/* "American Express: billing", the SUMMARY of a case without a title. */
const char *item_case_summary(const struct sync_rec *r, char *buf,
    size_t size);

/* The SUMMARY calllog gives a record's item when it has no title of its
 * own (a case's: item_case_summary). */
const char *item_summary(const struct sync_rec *r, char *buf, size_t size);

/* The VTODO STATUS of a case status. */
const char *item_todo_status(const char *status);

/*
 * ical_item_known.c.  X-CALLLOG-CHANGED: when each field last changed, as
 * "NAME=SECONDS" (the field's declared name, UTC seconds since 1970)
 * separated by spaces, for every field whose time is known: one line with
 * nothing a client re-escapes (no comma, no semicolon).  The line for r
 * (unfolded; NULL when no time is known; caller frees), and r's times
 * from its value (a time that is not a field's, or not a time, is not
 * known).
 */
char *item_changed_line(const struct sync_rec *r);
void item_read_changed(struct sync_rec *r, const char *value);

/* Whether item c, with none of calllog's lines, is still the record known
 * (ical.h, cal_sync_read_known), and known's fields carried by those
 * lines set in r. */
int item_still_known(icalcomponent *c, const struct sync_rec *known);
void item_fill_known(struct sync_rec *r, const struct sync_rec *known);

/* Whether field i of kind is carried by a standard property, not an
 * X-CALLLOG- one. */
int item_standard(int kind, int i);

#endif
