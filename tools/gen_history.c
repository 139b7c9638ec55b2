/*
 * gen_history.c: `make schema`'s program: writes the history's triggers
 * (schema/013_history.sql) to standard output from the declaration of
 * the tables and their columns.  A program of its own, not a command of
 * calllog, because calllog embeds schema/ and so would need the file to
 * exist before it could write it.
 *
 *	build/gen_history > schema/013_history.sql
 */
#include <stdio.h>

#include "history_sql.h"

int
main(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		fputs("usage: gen_history > schema/013_history.sql\n", stderr);
		return 2;
	}
	if (history_sql_write(stdout) == -1) {
		perror("gen_history: standard output");
		return 1;
	}
	return 0;
}
