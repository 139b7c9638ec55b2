/*
 * config: the settings of DESIGN.md ("Files"), from built-in defaults and
 * $XDG_CONFIG_HOME/calllog/config (INI, read with GLib's GKeyFile):
 *
 *	[followup]
 *	# default time to the next follow-up
 *	interval = +7d
 *	[escalation]
 *	# escalate after this many days in a stage, or this many calls
 *	days_open = 14
 *	calls = 3
 *	[notify]
 *	quiet_hours = 22:00-08:00
 *	[phone]
 *	# calling code of national numbers
 *	country = 1
 *	[money]
 *	# currency of amounts typed without one (ISO 4217)
 *	currency = USD
 *	[dates]
 *	# 12/3 is December 3 (mdy) or 12 March (dmy)
 *	order = mdy
 *	[attach]
 *	# the largest file calllog attach keeps (K, M or G: 1024s)
 *	max_size = 25M
 *	[sync]
 *	# keep in a sync folder only open cases and those resolved within
 *	resolved_within = 90d
 *	[short-names]
 *	# what an organization is called where its name does not fit
 *	American Express = AmEx
 */
#ifndef CALLLOG_CONFIG_H
#define CALLLOG_CONFIG_H

#include <stdio.h>

#include "policy.h"
#include "when.h"

/* A short name of an organization, for narrow tables. */
struct config_short_name {
	char *org;
	char *name;
};

struct config {
	struct policy policy;
	char country[4];
	char currency[4];
	enum when_order date_order;
	int quiet_start;	/* minutes after midnight; -1: none */
	int quiet_end;
	long long attach_max;	/* bytes: the largest attachment kept */
	long long sync_attach_max;	/* bytes: the largest a sync item
					   carries ([sync] attach_max) */
	long resolved_within;	/* [sync], seconds; 0: every case */
	struct config_short_name *short_names;	/* [short-names] */
	size_t nshort_names;
	char *path;		/* the file read, or that would be */
	int found;		/* nonzero when the file exists */
	unsigned from_file;	/* CONFIG_* bits of settings the file gave */
};

enum {
	CONFIG_INTERVAL = 1 << 0, CONFIG_DAYS = 1 << 1, CONFIG_CALLS = 1 << 2,
	CONFIG_QUIET = 1 << 3, CONFIG_COUNTRY = 1 << 4, CONFIG_CURRENCY = 1 << 5,
	CONFIG_ORDER = 1 << 6, CONFIG_ATTACH_MAX = 1 << 7,
	CONFIG_SYNC_ATTACH_MAX = 1 << 8,
	CONFIG_RESOLVED_WITHIN = 1 << 9
};

/* The default of [attach] max_size: 25 MB (DESIGN.md, "Evidence"). */
#define CONFIG_ATTACH_MAX_DEFAULT (25LL * 1024 * 1024)

/* The default of [sync] attach_max: 1 MB, what CalDAV servers take in an
 * item (DESIGN.md, "Evidence"). */
#define CONFIG_SYNC_ATTACH_MAX_DEFAULT (1024LL * 1024)

/* Defaults, then the file when it exists.  Returns 0, or -1 after
 * reporting a bad file or setting (naming the file, group and key). */
int config_load(struct config *cfg);
void config_clear(struct config *cfg);

/* Print the effective settings and where each came from. */
void config_print(const struct config *cfg, FILE *fp);

/* Nonzero when the local time of day t falls in the quiet hours; sets
 * *until to when they end. */
int config_quiet(const struct config *cfg, long t, long *until);

#endif
