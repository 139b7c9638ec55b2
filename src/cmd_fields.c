/*
 * cmd_fields.c: `calllog __fields`, the fields' declarations (field.h) as
 * TSV, so that tests iterate over what every door checks rather than over
 * a list of their own.  Hidden, like __complete.
 */
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "field.h"
#include "util.h"
#include "when.h"

static const char *
or_dash(const char *s)
{
	return s ? s : "-";
}

/* An enumeration's stored names, comma-separated, without the value that
 * means "unset". */
static void
print_values(const struct field *f)
{
	int n = 0;

	if (f->type != FT_ENUM) {
		fputs("-", stdout);
		return;
	}
	for (int v = 0; v < f->names->count; v++)
		if (v != f->unstored)
			printf("%s%s", n++ ? "," : "", f->names->names[v]);
}

static void
print_field(int kind, int i)
{
	const struct field *f = &field_kinds[kind].fields[i];
	char prop[64];
	int ranged = f->type == FT_INT || f->type == FT_MONEY ||
	    f->type == FT_TIME;

	printf("%s\t%s\t%s\t", field_kinds[kind].name, f->name,
	    field_type_name(f->type));
	if (f->max)
		printf("%zu\t", f->max);
	else
		fputs("-\t", stdout);
	if (f->max_values)
		printf("%d\t", f->max_values);
	else
		fputs("-\t", stdout);
	if (ranged)
		printf("%lld\t%lld\t", f->type == FT_TIME ? 1 : f->min,
		    f->type == FT_TIME ? WHEN_MAX_TIME : f->max_num);
	else
		fputs("-\t-\t", stdout);
	print_values(f);
	printf("\t%s\t%s\t%s\t%s\t%s\t%s\n", f->redact ? "yes" : "no",
	    field_prop(kind, i, prop, sizeof(prop)), or_dash(f->json),
	    or_dash(f->option), or_dash(f->column),
	    f->required ? "yes" : "no");
}

/* The columns of the kind's table that no field of it declares: the
 * journal's own (field_table.c). */
static void
print_own(const struct field_kind *fk)
{
	const struct field_table *t = field_table_find(fk->table);

	for (const struct field_column *c = t->cols; !FIELD_COLUMN_END(c); c++)
		if (c->field < 0)
			printf("%s\t%s\t%s\n", fk->name, fk->table,
			    field_column_name(t, c));
}

/* Every column of the tables the history records: table, column, the
 * field it stores ("kind.name") or "own", and whether history records
 * it. */
static void
print_columns(void)
{
	for (const struct field_table *t = field_tables; t->name; t++)
		for (const struct field_column *c = t->cols;
		    !FIELD_COLUMN_END(c); c++) {
			printf("%s\t%s\t", t->name, field_column_name(t, c));
			if (c->field >= 0)
				printf("%s.%s", field_kinds[t->kind].name,
				    field_kinds[t->kind].fields[c->field].name);
			else
				fputs("own", stdout);
			printf("\t%s\n", c->history ? "yes" : "no");
		}
}

int
field_print(int argc, char **argv)
{
	if (argc > 1 || (argc == 1 && strcmp(argv[0], "derived") != 0 &&
	    strcmp(argv[0], "columns") != 0))
		return error("usage: calllog __fields [derived | columns]"),
		    CMD_USAGE;
	if (argc == 1 && strcmp(argv[0], "columns") == 0) {
		print_columns();
		return fflush(stdout) ? CMD_FAIL : CMD_OK;
	}
	for (int k = 0; k < SYNC_KINDS; k++) {
		const struct field_kind *fk = &field_kinds[k];

		if (argc == 1)
			print_own(fk);
		else
			for (int i = 0; i < fk->nfields; i++)
				print_field(k, i);
	}
	return fflush(stdout) ? CMD_FAIL : CMD_OK;
}
