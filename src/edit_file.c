/*
 * edit_file.c: the form's file while the person's editor runs: private,
 * read back within a bound, and removed whatever ends calllog.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "edit_file.h"
#include "util.h"

/*
 * What a form read back may hold beyond what was shown: every field at
 * its limit.  The notes are the most: LIMIT_NOTE bytes, each of which may
 * be a line of its own, written "note: " (7 bytes a byte); then the
 * references, and a dozen one-line fields with their names.  A form past
 * this holds more than any field could take, so it is refused whole
 * rather than read (an editor that wrote megabytes by mistake).
 */
#define FORM_ROOM (7 * (size_t)LIMIT_NOTE + \
	(LIMIT_REFS + 16) * ((size_t)LIMIT_LINE + 16) + 4096)

static const int signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM };
#define NSIGNALS (sizeof(signals) / sizeof(*signals))

/* Shared with the handler: only what it may touch (sig_atomic_t, and
 * paths set before it is installed). */
static volatile sig_atomic_t caught;
static volatile pid_t editor_pid;
static struct sigaction saved[NSIGNALS];
static char form_path[PATH_MAX];

/* A signal that ends calllog: the form (with its notes) goes at once,
 * the editor is told to end too, and the rest is done once it has. */
static void
on_signal(int sig)
{
	int saved_errno = errno;

	caught = sig;
	if (form_path[0])
		unlink(form_path);
	if (editor_pid > 0)
		kill(editor_pid, sig == SIGHUP ? SIGHUP : SIGTERM);
	errno = saved_errno;
}

static void
handle(int sig, void (*fn)(int), struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: waiting for the editor is interrupted. */
	sigaction(sig, &sa, old);
}

int
edit_file_open(struct edit_file *f)
{
	const char *tmp = getenv("TMPDIR");

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	f->path[0] = '\0';
	if ((size_t)snprintf(f->dir, sizeof(f->dir), "%s/calllog-edit-XXXXXX",
	    tmp) >= sizeof(f->dir) - 8)
		return error("the temporary directory '%s' has too long a name",
		    tmp);
	if (mkdtemp(f->dir) == NULL)
		return error("cannot create a directory for the form in '%s': "
		    "%s", tmp, strerror(errno));
	/* Room was checked above: the name and "/form" fit. */
	memcpy(f->path, f->dir, strlen(f->dir));
	memcpy(f->path + strlen(f->dir), "/form", sizeof("/form"));
	caught = 0;
	editor_pid = 0;
	memcpy(form_path, f->path, sizeof(form_path));
	for (size_t i = 0; i < NSIGNALS; i++)
		handle(signals[i], on_signal, &saved[i]);
	return 0;
}

int
edit_file_interrupted(void)
{
	return caught != 0;
}

static int
write_form(const char *path, const char *text)
{
	size_t len = strlen(text), off = 0;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0600), rc = 0;

	if (fd == -1)
		return error("cannot write the form '%s': %s", path,
		    strerror(errno));
	while (rc == 0 && off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno != EINTR)
			rc = error("cannot write the form '%s': %s", path,
			    strerror(errno));
		else if (n > 0)
			off += (size_t)n;
	}
	if (close(fd) == -1 && rc == 0)
		rc = error("cannot write the form '%s': %s", path,
		    strerror(errno));
	return rc;
}

/* Wait for the editor; one that outlives a signal to end by 2 s is
 * killed, so that calllog never hangs on it. */
static int
wait_editor(pid_t pid)
{
	int status, tries = 0;

	for (;;) {
		pid_t got = waitpid(pid, &status, caught ? WNOHANG : 0);

		if (got == pid)
			return status;
		if (got == -1 && errno != EINTR)
			return -1;
		if (caught && got == 0) {
			struct timespec ts = { 0, 100 * 1000000L };

			/* Told again: the signal may have come before the
			 * handler knew the editor's pid. */
			if (tries == 0)
				kill(pid, caught == SIGHUP ? SIGHUP : SIGTERM);
			if (++tries == 20)
				kill(pid, SIGKILL);
			nanosleep(&ts, NULL);
		}
	}
}

/* Run the person's editor on path; 0 when it exited well, else -1 after
 * reporting (or silently when a signal ends calllog). */
