/*
 * vdir.c: `ical --vdir DIR`, a folder of one .ics file per reminder, kept
 * a mirror of the open cases, and read back before it is rewritten: what a
 * person did to a reminder elsewhere (a calendar client on this machine, a
 * phone through vdirsyncer and a CalDAV server) reaches the journal instead
 * of being overwritten.
 *
 * A file is calllog's by its name and the row the journal keeps for it
 * (store_vdir_*), never by its PRODID, which clients replace when they save.
 * The row holds a hash of the bytes calllog wrote, so a file someone else
 * changed is told from one calllog wrote, whatever a client does to it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "case_rules.h"
#include "field.h"
#include "ical.h"
#include "outfile.h"
#include "store.h"
#include "util.h"
#include "vdir.h"
#include "when.h"

#define ICS_MAX (1024 * 1024)

struct mirror {
	struct ctx *ctx;
	const char *shown;		/* the folder as given, for messages */
	int dfd;			/* the folder, open: files are read in
					   it, never through a link */
	char dir[PATH_MAX];		/* resolved: the key of its rows */
	struct vdir_file *f;		/* remembered files, sorted by name */
	struct state {
		int seen;		/* still an item of the calendar */
		int unreadable;		/* left alone this run */
		int foreign;		/* changed by someone else */
		int disk_seq;		/* the SEQUENCE found in it then */
		int dismissed;		/* newly dismissed: to remember */
	} *s;
	size_t n;
	size_t added, changed, removed;
};

/* FNV-1a: enough to notice a change, which is all the hash is for. */
static void
hash_text(const char *text, char out[17])
{
	uint64_t h = 14695981039346656037ULL;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	snprintf(out, 17, "%016llx", (unsigned long long)h);
}

/* Nonzero when the two files differ other than in DTSTAMP, which is "now"
 * and would otherwise make every run rewrite (and re-sync) every file. */
static int
differs(const char *a, const char *b)
{
	while (*a || *b) {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");

		if (!(strncmp(a, "DTSTAMP:", 8) == 0 &&
		    strncmp(b, "DTSTAMP:", 8) == 0) &&
		    (la != lb || memcmp(a, b, la) != 0))
			return 1;
		a += la + (a[la] != '\0');
		b += lb + (b[lb] != '\0');
	}
	return 0;
}

/* The case uuid of a name calllog gives its files ("UUID-followup.ics"
 * or "UUID-escalation.ics", and "UUID.ics", the follow-up's before it had
 * a UID of its own), or 0 when name is not one of them. */
static int
item_name(const char *name, char uuid[UUID_BUFSZ], int *escalation)
{
	size_t n = strlen(name);

	if (n < 40 || (strcmp(name + 36, ".ics") != 0 &&
	    strcmp(name + 36, "-followup.ics") != 0 &&
	    strcmp(name + 36, "-escalation.ics") != 0))
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? name[i] != '-' :
		    !strchr("0123456789abcdef", name[i]) || name[i] == '\0')
			return 0;
	}
	memcpy(uuid, name, 36);
	uuid[36] = '\0';
	*escalation = name[36] == '-' && name[37] == 'e';
	return 1;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const struct vdir_file *)a)->name,
	    ((const struct vdir_file *)b)->name);
}

static struct vdir_file *
find(struct mirror *m, const char *name)
{
	struct vdir_file key = { .name = (char *)name };

	return m->n ? bsearch(&key, m->f, m->n, sizeof(*m->f), by_name) : NULL;
}

static char *
path_of(const struct mirror *m, const char *name)
{
	return xasprintf("%s/%s", m->shown, name);
}

/*
 * Files an older calllog wrote, before it remembered them: named after a
 * case of this journal, with that UID.  They are taken as calllog's, with
 * what they say now as what calllog wrote, so only a completion or a
 * cancellation made since is read back.
 */
static int
adopt_older_files(struct mirror *m)
{
	DIR *d = opendir(m->shown);
	struct dirent *de;
	int rc = 0;

	if (d == NULL)
		return error("cannot read '%s': %s", m->shown, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		struct vdir_file f = { 0 };
		struct cl_case c;
		struct cal_read rd;
		char *path, *text;
		int got;

		if (!item_name(de->d_name, f.case_uuid, &f.escalation) ||
		    find(m, de->d_name))
			continue;
		if ((got = store_case_get_uuid(m->ctx->st, f.case_uuid, &c)) ==
		    -1)
			rc = -1;
		if (got != 0)
			continue;
		path = path_of(m, de->d_name);
		text = read_file_at(m->dfd, de->d_name, ICS_MAX);
		if (text && cal_read_item(text, &rd) == 0 &&
		    strncmp(rd.uid, de->d_name, strlen(de->d_name) - 4) == 0 &&
		    rd.uid[strlen(de->d_name) - 4] == '\0') {
			f.name = xstrdup(de->d_name);
			f.due = rd.due;
			f.sequence = rd.sequence;
			f.level = policy_next_level(c.escalation);
			m->f = xrealloc(m->f, (m->n + 1) * sizeof(*m->f));
			m->f[m->n++] = f;
			qsort(m->f, m->n, sizeof(*m->f), by_name);
		}
		free(text);
		free(path);
		case_clear(&c);
	}
	closedir(d);
	return rc;
}

