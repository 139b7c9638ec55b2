/*
 * table: aligned text tables laid out for the width of the output
 * (width.h: the terminal's, or COLUMNS), measuring UTF-8 text by its
 * display width.  Each column says how it may give way (layout.h): ids
 * and times never, short values to a short form, long text cut or
 * wrapped last; the least important columns are dropped first.
 *
 *	struct table *t = table_create(3, (const char *[]){ "ID", "ORG", "TITLE" });
 *	table_column(t, 1, LAYOUT_ESSENTIAL, 6, LAYOUT_SHRINK);
 *	table_column(t, 2, LAYOUT_ESSENTIAL, 10, LAYOUT_SHRINK | LAYOUT_LONG);
 *	table_add(t, (const char *[]){ "1", "American Express", "Disputed charge" });
 *	table_alt(t, 1, "amex");	// shown when the whole name does not fit
 *	table_print(t, stdout);
 *	table_release(t);
 */
#ifndef CALLLOG_TABLE_H
#define CALLLOG_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "layout.h"
#include "width.h"

struct table;

/* Columns start essential and fixed: never dropped, never cut. */
struct table *table_create(int ncols, const char *const *headers);
void table_release(struct table *t);	/* accepts NULL */

/* How column col gives way (layout.h): its priority, its minimum width
 * and LAYOUT_* flags.  A column the table does not have (an optional
 * last one left out) is ignored. */
void table_column(struct table *t, int col, int prio, size_t min,
    unsigned flags);

/* Shorthand: long text that may be cut, never dropped. */
void table_flex(struct table *t, int col);

/* Add a row; cells are copied; NULL cells print as "-". */
void table_add(struct table *t, const char *const *cells);

/* A narrower form of cell col of the row added last (an organization's
 * short name), shown when the whole one does not fit; give the narrowest
 * last.  NULL: none. */
void table_alt(struct table *t, int col, const char *text);

/* Cell col of the row added last holds the n values of a list (reference
 * numbers), joined by ", "; narrow, it shows the first ones and how many
 * more: "SUP-88123 +2". */
void table_list(struct table *t, int col, const char *const *values,
    size_t n);

/* Colour cell col of the row added last (an SGR from output.h; "" or
 * NULL for none). */
void table_color(struct table *t, int col, const char *sgr);

size_t table_rows(const struct table *t);

/* Print header and rows laid out for terminal_width(fp); when that is 0
 * (not a terminal, no COLUMNS) every column is whole. */
void table_print(struct table *t, FILE *fp);

#endif
