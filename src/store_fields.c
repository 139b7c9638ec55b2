/*
 * store_fields.c: a record's columns read and written by the export's
 * table of its fields (store_fields.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_fields.h"
#include "store_int.h"
#include "util.h"

void
store_col_uuid(sqlite3_stmt *s, int i, char out[UUID_BUFSZ])
{
	const unsigned char *t = sqlite3_column_text(s, i);

	snprintf(out, UUID_BUFSZ, "%s", t ? (const char *)t : "");
}

int
store_col_enum(sqlite3_stmt *s, int i, const struct enum_names *e)
{
	return enum_lookup(e, (const char *)sqlite3_column_text(s, i));
}

#define AT(T, rec, f) ((T *)(void *)((char *)(rec) + (f)->offset))
#define CAT(T, rec, f) ((const T *)(const void *)((const char *)(rec) + \
    (f)->offset))

/* The column of export field f: its declaration's, or its own; NULL for a
 * list, which is read apart. */
static const char *
column_of(const struct xfer_field *f)
{
	if (f->type == XF_LIST || f->type == XF_REFS)
		return NULL;
	if (f->decl)
		return f->decl->column;
	if (f->column == NULL)
		fatal("internal error: export field %s has no column", f->key);
	return f->column;
}

/* The fields' columns joined by ", ": their names, after "alias." when
 * alias is not NULL, or when params their parameters, "?1" on. */
static char *
column_list(const struct xfer_field *fields, const char *alias, int params)
{
	char *list = xstrdup(""), *next;
	int n = 0;

	for (const struct xfer_field *f = fields; f->key; f++) {
		const char *col = column_of(f);

		if (col == NULL)
			continue;
		n++;
		if (params)
			next = xasprintf("%s%s?%d", list, *list ? ", " : "", n);
		else
			next = xasprintf("%s%s%s%s%s", list, *list ? ", " : "",
			    alias ? alias : "", alias ? "." : "", col);
		free(list);
		list = next;
	}
	return list;
}

const char *
store_fields_select(const struct xfer_field *fields, const char *table,
    const char *rest, char **cache)
{
	char *cols;

	if (*cache)
		return *cache;
	cols = column_list(fields, NULL, 0);
	*cache = xasprintf("SELECT %s FROM %s %s", cols, table, rest);
	free(cols);
	return *cache;
}

void
store_fields_read(sqlite3_stmt *s, const struct xfer_field *fields, void *rec)
{
	int i = 0;

	for (const struct xfer_field *f = fields; f->key; f++) {
		if (column_of(f) == NULL)
			continue;
		switch (f->type) {
		case XF_ID:
		case XF_MONEY:
			*AT(long long, rec, f) = sqlite3_column_int64(s, i);
			break;
		case XF_UUID:
			store_col_uuid(s, i, AT(char, rec, f));
			break;
		case XF_LINE:
		case XF_TEXT:
		case XF_PHONE:
		case XF_ACCOUNT:
			*AT(char *, rec, f) = col_text(s, i);
			break;
		case XF_TIME:
			*AT(time_t, rec, f) = col_time(s, i);
			break;
		case XF_ENUM:
			*AT(int, rec, f) = f->flags & XF_NULL &&
			    sqlite3_column_type(s, i) == SQLITE_NULL ?
			    f->null_value : store_col_enum(s, i, f->names);
			break;
		case XF_SECONDS:
			*AT(long, rec, f) = col_long_opt(s, i);
			break;
		case XF_COUNT:
			*AT(int, rec, f) = sqlite3_column_int(s, i);
			break;
		case XF_CURRENCY:
			snprintf(AT(char, rec, f), 4, "%s",
			    sqlite3_column_type(s, i) == SQLITE_NULL ? "" :
			    (const char *)sqlite3_column_text(s, i));
			break;
		case XF_REFS:
		case XF_LIST:
			break;
		}
		i++;
	}
}

