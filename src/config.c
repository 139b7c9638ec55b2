/*
 * config.c: reading calllog's configuration file, once, with GLib's
 * GKeyFile (the only GLib user besides notify.c: it handles INI quoting,
 * comments and UTF-8), and numbering the lines of its errors from the
 * same text, since GKeyFile keeps no positions.  config_print.c shows
 * what was read.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glib.h>

#include "config.h"
#include "money.h"
#include "paths.h"
#include "util.h"
#include "when.h"

#define DAY (24L * 60 * 60)

/* Larger than any configuration a person writes. */
#define CONFIG_MAX (1024 * 1024)

/* The file being read: its path, and its text, for numbering lines. */
struct source {
	const char *path;
	const char *text;
};

/*
 * The line of the file where key is set in [group], so that an error can
 * name it; 0 when it cannot be found.
 */
static int
line_of(const struct source *src, const char *group, const char *key)
{
	char *text = xstrdup(src->text), *line, *next;
	int n = 0, found = 0, in = 0;
	size_t klen = strlen(key);

	for (line = text; !found && *line; line = next) {
		n++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		line += strspn(line, " \t");
		if (*line == '[')
			in = strncmp(line + 1, group, strlen(group)) == 0 &&
			    line[1 + strlen(group)] == ']';
		else if (in && strncmp(line, key, klen) == 0 &&
		    strchr(" \t=", line[klen]) != NULL)
			found = n;
	}
	free(text);
	return found;
}

static int
bad(const struct source *src, const char *group, const char *key,
    const char *value, const char *want)
{
	return error("%s:%d: [%s] %s = '%s' is not valid; %s", src->path,
	    line_of(src, group, key), group, key, value, want);
}

/* GKeyFile's messages quote a bad line but do not number it: find the
 * line that is neither blank, a comment, a [group] nor a key = value. */
static int
syntax_line(const struct source *src)
{
	char *text = xstrdup(src->text), *line, *next;
	int n = 0, found = 0;

	for (line = text; !found && *line; line = next) {
		n++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = line + strlen(line);
		line += strspn(line, " \t\r");
		if (*line && *line != '#' && *line != ';' && *line != '[' &&
		    (strchr(line, '=') == NULL || *line == '='))
			found = n;
	}
	free(text);
	return found;
}

/* "22:00" into minutes after midnight, or -1. */
static int
clock_minutes(const char *s)
{
	int h, m, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' ||
	    h < 0 || h > 23 || m < 0 || m > 59)
		return -1;
	return h * 60 + m;
}

static int
read_quiet(struct config *cfg, const struct source *src, const char *v)
{
	char start[8], end[8];
	int n = 0;

	if (strcmp(v, "") == 0 || strcmp(v, "none") == 0) {
		cfg->quiet_start = cfg->quiet_end = -1;
		return 0;
	}
	if (sscanf(v, "%7[0-9:]-%7[0-9:]%n", start, end, &n) != 2 ||
	    v[n] != '\0' || (cfg->quiet_start = clock_minutes(start)) < 0 ||
	    (cfg->quiet_end = clock_minutes(end)) < 0)
		return bad(src, "notify", "quiet_hours", v,
		    "use HH:MM-HH:MM, such as 22:00-08:00, or none");
	return 0;
}

static int
read_int(const struct source *src, const char *group, const char *key,
    const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v == '\0' || *end != '\0' || n < 0 || n > 100000)
		return bad(src, group, key, v, "use a whole number, 0 to turn "
		    "it off");
	*out = (int)n;
	return 0;
}

/* [short-names] ORG = NAME: any organization may have one, so the key
 * is the organization's name as the journal spells it (matched in any
 * case). */
static int
read_short_name(struct config *cfg, const struct source *src,
    const char *org, const char *v)
{
	struct config_short_name *sn;

	if (*v == '\0' || strlen(v) > 40 || strchr(v, '\t') != NULL)
		return bad(src, "short-names", org, v, "use a name of 1 to 40 "
		    "characters, such as AmEx");
	cfg->short_names = xrealloc(cfg->short_names,
	    (cfg->nshort_names + 1) * sizeof(*cfg->short_names));
	sn = &cfg->short_names[cfg->nshort_names++];
	sn->org = xstrdup(org);
	sn->name = xstrdup(v);
	return 0;
}

/* A size in bytes: digits and a unit of K, M or G (powers of 1024), from
 * one byte to 1 GB: a file past that is no document for a dossier. */
