/*
 * notify.c: delivering notifications in a child process, so that a hung
 * D-Bus call can be abandoned after a deadline by killing the child, and
 * the parent (holding the journal's transaction) never loads D-Bus at all.
 */
#include <dlfcn.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libnotify/notify.h>

#include "notify.h"
#include "util.h"

/* libnotify brings GIO and gdk-pixbuf: loaded only in the child that
 * delivers, never by the commands that do not notify.  The Makefile names
 * the soname of the libnotify it built against. */
#ifndef LIBNOTIFY_SONAME
#error "LIBNOTIFY_SONAME (e.g. \"libnotify.so.4\") must be defined"
#endif
#define NOTIFY_FUNCS(X) \
	X(notify_init) \
	X(notify_get_server_info) \
	X(notify_notification_new) \
	X(notify_notification_set_app_name) \
	X(notify_notification_set_urgency) \
	X(notify_notification_set_category) \
	X(notify_notification_show) \
	X(g_object_unref)
#define NOTIFY_DECL(f) static __typeof__(f) *p_##f;
NOTIFY_FUNCS(NOTIFY_DECL)

static const char *
load_libnotify(void)
{
	void *h = dlopen(LIBNOTIFY_SONAME, RTLD_NOW | RTLD_LOCAL);

	if (h == NULL)
		return dlerror();
#define NOTIFY_LOAD(f) \
	if ((*(void **)&p_##f = dlsym(h, #f)) == NULL) \
		return "libnotify lacks " #f;
	NOTIFY_FUNCS(NOTIFY_LOAD)
	return NULL;
}


/*
 * Servers known to render markup in the summary, which the Desktop
 * Notifications spec says is plain text.  Matched against the name
 * GetServerInformation gives; keep this list the one place that knows.
 *
 *   dunst: with "markup = full" the summary goes through Pango markup like
 *          the body, and its <a href> links are taken into the URL menu
 *          and the click action.
 *
 * Every other server is taken at the spec's word: GNOME Shell, KDE Plasma
 * and xfce4-notifyd show the summary as plain text, where an escaped
 * "AT&T" would show as "AT&amp;T".
 */
static const char *const summary_markup_servers[] = {
	"dunst",
};

/* Whether the server that will show our notices reads markup in the
 * summary, so journal text (which a sync server can write) must be
 * escaped there to show as typed (DESIGN, Privacy). */
static int
summary_needs_escape(void)
{
	char *name = NULL;
	int escape = 0;

	/* No name, no knowing: a server that renders the summary would
	 * make a stranger's markup live, a plain-text one only shows an
	 * entity, so the unknown side is the escaped one. */
	if (!p_notify_get_server_info(&name, NULL, NULL, NULL) || name == NULL)
		return 1;
	for (size_t i = 0; i < sizeof(summary_markup_servers) /
	    sizeof(summary_markup_servers[0]); i++)
		if (g_ascii_strcasecmp(name, summary_markup_servers[i]) == 0)
			escape = 1;
	g_free(name);
	return escape;
}

/* Child: show each notice; write one "." per notice delivered, or "E"
 * and the error's message, to fd. */
static void
deliver_child(int fd, const struct notice *n, size_t count)
{
	GError *err = NULL;
	FILE *out = fdopen(fd, "w");

	if (out == NULL)
		_exit(1);
	setvbuf(out, NULL, _IONBF, 0);
	const char *why = load_libnotify();

	if (why) {
		fprintf(out, "Ecannot load libnotify: %s", why);
		_exit(1);
	}
	if (!p_notify_init("calllog")) {
		fputs("Elibnotify could not start", out);
		_exit(1);
	}
	/* Asked once per run, in this child, so a server that does not
	 * answer is bounded by the parent's deadline like Notify is. */
	int escape_summary = summary_needs_escape();

	for (size_t i = 0; i < count; i++) {
		/*
		 * No text from the journal may reach the screen as markup.
		 * The body is markup by the spec: always escaped.  The
		 * summary is plain text by the spec and escaped only for a
		 * server that renders it anyway (see above), so that "AT&T"
		 * shows as typed on both kinds.
		 */
		gchar *summary = escape_summary ?
		    g_markup_escape_text(n[i].summary, -1) :
		    g_strdup(n[i].summary);
		gchar *body = g_markup_escape_text(n[i].body, -1);
		NotifyNotification *nn = p_notify_notification_new(summary,
		    body, n[i].icon);

		g_free(summary);
		g_free(body);
		p_notify_notification_set_app_name(nn, "calllog");
		p_notify_notification_set_urgency(nn, n[i].critical ?
		    NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL);
		p_notify_notification_set_category(nn, "calllog.reminder");
		if (!p_notify_notification_show(nn, &err)) {
			fprintf(out, "E%s", err ? err->message : "unknown error");
			_exit(1);
		}
		p_g_object_unref(nn);
		fputc('.', out);
	}
	_exit(0);
}

static long
elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L +
	    (now.tv_nsec - start->tv_nsec) / 1000000L;
}

/* Parent: read the child's report until it ends or the deadline passes. */
static int
collect(int fd, pid_t pid, size_t count, int timeout_ms)
{
	char buf[512], msg[512] = "";
	size_t delivered = 0, mlen = 0;
	struct timespec start;
	int status, timed_out = 0, in_msg = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		long left = timeout_ms - elapsed_ms(&start);
		ssize_t n;

		if (left <= 0) {
			timed_out = 1;
			break;
		}
		int ready = poll(&p, 1, (int)left);

		if (ready == -1 && errno == EINTR)
			continue;
		if (ready == 0) {
			timed_out = 1;	/* the deadline, with no word */
			break;
		}
		if (ready == -1)
			break;
		if ((n = read(fd, buf, sizeof(buf))) <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (in_msg) {
				if (mlen < sizeof(msg) - 1)
					msg[mlen++] = buf[i];
			} else if (buf[i] == '.')
				delivered++;
			else if (buf[i] == 'E')
				in_msg = 1;
		}
	}
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	msg[mlen] = '\0';
	if (timed_out)
		return error("the notification server did not answer within "
		    "%d s (%zu of %zu shown); nothing was marked as sent",
		    timeout_ms / 1000, delivered, count);
	if (delivered == count && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0)
		return 0;
	return error("cannot show notifications: %s; nothing was marked as "
	    "sent", *msg ? msg : "the notifier stopped unexpectedly");
}

int
notify_deliver(const struct notice *n, size_t count, int timeout_ms)
{
	int fds[2];
	pid_t pid;
	int rc;

	if (count == 0)
		return 0;
	if (pipe(fds) == -1)
		return error("cannot start the notifier: %s", strerror(errno));
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		close(fds[0]);
		close(fds[1]);
		return error("cannot start the notifier: %s", strerror(errno));
	}
	if (pid == 0) {
		close(fds[0]);
		deliver_child(fds[1], n, count);
	}
	close(fds[1]);
	rc = collect(fds[0], pid, count, timeout_ms);
	close(fds[0]);
	return rc;
}
