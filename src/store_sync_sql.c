/*
 * store_sync_sql.c: the SQL of store_sync.c and store_sync_apply.c, made
 * from the fields' declarations once, in their order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "store_sync_sql.h"
#include "util.h"

/* A column the journal keeps beside a field and that moves with it: the
 * case's follow-up counts its changes, for the reminders (policy), when
 * a sync changes it as when a command does. */
static const struct {
	int kind, field;
	const char *seq;
} counted[] = {
	{ SYNC_CASE, CF_FOLLOWUP, "followup_seq" },
};

static const char *
counted_seq(int kind, int i)
{
	for (size_t j = 0; j < sizeof(counted) / sizeof(counted[0]); j++)
		if (counted[j].kind == kind && counted[j].field == i)
			return counted[j].seq;
	return NULL;
}

static void append(char **sql, const char *fmt, ...) CL_PRINTF(2, 3);

/* Add to *sql, which it replaces. */
static void
append(char **sql, const char *fmt, ...)
{
	va_list ap;
	size_t had = strlen(*sql);
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	*sql = xrealloc(*sql, had + (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(*sql + had, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

/* The table holding list field i of kind, a row a value, and the column
 * of the value (field_table.c). */
static const struct field_table *
list_table(int kind, int i, const char **col)
{
	for (const struct field_table *t = field_tables; t->name; t++)
		for (const struct field_column *c = t->cols;
		    t->kind == kind && t->pos && !FIELD_COLUMN_END(c); c++)
			if (c->field == i) {
				*col = field_column_name(t, c);
				return t;
			}
	fatal("internal error: no table for %s.%s", field_kinds[kind].name,
	    field_kinds[kind].fields[i].name);
	return NULL;
}

static char *
build_select(int kind)
{
	const struct field_kind *k = &field_kinds[kind];
	const struct field_table *own = field_table_find(k->table);
	const char *cases = kind == SYNC_CASE ? "r" : "c";
	char *sql = xstrdup("SELECT r.uuid, r.updated_at");

	for (int i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const struct field_table *t;
		const char *col;

		if (f->type == FT_UUID) {
			append(&sql, ", c.uuid");
		} else if (f->type == FT_LIST) {
			t = list_table(kind, i, &col);
			append(&sql, ", (SELECT group_concat(%s, char(10)) FROM"
			    " (SELECT %s", col, col);
			append(&sql, " FROM %s WHERE %s", t->name, t->key);
			append(&sql, " = r.%s ORDER BY %s))", own->key, t->pos);
		} else {
			append(&sql, ", r.%s", f->column);
		}
	}
	append(&sql, ", ifnull(%s.%s = 'resolved'", cases,
	    field_case[CF_STATUS].column);
	append(&sql, " AND %s.%s < ?2, 0)", cases,
	    field_case[CF_RESOLVED_AT].column);
	return sql;
}

static char *
build_from(int kind)
{
	const struct field_kind *k = &field_kinds[kind];
	char *sql = xasprintf(" FROM %s r", k->table);

	for (int i = 0; i < k->nfields; i++)
		if (k->fields[i].type == FT_UUID) {
			append(&sql, " JOIN %s c ON c.id = r.%s",
			    field_kinds[SYNC_CASE].table, k->fields[i].column);
		}
	return sql;
}

/* Field i's value as SQL: ?(3 + i), or its case's id by that uuid. */
static void
append_value(char **sql, const struct field *f, int i)
{
	if (f->type == FT_UUID)
		append(sql, "(SELECT id FROM %s WHERE uuid = ?%d)",
		    field_kinds[SYNC_CASE].table, 3 + i);
	else
		append(sql, "?%d", 3 + i);
}

static char *
build_update(int kind)
{
	const struct field_kind *k = &field_kinds[kind];
	char *sql = xasprintf("UPDATE %s SET updated_at = ?2", k->table);

	for (int i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		const char *seq;

		if (f->type == FT_LIST)
			continue;	/* a table of its own */
		if ((seq = counted_seq(kind, i)) != NULL)
			append(&sql, ", %s = %s + (%s IS NOT ?%d)", seq, seq,
			    f->column, 3 + i);
		append(&sql, ", %s = ", f->column);
		append_value(&sql, f, i);
	}
	append(&sql, " WHERE uuid = ?1");
	return sql;
}

static char *
build_insert(int kind)
{
	const struct field_kind *k = &field_kinds[kind];
	char *sql = xasprintf("INSERT INTO %s (uuid, updated_at", k->table);
	char *values = xstrdup(") VALUES (?1, ?2");

	for (int i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];

		if (f->type == FT_LIST)
			continue;
		append(&sql, ", %s", f->column);
		append(&values, ", ");
		append_value(&values, f, i);
	}
	append(&sql, "%s)", values);
	free(values);
	return sql;
}

/* Each string built once, kept for the life of the program. */
static const char *
once(char **cache, int kind, char *(*build)(int))
{
	if (*cache == NULL)
		*cache = build(kind);
	return *cache;
}

const char *
store_sync_sql_select(int kind)
{
	static char *sql[SYNC_KINDS];

	return once(&sql[kind], kind, build_select);
}

const char *
store_sync_sql_from(int kind)
{
	static char *sql[SYNC_KINDS];

	return once(&sql[kind], kind, build_from);
}

const char *
store_sync_sql_update(int kind)
{
	static char *sql[SYNC_KINDS];

	return once(&sql[kind], kind, build_update);
}

const char *
store_sync_sql_insert(int kind)
{
	static char *sql[SYNC_KINDS];

	return once(&sql[kind], kind, build_insert);
}

/* List field i's DELETE (insert 0) or INSERT (1). */
static const char *
list_sql(int kind, int i, int insert)
{
	static char *sql[2][SYNC_KINDS][SYNC_FIELDS_MAX];
	const char *col, *rec = field_kinds[kind].table;
	const struct field_table *t;
	char **p = &sql[insert][kind][i];

	if (*p)
		return *p;
	t = list_table(kind, i, &col);
	*p = insert ? xasprintf("INSERT INTO %s (%s, %s, %s) VALUES ((SELECT"
	    " id FROM %s WHERE uuid = ?1), ?2, ?3)", t->name, t->key, t->pos,
	    col, rec) : xasprintf("DELETE FROM %s WHERE %s = (SELECT id FROM"
	    " %s WHERE uuid = ?1)", t->name, t->key, rec);
	return *p;
}

const char *
store_sync_sql_list_delete(int kind, int i)
{
	return list_sql(kind, i, 0);
}

const char *
store_sync_sql_list_insert(int kind, int i)
{
	return list_sql(kind, i, 1);
}
