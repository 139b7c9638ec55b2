/*
 * output.c: colour decisions and the pager.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output.h"
#include "term.h"
#include "util.h"
#include "width.h"

static int colored;
static pid_t pager_pid = -1;

int
output_paged_width(void)
{
	return width_paged();
}

int
output_color_mode(const char *s)
{
	if (strcmp(s, "auto") == 0)
		return COLOR_AUTO;
	if (strcmp(s, "always") == 0)
		return COLOR_ALWAYS;
	if (strcmp(s, "never") == 0)
		return COLOR_NEVER;
	return error("--color '%s' must be auto, always or never", s);
}

void
output_init(enum color_mode mode)
{
	const char *no = getenv("NO_COLOR");

	if (mode == COLOR_ALWAYS)
		colored = 1;
	else if (mode == COLOR_NEVER || (no && *no))
		colored = 0;
	else
		colored = isatty(STDOUT_FILENO) && getenv("TERM") &&
		    strcmp(getenv("TERM"), "dumb") != 0;
}

int
output_colored(void)
{
	return colored;
}

void
output_disable_color(void)
{
	colored = 0;
}

const char *
color_red(void)
{
	return colored ? TERM_SGR("31") : "";
}

const char *
color_yellow(void)
{
	return colored ? TERM_SGR("33") : "";
}

const char *
color_reset(void)
{
	return colored ? TERM_SGR("") : "";
}

void
color_fputs(const char *color, const char *text, FILE *fp)
{
	if (*text == '\0')
		return;
	if (*color)
		fputs(color, fp);
	fputs(text, fp);
	if (*color)
		fputs(color_reset(), fp);
}

void
output_start_pager(void)
{
	const char *pager = getenv("CALLLOG_PAGER");
	int fds[2], cols;

	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO))
		return;
	if (pager == NULL)
		pager = getenv("PAGER");
	if (pager == NULL)
		pager = "less";
	if (*pager == '\0' || strcmp(pager, "cat") == 0)
		return;
	if (pipe(fds) == -1)
		return;		/* no pager is no reason to fail */
	cols = terminal_width(stdout);
	fflush(stdout);
	if ((pager_pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pager_pid == 0) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		close(fds[1]);
		/* F: quit when it fits one screen; R: pass colours; X: leave
		 * the text on the screen. */
		setenv("LESS", getenv("LESS") ? getenv("LESS") : "FRX", 1);
		setenv("LV", getenv("LV") ? getenv("LV") : "-c", 1);
		execl("/bin/sh", "sh", "-c", pager, (char *)NULL);
		_exit(127);
	}
	width_set_paged(cols);
	dup2(fds[1], STDOUT_FILENO);
	close(fds[0]);
	close(fds[1]);
	/* The person quitting the pager early is not an error. */
	signal(SIGPIPE, SIG_IGN);
}

void
output_finish(void)
{
	int status;

	if (pager_pid <= 0)
		return;
	fflush(stdout);
	close(STDOUT_FILENO);
	while (waitpid(pager_pid, &status, 0) == -1 && errno == EINTR)
		;
	pager_pid = -1;
	width_set_paged(0);
}
