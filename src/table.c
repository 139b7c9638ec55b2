/*
 * table.c: column layout for the listing commands.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "output.h"
#include "table.h"
#include "term.h"
#include "util.h"

#define GAP 2
#define MIN_FLEX 4	/* a shrunk column keeps three characters and "…" */

/*
 * `open` may list every unresolved case of a long-kept journal (10,000 at
 * 100,000 cases, bench/): the cells' text goes into one growing buffer and
 * each cell keeps 9 bytes, an offset, its display width (measured once) and
 * its colour, instead of a malloc'd string and two pointers.
 */
struct cell {
	uint32_t off;		/* into text */
	uint32_t width;		/* display width */
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
	int *flex;
};

struct table *
table_create(int ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	t->flex = xcalloc((size_t)ncols, sizeof(int));
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
	free(t->flex);
	free(t);
}

void
table_flex(struct table *t, int col)
{
	t->flex[col] = 1;
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
		/* A row is one line, and a cell cut short must not end
		 * inside an escape: the cell is escaped whole first. */
		char *s = term_escape(cells[c] ? cells[c] : "-", 0);
		size_t len = strlen(s) + 1;
		struct cell *cell = &t->cells[t->nrows * (size_t)t->ncols +
		    (size_t)c];
		char *copy;

		if (len > UINT32_MAX - t->textlen)
			fatal("cannot show a table of more than 4 GB; "
			    "use --limit or --json");
		if (t->textcap - t->textlen < len) {
			t->textcap = 2 * (t->textcap + len);
			t->text = xrealloc(t->text, t->textcap);
		}
		copy = memcpy(t->text + t->textlen, s, len);
		free(s);
		cell->off = (uint32_t)t->textlen;
		cell->width = (uint32_t)text_width(copy);
		t->sgr[cell - t->cells] = 0;
		t->textlen += len;
	}
	t->nrows++;
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

/* Decode one UTF-8 character at s; returns its length (1 for bad bytes). */
static size_t
next_char(const char *s, int *width)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	/* Most text is ASCII: one column a byte, controls included. */
	if ((unsigned char)*s < 0x80) {
		*width = 1;
		return 1;
	}
	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*width = 1;
		return 1;
	}
	*width = wcwidth(wc);
	if (*width < 0)
		*width = 1;
	return n;
}

size_t
text_width(const char *s)
{
	size_t w = 0;

	while (*s) {
		int cw;

		s += next_char(s, &cw);
		w += (size_t)cw;
	}
	return w;
}

int
terminal_width(FILE *fp)
{
	struct winsize ws;
	int fd;

	/* Through a pager, the width is the terminal's it pages on. */
	if (fp == stdout && output_paged_width() > 0)
		return output_paged_width();
	/* A guarded standard output (term.h) is a stream of its own. */
	fd = fp == stdout ? STDOUT_FILENO : fileno(fp);
	if (!isatty(fd))
		return 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Print s, w columns wide, in exactly width columns: cut with "…" or
 * padded (unless last). */
static void
print_cell(FILE *fp, const char *s, size_t w, size_t width, int last)
{
	size_t used = 0;

	if (w <= width) {
		fputs(s, fp);
		used = w;
	} else {
		while (*s) {
			int cw;
			size_t n = next_char(s, &cw);

			if (used + (size_t)cw + 1 > width)
				break;
			fwrite(s, 1, n, fp);
			used += (size_t)cw;
			s += n;
		}
		if (width > 0) {
			fputs("…", fp);
			used++;
		}
	}
	if (!last)
		for (; used < width; used++)
			fputc(' ', fp);
}

void
table_print(struct table *t, FILE *fp)
{
	size_t *width = xcalloc((size_t)t->ncols, sizeof(size_t));
	size_t total = 0;
	int term = terminal_width(fp);

	for (size_t r = 0; r < t->nrows; r++)
		for (int c = 0; c < t->ncols; c++) {
			size_t w = t->cells[r * (size_t)t->ncols +
			    (size_t)c].width;

			if (w > width[c])
				width[c] = w;
		}
	for (int c = 0; c < t->ncols; c++)
		total += width[c] + (c ? GAP : 0);
	/* Take the excess from the widest flexible column, repeatedly, so
	 * that short columns keep their text. */
	while (term > 0 && total > (size_t)term) {
		int widest = -1;

		for (int c = 0; c < t->ncols; c++)
			if (t->flex[c] && width[c] > MIN_FLEX &&
			    (widest < 0 || width[c] > width[widest]))
				widest = c;
		if (widest < 0)
			break;
		width[widest]--;
		total--;
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (int c = 0; c < t->ncols; c++) {
			size_t i = r * (size_t)t->ncols + (size_t)c;
			const struct cell *cell = &t->cells[i];
			const char *sgr = t->sgr[i] ? t->sgrs[t->sgr[i] - 1] :
			    NULL;

			if (c)
				fprintf(fp, "%*s", GAP, "");
			/* Colour wraps the text only, so widths stay those
			 * of the text. */
			if (sgr)
				fputs(sgr, fp);
			print_cell(fp, t->text + cell->off, cell->width, width[c],
			    c == t->ncols - 1 || sgr != NULL);
			if (sgr) {
				fputs(color_reset(), fp);
				if (c != t->ncols - 1)
					for (size_t w = cell->width;
					    w < width[c]; w++)
						fputc(' ', fp);
			}
		}
		fputc('\n', fp);
	}
	free(width);
}
