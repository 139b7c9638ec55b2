/*
 * spawn.c: run one command and report its wall time and peak RSS.
 *
 *   spawn [-i IN] [-o OUT] [-e ERR] [-C DIR] -- PROGRAM [ARG...]
 *
 * prints "WALL_US MAXRSS_KB STATUS" on standard output, STATUS being the
 * exit code (or 128 + signal).  Standard input, output and error of the
 * child default to /dev/null.
 *
 * Why a C helper rather than Python's subprocess: Linux carries the memory
 * high-water mark of the process that called exec(2) into the new program
 * (exec_mmap -> setmax_mm_hiwater_rss), so a child forked (or vforked) from
 * a 20-60 MB Python reports at least that much as its ru_maxrss.  Forked
 * from this small static program, the inherited mark is a few hundred KB,
 * below anything measured.  The clock is read here, around fork..wait4
 * only, so the driver's own overhead is not in the figures.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void
redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0600);

	if (f == -1) {
		perror(path);
		_exit(127);
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

int
main(int argc, char **argv)
{
	const char *in = "/dev/null", *out = "/dev/null", *err = "/dev/null";
	const char *dir = NULL;
	struct timespec t0, t1;
	struct rusage ru;
	int opt, status;
	pid_t pid;

	while ((opt = getopt(argc, argv, "+i:o:e:C:")) != -1) {
		switch (opt) {
		case 'i': in = optarg; break;
		case 'o': out = optarg; break;
		case 'e': err = optarg; break;
		case 'C': dir = optarg; break;
		default:
			fprintf(stderr, "usage: spawn [-i IN] [-o OUT] [-e ERR] "
			    "[-C DIR] -- PROGRAM [ARG...]\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "spawn: no program given\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == -1) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		redirect(in, 0, O_RDONLY);
		redirect(out, 1, O_WRONLY | O_CREAT | O_TRUNC);
		redirect(err, 2, O_WRONLY | O_CREAT | O_TRUNC);
		if (dir && chdir(dir) == -1) {
			perror(dir);
			_exit(127);
		}
		execvp(argv[optind], argv + optind);
		perror(argv[optind]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) == -1) {
		perror("wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld %ld %d\n",
	    (long long)(t1.tv_sec - t0.tv_sec) * 1000000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000, ru.ru_maxrss,
	    WIFEXITED(status) ? WEXITSTATUS(status) :
	    128 + WTERMSIG(status));
	return 0;
}
