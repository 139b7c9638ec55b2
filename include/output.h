/*
 * output: how calllog talks to a terminal — colour when it is one (never in
 * JSON, never with NO_COLOR or --color=never) and a pager for commands
 * whose output can be long, started as git does (LESS=FRX, so one screen
 * of output simply prints).
 */
#ifndef CALLLOG_OUTPUT_H
#define CALLLOG_OUTPUT_H

#include <stdio.h>

enum color_mode { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

/* Read --color's value; -1 after reporting a bad one. */
int output_color_mode(const char *s);

/* Decide colour for standard output: ALWAYS, or AUTO on a terminal without
 * NO_COLOR (https://no-color.org: any non-empty value). */
void output_init(enum color_mode mode);

/* Route standard output through $CALLLOG_PAGER, $PAGER or less when it is
 * a terminal; nothing otherwise. */
void output_start_pager(void);

/* The terminal's width while output goes through the pager, else 0. */
int output_paged_width(void);

/* Flush, close the pager's pipe and wait for the person to quit it. */
void output_finish(void);

/* SGR sequences as marks for a guarded stream (term.h, TERM_SGR), or ""
 * when colour is off: main guards standard output whenever it is on. */
const char *color_red(void);
const char *color_yellow(void);
const char *color_reset(void);

/* Write text to fp in color (color_red() ...), the colour around the text
 * only: nothing at all for empty text, so that no colour sequence ever
 * wraps nothing. */
void color_fputs(const char *color, const char *text, FILE *fp);

/* Turn colour off, for output that must never carry it (JSON). */
void output_disable_color(void);

/* Whether colour is on: main guards a coloured stream (term.h) even when
 * it is not a terminal, as with --color=always into a pipe. */
int output_colored(void);

#endif
