/*
 * test_util.c: read_file's size limit.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "tap.h"

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

	unlink(path);
	rmdir(dir);
	return tap_done();
}
