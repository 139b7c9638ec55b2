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

#include <stdio.h>
#include <time.h>

struct store;

/* What a sync is given besides the folder: the journal, the clock, where
 * its report goes, and the settings it reads (config.h).  Nothing else of
 * the command reaches it. */
struct sync_env {
	struct store *st;
	time_t now;
	FILE *out;			/* the report, one line a thing */
	long resolved_within;		/* [sync]: cases resolved longer ago
					   stay out of the folder; 0: none */
	long long attach_max;		/* the largest file the journal keeps */
	long long sync_attach_max;	/* the largest an item carries */
	int force_delete;		/* a folder emptied of every item it
					   held deletes their records here */
};

/* Returns 0, or -1 after reporting (the caller rolls the journal back).
 * A folder emptied of every item it held is refused unless
 * env->force_delete, since it would delete every record here. */
int sync_folder(const struct sync_env *env, const char *dir);

#endif