static int
read_size(const struct source *src, const char *group, const char *key,
    const char *v, long long *out)
{
	char *end;
	unsigned long long n;
	long long mult = 1;

	errno = 0;
	n = strtoull(v, &end, 10);
	if (end != v && *end && !end[1] && strchr("kKmMgG", *end))
		mult = *end == 'k' || *end == 'K' ? 1024LL :
		    *end == 'm' || *end == 'M' ? 1024LL * 1024 :
		    1024LL * 1024 * 1024;
	else if (*end)
		end = NULL;
	if (end == NULL || end == v || !isdigit((unsigned char)*v) ||
	    errno || n == 0 || n > (1ULL << 30) / (unsigned long long)mult)
		return bad(src, group, key, v, "use a size from 1 to 1G, such "
		    "as 25M or 500K");
	*out = (long long)n * mult;
	return 0;
}

/* [sync] resolved_within: a span as people type one ("90d", "12w",
 * "36h"; the + of an offset allowed), or "all" for every case. */
static int
read_resolved_within(struct config *cfg, const struct source *src,
    const char *v)
{
	long n;
	char unit, end;
	const char *p = v + (*v == '+');

	if (strcmp(v, "all") == 0) {
		cfg->resolved_within = 0;
		return 0;
	}
	/* A hundred years is every case anyone has. */
	if (sscanf(p, "%ld%c%c", &n, &unit, &end) != 2 || *p == '-' ||
	    n <= 0 || n > 36500 || (unit != 'h' && unit != 'd' &&
	    unit != 'w') || (unit == 'w' && n > 36500 / 7) ||
	    (unit == 'h' && n > 36500L * 24))
		return bad(src, "sync", "resolved_within", v, "use a span "
		    "such as 90d, 12w or 36h, or all");
	cfg->resolved_within = n * (unit == 'h' ? 3600L : unit == 'd' ?
	    DAY : 7 * DAY);
	return 0;
}

/* One known setting; unknown groups and keys are errors, so that a typo
 * does not silently leave a default in force. */
static int
read_setting(struct config *cfg, const struct source *src,
    const char *group, const char *key, const char *v)
{
	if (!strcmp(group, "followup") && !strcmp(key, "interval")) {
		long n;
		char unit, end;

		/* A fixed span: business days would need the date they count
		 * from, which a setting does not have. */
		if (sscanf(v, "+%ld%c%c", &n, &unit, &end) != 2 || n <= 0 ||
		    n > 3650 || (unit != 'h' && unit != 'd' && unit != 'w'))
			return bad(src, group, key, v, "use an offset such as "
			    "+7d, +2w or +36h");
		cfg->policy.followup_secs = n * (unit == 'h' ? 3600L :
		    unit == 'd' ? 86400L : 7 * 86400L);
		cfg->from_file |= CONFIG_INTERVAL;
		return 0;
	}
	if (!strcmp(group, "escalation") && !strcmp(key, "days_open")) {
		cfg->from_file |= CONFIG_DAYS;
		return read_int(src, group, key, v, &cfg->policy.days_open);
	}
	if (!strcmp(group, "escalation") && !strcmp(key, "calls")) {
		cfg->from_file |= CONFIG_CALLS;
		return read_int(src, group, key, v, &cfg->policy.max_calls);
	}
	if (!strcmp(group, "notify") && !strcmp(key, "quiet_hours")) {
		cfg->from_file |= CONFIG_QUIET;
		return read_quiet(cfg, src, v);
	}
	if (!strcmp(group, "phone") && !strcmp(key, "country")) {
		size_t n = strspn(v, "0123456789");

		if (n == 0 || n > 3 || v[n] != '\0' || v[0] == '0')
			return bad(src, group, key, v, "use a calling code "
			    "such as 1 or 44");
		snprintf(cfg->country, sizeof(cfg->country), "%s", v);
		cfg->from_file |= CONFIG_COUNTRY;
		return 0;
	}
	if (!strcmp(group, "money") && !strcmp(key, "currency")) {
		if (!money_code_valid(v))
			return bad(src, group, key, v, "use an ISO 4217 code "
			    "such as USD or EUR");
		snprintf(cfg->currency, sizeof(cfg->currency), "%s", v);
		cfg->from_file |= CONFIG_CURRENCY;
		return 0;
	}
	if (!strcmp(group, "dates") && !strcmp(key, "order")) {
		if (strcmp(v, "mdy") == 0)
			cfg->date_order = WHEN_MDY;
		else if (strcmp(v, "dmy") == 0)
			cfg->date_order = WHEN_DMY;
		else
			return bad(src, group, key, v, "use mdy (12/3 is "
			    "December 3) or dmy (12/3 is 12 March)");
		cfg->from_file |= CONFIG_ORDER;
		return 0;
	}
	if (!strcmp(group, "attach") && !strcmp(key, "max_size")) {
		cfg->from_file |= CONFIG_ATTACH_MAX;
		return read_size(src, group, key, v, &cfg->attach_max);
	}
	if (!strcmp(group, "sync") && !strcmp(key, "attach_max")) {
		cfg->from_file |= CONFIG_SYNC_ATTACH_MAX;
		return read_size(src, group, key, v, &cfg->sync_attach_max);
	}
	if (!strcmp(group, "sync") && !strcmp(key, "resolved_within")) {
		cfg->from_file |= CONFIG_RESOLVED_WITHIN;
		return read_resolved_within(cfg, src, v);
	}
	if (!strcmp(group, "short-names"))
		return read_short_name(cfg, src, key, v);
	return error("%s:%d: unknown setting [%s] %s; 'man calllog.conf' "
	    "lists the settings", src->path, line_of(src, group, key), group,
	    key);
}

