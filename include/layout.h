/*
 * layout: which columns of a table to show, and how wide, for a given
 * width — pure, so that it can be tested with plain numbers (table.c
 * measures the cells and prints them).
 *
 * Each column declares how important it is and how it may give way.  The
 * least important columns are dropped first, while what is left would not
 * fit at the width of its whole values (long text counted at its minimum);
 * then short values give way down to their minimums (an organization to
 * its short name, a list to its first items and a count, else cut); long
 * text takes what is left, wrapped or cut last.  Ids, dates and times
 * (columns with no flag) are never cut.
 *
 *	struct layout_col c[2] = {
 *		{ .natural = 16, .narrow = 16, .prio = LAYOUT_ESSENTIAL },
 *		{ .natural = 40, .narrow = 40, .min = 10,
 *		    .prio = LAYOUT_ESSENTIAL, .flags = LAYOUT_LONG },
 *	};
 *	layout_columns(c, 2, 60, 2);	// c[1].width == 40: it fits
 */
#ifndef CALLLOG_LAYOUT_H
#define CALLLOG_LAYOUT_H

#include <stddef.h>

enum {
	LAYOUT_SHRINK = 1 << 0,	/* may be narrower than its values: cut */
	LAYOUT_WRAP = 1 << 1,	/* may be narrower: wrapped onto more lines */
	LAYOUT_LONG = 1 << 2	/* long text: sized last, from what is left */
};

/* Columns of this priority or above are never dropped. */
#define LAYOUT_ESSENTIAL 100

struct layout_col {
	size_t natural;		/* its widest value, header included */
	size_t narrow;		/* its widest value in its narrowest whole
				 * form (a short name, "A +2"); <= natural */
	size_t word;		/* a wrapping column's widest word: it is not
				 * made narrower unless nothing else fits */
	size_t min;		/* a shrinking column gives way down to this */
	int prio;		/* the lowest is dropped first */
	unsigned flags;		/* LAYOUT_* */
	size_t width;		/* set by layout_columns: 0 when dropped */
};

/*
 * Set each column's width so that the n columns, gap columns apart, fit
 * in total columns.  total 0 means no limit: every column at its natural
 * width.  When even the essential columns at their narrowest do not fit,
 * the shrinking columns go below their minimums (to one column) and, if
 * that is not enough, the table is wider than total.  Returns the width
 * of the table.
 */
size_t layout_columns(struct layout_col *c, int n, size_t total, size_t gap);

#endif
