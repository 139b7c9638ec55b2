/*
 * config_print.c: `calllog config`: every setting as it is in force, in
 * the file's own words (a size as 25M, a span in the unit it was given
 * in), each with where it came from, the file or the default.  Reading
 * the file is config.c's.
 */
#include <stdio.h>

#include "config.h"
#include "when.h"

#define DAY (24L * 60 * 60)

/* A size as it would be written: 25M, not 26214400. */
static void
print_size(FILE *fp, const char *key, long long n, const char *from)
{
	const char *unit = n % (1LL << 30) == 0 ? "G" :
	    n % (1LL << 20) == 0 ? "M" : n % 1024 == 0 ? "K" : "";

	fprintf(fp, "%s = %lld%s\t# %s\n", key, n / (*unit == 'G' ?
	    1LL << 30 : *unit == 'M' ? 1LL << 20 : *unit == 'K' ? 1024 : 1),
	    unit, from);
}

void
config_print(const struct config *cfg, FILE *fp)
{
	char span[WHEN_BUFSZ];
	const char *file = cfg->path, *dflt = "default";

#define FROM(bit) (cfg->from_file & (bit) ? file : dflt)
	fprintf(fp, "# configuration file: %s (%s)\n", cfg->path,
	    cfg->found ? "read" : "not present; defaults in force");
	when_format_span(cfg->policy.followup_secs, span);
	fprintf(fp, "followup.interval = +%s\t# %s\n", span,
	    FROM(CONFIG_INTERVAL));
	fprintf(fp, "escalation.days_open = %d\t# %s\n",
	    cfg->policy.days_open, FROM(CONFIG_DAYS));
	fprintf(fp, "escalation.calls = %d\t# %s\n", cfg->policy.max_calls,
	    FROM(CONFIG_CALLS));
	if (cfg->quiet_start < 0)
		fprintf(fp, "notify.quiet_hours = none\t# %s\n",
		    FROM(CONFIG_QUIET));
	else
		fprintf(fp, "notify.quiet_hours = %02d:%02d-%02d:%02d\t# %s\n",
		    cfg->quiet_start / 60, cfg->quiet_start % 60,
		    cfg->quiet_end / 60, cfg->quiet_end % 60,
		    FROM(CONFIG_QUIET));
	fprintf(fp, "phone.country = %s\t# %s\n", cfg->country,
	    FROM(CONFIG_COUNTRY));
	fprintf(fp, "money.currency = %s\t# %s\n", cfg->currency,
	    FROM(CONFIG_CURRENCY));
	fprintf(fp, "dates.order = %s\t# %s\n", cfg->date_order == WHEN_DMY ?
	    "dmy" : "mdy", FROM(CONFIG_ORDER));
	print_size(fp, "attach.max_size", cfg->attach_max,
	    FROM(CONFIG_ATTACH_MAX));
	print_size(fp, "sync.attach_max", cfg->sync_attach_max,
	    FROM(CONFIG_SYNC_ATTACH_MAX));
	if (cfg->resolved_within == 0)
		fprintf(fp, "sync.resolved_within = all\t# %s\n",
		    FROM(CONFIG_RESOLVED_WITHIN));
	else {
		/* Exact, in the unit it was given in: a rounded span
		 * would not read back the same. */
		long w = cfg->resolved_within;

		fprintf(fp, "sync.resolved_within = %ld%c\t# %s\n",
		    w % DAY ? w / 3600 : w / DAY, w % DAY ? 'h' : 'd',
		    FROM(CONFIG_RESOLVED_WITHIN));
	}
	for (size_t i = 0; i < cfg->nshort_names; i++)
		fprintf(fp, "short-names.%s = %s\t# %s\n",
		    cfg->short_names[i].org, cfg->short_names[i].name, file);
#undef FROM
}