static int
run_editor(const char *path)
{
	const char *ed = getenv("VISUAL");
	struct sigaction old_int, old_quit;
	char *line;
	pid_t pid;
	int status;

	if (ed == NULL || *ed == '\0')
		ed = getenv("EDITOR");
	if (ed == NULL || *ed == '\0')
		ed = "vi";
	/* As git does: the variable may hold options ("emacs -nw"), so the
	 * shell reads it; the file name is passed apart, never quoted in. */
	line = xasprintf("%s \"$1\"", ed);
	/* A ^C or ^\ at the terminal is the editor's to take (many use
	 * them); it ends calllog only when it ends the editor. */
	handle(SIGINT, SIG_IGN, &old_int);
	handle(SIGQUIT, SIG_IGN, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execl("/bin/sh", "sh", "-c", line, "sh", path, (char *)NULL);
		_exit(127);
	}
	editor_pid = pid;
	status = pid == -1 ? -1 : wait_editor(pid);
	editor_pid = 0;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(line);
	if (status != -1 && WIFSIGNALED(status) && !caught &&
	    (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGQUIT))
		caught = WTERMSIG(status);
	if (caught)
		return -1;
	if (status == -1)
		return error("cannot run the editor '%s': %s", ed,
		    strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return error("the editor '%s' failed (%s %d); nothing was "
		    "changed", ed, WIFEXITED(status) ? "exit" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return 0;
}

/* Read the form back, at most max bytes.  CMD_OK with *out, or the exit
 * code after reporting. */
static int
read_form(const char *path, size_t max, char **out)
{
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	size_t len = 0;
	struct stat sb;
	char *buf;

	*out = NULL;
	if (fd == -1 && errno == ENOENT)
		return error("the form is gone (the editor removed '%s'); "
		    "nothing was changed", path), CMD_FAIL;
	if (fd == -1 || fstat(fd, &sb) == -1) {
		error("cannot read the form '%s': %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return CMD_FAIL;
	}
	if (!S_ISREG(sb.st_mode)) {
		close(fd);
		return error("the form '%s' is no longer a file; nothing was "
		    "changed", path), CMD_FAIL;
	}
	buf = xmalloc(max + 2);
	for (;;) {
		ssize_t n = read(fd, buf + len, max + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error("cannot read the form '%s': %s", path,
			    strerror(errno));
			close(fd);
			free(buf);
			return CMD_FAIL;
		}
		len += (size_t)n;
		if (n == 0 || len > max)
			break;
	}
	close(fd);
	buf[len] = '\0';
	if (len > max) {
		free(buf);
		return error("the form came back larger than %zu bytes, more "
		    "than its fields can hold; nothing was changed", max),
		    CMD_USAGE;
	}
	if (memchr(buf, '\0', len)) {
		free(buf);
		return error("the form came back with a NUL byte in it (not "
		    "text); nothing was changed"), CMD_USAGE;
	}
	*out = buf;
	return CMD_OK;
}

/* Whether text has a line that is neither blank nor a comment. */
static int
has_fields(const char *text)
{
	for (const char *p = text; *p; ) {
		size_t n = strcspn(p, "\n");
		size_t lead = strspn(p, " \t\r");

		if (lead < n && p[lead] != '#')
			return 1;
		p += n + (p[n] == '\n');
	}
	return 0;
}

int
edit_file_edit(struct edit_file *f, const char *shown, char **after)
{
	int rc;

	*after = NULL;
	if (caught)
		return CMD_FAIL;
	if (write_form(f->path, shown) == -1 || run_editor(f->path) == -1)
		return CMD_FAIL;
	if ((rc = read_form(f->path, strlen(shown) + FORM_ROOM, after)) !=
	    CMD_OK)
		return rc;
	if (!has_fields(*after)) {
		free(*after);
		*after = NULL;
		return error("the form came back empty; nothing was changed (to "
		    "leave the record as it is, quit the editor without "
		    "saving)"), CMD_USAGE;
	}
	return CMD_OK;
}

/* Remove the directory's files (the form, an editor's swap or backup
 * files: copies of the notes) and the directory. */
static void
remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (d != NULL) {
		while ((e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
				unlinkat(dirfd(d), e->d_name, 0);
		closedir(d);
	}
	if (rmdir(dir) == -1 && errno != ENOENT)
		warning("cannot remove '%s': %s", dir, strerror(errno));
}

void
edit_file_close(struct edit_file *f)
{
	int sig = caught;

	remove_dir(f->dir);
	form_path[0] = '\0';
	for (size_t i = 0; i < NSIGNALS; i++)
		sigaction(signals[i], &saved[i], NULL);
	if (sig) {
		/* Ended by the signal, as it asked: a shell or a service
		 * manager sees how calllog ended. */
		signal(sig, SIG_DFL);
		raise(sig);
		_exit(128 + sig);
	}
}
