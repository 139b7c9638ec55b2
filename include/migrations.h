/*
 * migrations: the schema/NNN_name.sql files, compiled into the binary by
 * tools/embed-sql.sh.  migrations[i].version is i + 1.
 */
#ifndef CALLLOG_MIGRATIONS_H
#define CALLLOG_MIGRATIONS_H

struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const int migrations_count;

#endif
