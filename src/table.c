/*
 * table.c: the cells of the listing commands' tables, and printing them
 * in the columns layout.c chose.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "table.h"
#include "term.h"
#include "util.h"

#define GAP 2

/*
 * `open` may list every unresolved case of a long-kept journal (10,000 at
 * 100,000 cases, bench/): the cells' text goes into one growing buffer and
 * each cell keeps 9 bytes, an offset, its display width (measured once) and
 * its colour, instead of a malloc'd string and two pointers.  The few
 * cells with a narrower form (a short name, a list's "A +2") list it
 * apart, in the order their rows were added.
 */
struct cell {
	uint32_t off;		/* into text */
	uint32_t width;		/* display width */
};

struct alt {
	size_t cell;		/* index into cells */
	uint32_t off, width;
	uint32_t tail;		/* bytes at its end a cut keeps (" +2") */
};

#define MAX_SGR 8		/* distinct colours in one table */

struct table {
	int ncols;
	struct cell *cells;	/* rows * ncols, row 0 the header */
	uint8_t *sgr;		/* colour of each cell: 0 none, else sgrs[n-1] */
	size_t nrows, cap;
	char *text;		/* every cell's text, each NUL-terminated */
	size_t textlen, textcap;
	const char *sgrs[MAX_SGR];
	struct layout_col *cols;
	struct alt *alts;
	size_t nalts, altcap;
};

struct table *
table_create(int ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	t->cols = xcalloc((size_t)ncols, sizeof(*t->cols));
	for (int c = 0; c < ncols; c++)
		t->cols[c].prio = LAYOUT_ESSENTIAL;
	table_add(t, headers);
	return t;
}

void
table_release(struct table *t)
{
	if (t == NULL)
		return;
	free(t->cells);
	free(t->sgr);
	free(t->text);
	free(t->cols);
	free(t->alts);
	free(t);
}

void
table_column(struct table *t, int col, int prio, size_t min, unsigned flags)
{
	if (col >= t->ncols)
		return;		/* an optional column this table left out */
	t->cols[col].prio = prio;
	t->cols[col].min = min;
	t->cols[col].flags = flags;
}

void
table_flex(struct table *t, int col)
{
	table_column(t, col, LAYOUT_ESSENTIAL, 4, LAYOUT_SHRINK | LAYOUT_LONG);
}

/* Keep a copy of s, escaped, in the table's text; returns its offset and
 * sets *width to its display width. */
static uint32_t
keep_text(struct table *t, const char *s, uint32_t *width)
{
	/* A row is one line, and a cell cut short must not end inside an
	 * escape: the text is escaped whole first. */
	char *e = term_escape(s, 0);
	size_t len = strlen(e) + 1;
	uint32_t off = (uint32_t)t->textlen;

	if (len > UINT32_MAX - t->textlen)
		fatal("cannot show a table of more than 4 GB; "
		    "use --limit or --json");
	if (t->textcap - t->textlen < len) {
		t->textcap = 2 * (t->textcap + len);
		t->text = xrealloc(t->text, t->textcap);
	}
	memcpy(t->text + t->textlen, e, len);
	free(e);
	*width = (uint32_t)text_width(t->text + off);
	t->textlen += len;
	return off;
}

void
table_add(struct table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xrealloc(t->cells, t->cap * (size_t)t->ncols *
		    sizeof(*t->cells));
		t->sgr = xrealloc(t->sgr, t->cap * (size_t)t->ncols);
	}
	for (int c = 0; c < t->ncols; c++) {
		size_t i = t->nrows * (size_t)t->ncols + (size_t)c;

		t->cells[i].off = keep_text(t, cells[c] ? cells[c] : "-",
		    &t->cells[i].width);
		t->sgr[i] = 0;
	}
	t->nrows++;
}

static void
add_alt(struct table *t, int col, const char *text, size_t tail)
{
	struct alt *a;

	if (t->nalts == t->altcap) {
		t->altcap = t->altcap ? 2 * t->altcap : 16;
		t->alts = xrealloc(t->alts, t->altcap * sizeof(*t->alts));
	}
	a = &t->alts[t->nalts++];
	a->cell = (t->nrows - 1) * (size_t)t->ncols + (size_t)col;
	a->off = keep_text(t, text, &a->width);
	a->tail = (uint32_t)tail;
	/* Kept in the order of their cells, which printing walks. */
	for (; a > t->alts && a[-1].cell > a->cell; a--) {
		struct alt swap = a[-1];

		a[-1] = a[0];
		a[0] = swap;
	}
}

void
table_alt(struct table *t, int col, const char *text)
{
	if (text != NULL)
		add_alt(t, col, text, 0);
}

void
table_list(struct table *t, int col, const char *const *values, size_t n)
{
	struct cell *cell = &t->cells[(t->nrows - 1) * (size_t)t->ncols +
	    (size_t)col];
	size_t len = 0;
	char *joined;

	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		len += strlen(values[i]) + 2;
	joined = xcalloc(1, len + 24);
	for (size_t i = 0; i < n; i++)
		strcat(strcat(joined, i ? ", " : ""), values[i]);
	cell->off = keep_text(t, joined, &cell->width);
	/* Narrower and narrower: all but the last, ..., the first alone,
	 * each saying how many it leaves out. */
	for (size_t k = n - 1; k >= 1; k--) {
		char more[24];

		joined[0] = '\0';
		for (size_t i = 0; i < k; i++)
			strcat(strcat(joined, i ? ", " : ""), values[i]);
		snprintf(more, sizeof(more), " +%zu", n - k);
		strcat(joined, more);
		add_alt(t, col, joined, strlen(more));
	}
	free(joined);
}

