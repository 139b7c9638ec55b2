/*
 * test_layout.c: the columns of `open` laid out at 200, 80 and 60
 * columns — the least useful dropped first, short values whole (or in
 * their short form) before long text, ids and times never cut — and at
 * no limit, every column whole.
 */
#include <stdio.h>
#include <string.h>

#include "layout.h"
#include "tap.h"

enum { ID, ORG, REASON, TITLE, AGE, CALLS, LAST, NEXT, STATUS, NCOLS };

/* open's columns for one case of American Express ("amex"). */
static void
open_columns(struct layout_col *c)
{
	static const struct layout_col cols[NCOLS] = {
		[ID] = { 2, 2, 0, 0, LAYOUT_ESSENTIAL, 0, 0 },
		[ORG] = { 16, 4, 0, 8, LAYOUT_ESSENTIAL, LAYOUT_SHRINK, 0 },
		[REASON] = { 9, 9, 0, 0, 70, 0, 0 },
		[TITLE] = { 40, 40, 0, 14, LAYOUT_ESSENTIAL,
		    LAYOUT_SHRINK | LAYOUT_LONG, 0 },
		[AGE] = { 3, 3, 0, 0, 40, 0, 0 },
		[CALLS] = { 5, 5, 0, 0, 30, 0, 0 },
		[LAST] = { 10, 10, 0, 0, 20, 0, 0 },
		[NEXT] = { 16, 16, 0, 0, LAYOUT_ESSENTIAL, 0, 0 },
		[STATUS] = { 20, 20, 10, 10, LAYOUT_ESSENTIAL, LAYOUT_WRAP, 0 },
	};

	memcpy(c, cols, sizeof(cols));
}

int
main(void)
{
	struct layout_col c[NCOLS];
	size_t w;

	open_columns(c);
	w = layout_columns(c, NCOLS, 0, 2);
	ok(w == 2 + 16 + 9 + 40 + 3 + 5 + 10 + 16 + 20 + 16 && c[TITLE].width ==
	    40 && c[ORG].width == 16, "no limit: every column whole");

	open_columns(c);
	w = layout_columns(c, NCOLS, 200, 2);
	ok(w <= 200 && c[TITLE].width == 40 && c[LAST].width == 10,
	    "200 columns: every column whole");

	open_columns(c);
	w = layout_columns(c, NCOLS, 80, 2);
	is_long((long long)w, 80, "80 columns: the table fills the width");
	ok(c[LAST].width == 0 && c[CALLS].width == 0,
	    "80 columns: the last call and the count go first");
	ok(c[NEXT].width == 16 && c[ID].width == 2,
	    "80 columns: the follow-up time and the id are whole");
	ok(c[ORG].width >= 4 && c[REASON].width == 9 && c[STATUS].width == 20,
	    "80 columns: organization (short name), reason, status whole");
	ok(c[TITLE].width >= 14, "80 columns: the title keeps its minimum");

	open_columns(c);
	w = layout_columns(c, NCOLS, 60, 2);
	ok(w <= 60, "60 columns: it fits");
	ok(c[ID].width == 2 && c[NEXT].width == 16 && c[ORG].width >= 4 &&
	    c[TITLE].width >= 10 && c[STATUS].width >= 10,
	    "60 columns: id, organization, title, follow-up, status stay");
	ok(c[LAST].width == 0 && c[AGE].width == 0 && c[CALLS].width == 0,
	    "60 columns: the counts and dates are dropped");

	/* A short value with no short form is cut only when nothing is left
	 * to drop, and then the widest first. */
	open_columns(c);
	c[ORG].narrow = 16;
	c[STATUS].natural = c[STATUS].narrow = 29;
	w = layout_columns(c, NCOLS, 60, 2);
	ok(w <= 60 && c[ORG].width >= 8 && c[STATUS].width >= 10,
	    "60 columns, no short name: both give way to their minimums");

	/* Too narrow even for the essentials: shrinking columns go below
	 * their minimums; ids and times are still whole. */
	open_columns(c);
	w = layout_columns(c, NCOLS, 40, 2);
	ok(c[NEXT].width == 16 && c[ID].width == 2,
	    "40 columns: the follow-up time is still whole");
	ok(w <= 40, "40 columns: the shrinking columns made room");

	/* A dropped column comes back when it fits in the room left. */
	{
		struct layout_col d[3] = {
			{ 30, 30, 0, 0, LAYOUT_ESSENTIAL, 0, 0 },
			{ 20, 20, 0, 0, 10, 0, 0 },
			{ 4, 4, 0, 0, 5, 0, 0 },
		};

		w = layout_columns(d, 3, 40, 2);
		ok(d[1].width == 0 && d[2].width == 4 && w == 36,
		    "a narrow column of little use is kept when it fits");
	}
	return tap_done();
}