const char *
store_fields_insert(const struct xfer_field *fields, const char *table,
    const char *extra, char **cache)
{
	char *cols, *vals;
	int n = store_fields_count(fields);

	if (*cache)
		return *cache;
	cols = column_list(fields, NULL, 0);
	vals = column_list(fields, NULL, 1);
	*cache = extra ? xasprintf("INSERT INTO %s (%s, %s) VALUES (%s, ?%d)",
	    table, cols, extra, vals, n + 1) : xasprintf("INSERT INTO %s (%s)"
	    " VALUES (%s)", table, cols, vals);
	free(cols);
	free(vals);
	return *cache;
}

int
store_fields_bind(sqlite3_stmt *s, const struct xfer_field *fields,
    const void *rec, int keep_id)
{
	int i = 1;

	for (const struct xfer_field *f = fields; f->key; f++) {
		if (column_of(f) == NULL)
			continue;
		switch (f->type) {
		case XF_ID:
			if (keep_id)
				sqlite3_bind_int64(s, i, *CAT(long long, rec, f));
			else
				sqlite3_bind_null(s, i);
			break;
		case XF_MONEY:
			/* 0 is no amount: NULL, as the column is written
			 * everywhere else ("amount IS NOT NULL"). */
			if (f->flags & XF_NULL && *CAT(long long, rec, f) == 0)
				sqlite3_bind_null(s, i);
			else
				sqlite3_bind_int64(s, i,
				    *CAT(long long, rec, f));
			break;
		case XF_UUID:
		case XF_CURRENCY:
			bind_text(s, i, *CAT(char, rec, f) ? CAT(char, rec, f) :
			    NULL);
			break;
		case XF_LINE:
		case XF_TEXT:
		case XF_PHONE:
		case XF_ACCOUNT:
			bind_text(s, i, *CAT(char *, rec, f));
			break;
		case XF_TIME:
			bind_time(s, i, *CAT(time_t, rec, f));
			break;
		case XF_ENUM:
			bind_text(s, i, f->flags & XF_NULL &&
			    *CAT(int, rec, f) == f->null_value ? NULL :
			    enum_name(f->names, *CAT(int, rec, f)));
			break;
		case XF_SECONDS:
			bind_long_opt(s, i, *CAT(long, rec, f));
			break;
		case XF_COUNT:
			sqlite3_bind_int(s, i, *CAT(int, rec, f));
			break;
		case XF_REFS:
		case XF_LIST:
			break;
		}
		i++;
	}
	return i;
}

int
store_fields_count(const struct xfer_field *fields)
{
	int n = 0;

	for (const struct xfer_field *f = fields; f->key; f++)
		n += column_of(f) != NULL;
	return n;
}

const char *
store_fields_columns(const struct xfer_field *fields, const char *alias,
    char **cache)
{
	if (*cache == NULL)
		*cache = column_list(fields, alias, 0);
	return *cache;
}

/* updated_at never goes back: STORE_UPDATED_SQL, with the parameter
 * numbered at run time. */
const char *
store_fields_update(const struct xfer_field *fields, const char *table,
    const char *extra, int set_uuid, char **cache)
{
	char *set, *next;
	int n = 0, id = 0;

	if (*cache)
		return *cache;
	set = xstrdup("");
	for (const struct xfer_field *f = fields; f->key; f++) {
		const char *col = column_of(f);

		if (col == NULL)
			continue;
		n++;
		if (f->type == XF_ID)
			id = n;
		if (f->type == XF_ID || (f->type == XF_UUID && !set_uuid))
			continue;
		next = strcmp(col, "updated_at") == 0 ?
		    xasprintf("%s%s%s = CASE WHEN updated_at > ?%d AND"
		    " updated_at - ?%d <= " STORE_SKEW_MAX " THEN updated_at"
		    " ELSE ?%d END", set, *set ? ", " : "", col, n, n, n) :
		    xasprintf("%s%s%s = ?%d", set, *set ? ", " : "", col, n);
		free(set);
		set = next;
	}
	if (id == 0)
		fatal("internal error: %s's fields have no id", table);
	*cache = extra ? xasprintf("UPDATE %s SET %s, %s = ?%d WHERE id = ?%d",
	    table, set, extra, n + 1, id) : xasprintf("UPDATE %s SET %s"
	    " WHERE id = ?%d", table, set, id);
	free(set);
	return *cache;
}
