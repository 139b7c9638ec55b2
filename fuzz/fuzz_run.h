/*
 * fuzz_run.h: running calllog in the fuzzer's process, as main does
 * (main.c is built with its main renamed calllog_main: libFuzzer has the
 * process's main), with its output to files; and how fuzz_syncfolder
 * reports a failed check.
 */
#ifndef CALLLOG_FUZZ_RUN_H
#define CALLLOG_FUZZ_RUN_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

int calllog_main(int argc, char **argv);

/* The work directory: every path of a run is under it. */
static char root[256];

/* A failed check (or a harness that cannot run): said, then abort(3),
 * which libFuzzer takes for a crash and saves the input of. */
static void die(const char *fmt, ...) CL_PRINTF(1, 2)
    __attribute__((noreturn));

static void
die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz_syncfolder: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n  (work directory %s)\n", root);
	abort();
}

/* Whether check name is on (FUZZ_SYNCFOLDER_OFF lists those that are
 * not, for looking past a class of failures already reported). */
static int
on(const char *name)
{
	const char *off = getenv("FUZZ_SYNCFOLDER_OFF"), *p;
	size_t n = strlen(name);

	for (p = off; p && (p = strstr(p, name)) != NULL; p += n)
		if ((p == off || p[-1] == ' ' || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ' ' || p[n] == ','))
			return 0;
	return 1;
}

static char *
path(const char *rel)
{
	return xasprintf("%s/%s", root, rel);
}

/* calllog's main on the words given (then NULL), at the time now, its
 * standard output and error to files out and err.  Returns its status. */
static int
cli(const char *now, const char *out, const char *err, ...)
{
	char *argv[32];
	int argc = 0, fd1, fd2, o, e, rc;
	va_list ap;
	const char *w;

	argv[argc++] = xstrdup("calllog");
	argv[argc++] = xstrdup("--no-pager");
	va_start(ap, err);
	while ((w = va_arg(ap, const char *)) != NULL && argc < 31)
		argv[argc++] = xstrdup(w);
	va_end(ap);
	argv[argc] = NULL;
	setenv("CALLLOG_NOW", now, 1);
	fflush(stdout);
	fflush(stderr);
	fd1 = dup(1);
	fd2 = dup(2);
	o = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	e = open(err, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd1 == -1 || fd2 == -1 || o == -1 || e == -1)
		die("cannot redirect output: %s%s", strerror(errno), "");
	dup2(o, 1);
	dup2(e, 2);
	rc = calllog_main(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(fd1, 1);
	dup2(fd2, 2);
	close(fd1), close(fd2), close(o), close(e);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	return rc;
}

#endif
