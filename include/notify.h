/*
 * notify: desktop notifications through libnotify, the only module that
 * includes it.  Delivery is bounded in time, since libnotify has no timeout
 * of its own and a server that owns the bus name but never answers would
 * block a timer-run calllog for about 50 s.
 */
#ifndef CALLLOG_NOTIFY_H
#define CALLLOG_NOTIFY_H

#include <stddef.h>

/* One notification.  The body is plain text; it is escaped for servers
 * that read it as markup. */
struct notice {
	char *summary;
	char *body;
	const char *icon;	/* a themed icon name (freedesktop Icon Naming
				   Specification); NULL: none */
	int critical;
};

/*
 * Show every notice through the session's notification server, taking at
 * most timeout_ms in all.  Returns 0 when all were delivered, or -1 after
 * reporting in one line why not (no session bus, no server, no answer in
 * time); some may have been shown before a failure.
 */
int notify_deliver(const struct notice *n, size_t count, int timeout_ms);

#endif
