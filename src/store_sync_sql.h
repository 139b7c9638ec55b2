/*
 * store_sync_sql: the SQL by which the store reads and writes the records
 * sync carries, built once from the fields' declarations (field.h), so
 * that a field declared is a field synced: no column list is written out
 * here by hand.  Each string is built on first use and kept for the life
 * of the program, so store_stmt (which keeps statements by their SQL's
 * address) prepares each once.
 *
 * The record's table is "r", its case (a call's, an event's) "c".  A
 * field's column is bound or read by its number: field i is ?(3 + i) and
 * the select's column 2 + i, after the uuid (?1, 0) and updated_at (?2,
 * 1).  By type: FT_UUID is the case by uuid, through the join; FT_LIST is
 * a table of its own (field_tables), a row a value, read here as lines
 * and written by store_sync_apply.c with store_sync_sql_list.
 */
#ifndef CALLLOG_STORE_SYNC_SQL_H
#define CALLLOG_STORE_SYNC_SQL_H

/* "SELECT r.uuid, r.updated_at, fields..., out" where out is whether the
 * record's case is resolved before ?2 (the folder's bound; NULL: none). */
const char *store_sync_sql_select(int kind);

/* " FROM table r" and, for a record of a case, the join with it. */
const char *store_sync_sql_from(int kind);

/* "UPDATE table SET updated_at = ?2, ... WHERE uuid = ?1" and the
 * INSERT of the same columns. */
const char *store_sync_sql_update(int kind);
const char *store_sync_sql_insert(int kind);

/* For list field i of kind: the statement deleting a record's values
 * (?1 the record's uuid) and the one inserting one (?1, ?2 its position,
 * ?3 the value). */
const char *store_sync_sql_list_delete(int kind, int i);
const char *store_sync_sql_list_insert(int kind, int i);

#endif