/*
 * A folder `calllog sync` keeps is no folder of reminders: written over,
 * its items would lose every X-CALLLOG- line, and sync would then refuse
 * it for good.  It is told by this journal's sync state, or, for another
 * journal's, by a file of it holding sync's X-CALLLOG- lines (reminders
 * hold none).  Returns 0, or -1 after reporting.
 */
static int
refuse_sync_folder(struct mirror *m)
{
	DIR *d;
	struct dirent *de;
	int rc = store_vdir_is_sync(m->ctx->st, m->dir);

	if (rc == 1)
		return error("'%s' is kept by `calllog sync`; give `ical"
		    " --vdir` a folder of its own", m->shown);
	if (rc == -1 || (d = fdopendir(dup(m->dfd))) == NULL)
		return rc == -1 ? -1 : error("cannot read '%s': %s", m->shown,
		    strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		char *text;

		if (n < 5 || strcmp(de->d_name + n - 4, ".ics") != 0 ||
		    find(m, de->d_name) ||
		    (text = read_file_at(m->dfd, de->d_name, ICS_MAX)) == NULL)
			continue;
		for (const char *p = text; rc == 0 &&
		    (p = strchr(p, '\n')) != NULL; p++)
			if (strncasecmp(p + 1, "X-CALLLOG-", 10) == 0)
				rc = error("'%s' is a folder of `calllog sync`"
				    " (%s); give `ical --vdir` a folder of its"
				    " own", m->shown, de->d_name);
		free(text);
	}
	closedir(d);
	return rc;
}

/*
 * Apply a change a calendar made to case c through the case rules, as the
 * command that makes the same change would, and record it.  Returns 0 when
 * applied, 1 when the rules refused it (said on the report), -1 on
 * failure.
 */
static int
change_case(struct mirror *m, struct cl_case *c, struct case_change *ch)
{
	struct case_effects fx;
	char msg[256];
	int rule, rc = 0;

	if ((rule = case_apply(c, ch, &m->ctx->cfg.policy, m->ctx->now, &fx))) {
		case_rule_message(rule, c, msg, sizeof(msg));
		fprintf(m->ctx->out, "%s; the calendar's change is not "
		    "applied\n", msg);
		return 1;
	}
	for (int i = 0; rc == 0 && i < fx.nev; i++)
		rc = store_event_insert(m->ctx->st, &fx.ev[i]);
	if (rc == 0)
		rc = store_case_update(m->ctx->st, c);
	snprintf(msg, sizeof(msg), "read back from a calendar: case %lld",
	    c->id);
	if (rc == 0)
		rc = store_change_describe(m->ctx->st, msg);
	case_effects_clear(&fx);
	return rc;
}

/*
 * Apply what a client did to the item in file f, read as rd, to its case.
 * A follow-up completed is done: the next one moves one default interval
 * on.  A moved due time reschedules the follow-up.  An escalation
 * completed escalates the case to the level it asked for.  A cancelled
 * item is dismissed like a deleted file.  Returns 0, or -1 on failure.
 */
