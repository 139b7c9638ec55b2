/*
 * util: error reporting, allocation that cannot fail, and text checks shared
 * by every module.
 */
#ifndef CALLLOG_UTIL_H
#define CALLLOG_UTIL_H

#include <stddef.h>

#if defined(__GNUC__)
#define CL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CL_PRINTF(f, a)
#endif

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

/* Allocation that aborts with a message on exhaustion. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) CL_PRINTF(1, 2);

/* A growing string (git's strbuf): s is NUL-terminated once anything was
 * added, NULL before; the owner frees s. */
struct strbuf {
	char *s;
	size_t len, cap;
};
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_addstr(struct strbuf *b, const char *s);

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
 * mkdir -p with mode 0700: dir and its missing parents, as a calendar
 * folder or a data directory is private.  Returns 0, or -1 after
 * reporting the directory that could not be made.
 */
int make_dirs(const char *dir);

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

/*
 * Replace the file at path with data, atomically: written to a temporary
 * file beside it, synced, then renamed over it, so a reader sees the old
 * file or the new one and never a part; the directory is synced after the
 * rename, so the new file is there after a crash.  mode applies to a new
 * file.
 * Returns 0, or -1 after reporting.
 */
int write_file_atomic(const char *path, const char *data, size_t len,
    int mode);

/* fsync the directory holding path (after a rename into it).  0, or -1
 * after reporting. */
int sync_parent(const char *path);

/* Read a whole (small) file, NUL-terminated; the caller frees.  NULL
 * without a message, errno set, when it cannot be read or is longer than
 * max bytes (EFBIG): never a part of it. */
char *read_file(const char *path, size_t max);

#endif