/* Read the file at cfg->path, once: GKeyFile parses the text that
 * errors then number lines in.  Returns 0, or -1 after reporting. */
static int
read_config_file(struct config *cfg)
{
	struct source src = { .path = cfg->path };
	char *text = read_file(cfg->path, CONFIG_MAX);
	GKeyFile *kf;
	GError *err = NULL;
	gchar **groups = NULL;
	int rc = 0;

	if (text == NULL && errno == EFBIG)
		return error("%s: larger than %d bytes; is it the right file?",
		    cfg->path, CONFIG_MAX);
	if (text == NULL)
		return error("cannot read '%s': %s", cfg->path,
		    strerror(errno));
	src.text = text;
	kf = g_key_file_new();
	if (!g_key_file_load_from_data(kf, text, strlen(text),
	    G_KEY_FILE_NONE, &err)) {
		rc = error("%s:%d: %s; each line is [group], key = value or a "
		    "# comment", cfg->path, syntax_line(&src), err->message);
		goto out;
	}
	groups = g_key_file_get_groups(kf, NULL);
	for (gchar **g = groups; rc == 0 && *g; g++) {
		gchar **keys = g_key_file_get_keys(kf, *g, NULL, NULL);

		for (gchar **k = keys; rc == 0 && k && *k; k++) {
			gchar *v = g_key_file_get_string(kf, *g, *k, NULL);

			rc = read_setting(cfg, &src, *g, *k,
			    v ? g_strstrip(v) : "");
			g_free(v);
		}
		g_strfreev(keys);
	}
out:
	if (err)
		g_error_free(err);
	g_strfreev(groups);
	g_key_file_free(kf);
	free(text);
	return rc;
}

int
config_load(struct config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	policy_defaults(&cfg->policy);
	snprintf(cfg->country, sizeof(cfg->country), "1");
	snprintf(cfg->currency, sizeof(cfg->currency), "USD");
	cfg->quiet_start = cfg->quiet_end = -1;
	cfg->attach_max = CONFIG_ATTACH_MAX_DEFAULT;
	cfg->sync_attach_max = CONFIG_SYNC_ATTACH_MAX_DEFAULT;
	if (paths_config(&cfg->path) == -1)
		return -1;
	cfg->found = access(cfg->path, F_OK) == 0;
	return cfg->found ? read_config_file(cfg) : 0;
}

void
config_clear(struct config *cfg)
{
	for (size_t i = 0; i < cfg->nshort_names; i++) {
		free(cfg->short_names[i].org);
		free(cfg->short_names[i].name);
	}
	free(cfg->short_names);
	cfg->short_names = NULL;
	cfg->nshort_names = 0;
	free(cfg->path);
	cfg->path = NULL;
}

int
config_quiet(const struct config *cfg, long t, long *until)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int now, s = cfg->quiet_start, e = cfg->quiet_end, in;
	long wait;

	if (s < 0 || s == e || localtime_r(&tt, &tm) == NULL)
		return 0;
	now = tm.tm_hour * 60 + tm.tm_min;
	in = s < e ? now >= s && now < e : now >= s || now < e;
	if (!in)
		return 0;
	wait = ((e - now + 24 * 60) % (24 * 60)) * 60L - tm.tm_sec;
	*until = t + wait;
	return 1;
}

