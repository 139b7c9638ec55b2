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
 * What such a change says is applied by vdir_read.c, before this file
 * writes the folder again.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ical.h"
#include "outfile.h"
#include "store.h"
#include "util.h"
#include "vdir.h"
#include "vdir_int.h"

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


/*
 * Files an older calllog wrote, before it remembered them: named after a
 * case of this journal, with that UID.  They are taken as calllog's, with
 * what they say now as what calllog wrote, so only a completion or a
 * cancellation made since is read back.
 */
static int
adopt_one(const char *name, void *arg)
{
	struct mirror *m = arg;
	struct vdir_file f = { 0 };
	struct cl_case c;
	struct cal_read rd;
	char *text;
	size_t stem = strlen(name) - 4;		/* without ".ics" */
	int got;

	if (!item_name(name, f.case_uuid, &f.escalation) || find(m, name))
		return 0;
	if ((got = store_case_get_uuid(m->ctx->st, f.case_uuid, &c)) != 0)
		return got == -1 ? -1 : 0;
	text = folder_text(&m->fo, name, ICS_MAX);
	if (text && cal_read_item(text, &rd) == 0 &&
	    strncmp(rd.uid, name, stem) == 0 && rd.uid[stem] == '\0') {
		f.name = xstrdup(name);
		f.due = rd.due;
		f.sequence = rd.sequence;
		f.level = policy_next_level(c.escalation);
		m->f = xrealloc(m->f, (m->n + 1) * sizeof(*m->f));
		m->f[m->n++] = f;
		qsort(m->f, m->n, sizeof(*m->f), by_name);
	}
	free(text);
	case_clear(&c);
	return 0;
}

static int
adopt_older_files(struct mirror *m)
{
	return folder_each(&m->fo, adopt_one, m);
}

/* A file of the folder not calllog's that holds sync's lines: -1 after
 * saying so (the name redacted), else 0. */
static int
holds_sync_lines(const char *name, void *arg)
{
	struct mirror *m = arg;
	char *text;
	int rc = 0;

	if (find(m, name) || (text = folder_text(&m->fo, name, ICS_MAX)) ==
	    NULL)
		return 0;
	for (const char *p = text; rc == 0 && (p = strchr(p, '\n')) != NULL;
	    p++)
		if (strncasecmp(p + 1, "X-CALLLOG-", 10) == 0) {
			/* Its name is the folder's writer's: redacted. */
			char *shown = folder_shown_name(name);

			rc = error("'%s' is a folder of `calllog sync` (%s);"
			    " give `ical --vdir` a folder of its own",
			    m->fo.shown, shown);
			free(shown);
		}
	free(text);
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
	int rc = store_vdir_is_sync(m->ctx->st, m->fo.path);

	if (rc == 1)
		return error("'%s' is kept by `calllog sync`; give `ical"
		    " --vdir` a folder of its own", m->fo.shown);
	if (rc == -1)
		return -1;
	return folder_each(&m->fo, holds_sync_lines, m);
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
		rc = store_vdir_put(m->ctx->st, m->fo.path, &row);
		goto out;
	}
	row.dismissed_due = 0;
	if (s)
		s->seen = 1;
	if (s && s->unreadable)
		goto out;
	if (s && f->dismissed_due && f->dismissed_due == it->due) {
		if (s->dismissed)
			rc = store_vdir_put(m->ctx->st, m->fo.path, f);
		goto out;
	}
	if (f && f->sequence > seq)
		seq = f->sequence;
	if (s && s->foreign && s->disk_seq >= seq)
		seq = s->disk_seq + 1;
	cal_item_set_sequence(cal, i, seq);
	path = vdir_path(m, name);
	text = cal_item_text(cal, i);
	old = folder_text(&m->fo, name, ICS_MAX);
	row.name = name;
	memcpy(row.case_uuid, it->case_uuid, UUID_BUFSZ);
	row.escalation = it->escalation;
	row.due = it->due;
	row.sequence = seq;
	row.level = it->escalation ? it->level : LEVEL_NONE;
	if (old == NULL || differs(old, text)) {
		if ((rc = outfile_check(m->ctx->st, path)) == 0 &&
		    (rc = folder_put(&m->fo, name, text, NULL)) == 0)
			*(old ? &m->changed : &m->added) += 1;
		vdir_hash(text, row.hash);
	} else
		vdir_hash(old, row.hash);
	if (rc == 0 && (f == NULL || strcmp(f->hash, row.hash) != 0 ||
	    f->due != row.due || f->sequence != row.sequence ||
	    f->level != row.level || f->dismissed_due))
		rc = store_vdir_put(m->ctx->st, m->fo.path, &row);
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
		int rc;

		if (m->s[i].seen || m->s[i].unreadable)
			continue;
		if ((rc = folder_remove(&m->fo, m->f[i].name)) == 0)
			m->removed++;
		if (rc == -1 || store_vdir_delete(m->ctx->st, m->fo.path,
		    m->f[i].name) == -1)
			return -1;
	}
	return 0;
}

int
vdir_mirror(struct ctx *ctx, const struct cal_options *o, const char *dir)
{
	struct case_filter filter = { .unresolved = 1, .contact = 1 };
	struct mirror m = { .ctx = ctx,
	    .fo = { .shown = dir, .dfd = -1, .now = ctx->now } };
	struct cal *cal = NULL;
	size_t n = 0;
	int rc = -1;

	/* Locked like sync's: two runs, or a run and a sync, take turns. */
	if (folder_open(&m.fo, dir, 1, "written") == -1)
		return -1;
	if (store_vdir_load(ctx->st, m.fo.path, &m.f, &m.n) == -1) {
		folder_close(&m.fo);
		return -1;
	}
	if (refuse_sync_folder(&m) == -1 || adopt_older_files(&m) == -1)
		goto out;
	m.s = xcalloc(m.n + 1, sizeof(*m.s));
	if (vdir_read_back(&m) == -1 || (cal = cal_create(o)) == NULL ||
	    store_cases_each(ctx->st, &filter, add_case, cal) != 0)
		goto out;
	n = cal_count(cal);
	for (size_t i = 0; i < n; i++)
		if (write_item(&m, cal, i) == -1)
			goto out;
	/* Every file written reaches the disk before the journal says so. */
	if (remove_gone(&m) == -1 || ((m.added || m.changed || m.removed) &&
	    folder_flush(&m.fo) == -1))
		goto out;
	fprintf(ctx->out, "%s: %zu added, %zu updated, %zu removed, %zu in "
	    "all\n", dir, m.added, m.changed, m.removed, n);
	rc = 0;
out:
	cal_release(cal);
	store_vdir_free(m.f, m.n);
	free(m.s);
	folder_close(&m.fo);
	return rc;
}

