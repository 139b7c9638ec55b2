/*
 * ical_item_out.h: ical_item_out.c's content lines, for the item
 * writer (ical_item.c) alone.
 */
#ifndef CALLLOG_ICAL_ITEM_OUT_H
#define CALLLOG_ICAL_ITEM_OUT_H

#include <stddef.h>
#include <time.h>

#include "syncrec.h"
#include "util.h"

/* Add n bytes of line as one content line, folded at 75 octets (never
 * inside a UTF-8 sequence), ending in CRLF. */
void item_add_line(struct strbuf *b, const char *line, size_t n);

/* t as an iCalendar UTC time, "20261201T143000Z". */
void item_format_utc(time_t t, char out[17]);

/* Field i of r as its X-CALLLOG- property, or nothing when it is unset. */
void item_add_x(struct strbuf *b, const struct sync_rec *r, int i);

#endif
