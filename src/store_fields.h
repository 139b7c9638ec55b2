/*
 * store_fields: a record read from and written to the journal by the
 * export's table of its fields (xfer.h), each at its column (a field's
 * declaration's, field.h, or one the journal keeps itself) and by its
 * type at its offset in the record, so that the column list and the code
 * that fills the record are one list: a field added to the table is read
 * and written at once.  Lists (XF_LIST, XF_REFS) are the caller's.
 *
 *	static char *sql;
 *	s = store_prepare(st, store_fields_select(xfer_event_fields,
 *	    "case_events", "WHERE case_id = ?1", &sql));
 *	while (sqlite3_step(s) == SQLITE_ROW)
 *		store_fields_read(s, xfer_event_fields, &e);
 */
#ifndef CALLLOG_STORE_FIELDS_H
#define CALLLOG_STORE_FIELDS_H

#include <sqlite3.h>

#include "model.h"
#include "xfer.h"

/* "SELECT" the fields' columns in their order "FROM" table, then rest;
 * built on first use into *cache and kept for the life of the program. */
const char *store_fields_select(const struct xfer_field *fields,
    const char *table, const char *rest, char **cache);

/* A row of that SELECT into rec. */
void store_fields_read(sqlite3_stmt *s, const struct xfer_field *fields,
    void *rec);

/* "INSERT INTO" table the fields' columns and then extra, a column of the
 * caller's (NULL: none), their values ?1 to ?N in the same order; built
 * once into *cache. */
const char *store_fields_insert(const struct xfer_field *fields,
    const char *table, const char *extra, char **cache);

/* Bind rec's fields to such an INSERT, from ?1; an XF_ID is bound NULL
 * unless keep_id, so that SQLite chooses the next one.  Returns the
 * number of the next parameter (extra's). */
int store_fields_bind(sqlite3_stmt *s, const struct xfer_field *fields,
    const void *rec, int keep_id);

/* The number of columns the fields have (a SELECT's first, its own
 * columns after them). */
int store_fields_count(const struct xfer_field *fields);

/* The fields' columns as "alias.col, ...", for a query that joins or
 * adds columns of its own; built once into *cache. */
const char *store_fields_columns(const struct xfer_field *fields,
    const char *alias, char **cache);

/* "UPDATE" table "SET" every column but id (and uuid, unless set_uuid)
 * and then extra as insert's, "WHERE id =", the parameters numbered as
 * store_fields_bind numbers them (bind with keep_id); updated_at never
 * goes back (STORE_UPDATED_SQL says how far).  Built once into *cache. */
const char *store_fields_update(const struct xfer_field *fields,
    const char *table, const char *extra, int set_uuid, char **cache);

/* A uuid column into out ("" for NULL); an enumeration column. */
void store_col_uuid(sqlite3_stmt *s, int i, char out[UUID_BUFSZ]);
int store_col_enum(sqlite3_stmt *s, int i, const struct enum_names *e);

#endif
