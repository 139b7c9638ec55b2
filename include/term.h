/*
 * term: what reaches a terminal of the text that people and files gave
 * calllog (DESIGN.md, Privacy).  Control characters (C0 but for line
 * breaks and tabs where the layout has room for them, DEL, C1 U+0080 to
 * U+009F), bidirectional overrides and isolates (U+202A..U+202E,
 * U+2066..U+2069) and bytes that are not UTF-8 are shown escaped, as
 * \x1b, \u202e or \xff, never sent raw: they could move the cursor,
 * retitle the window, or make text read other than it is.
 *
 *	char *cell = term_escape(note, 0);	// "line one\nline two"
 *	FILE *fp = term_guard(stdout);		// everything written is safe
 */
#ifndef CALLLOG_TERM_H
#define CALLLOG_TERM_H

#include <stdio.h>

/* A copy of s with every such character escaped; with keep_layout, line
 * breaks and tabs are kept.  The caller frees. */
char *term_escape(const char *s, int keep_layout);

/*
 * A stream that writes to real what it is given, escaped as term_escape
 * does with keep_layout, but for calllog's own colours (TERM_SGR); by_line
 * flushes each line through to real, for a person at a terminal.  Closing
 * it flushes it and leaves real open.  NULL when it cannot be made.
 */
FILE *term_guard(FILE *real, int by_line);

/* The SGR sequence "\033[<params>m" for a guarded stream to pass: a mark
 * that no UTF-8 text can hold (byte 0xff), which the guard turns into the
 * sequence.  params is a string constant.  (Text from a damaged journal
 * that is not UTF-8 could at worst forge a colour through it; tables
 * escape their cells whole, so not even that.) */
#define TERM_SGR(params) "\377[" params "m"

#endif
