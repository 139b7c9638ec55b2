/*
 * paths.c: the XDG base directory rules for calllog's files.
 */
#include <stdlib.h>

#include "paths.h"
#include "util.h"

/* $var/rest when var is set to an absolute path (the XDG spec says to
 * ignore relative ones), else $HOME/fallback/rest. */
static int
xdg_path(const char *var, const char *fallback, const char *rest,
    char **out)
{
	const char *base = getenv(var), *home;

	if (base && base[0] == '/') {
		*out = xasprintf("%s/%s", base, rest);
		return 0;
	}
	home = getenv("HOME");
	if (home == NULL || home[0] != '/')
		return error("neither %s nor HOME is set to an absolute path; "
		    "set one, or give --db", var);
	*out = xasprintf("%s/%s/%s", home, fallback, rest);
	return 0;
}

int
paths_database(const char *opt, char **out)
{
	const char *env = getenv("CALLLOG_DB");

	if (opt && *opt) {
		*out = xstrdup(opt);
		return 0;
	}
	if (opt)
		return error("--db needs a path");
	if (env && *env) {
		*out = xstrdup(env);
		return 0;
	}
	return xdg_path("XDG_DATA_HOME", ".local/share", "calllog/calllog.db",
	    out);
}

int
paths_config(char **out)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "calllog/config", out);
}
