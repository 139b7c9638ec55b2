/*
 * complete_data.c: what the completion helper offers from the journal —
 * case ids, organizations, directory numbers and purposes — read only
 * when the journal exists, and never with an error on the terminal: a
 * completion that cannot read the journal offers nothing.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "complete.h"
#include "directory.h"
#include "model.h"
#include "paths.h"
#include "phone.h"
#include "store.h"
#include "util.h"

/* The one way a candidate is printed, beneath the command (cmd_complete.c)
 * and the journal's candidates here alike. */
void
complete_offer(struct completion *c, const char *value, const char *what)
{
	if (value == NULL || strncmp(value, c->cur, strlen(c->cur)) != 0)
		return;
	fputs(c->prefix, stdout);
	/* A line break or tab inside would split the line: shown as space. */
	for (const char *p = value; *p; p++)
		putchar(iscntrl((unsigned char)*p) ? ' ' : *p);
	if (what) {
		putchar('\t');
		for (const char *p = what; *p; p++)
			putchar(iscntrl((unsigned char)*p) ? ' ' : *p);
	}
	putchar('\n');
}

/* The journal, opened read-only the first time it is needed; NULL when
 * there is none or it cannot be read.  Errors go to /dev/null, since the
 * shell would print them in the middle of the command line. */
static struct store *
journal(struct completion *c)
{
	char *path = NULL;

	if (c->tried)
		return c->st;
	c->tried = 1;
	if (freopen("/dev/null", "w", stderr) == NULL)
		return NULL;
	if (paths_database(c->db, &path) == 0 && access(path, F_OK) == 0 &&
	    store_open(path, STORE_NOCREATE | STORE_READ, &c->st) == -1)
		c->st = NULL;
	free(path);
	return c->st;
}

void
complete_close(struct completion *c)
{
	if (c->st)
		store_close(c->st);
	c->st = NULL;
}

struct cases_walk {
	struct completion *c;
	enum complete_cases which;
};

static int
offer_case(struct cl_case *k, void *arg)
{
	struct cases_walk *w = arg;
	int resolved = k->status == enum_lookup(&status_names, "resolved");
	char id[24], *what;

	if ((w->which == COMPLETE_OPEN && resolved) ||
	    (w->which == COMPLETE_CLOSED && !resolved))
		return 0;
	snprintf(id, sizeof(id), "%lld", k->id);
	what = k->title ? xasprintf("%s: %s%s", k->org, k->title,
	    resolved ? " (resolved)" : "") : xasprintf("%s, %s%s", k->org,
	    enum_name(&reason_names, k->reason), resolved ? " (resolved)" : "");
	complete_offer(w->c, id, what);
	free(what);
	return 0;
}

void
complete_cases(struct completion *c, enum complete_cases which)
{
	struct case_filter f = { 0 };
	struct cases_walk w = { c, which };

	if (journal(c) == NULL)
		return;
	f.unresolved = which == COMPLETE_OPEN;
	store_cases_each(c->st, &f, offer_case, &w);
}

/* Names seen, so that each is offered once. */
struct seen {
	char **s;
	size_t n;
};

static int
seen_before(struct seen *s, const char *v)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->s[i], v) == 0)
			return 1;
	s->s = xrealloc(s->s, (s->n + 1) * sizeof(*s->s));
	s->s[s->n++] = xstrdup(v);
	return 0;
}

static void
seen_clear(struct seen *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->s[i]);
	free(s->s);
}


static int
offer_org(struct cl_case *k, void *arg)
{
	void **a = arg;

	if (!seen_before(a[1], k->org))
		complete_offer(a[0], k->org, NULL);
	return 0;
}

void
complete_orgs(struct completion *c)
{
	struct directory d = { 0 };
	struct case_filter f = { 0 };
	struct seen seen = { NULL, 0 };
	void *a[2] = { c, &seen };

	if (journal(c) == NULL)
		return;
	if (store_directory_merged(c->st, &d) == 0)
		for (size_t i = 0; i < d.n; i++)
			if (!seen_before(&seen, d.e[i].org))
				complete_offer(c, d.e[i].org, NULL);
	store_cases_each(c->st, &f, offer_org, a);
	directory_clear(&d);
	seen_clear(&seen);
}

/* Whether entry e is of org as typed: a prefix of its name, or the name
 * an alias ("amex") stands for. */
static int
of_org(struct completion *c, const struct dir_entry *e, const char *org)
{
	char *canon = NULL;
	int yes;

	if (org == NULL || str_iprefix(e->org, org))
		return 1;
	if (store_org_canonical(c->st, org, &canon) == -1)
		return 0;
	yes = strcasecmp(e->org, canon) == 0;
	free(canon);
	return yes;
}

void
complete_numbers(struct completion *c, const char *org, const char *purpose)
{
	struct directory d = { 0 };
	struct seen seen = { NULL, 0 };
	char shown[PHONE_BUFSZ];

	if (journal(c) == NULL || store_directory_merged(c->st, &d) == -1) {
		directory_clear(&d);
		return;
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct dir_entry *e = &d.e[i];
		char *what;

		if (!of_org(c, e, org) ||
		    (purpose && !purpose_matches(e->purpose, purpose)))
			continue;
		phone_format(e->number, shown);
		if (seen_before(&seen, shown))
			continue;
		what = xasprintf("%s, %s", e->org, e->purpose);
		complete_offer(c, shown, what);
		free(what);
	}
	directory_clear(&d);
	seen_clear(&seen);
}

void
complete_purposes(struct completion *c, const char *org)
{
	struct directory d = { 0 };
	struct seen seen = { NULL, 0 };

	if (journal(c) == NULL || store_directory_merged(c->st, &d) == -1) {
		directory_clear(&d);
		return;
	}
	/* Every purpose calllog knows, then those filed for org. */
	for (size_t i = 0; i < d.n; i++)
		if (d.e[i].shipped && !seen_before(&seen, d.e[i].purpose))
			complete_offer(c, d.e[i].purpose, NULL);
	for (size_t i = 0; i < d.n; i++)
		if (of_org(c, &d.e[i], org) &&
		    !seen_before(&seen, d.e[i].purpose))
			complete_offer(c, d.e[i].purpose, NULL);
	directory_clear(&d);
	seen_clear(&seen);
}
