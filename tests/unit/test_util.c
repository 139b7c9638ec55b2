/*
 * test_util.c: read_file's size limit, and write_file_atomic's order of
 * syncs and rename.  fsync and rename are replaced here (the executable's
 * definitions win over libc's for fileio.o) so that the test sees each call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util.h"
#include "tap.h"

/* What write_file_atomic did, in order: "F" a file synced, "R" a rename,
 * "D" a directory synced. */
static char calls[64];

static void
record(char c)
{
	size_t n = strlen(calls);

	if (n + 1 < sizeof(calls))
		calls[n] = c;
}

int
fsync(int fd)
{
	struct stat st;

	if (fstat(fd, &st) == 0)
		record(S_ISDIR(st.st_mode) ? 'D' : 'F');
	return (int)syscall(SYS_fsync, fd);
}

int
rename(const char *from, const char *to)
{
	record('R');
	return (int)syscall(SYS_renameat, AT_FDCWD, from, AT_FDCWD, to);
}

/* Write n bytes of 'x' to path. */
static void
fill(const char *path, size_t n)
{
	FILE *fp = fopen(path, "wb");

	for (size_t i = 0; fp && i < n; i++)
		fputc('x', fp);
	if (fp)
		fclose(fp);
}

int
main(void)
{
	char dir[] = "/tmp/calllog-test-util.XXXXXX", path[64];
	char *text;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/f", dir);

	fill(path, 100);
	text = read_file(path, 100);
	ok(text != NULL && strlen(text) == 100, "a file of max bytes is read whole");
	free(text);

	fill(path, 101);
	errno = 0;
	text = read_file(path, 100);
	ok(text == NULL, "a file over max bytes is not read, not even in part");
	is_long(errno, EFBIG, "... and errno says it is too big");
	free(text);

	errno = 0;
	snprintf(path, sizeof(path), "%s/missing", dir);
	ok(read_file(path, 100) == NULL && errno == ENOENT,
	    "a missing file: NULL, errno ENOENT");

	snprintf(path, sizeof(path), "%s/f", dir);
	calls[0] = '\0';
	is_long(write_file_atomic(path, "new\n", 4, 0600), 0,
	    "write_file_atomic succeeds");
	is_str(calls, "FRD", "the file is synced, renamed, then its directory synced");
	text = read_file(path, 100);
	is_str(text, "new\n", "the file has the new content");
	free(text);

	{
		long one[] = { 7 }, odd[] = { 3600, 60, 120 };
		long even[] = { 600, 60, 3600, 120 }, halves[] = { 5, 2 };
		long same[] = { 9, 9, 9, 9 };

		is_long(median_long(one, 1), 7, "median of one value");
		is_long(median_long(odd, 3), 120, "median of an odd count: the middle");
		is_long(median_long(even, 4), 360,
		    "median of an even count: the mean of the two middle values");
		is_long(median_long(halves, 2), 4, "a half second rounds up");
		is_long(median_long(same, 4), 9, "equal values");
	}

	unlink(path);
	rmdir(dir);
	return tap_done();
}
