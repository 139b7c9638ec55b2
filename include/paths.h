/*
 * paths: where calllog keeps its files (DESIGN.md, "Files").
 */
#ifndef CALLLOG_PATHS_H
#define CALLLOG_PATHS_H

/*
 * The database path: opt (--db) when given, else $CALLLOG_DB, else
 * $XDG_DATA_HOME/calllog/calllog.db, else ~/.local/share/calllog/calllog.db.
 * Returns 0 and a path the caller frees, or -1 after reporting.
 */
int paths_database(const char *opt, char **out);

/* $XDG_CONFIG_HOME/calllog/config or ~/.config/calllog/config, likewise. */
int paths_config(char **out);

#endif
