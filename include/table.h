/*
 * table: aligned text tables sized to the terminal, measuring UTF-8 text by
 * its display width (accents take one column, CJK and emoji two).
 *
 *	struct table *t = table_create(3, (const char *[]){ "ID", "ORG", "TITLE" });
 *	table_flex(t, 2);		// TITLE shrinks first
 *	table_add(t, (const char *[]){ "1", "Amex", "Disputed charge" });
 *	table_print(t, stdout);
 *	table_release(t);
 */
#ifndef CALLLOG_TABLE_H
#define CALLLOG_TABLE_H

#include <stddef.h>
#include <stdio.h>

struct table;

struct table *table_create(int ncols, const char *const *headers);
void table_release(struct table *t);	/* accepts NULL */

/* Columns that may be shortened (with "…") to fit; several may be set. */
void table_flex(struct table *t, int col);

/* Add a row; cells are copied; NULL cells print as "-". */
void table_add(struct table *t, const char *const *cells);

/* Colour cell col of the row added last (an SGR from output.h; "" or
 * NULL for none). */
void table_color(struct table *t, int col, const char *sgr);

size_t table_rows(const struct table *t);

/* Print header and rows.  On a terminal the flexible columns shrink to
 * fit its width; elsewhere nothing is cut. */
void table_print(struct table *t, FILE *fp);

/* Display width of UTF-8 text (control characters count as one). */
size_t text_width(const char *s);

/* Width of the terminal on fp, or 0 when fp is not a terminal. */
int terminal_width(FILE *fp);

#endif