void
table_color(struct table *t, int col, const char *sgr)
{
	uint8_t *cell = &t->sgr[(t->nrows - 1) * (size_t)t->ncols +
	    (size_t)col];
	int i;

	if (sgr == NULL || *sgr == '\0') {
		*cell = 0;
		return;
	}
	for (i = 0; i < MAX_SGR && t->sgrs[i] && t->sgrs[i] != sgr; i++)
		;
	if (i == MAX_SGR)
		fatal("internal error: more than %d colours in one table",
		    MAX_SGR);
	t->sgrs[i] = sgr;
	*cell = (uint8_t)(i + 1);
}

size_t
table_rows(const struct table *t)
{
	return t->nrows - 1;
}

/* Raise *widest to the width of the widest word of s. */
static void
widest_word(const char *s, size_t *widest)
{
	size_t w = 0;

	while (*s) {
		int cw;

		s += width_next_char(s, &cw);
		w = s[-1] == ' ' ? 0 : w + (size_t)cw;
		if (w > *widest)
			*widest = w;
	}
}

/* Print the first len bytes of s cut to width columns with "…" at the
 * end; returns the columns used. */
static size_t
print_cut(FILE *fp, const char *s, size_t len, size_t width)
{
	const char *end = s + len;
	size_t used = 0;

	while (s < end) {
		int cw;
		size_t n = width_next_char(s, &cw);

		if (used + (size_t)cw + 1 > width)
			break;
		fwrite(s, 1, n, fp);
		used += (size_t)cw;
		s += n;
	}
	if (width > used) {
		fputs("…", fp);
		used++;
	}
	return used;
}

/* What a cell shows on its first line at width: the whole text, else its
 * first narrower form that fits, else the narrowest cut (keeping the count
 * of a list).  Wrapping cells are left to print_row.  Returns the columns
 * used. */
static size_t
print_form(FILE *fp, const struct table *t, size_t i, const struct alt *a,
    const struct alt *end, size_t width)
{
	const struct cell *cell = &t->cells[i];
	const char *s = t->text + cell->off;
	size_t tail = 0;

	if (cell->width <= width) {
		fputs(s, fp);
		return cell->width;
	}
	for (; a < end && a->cell <= i; a++) {
		if (a->cell != i)
			continue;
		s = t->text + a->off;
		tail = a->tail;
		if (a->width <= width) {
			fputs(s, fp);
			return a->width;
		}
	}
	if (tail > 0 && width >= tail + 2) {
		size_t used = print_cut(fp, s, strlen(s) - tail, width - tail);

		fputs(s + strlen(s) - tail, fp);
		return used + tail;
	}
	return print_cut(fp, s, strlen(s), width);
}

/* Print row r, on as many lines as its wrapped cells need; a, end: the
 * narrower forms from this row on.  Padding is written only before text,
 * so that no line ends in spaces. */
static void
print_row(FILE *fp, const struct table *t, size_t r, const struct alt *a,
    const struct alt *end)
{
	const char **rest = xcalloc((size_t)t->ncols, sizeof(*rest));
	int more = 1;

	for (int line = 0; more; line++) {
		size_t pad = 0;
		int shown = 0;

		more = 0;
		for (int c = 0; c < t->ncols; c++) {
			size_t i = r * (size_t)t->ncols + (size_t)c, w = 0;
			size_t width = t->cols[c].width;
			const char *s = t->text + t->cells[i].off;
			const char *sgr = t->sgr[i] ? t->sgrs[t->sgr[i] - 1] :
			    NULL;
			int wrap = (t->cols[c].flags & LAYOUT_WRAP) &&
			    t->cells[i].width > width;

			if (width == 0)
				continue;
			if (shown++)
				pad += GAP;
			if (line > 0 && (!wrap || *rest[c] == '\0')) {
				pad += width;
				continue;
			}
			fprintf(fp, "%*s", (int)pad, "");
			pad = 0;
			/* Colour wraps the text only, so widths stay those
			 * of the text. */
			if (sgr)
				fputs(sgr, fp);
			if (wrap) {
				const char *from = line ? rest[c] : s;
				size_t len = width_wrap_line(from, width,
				    &rest[c]);

				fwrite(from, 1, len, fp);
				w = 0;
				for (size_t k = 0; k < len; ) {
					int cw;

					k += width_next_char(from + k, &cw);
					w += (size_t)cw;
				}
				more |= *rest[c] != '\0';
			} else
				w = print_form(fp, t, i, a, end, width);
			if (sgr)
				fputs(color_reset(), fp);
			pad = w < width ? width - w : 0;
		}
		fputc('\n', fp);
	}
	free(rest);
}

void
table_print(struct table *t, FILE *fp)
{
	const struct alt *a = t->alts, *end = t->alts + t->nalts;

	for (int c = 0; c < t->ncols; c++)
		t->cols[c].natural = t->cols[c].narrow = t->cols[c].word = 0;
	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t i = r * (size_t)t->ncols + (size_t)c;
			size_t w = t->cells[i].width, narrow = w;

			for (; a < end && a->cell <= i; a++)
				if (a->cell == i && a->width < narrow)
					narrow = a->width;
			if (w > t->cols[c].natural)
				t->cols[c].natural = w;
			if (narrow > t->cols[c].narrow)
				t->cols[c].narrow = narrow;
			if ((t->cols[c].flags & LAYOUT_WRAP) && r > 0)
				widest_word(t->text + t->cells[i].off,
				    &t->cols[c].word);
		}
	layout_columns(t->cols, t->ncols, (size_t)terminal_width(fp), GAP);
	a = t->alts;
	for (size_t r = 0; r < t->nrows; r++) {
		/* The narrower forms of this row and those after. */
		while (a < end && a->cell < r * (size_t)t->ncols)
			a++;
		print_row(fp, t, r, a, end);
	}
}
