/*
 * table.c: column layout for the listing commands.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "output.h"
#include "table.h"
#include "util.h"

#define GAP 2
#define MIN_FLEX 4	/* a shrunk column keeps three characters and "…" */

struct table {
	int ncols;
	char **cells;		/* rows * ncols, row 0 the header */
	const char **sgr;	/* colour of each cell, or NULL */
	size_t nrows, cap;
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
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->sgr);
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
		    sizeof(char *));
		t->sgr = xrealloc(t->sgr, t->cap * (size_t)t->ncols *
		    sizeof(char *));
	}
	for (int c = 0; c < t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "-";
		char *copy = xstrdup(s);

		/* A table row is one line, whatever the cell held. */
		for (char *p = copy; *p; p++)
			if (*p == '\n' || *p == '\r' || *p == '\t')
				*p = ' ';
		t->cells[t->nrows * (size_t)t->ncols + (size_t)c] = copy;
		t->sgr[t->nrows * (size_t)t->ncols + (size_t)c] = NULL;
	}
	t->nrows++;
}

void
table_color(struct table *t, int col, const char *sgr)
{
	t->sgr[(t->nrows - 1) * (size_t)t->ncols + (size_t)col] =
	    sgr && *sgr ? sgr : NULL;
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

	/* Through a pager, the width is the terminal's it pages on. */
	if (fp == stdout && output_paged_width() > 0)
		return output_paged_width();
	if (!isatty(fileno(fp)))
		return 0;
	if (ioctl(fileno(fp), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Print s in exactly width columns: cut with "…" or padded (unless last). */
static void
print_cell(FILE *fp, const char *s, size_t width, int last)
{
	size_t w = text_width(s), used = 0;

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
			size_t w = text_width(t->cells[r * (size_t)t->ncols +
			    (size_t)c]);
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

			if (c)
				fprintf(fp, "%*s", GAP, "");
			/* Colour wraps the text only, so widths stay those
			 * of the text. */
			if (t->sgr[i])
				fputs(t->sgr[i], fp);
			print_cell(fp, t->cells[i], width[c], c == t->ncols - 1 ||
			    t->sgr[i] != NULL);
			if (t->sgr[i]) {
				fputs(color_reset(), fp);
				if (c != t->ncols - 1)
					for (size_t w = text_width(t->cells[i]);
					    w < width[c]; w++)
						fputc(' ', fp);
			}
		}
		fputc('\n', fp);
	}
	free(width);
}
