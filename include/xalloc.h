/*
 * xalloc: allocation that aborts with a message on exhaustion instead of
 * returning NULL, and a growing string.  It uses nothing of calllog's, so
 * term.c and util.c both build on it.
 *
 *	char *s = xasprintf("%s/%s", dir, name);	// never NULL
 */
#ifndef CALLLOG_XALLOC_H
#define CALLLOG_XALLOC_H

#include <stddef.h>

#if defined(__GNUC__)
#define CL_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CL_PRINTF(f, a)
#endif

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

#endif
