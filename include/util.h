/*
 * util: error reporting and the text checks shared by every module.  It
 * includes the allocator (xalloc.h) and the file helpers (fileio.h), as
 * every module that reports an error uses them too.
 */
#ifndef CALLLOG_UTIL_H
#define CALLLOG_UTIL_H

#include <stddef.h>

#include "fileio.h"
#include "xalloc.h"

/*
 * Report an error as one line "calllog: ..." on standard error and return
 * -1, so library code can say `return error("...")`.  Messages are
 * lowercase, without a full stop, and say what to do.
 */
int error(const char *fmt, ...) CL_PRINTF(1, 2);

/* Report a warning or notice: "calllog: ..." on standard error. */
void warning(const char *fmt, ...) CL_PRINTF(1, 2);

/* While buf is set, error() and warning() keep their latest message in
 * buf instead of printing it (an editor shows it at the top of its form);
 * error_capture(NULL, 0) prints again. */
void error_capture(char *buf, size_t size);

/* Report a limit no command can recover from, and exit 1: the journal's
 * open transaction is rolled back by SQLite as the process ends. */
void fatal(const char *fmt, ...) CL_PRINTF(1, 2) __attribute__((noreturn));

/* Nonzero when s (len bytes) is well-formed UTF-8 (no overlongs, no
 * surrogates, nothing past U+10FFFF). */
int utf8_valid(const char *s, size_t len);

/*
 * The median of n values (n > 0), sorting v in place: the middle value, or
 * for an even n the mean of the two middle ones, rounded half up to a
 * whole unit (2 and 5 give 4).  Values are seconds here, never negative.
 */
long median_long(long *v, size_t n);

/* Case-insensitive ASCII prefix test: does s start with prefix? */
int str_iprefix(const char *s, const char *prefix);

/*
 * Parse a positive id ("12", "#12") into *id.  Returns 0, or -1 after
 * reporting that what is named by `what` is not a number.
 */
int parse_id(const char *s, const char *what, long long *id);


/* Size limits of stored text, in bytes (documented in calllog(1)). */
#define LIMIT_NAME 200		/* organization, title, rep, department */
#define LIMIT_LINE 1000		/* IVR path, promise, reference number */
#define LIMIT_NOTE 65536	/* notes of one call, all --note together */
#define LIMIT_REFS 50		/* reference numbers on one call */

/*
 * Check a one-line field: at most max bytes, no control characters.  what
 * names it in the message ("--rep").  Returns 0, or -1 after reporting.
 */
int check_line(const char *what, const char *s, size_t max);

/* Check free text: at most max bytes; newlines and tabs allowed, other
 * control characters not. */
int check_text(const char *what, const char *s, size_t max);

/* Read all of standard input as text of at most max bytes, valid UTF-8.
 * Returns a string the caller frees, or NULL after reporting. */
char *read_stdin_text(const char *what, size_t max);

#endif