static int
apply(struct mirror *m, struct vdir_file *f, const struct cal_read *rd)
{
	struct ctx *ctx = m->ctx;
	struct case_change ch = { .kind = CHANGE_FOLLOWUP };
	char when[WHEN_BUFSZ], why[FIELD_WHY_BUFSZ];
	struct cl_case c;
	int rc;

	if ((rc = store_case_get_uuid(ctx->st, f->case_uuid, &c)) != 0)
		return rc == 1 ? 0 : -1;	/* a case deleted since */
	rc = 0;
	if (rd->completed && f->escalation) {
		ch = (struct case_change){ .kind = CHANGE_ESCALATE,
		    .level = f->level, .note = "marked done in a calendar" };
		if (f->level > c.escalation &&
		    (rc = change_case(m, &c, &ch)) == 0)
			fprintf(ctx->out, "case %lld: escalated to %s (marked "
			    "done in a calendar)\n", c.id,
			    enum_name(&level_names, f->level));
	} else if (rd->completed) {
		ch.due = ctx->now + ctx->cfg.policy.followup_secs;
		ch.note = "follow-up done (completed in a calendar)";
		if ((rc = change_case(m, &c, &ch)) == 0) {
			when_format_local(ch.due, when);
			fprintf(ctx->out, "case %lld: follow-up done in a "
			    "calendar; next follow-up %s\n", c.id, when);
		}
	} else if (rd->cancelled) {
		f->dismissed_due = f->due;
		fprintf(ctx->out, "case %lld: %s reminder cancelled in a "
		    "calendar; dismissed until its time changes\n", c.id,
		    f->escalation ? "escalation" : "follow-up");
	} else if (rd->due && rd->due != f->due && f->escalation)
		fprintf(ctx->out, "case %lld: the escalation deadline follows "
		    "the case's calls; its moved time is not applied\n", c.id);
	else if (rd->due && rd->due != f->due && rd->due != c.next_followup) {
		ch.due = rd->due;
		ch.note = "moved in a calendar";
		if (field_check_num(SYNC_CASE, CF_FOLLOWUP, rd->due, why,
		    sizeof(why)) == -1)
			fprintf(ctx->out, "case %lld: the calendar's new "
			    "follow-up time %s; not applied\n", c.id, why);
		else if ((rc = change_case(m, &c, &ch)) == 0) {
			when_format_local(rd->due, when);
			fprintf(ctx->out, "case %lld: follow-up moved in a "
			    "calendar to %s\n", c.id, when);
		}
	}
	case_clear(&c);
	return rc == -1 ? -1 : 0;
}

