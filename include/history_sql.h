/*
 * history_sql: the history's triggers (DESIGN.md, "Correcting the
 * record"), written as SQL from the one declaration of the tables and
 * their columns (field.h, field_tables).  tools/gen_history writes them
 * into schema/013_history.sql (`make schema`); a unit test writes them
 * again and compares.  Not part of calllog: the binary embeds schema/.
 *
 *	history_sql_write(stdout);
 */
#ifndef CALLLOG_HISTORY_SQL_H
#define CALLLOG_HISTORY_SQL_H

#include <stdio.h>

/* Write the migration, header comment and all; returns 0, or -1 when
 * writing to out failed. */
int history_sql_write(FILE *out);

#endif
