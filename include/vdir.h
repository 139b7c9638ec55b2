/*
 * vdir: `ical --vdir DIR`, the open cases' reminders as a folder of one
 * iCalendar file each (the layout vdirsyncer, khal and todoman use), read
 * back before it is rewritten.  What a person did to a reminder there, or
 * on a phone the folder is synced with, is applied to the journal first
 * and reported one line each:
 *
 *	a follow-up completed	the follow-up was done; the next one moves
 *				one default interval on
 *	its due time moved	the follow-up is rescheduled
 *	an escalation completed	the case is escalated to the level it asked
 *	deleted or cancelled	that reminder is dismissed until its due
 *				time changes
 */
#ifndef CALLLOG_VDIR_H
#define CALLLOG_VDIR_H

#include "cmd.h"
#include "ical.h"

/* Read dir back, then make it the mirror of the open cases.  Returns 0,
 * or -1 after reporting. */
int vdir_mirror(struct ctx *ctx, const struct cal_options *o,
    const char *dir);

#endif
