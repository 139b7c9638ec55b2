/*
 * ical_item_fields.c: what an item says of a record apart from its
 * fields' values: the SUMMARY calllog writes for it, a case's STATUS, and
 * which fields a standard property carries.  Shared by the writer
 * (ical_item.c), the reader (ical_item_read.c) and the check of a
 * client's change (ical_item_known.c), beneath all three, so that none
 * of them reaches into another for it.
 */
#include <stdio.h>
#include <string.h>

#include "ical_int.h"
#include "syncrec.h"

const char *
item_case_summary(const struct sync_rec *r, char *buf, size_t size)
{
	snprintf(buf, size, "%s: %s", r->f[CF_ORG] ? r->f[CF_ORG] : "?",
	    r->f[CF_REASON] ? r->f[CF_REASON] : "?");
	return buf;
}

const char *
item_summary(const struct sync_rec *r, char *buf, size_t size)
{
	if (r->kind == SYNC_CASE)
		return item_case_summary(r, buf, size);
	if (r->kind == SYNC_CALL) {
		/* Only names the field check will keep: a bad one read from
		 * a folder is left out, and the summary must be the one
		 * calllog then writes, or its own would read as a client's
		 * title. */
		const char *ch = enum_lookup(&channel_names, r->f[KF_CHANNEL])
		    >= 0 ? r->f[KF_CHANNEL] : "phone";
		const char *out = enum_lookup(&outcome_names,
		    r->f[KF_OUTCOME]) >= 0 ? r->f[KF_OUTCOME] : NULL;

		snprintf(buf, size, "%s call%s%s", ch, out ? ": " : "",
		    out ? out : "");
	} else {
		static const char *const done[EVENT_COUNT] = {
			"Escalated", "Resolved", "Reopened", "Follow-up moved"
		};
		int k = enum_lookup(&event_names, r->f[EF_KIND]);
		const char *lv = enum_lookup(&level_names, r->f[EF_LEVEL])
		    >= 0 ? r->f[EF_LEVEL] : NULL;

		snprintf(buf, size, "%s%s%s", k >= 0 ? done[k] : "Event",
		    lv ? " to " : "", lv ? lv : "");
	}
	buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
	return buf;
}

const char *
item_todo_status(const char *status)
{
	if (strcmp(status, "resolved") == 0)
		return "COMPLETED";
	return strcmp(status, "open") == 0 ? "NEEDS-ACTION" : "IN-PROCESS";
}

/* Fields carried by a standard property, not an X-CALLLOG- one. */
int
item_standard(int kind, int i)
{
	if (kind == SYNC_CASE)
		return i == CF_OPENED || i == CF_FOLLOWUP ||
		    i == CF_RESOLVED_AT || i == CF_PRIORITY;
	if (kind == SYNC_CALL)
		return i == KF_CASE || i == KF_STARTED || i == KF_NOTES ||
		    i == KF_CREATED;
	return i == EF_CASE || i == EF_AT || i == EF_NOTE;
}
