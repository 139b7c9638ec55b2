/*
 * width.c: display width of UTF-8 text, the terminal's width, and text
 * wrapped to it.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "width.h"

size_t
width_next_char(const char *s, int *width)
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

		s += width_next_char(s, &cw);
		w += (size_t)cw;
	}
	return w;
}

/* COLUMNS as a width, or 0 when it is unset or not a sensible number. */
static int
columns_env(void)
{
	const char *v = getenv("COLUMNS");
	char *end;
	long n;

	if (v == NULL || *v == '\0')
		return 0;
	n = strtol(v, &end, 10);
	return *end == '\0' && n > 0 && n <= 10000 ? (int)n : 0;
}

/* The columns of the terminal a pager shows standard output on, while it
 * does (output.c sets it): kept here, beneath output, so that measuring a
 * width never asks the pager's module. */
static int paged_cols;

void
width_set_paged(int cols)
{
	paged_cols = cols;
}

int
width_paged(void)
{
	return paged_cols;
}

int
terminal_width(FILE *fp)
{
	struct winsize ws;
	int fd, cols = columns_env();

	if (cols > 0)
		return cols;
	/* Through a pager, the width is the terminal's it pages on. */
	if (fp == stdout && paged_cols > 0)
		return paged_cols;
	/* A guarded standard output (term.h) is a stream of its own. */
	fd = fp == stdout ? STDOUT_FILENO : fileno(fp);
	if (fd < 0 || !isatty(fd))
		return 0;
	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

size_t
width_wrap_line(const char *s, size_t width, const char **next)
{
	const char *p = s, *brk = NULL;
	size_t used = 0;

	while (*p && *p != '\n') {
		int cw;
		size_t n = width_next_char(p, &cw);

		/* A run of spaces breaks at its first; the spaces that
		 * indent a line are not a place to break it. */
		if (*p == ' ' && p > s && p[-1] != ' ')
			brk = p;
		else if (*p == ' ')
			;
		else if (used + (size_t)cw > width && *p != ' ') {
			/* Break at the last space, or inside a word that no
			 * line holds (but never before its first character). */
			if (brk == NULL)
				brk = p > s ? p : p + n;
			break;
		}
		used += (size_t)cw;
		p += n;
	}
	if (*p == '\0' || *p == '\n')
		brk = p;
	*next = brk;
	while (**next == ' ')
		(*next)++;
	if (**next == '\n' && brk == p)
		(*next)++;
	while (brk > s && brk[-1] == ' ')
		brk--;
	return (size_t)(brk - s);
}

void
width_printf(FILE *fp, size_t indent, size_t width, const char *fmt, ...)
{
	va_list ap;
	char *text;
	const char *p, *next;
	int n, wrap;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	text = malloc((size_t)n + 1);
	if (text == NULL)
		abort();
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	/* Not laid out (0), or too narrow for the indent and a word: no
	 * wrapping, but the lines of a multi-line value are still indented
	 * under their label. */
	wrap = width > indent + 8;
	for (p = text; *p; p = next) {
		size_t len, room = !wrap ? SIZE_MAX :
		    width - (p == text ? 0 : indent);

		len = width_wrap_line(p, room, &next);
		if (p != text && len > 0)
			fprintf(fp, "%*s", (int)indent, "");
		fwrite(p, 1, len, fp);
		fputc('\n', fp);
	}
	free(text);
}
