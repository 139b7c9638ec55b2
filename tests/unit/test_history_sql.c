/*
 * test_history_sql.c: schema/013_history.sql is exactly what the
 * generator writes from the declaration today (so a trigger edited by
 * hand, or a declaration changed without `make schema`, fails here), and
 * the declaration of the tables is whole: every field of a kind that has
 * a column is a column of its table, once, and every table's key is a
 * column the history records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "history_sql.h"
#include "tap.h"

#define CHECKED_IN "schema/013_history.sql"

/* All of f, NUL-terminated, from its start; NULL on failure. */
static char *
slurp(FILE *f)
{
	size_t n = 0, size = 4096, got;
	char *buf = malloc(size);

	if (buf == NULL || fseek(f, 0, SEEK_SET) != 0)
		return free(buf), NULL;
	while ((got = fread(buf + n, 1, size - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == size && (buf = realloc(buf, size *= 2)) == NULL)
			return NULL;
	}
	buf[n] = '\0';
	return ferror(f) ? (free(buf), NULL) : buf;
}

/* The line number where a and b first differ. */
static int
first_difference(const char *a, const char *b)
{
	int line = 1;

	for (; *a && *a == *b; a++, b++)
		line += *a == '\n';
	return line;
}

static void
test_regenerated(void)
{
	FILE *gen = tmpfile(), *in = fopen(CHECKED_IN, "rb");
	char *want = NULL, *got = NULL;

	ok(in != NULL, "the generated migration " CHECKED_IN " is there "
	    "(run from the source tree)");
	ok(gen != NULL && history_sql_write(gen) == 0,
	    "the generator writes the triggers");
	if (in && gen) {
		want = slurp(in);
		got = slurp(gen);
	}
	if (!ok(want && got && strcmp(got, want) == 0, CHECKED_IN " is what "
	    "the generator writes from the declaration (else: make schema)") &&
	    want && got)
		printf("#   first difference at line %d\n",
		    first_difference(got, want));
	free(want);
	free(got);
	if (in)
		fclose(in);
	if (gen)
		fclose(gen);
}

/* How often table t names column name. */
static int
count_column(const struct field_table *t, const char *name)
{
	int n = 0;

	for (const struct field_column *c = t->cols; !FIELD_COLUMN_END(c); c++)
		n += strcmp(field_column_name(t, c), name) == 0;
	return n;
}

static void
test_declaration_whole(void)
{
	char name[160];

	for (int k = 0; k < SYNC_KINDS; k++) {
		const struct field_kind *fk = &field_kinds[k];
		const struct field_table *t = field_table_find(fk->table);

		if (!ok(t != NULL && t->kind == k, fk->table))
			continue;
		for (int i = 0; i < fk->nfields; i++) {
			const char *col = fk->fields[i].column;

			if (col == NULL)
				continue;
			snprintf(name, sizeof(name), "%s.%s is column %s of %s, "
			    "once", fk->name, fk->fields[i].name, col, t->name);
			is_long(count_column(t, col), 1, name);
		}
	}
	for (const struct field_table *t = field_tables; t->name; t++) {
		int keyed = 0, dup = 0;

		for (const struct field_column *c = t->cols; !FIELD_COLUMN_END(c);
		    c++) {
			const char *n = field_column_name(t, c);

			keyed |= c->history && strcmp(n, t->key) == 0;
			dup |= count_column(t, n) != 1;
			if (c->field >= 0)
				ok(t->kind >= 0 && c->field <
				    field_kinds[t->kind].nfields, n);
		}
		snprintf(name, sizeof(name), "%s: its key %s is recorded, no "
		    "column is named twice", t->name, t->key);
		ok(keyed && !dup, name);
	}
}

int
main(void)
{
	test_regenerated();
	test_declaration_whole();
	return tap_done();
}
