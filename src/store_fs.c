/*
 * store_fs.c: the files around a journal being started: its directory
 * made, locked and synced, and its private name linked into place.
 * Nothing here speaks SQL.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store_int.h"
#include "util.h"

/* Create the missing directories of path's parent with mode 0700, as the
 * XDG base directory specification asks for data directories. */
int
store_make_parent_dirs(const char *path)
{
	char *dir = xstrdup(path);
	int rc = 0;

	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
			rc = error("cannot create directory '%s': %s", dir,
			    strerror(errno));
			break;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

/* The directory holding path; the caller frees. */
static char *
parent_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	else
		strcpy(dir, ".");
	return dir;
}

/* Make a rename or link of a file in path's directory durable. */
void
store_sync_parent_dir(const char *path)
{
	char *dir = parent_dir(path);
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

/* A private name beside path, made 0600 whatever the umask.  The caller
 * frees it.  NULL after reporting. */
char *
store_private_file(const char *path)
{
	char *tmp = xasprintf("%s.new-XXXXXX", path);
	int fd;

	if ((fd = mkstemp(tmp)) == -1 || fchmod(fd, 0600) == -1) {
		error("cannot create database '%s': %s", path, strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

/* Give tmp the name path, unless something is there already; returns 0,
 * or -1 with errno set. */
int
store_link_into_place(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0)
		return 0;
	if (errno == EEXIST)
		return -1;
	/* A file system without hard links; the caller holds the lock that
	 * every calllog starting a journal takes. */
	if (access(path, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

/* Take an exclusive flock on fd, waiting as long as for the database's
 * own locks.  Returns 0, or -1 with errno set. */
static int
flock_wait(int fd)
{
	for (int waited = 0; flock(fd, LOCK_EX | LOCK_NB) == -1;
	    waited += 10) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		if (waited >= BUSY_TIMEOUT_MS) {
			errno = EWOULDBLOCK;
			return -1;
		}
		usleep(10000);
	}
	return 0;
}

/*
 * Take the lock every calllog starting a journal in path's directory
 * holds (flock on the directory), so that two first commands run one
 * after the other instead of racing to create it.  Returns the descriptor
 * holding it, or -1 after reporting.
 */
int
store_lock_parent_dir(const char *path)
{
	char *dir = parent_dir(path);
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    flock_wait(fd) == -1) {
		if (errno == EWOULDBLOCK)
			error("another calllog has been starting the journal "
			    "in '%s' for %d s; try again", dir,
			    BUSY_TIMEOUT_MS / 1000);
		else
			error("cannot lock directory '%s' to start the "
			    "journal: %s", dir, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}
