/*
 * fileio.c: whole small files read and replaced safely, folders made
 * private, and files read from a folder another program writes into.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "util.h"


/*
 * fsync the directory holding path, so that a rename into it survives a
 * crash too: syncing the file alone makes its data durable, not the
 * directory entry that names it.  Returns 0, or -1 after reporting.
 * Filesystems that cannot sync a directory (EINVAL) are let be.
 */
int
sync_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xasprintf("%.*s", (int)(slash - path), path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc = 0;

	if (fd == -1 || (fsync(fd) == -1 && errno != EINVAL))
		rc = error("cannot sync the directory '%s': %s", dir,
		    strerror(errno));
	if (fd != -1)
		close(fd);
	free(dir);
	return rc;
}

int
write_file_atomic(const char *path, const char *data, size_t len, int mode)
{
	char *tmp = xasprintf("%s.XXXXXX", path);
	size_t off = 0;
	int fd = mkstemp(tmp), rc = 0;

	if (fd == -1) {
		rc = error("cannot create a file beside '%s': %s", path,
		    strerror(errno));
		free(tmp);
		return rc;
	}
	while (rc == 0 && off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno != EINTR)
			rc = error("cannot write '%s': %s", tmp,
			    strerror(errno));
		else if (n > 0)
			off += (size_t)n;
	}
	if (rc == 0 && (fchmod(fd, (mode_t)mode) == -1 || fsync(fd) == -1))
		rc = error("cannot write '%s': %s", tmp, strerror(errno));
	if (close(fd) == -1 && rc == 0)
		rc = error("cannot write '%s': %s", tmp, strerror(errno));
	if (rc == 0 && rename(tmp, path) == -1)
		rc = error("cannot replace '%s': %s", path, strerror(errno));
	if (rc != 0)
		unlink(tmp);
	else
		rc = sync_parent(path);
	free(tmp);
	return rc;
}

char *
read_file(const char *path, size_t max)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	size_t n;

	if (fp == NULL)
		return NULL;
	/* One byte more than allowed tells a file of max bytes from a longer
	 * one, which fails whole rather than being read in part. */
	buf = xmalloc(max + 2);
	n = fread(buf, 1, max + 1, fp);
	if (ferror(fp) || n > max) {
		int saved = ferror(fp) ? errno : EFBIG;

		fclose(fp);
		free(buf);
		errno = saved;
		return NULL;
	}
	fclose(fp);
	buf[n] = '\0';
	return buf;
}

int
make_dirs(const char *dir)
{
	char *d;
	int rc = 0;

	if (*dir == '\0')
		return error("no directory named; give a folder's path");
	d = xstrdup(dir);
	for (char *p = d + 1; rc == 0; p++) {
		int last = *p == '\0';

		if (*p != '/' && !last)
			continue;
		*p = '\0';
		if (mkdir(d, 0700) == -1 && errno != EEXIST)
			rc = error("cannot create '%s': %s", d,
			    strerror(errno));
		if (last)
			break;
		*p = '/';
	}
	free(d);
	return rc;
}

char *
read_file_at(int dfd, const char *name, size_t max)
{
	struct stat sb;
	char *buf;
	size_t n = 0;
	ssize_t got;
	int fd, saved;

	/* O_NONBLOCK: a FIFO put in the folder does not hang the open. */
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC |
	    O_NOCTTY);
	if (fd == -1) {
		if (errno == EMLINK)	/* what some systems say for a link */
			errno = ELOOP;
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		saved = errno;
		if (fstat(fd, &sb) == 0)
			saved = EINVAL;
		close(fd);
		errno = saved;
		return NULL;
	}
	buf = xmalloc(max + 2);
	while (n <= max && (got = read(fd, buf + n, max + 1 - n)) != 0) {
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1) {
			saved = errno;
			close(fd);
			free(buf);
			errno = saved;
			return NULL;
		}
		n += (size_t)got;
	}
	close(fd);
	if (n > max) {
		free(buf);
		errno = EFBIG;
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

const char *
read_file_at_why(int err)
{
	if (err == ELOOP)
		return "a symbolic link, not followed";
	if (err == EINVAL)
		return "not a regular file";
	return strerror(err);
}
