/*
 * width: how many columns text takes on a terminal (UTF-8, measured with
 * wcwidth: accents take one column, CJK and emoji two), how wide the
 * terminal is, and text wrapped to it at word boundaries.
 *
 *	size_t w = terminal_width(stdout);	// 0: do not wrap
 *	width_printf(stdout, 8, w, "  - %s\n", item);	// hanging indent 8
 */
#ifndef CALLLOG_WIDTH_H
#define CALLLOG_WIDTH_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

/* Display width of UTF-8 text (control characters count as one). */
size_t text_width(const char *s);

/* Decode the character at s: returns its length in bytes (1 for a byte
 * that is not UTF-8) and sets *width to its display width. */
size_t width_next_char(const char *s, int *width);

/*
 * The width that output on fp is laid out for: COLUMNS when it is set to
 * a number (on a terminal or not, so scripts and tests can ask for a
 * width), else the terminal's (through the pager, the one it pages on),
 * else 0: not a terminal, lay nothing out, cut nothing.
 */
int terminal_width(FILE *fp);

/* The terminal width a pager pages standard output on, set by output.c
 * while it runs one (0: none); terminal_width(stdout) answers it. */
void width_set_paged(int cols);
int width_paged(void);

/*
 * The first line of s wrapped to width columns: returns its length in
 * bytes, without the spaces it ends at, and sets *next to where the next
 * line begins (after those spaces and after a line break).  A line breaks
 * after the last space that fits, or inside a word wider than the line.
 */
size_t width_wrap_line(const char *s, size_t width, const char **next);

/*
 * Print the formatted text wrapped to width (0: as it is), each line
 * after the first indented by indent columns: the hanging indent of a
 * labelled field.  Line breaks in the text start indented lines too.
 */
void width_printf(FILE *fp, size_t indent, size_t width, const char *fmt, ...)
    CL_PRINTF(4, 5);

#endif
