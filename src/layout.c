/*
 * layout.c: choosing the columns of a table and their widths (layout.h).
 */
#include "layout.h"

static int
gives_way(const struct layout_col *c)
{
	return (c->flags & (LAYOUT_SHRINK | LAYOUT_WRAP | LAYOUT_LONG)) != 0;
}

static size_t
natural_of(const struct layout_col *c)
{
	return c->natural ? c->natural : 1;
}

/* How narrow a column may get before the last resort: its minimum, but
 * no word of wrapped text is broken, nor its whole width exceeded. */
static size_t
floor_of(const struct layout_col *c)
{
	size_t m = c->min ? c->min : 1, nat = natural_of(c);

	if (!gives_way(c))
		return nat;
	if ((c->flags & LAYOUT_WRAP) && c->word > m)
		m = c->word;
	return m < nat ? m : nat;
}

/* The width a column asks for while columns are dropped: short values
 * whole, in their narrowest form; long text its floor. */
static size_t
need_of(const struct layout_col *c)
{
	size_t nat = natural_of(c);

	if (!gives_way(c))
		return nat;
	if (c->flags & LAYOUT_LONG)
		return floor_of(c);
	return c->narrow && c->narrow < nat ? c->narrow : nat;
}

static size_t
used(const struct layout_col *c, int n, size_t gap)
{
	size_t sum = 0;
	int shown = 0;

	for (int i = 0; i < n; i++)
		if (c[i].width) {
			sum += c[i].width + (shown ? gap : 0);
			shown++;
		}
	return sum;
}

/* Narrow the widest column that gives way, one column at a time, down to
 * its floor (or to one column, the last resort), until the table fits. */
static void
shrink(struct layout_col *c, int n, size_t total, size_t gap, int last)
{
	size_t now = used(c, n, gap);

	while (now > total) {
		int widest = -1;

		for (int i = 0; i < n; i++)
			if (c[i].width && gives_way(&c[i]) &&
			    c[i].width > (last ? 1 : floor_of(&c[i])) &&
			    (widest < 0 || c[i].width > c[widest].width))
				widest = i;
		if (widest < 0)
			return;
		c[widest].width--;
		now--;
	}
}

/* Bring back the dropped columns that fit in the room left, the most
 * important first: a narrow column of little use beats empty space. */
static void
readd(struct layout_col *c, int n, size_t total, size_t gap)
{
	for (;;) {
		int best = -1;
		size_t now = used(c, n, gap);

		for (int i = 0; i < n; i++)
			if (!c[i].width && now + gap + need_of(&c[i]) <= total &&
			    (best < 0 || c[i].prio > c[best].prio))
				best = i;
		if (best < 0)
			return;
		c[best].width = need_of(&c[best]);
	}
}

/* Give the room left to long text, the narrowest column first, then to
 * short values toward their whole form, the most important first. */
static void
grow(struct layout_col *c, int n, size_t total, size_t gap)
{
	size_t now = used(c, n, gap);

	while (now < total) {
		int narrowest = -1;

		for (int i = 0; i < n; i++)
			if (c[i].width && (c[i].flags & LAYOUT_LONG) &&
			    c[i].width < natural_of(&c[i]) && (narrowest < 0 ||
			    c[i].width < c[narrowest].width))
				narrowest = i;
		if (narrowest < 0)
			break;
		c[narrowest].width++;
		now++;
	}
	while (now < total) {
		int best = -1;

		for (int i = 0; i < n; i++)
			if (c[i].width && c[i].width < natural_of(&c[i]) &&
			    (best < 0 || c[i].prio > c[best].prio))
				best = i;
		if (best < 0)
			break;
		if (natural_of(&c[best]) - c[best].width > total - now) {
			c[best].width += total - now;
			now = total;
		} else {
			now += natural_of(&c[best]) - c[best].width;
			c[best].width = natural_of(&c[best]);
		}
	}
}

size_t
layout_columns(struct layout_col *c, int n, size_t total, size_t gap)
{
	for (int i = 0; i < n; i++)
		c[i].width = natural_of(&c[i]);
	if (total == 0 || used(c, n, gap) <= total)
		return used(c, n, gap);
	for (int i = 0; i < n; i++)
		c[i].width = need_of(&c[i]);
	/* The least important go first (of equals, the rightmost). */
	while (used(c, n, gap) > total) {
		int drop = -1;

		for (int i = 0; i < n; i++)
			if (c[i].width && c[i].prio < LAYOUT_ESSENTIAL &&
			    (drop < 0 || c[i].prio <= c[drop].prio))
				drop = i;
		if (drop < 0)
			break;
		c[drop].width = 0;
	}
	shrink(c, n, total, gap, 0);
	shrink(c, n, total, gap, 1);
	readd(c, n, total, gap);
	grow(c, n, total, gap);
	return used(c, n, gap);
}
