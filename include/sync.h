/*
 * sync: `calllog sync DIR`, the journal and a folder of iCalendar items
 * (a vdir: one file an item, which vdirsyncer carries to a CalDAV server)
 * kept equal both ways.  Cases are VTODOs, calls and case events
 * VJOURNALs under them (ical.h, cal_sync_*); what changed on each side
 * since the last sync is carried to the other, a record changed on both
 * is merged field by field (syncrec.h), deletions travel, and each thing
 * worth knowing is reported one line each, ending in a count.
 */
#ifndef CALLLOG_SYNC_H
#define CALLLOG_SYNC_H

#include "cmd.h"

/* Returns 0, or -1 after reporting (the caller rolls the journal back).
 * A folder emptied of every item it held is refused unless force_delete,
 * since it would delete every record here. */
int sync_folder(struct ctx *ctx, const char *dir, int force_delete);

#endif
