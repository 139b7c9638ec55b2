/*
 * ical_read_int.h: what the item reader's files share -- the file as
 * text (ical_item_lines.c, below libical) and the standard properties
 * as libical reads them (ical_item_std.c) -- for ical_item_read.c, which
 * puts an item together from both.  Nothing else includes it.
 */
#ifndef CALLLOG_ICAL_READ_INT_H
#define CALLLOG_ICAL_READ_INT_H

#include <stddef.h>

#include "ical_int.h"

struct cal_sync_item;
struct strbuf;
struct sync_rec;

/* ical_item_lines.c: text only. */

/* A TEXT value with its escapes read (\n a line break); caller frees. */
char *item_unescape(const char *v);

/* "20261130T141500Z" as seconds in decimal text (caller frees); NULL
 * when malformed. */
char *item_utc_seconds(const char *v);

/* Whether line is a property named name. */
int item_is_prop(const char *line, const char *name);

/* The unfolded lines of text's first component named kind, BEGIN to END,
 * NULL-terminated (caller frees each and the array); the calendar's own
 * other lines to *outer, marked OUTER_BEFORE or OUTER_AFTER.  NULL when
 * the file is cut short or its BEGIN and END lines do not pair. */
char **item_lines(const char *text, const char *kind, struct strbuf *outer);

/* Whether text ends with END:VCALENDAR (blanks aside). */
int item_ends_calendar(const char *text);

/* Whether the line, its name n long and value as item_line_name found
 * them, is a content line. */
int item_content_line(const char *line, size_t n, const char *value);

/* Whether a TEXT value escapes only what RFC 5545 3.3.11 lets it. */
int item_escapes_valid(const char *v);

/* The item's own line named name (not a nested component's), or NULL. */
const char *item_own_line(char **lines, const char *name);

/* Whether any of the item's lines is a property named name. */
int item_has_line(char **lines, const char *name);

/* Whether text is UTF-8 once its folds are joined. */
int item_unfolded_utf8(const char *text);

/* ical_item_std.c: libical's reading of the standard properties. */

/* A case's fields from its VTODO. */
void item_read_case(icalcomponent *c, struct sync_rec *r);

/* A VJOURNAL's case: its RELATED-TO parent, or NULL. */
const char *item_parent_of(icalcomponent *c);

/* A call's or event's fields from its VJOURNAL; foreign when no calllog
 * wrote it (a client's own entry under a case). */
void item_read_journal(icalcomponent *c, struct sync_rec *r, int foreign);

/* Of the client's own standard lines, those *extra keeps to write back as
 * they stood (known: the record as last agreed, or NULL).  Returns 0, or
 * -1 with why. */
int item_keep_own(icalcomponent *c, char **lines, struct cal_sync_item *it,
    const struct sync_rec *known, char **extra, char *why, size_t size);

/* Whether the calendar (text, parsed as root) is a reminder `ical --vdir`
 * wrote, which marks a reminder folder sync must not take. */
int item_is_reminder(const char *text, icalcomponent *root);

#endif