/* Read back each remembered file that someone else changed or deleted. */
static int
read_back(struct mirror *m)
{
	for (size_t i = 0; i < m->n; i++) {
		struct vdir_file *f = &m->f[i];
		char *path = path_of(m, f->name), hash[17];
		char *text = read_file_at(m->dfd, f->name, ICS_MAX);
		struct cal_read rd;
		time_t dismissed = f->dismissed_due;
		int rc = 0, e = text ? 0 : errno;

		if (text == NULL && e != ENOENT) {
			m->s[i].unreadable = 1;
			warning("cannot read '%s' (%s); left as it is until it"
			    " can be read", path, read_file_at_why(e));
		} else if (text == NULL && f->dismissed_due != f->due) {
			/* Deleted: dismissed until its due time changes. */
			struct cl_case c = { 0 };

			f->dismissed_due = f->due;
			if ((rc = store_case_get_uuid(m->ctx->st, f->case_uuid,
			    &c)) == 0)
				fprintf(m->ctx->out, "case %lld: %s reminder "
				    "deleted from the calendar; dismissed until "
				    "its time changes\n", c.id, f->escalation ?
				    "escalation" : "follow-up");
			case_clear(&c);
			rc = rc == -1 ? -1 : 0;
		} else if (text && (hash_text(text, hash), !*f->hash ||
		    strcmp(hash, f->hash) != 0)) {
			if (cal_read_item(text, &rd) == -1) {
				m->s[i].unreadable = 1;
				if (rd.bad)	/* named, never quoted */
					warning("'%s': bad %s; left as it is"
					    " until it is mended", path,
					    rd.bad);
				else
					warning("cannot read '%s' as iCalendar;"
					    " left as it is until it can be"
					    " read", path);
			} else {
				m->s[i].foreign = 1;
				m->s[i].disk_seq = rd.sequence;
				rc = apply(m, f, &rd);
				/* Dismissed as the client left it: the same
				 * file is not read back again next time. */
				if (f->dismissed_due != dismissed)
					memcpy(f->hash, hash, sizeof(f->hash));
			}
		}
		m->s[i].dismissed = f->dismissed_due != dismissed;
		free(text);
		free(path);
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
add_case(struct cl_case *c, void *arg)
{
	cal_add_case(arg, c);
	return 0;
}

/* A follow-up's file of before it had a UID of its own ("UUID.ics") is
 * removed (its change was read back first); what the journal remembered
 * of it goes on under the new name: its SEQUENCE (raised into *seq), and
 * the due time it was dismissed at, returned (0: none). */
static time_t
legacy(struct mirror *m, const struct cal_item *it, int *seq)
{
	char *name = xasprintf("%s.ics", it->case_uuid);
	struct vdir_file *lf = find(m, name);
	struct state *s = lf ? &m->s[lf - m->f] : NULL;

	free(name);
	if (lf == NULL || s->unreadable)
		return 0;
	if (lf->sequence > *seq)
		*seq = lf->sequence;
	if (s->foreign && s->disk_seq >= *seq)
		*seq = s->disk_seq + 1;
	return lf->dismissed_due;
}

/* Write item i of cal unless the file already says the same; remember
 * it.  SEQUENCE never goes down: not below what calllog wrote, and above
 * what a client wrote when it changed the file. */
static int
write_item(struct mirror *m, struct cal *cal, size_t i)
{
	const struct cal_item *it = cal_item_info(cal, i);
	char *name = xasprintf("%s.ics", cal_item_uid(cal, i));
	struct vdir_file *f = find(m, name), row = { 0 };
	struct state *s = f ? &m->s[f - m->f] : NULL;
	char *path = NULL, *text = NULL, *old = NULL;
	int seq = it->sequence, rc = 0;

	if (f == NULL && !it->escalation)
		row.dismissed_due = legacy(m, it, &seq);
	if (row.dismissed_due && row.dismissed_due == it->due) {
		row.name = name;
		memcpy(row.case_uuid, it->case_uuid, UUID_BUFSZ);
		row.due = it->due;
		row.sequence = seq;
		row.level = LEVEL_NONE;
		rc = store_vdir_put(m->ctx->st, m->dir, &row);
		goto out;
	}
	row.dismissed_due = 0;
	if (s)
		s->seen = 1;
	if (s && s->unreadable)
		goto out;
	if (s && f->dismissed_due && f->dismissed_due == it->due) {
		if (s->dismissed)
			rc = store_vdir_put(m->ctx->st, m->dir, f);
		goto out;
	}
	if (f && f->sequence > seq)
		seq = f->sequence;
	if (s && s->foreign && s->disk_seq >= seq)
		seq = s->disk_seq + 1;
	cal_item_set_sequence(cal, i, seq);
	path = path_of(m, name);
	text = cal_item_text(cal, i);
	old = read_file_at(m->dfd, name, ICS_MAX);
	row.name = name;
	memcpy(row.case_uuid, it->case_uuid, UUID_BUFSZ);
	row.escalation = it->escalation;
	row.due = it->due;
	row.sequence = seq;
	row.level = it->escalation ? it->level : LEVEL_NONE;
	if (old == NULL || differs(old, text)) {
		if ((rc = outfile_write(m->ctx->st, path, text, strlen(text)))
		    == 0)
			*(old ? &m->changed : &m->added) += 1;
		hash_text(text, row.hash);
	} else
		hash_text(old, row.hash);
	if (rc == 0 && (f == NULL || strcmp(f->hash, row.hash) != 0 ||
	    f->due != row.due || f->sequence != row.sequence ||
	    f->level != row.level || f->dismissed_due))
		rc = store_vdir_put(m->ctx->st, m->dir, &row);
out:
	free(old);
	free(text);
	free(path);
	free(name);
	return rc;
}

/* Remove the files of reminders no longer due: resolved cases, passed
 * escalations.  Their own change, if any, was read back first. */
static int
remove_gone(struct mirror *m)
{
	for (size_t i = 0; i < m->n; i++) {
		char *path;
		int rc = 0;

		if (m->s[i].seen || m->s[i].unreadable)
			continue;
		path = path_of(m, m->f[i].name);
		if (unlink(path) == 0)
			m->removed++;
		else if (errno != ENOENT)
			rc = error("cannot remove '%s': %s", path,
			    strerror(errno));
		free(path);
		if (rc == -1 ||
		    store_vdir_delete(m->ctx->st, m->dir, m->f[i].name) == -1)
			return -1;
	}
	return 0;
}

int
vdir_mirror(struct ctx *ctx, const struct cal_options *o, const char *dir)
{
	struct case_filter filter = { .unresolved = 1, .contact = 1 };
	struct mirror m = { .ctx = ctx, .shown = dir, .dfd = -1 };
	struct cal *cal = NULL;
	size_t n = 0;
	int rc = -1;

	if (make_dirs(dir) == -1)
		return -1;
	if (realpath(dir, m.dir) == NULL)
		return error("cannot find '%s': %s", dir, strerror(errno));
	if ((m.dfd = open(m.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return error("cannot read '%s': %s", dir, strerror(errno));
	if (store_vdir_load(ctx->st, m.dir, &m.f, &m.n) == -1) {
		close(m.dfd);
		return -1;
	}
	if (refuse_sync_folder(&m) == -1 || adopt_older_files(&m) == -1)
		goto out;
	m.s = xcalloc(m.n + 1, sizeof(*m.s));
	if (read_back(&m) == -1 || (cal = cal_create(o)) == NULL ||
	    store_cases_each(ctx->st, &filter, add_case, cal) != 0)
		goto out;
	n = cal_count(cal);
	for (size_t i = 0; i < n; i++)
		if (write_item(&m, cal, i) == -1)
			goto out;
	if (remove_gone(&m) == -1)
		goto out;
	fprintf(ctx->out, "%s: %zu added, %zu updated, %zu removed, %zu in "
	    "all\n", dir, m.added, m.changed, m.removed, n);
	rc = 0;
out:
	cal_release(cal);
	store_vdir_free(m.f, m.n);
	free(m.s);
	close(m.dfd);
	return rc;
}
