/*
 * outfile.c: refusing output files that are the journal (see outfile.h).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "store.h"
#include "util.h"

/* The journal's side files, which SQLite names after it. */
static const char *const sides[] = { "", "-wal", "-shm", "-journal" };

/*
 * path with its directory resolved (links and "..") and its last part as
 * given: what a file not yet created will be called.  NULL when the
 * directory cannot be resolved, in which case nothing of the journal's can
 * be there.  The caller frees.
 */
static char *
resolved_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, (size_t)(slash - path)) :
	    xstrdup(".");
	char real[PATH_MAX], *out = NULL;

	if (realpath(*dir ? dir : "/", real) != NULL)
		out = xasprintf("%s/%s", strcmp(real, "/") ? real : "",
		    slash ? slash + 1 : path);
	free(dir);
	return out;
}

int
outfile_check(struct store *st, const char *dest)
{
	const char *db = store_path(st);
	char *dname = resolved_name(dest);
	struct stat ds;
	int have = stat(dest, &ds) == 0, rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof(sides) / sizeof(*sides); i++) {
		char *side = xasprintf("%s%s", db, sides[i]), *sname;
		struct stat ss;

		if (have && stat(side, &ss) == 0 && ss.st_dev == ds.st_dev &&
		    ss.st_ino == ds.st_ino)
			rc = -1;
		else if (dname && (sname = resolved_name(side)) != NULL) {
			rc = strcmp(dname, sname) == 0 ? -1 : 0;
			free(sname);
		}
		if (rc == -1)
			error("'%s' is %s; writing there would destroy the "
			    "journal; give another file", dest, *sides[i] ?
			    "one of the journal's own files" :
			    "the journal itself");
		free(side);
	}
	free(dname);
	return rc;
}

int
outfile_write(struct store *st, const char *dest, const char *data,
    size_t len)
{
	if (outfile_check(st, dest) == -1)
		return -1;
	return write_file_atomic(dest, data, len, 0600);
}

int
outfile_stream(struct store *st, const char *dest,
    int (*fill)(int fd, void *arg), void *arg)
{
	char *tmp;
	int fd, rc;

	if (outfile_check(st, dest) == -1)
		return -1;
	tmp = xasprintf("%s.XXXXXX", dest);
	if ((fd = mkstemp(tmp)) == -1) {
		rc = error("cannot create a file beside '%s': %s", dest,
		    strerror(errno));
		free(tmp);
		return rc;
	}
	rc = fill(fd, arg);
	if (rc == 0 && (fchmod(fd, 0600) == -1 || fsync(fd) == -1))
		rc = error("cannot write '%s': %s", tmp, strerror(errno));
	if (close(fd) == -1 && rc == 0)
		rc = error("cannot write '%s': %s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, dest) == -1)
		rc = error("cannot replace '%s': %s", dest, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	else
		rc = sync_parent(dest);
	free(tmp);
	return rc;
}
