/*
 * sync.c: `calllog sync DIR`, the journal and a folder of iCalendar items
 * (a vdir, which vdirsyncer carries to a CalDAV server) made equal, both
 * ways, in one transaction.
 *
 *	1. The folder is listed; a file whose modification time, size and
 *	   inode are those the sync state remembers is not read.  The others
 *	   are read, checked and redacted like typed input; a bad one is
 *	   reported by name and skipped whole.
 *	2. Each journal record is compared with the version both sides last
 *	   agreed on (its fingerprint), and with what the folder now holds:
 *	   changed on one side, it is copied to the other; on both, the two
 *	   are merged field by field (syncrec.h), the later change winning.
 *	3. A record gone from one side, unchanged on the other, is deleted
 *	   there; changed on the other, it is kept (nothing is lost unseen).
 *
 * Files are written beside their name and renamed over it, all of them
 * before the journal commits, and the file system is synced first: a sync
 * cut short leaves files the next sync reads as changes made elsewhere,
 * which bring the same result, and never a file that is half written.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ical.h"
#include "store.h"
#include "sync.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

/* The state's item of a record, or of a file, into *it; 0, 1 none, -1. */
static int
state_get(struct sync *s, const char *name, const char *rec,
    struct sync_item *it)
{
	return store_sync_get(s->st, s->dir, name, rec, it);
}

/* A record whose uuid is not one (a journal edited by hand) has no name
 * in the folder, and a uuid cut to fit would name another record: the
 * sync stops before anything is written. */
static int
bad_uuid(const char *uuid)
{
	return error("the journal holds a record whose uuid '%.40s%s' is not "
	    "a uuid (was the file edited by hand?); the sync stopped",
	    uuid, strlen(uuid) > 40 ? "..." : "");
}

/* A record whose case is outside [sync] resolved_within: its file leaves
 * the folder and the state forgets it, so that its absence is a deletion
 * nowhere, and a change that brings it back writes it anew.  A file that
 * could not be read is left as it is: it may hold a change made there. */
static int
leave_folder(struct sync *s, const char *name)
{
	if (name == NULL || sync_file_bad(s, name))
		return 0;
	if (!sync_file_gone(s, name)) {
		s->leaving = xrealloc(s->leaving, (s->nleaving + 1) *
		    sizeof(*s->leaving));
		s->leaving[s->nleaving++] = xstrdup(name);
	}
	return store_sync_forget(s->st, s->dir, name);
}

/* Whether visit must see a record: not when it is as both sides last
 * agreed and its file is there unchanged, as is every record of a sync
 * with nothing to do; nor when its case is out of the folder's bound,
 * unless the folder changed it (a reopening there brings it back). */
static int
wanted(const struct sync_peek *p, void *arg)
{
	struct sync *s = arg;
	char mixed[17];

	if (!sync_uuid_valid(p->uuid))
		return bad_uuid(p->uuid);
	if (p->out && !sync_remote_find(s, p->uuid))
		return leave_folder(s, p->st_name);
	/* The state's fingerprint of a record with files is of its fields
	 * and its files (sync_attach.c). */
	memcpy(mixed, p->fp, sizeof(mixed));
	if (sync_attach_fp(s, -1, p->uuid, NULL, mixed) == -1)
		return -1;
	return p->st_name == NULL || p->st_fp == NULL ||
	    strcmp(mixed, p->st_fp) != 0 || (sync_file_gone(s, p->st_name) &&
	    !sync_file_bad(s, p->st_name)) || sync_remote_find(s, p->uuid);
}

static int visit_with(struct sync *s, struct sync_rec *local,
    struct sync_item *old);

/* One journal record, against the state and the folder. */
static int
visit(struct sync_rec *local, void *arg)
{
	struct sync *s = arg;
	struct sync_item it;
	int rc = state_get(s, NULL, local->uuid, &it);

	if (rc == -1)
		return -1;
	rc = visit_with(s, local, rc == 0 ? &it : NULL);
	store_sync_item_clear(&it);
	return rc;
}

static int
visit_with(struct sync *s, struct sync_rec *local, struct sync_item *old)
{
	struct remote *rm = sync_remote_find(s, local->uuid);
	char fp[17];
	int changed;

	if (local->kind != SYNC_CASE && !sync_uuid_valid(local->f[0] ?
	    local->f[0] : ""))
		return bad_uuid(local->f[0] ? local->f[0] : "");
	sync_rec_fingerprint(local, fp);
	if (sync_attach_fp(s, local->kind, local->uuid, NULL, fp) == -1)
		return -1;
	changed = old == NULL || strcmp(fp, old->fp) != 0;
	if (rm)
		return sync_pair(s, local, rm, old, changed);
	if (old && sync_file_bad(s, old->name))
		return 0;		/* reported; left as it is */
	if (changed && local->kind != SYNC_CASE) {
		s->needed = xrealloc(s->needed, (s->nneeded + 1) *
		    sizeof(*s->needed));
		snprintf(s->needed[s->nneeded++], UUID_BUFSZ, "%s",
		    local->f[0]);
	}
	if (old && sync_file_gone(s, old->name)) {
		if (!changed && local->kind == SYNC_CASE) {
			/* Decided once its calls are seen (keep_or_delete). */
			s->pend = xrealloc(s->pend, (s->npend + 1) *
			    sizeof(*s->pend));
			memcpy(s->pend[s->npend].uuid, local->uuid,
			    UUID_BUFSZ);
			s->pend[s->npend++].name = xstrdup(old->name);
			return 0;
		}
		if (!changed) {
			sync_delete_later(s, local->kind, local->uuid);
			s->here_deleted++;
			return store_sync_forget(s->st, s->dir, old->name);
		}
		sync_report(s, "%s %.8s: deleted in the folder but changed"
		    " here: kept", sync_kind_name(local->kind), local->uuid);
		if (store_sync_forget(s->st, s->dir, old->name) == -1)
			return -1;
		old = NULL;		/* written anew */
	}
	if (!changed)
		return 0;
	return sync_write_record(s, local, old);
}

/* Whether a call or event of case uuid is new or changed in the folder. */
static int
changed_there(const struct sync *s, const char *uuid)
{
	for (size_t i = 0; i < s->nrm; i++)
		if (s->rm[i].item.kind != SYNC_CASE && s->rm[i].item.rec.f[0] &&
		    strcmp(s->rm[i].item.rec.f[0], uuid) == 0)
			return 1;
	return 0;
}

/* A case deleted in the folder is deleted here, unless a call or event
 * of it is new or changed on either side: then it is kept, and written
 * again (deleting it would take the change with it, on both sides). */
static int
keep_or_delete(struct sync *s)
{
	for (size_t i = 0; i < s->npend; i++) {
		struct pending *p = &s->pend[i];
		struct sync_rec r = { 0 };
		int keep = changed_there(s, p->uuid), rc;

		for (size_t j = 0; j < s->nneeded && !keep; j++)
			keep = strcmp(s->needed[j], p->uuid) == 0;
		if (store_sync_forget(s->st, s->dir, p->name) == -1)
			return -1;
		if (!keep) {
			sync_delete_later(s, SYNC_CASE, p->uuid);
			s->here_deleted++;
			continue;
		}
		sync_report(s, "case %.8s: deleted in the folder but has calls"
		    " new or changed: kept", p->uuid);
		if ((rc = store_sync_record_get(s->st, SYNC_CASE,
		    p->uuid, &r)) == 0) {
			sync_rec_local_times(&r, NULL);
			rc = sync_write_item(s, &r, NULL, NULL, NULL);
		}
		sync_rec_clear(&r);
		if (rc)
			return -1;
	}
	return 0;
}

/* Cases first: a call or event needs its case. */
static const int order[] = { SYNC_CASE, SYNC_EVENT, SYNC_CALL };

/*
 * Every journal record against the state and the folder: first only
 * summed by bucket, as one pass over the journal's tables; then the
 * records of the buckets whose sums differ, or where a file changed or
 * went, one by one.  A sync with nothing to do looks at none; a sync of
 * many changes looks at all of them in one pass.
 */
static int
walk_records(struct sync *s)
{
	struct store *st = s->st;

	if (sync_sum_journal(s) == -1)
		return -1;
	for (size_t k = 0; k < 3; k++) {
		if (s->all_dirty) {
			if (store_sync_records_each(st, order[k], s->dir,
			    s->cutoff, NULL, NULL, wanted, visit, s))
				return -1;
			continue;
		}
		for (int b = 0; b < SYNC_BUCKETS; b++) {
			char lo[8], hi[8];

			if (!s->dirty[b])
				continue;
			sync_bucket_range(b, lo, hi);
			if (store_sync_records_each(st, order[k], s->dir,
			    s->cutoff, lo, hi, wanted, visit, s))
				return -1;
		}
	}
	return 0;
}

/* Say what the sync did, ending in its count, and describe the change
 * for the history: 0, or -1. */
static int
say_done(struct sync *s)
{
	char what[160];

	if (s->nleaving)
		sync_report(s, "%s: %zu items of cases resolved before the"
		    " bound ([sync] resolved_within) left the folder; the"
		    " journal keeps them", s->fo.shown, s->nleaving);
	if (s->written + s->read + s->here_deleted + s->there_deleted +
	    s->skipped + s->nleaving == 0)
		sync_report(s, "%s: nothing to do", s->fo.shown);
	else
		sync_report(s, "%s: %zu written, %zu read (%zu merged), %zu"
		    " added here, %zu deleted here, %zu deleted there, %zu"
		    " skipped", s->fo.shown, s->written, s->read, s->merged,
		    s->added_here, s->here_deleted, s->there_deleted,
		    s->skipped);
	if (s->named)
		sync_report(s, "`calllog undo` brings back what this sync"
		    " deleted here");
	snprintf(what, sizeof(what), "synced: %zu written, %zu read,"
	    " %zu deleted here, %zu deleted there", s->written, s->read,
	    s->here_deleted, s->there_deleted);
	return store_change_describe(s->st, what);
}

static void
free_lines(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Everything a sync held, and the folder (its lock with it). */
static void
sync_release(struct sync *s)
{
	for (size_t i = 0; i < s->nrm; i++)
		sync_remote_free(&s->rm[i]);
	free(s->rm);
	sync_actions_free(s);
	free_lines(s->leaving, s->nleaving);
	for (size_t i = 0; i < s->npend; i++)
		free(s->pend[i].name);
	free(s->pend);
	free(s->needed);
	for (size_t i = 0; i < s->ngone; i++)
		free(s->gone[i].name);
	free(s->gone);
	free_lines(s->bad, s->nbad);
	free_lines(s->orphans, s->norphans);
	free(s->sum_here);
	free(s->sum_state);
	free(s->dirty);
	sync_warn_free(s);
	folder_close(&s->fo);
}

/* The folder's state known, its changed files read and their claims
 * checked: 0, or -1 after reporting. */
static int
sync_start(struct sync *s, const char *resolved)
{
	int r;

	s->sum_here = xcalloc(SYNC_BUCKETS, sizeof(*s->sum_here));
	s->sum_state = xcalloc(SYNC_BUCKETS, sizeof(*s->sum_state));
	s->dirty = xcalloc(SYNC_BUCKETS, 1);
	if ((r = store_sync_is_reminders(s->st, resolved)) != 0) {
		if (r == 1)
			error("'%s' holds the reminders of `ical --vdir`; give"
			    " sync a folder of its own", s->fo.shown);
		return -1;
	}
	if ((s->attachments = store_has_attachments(s->st)) == -1 ||
	    store_sync_dir(s->st, resolved, &s->dir) == -1 ||
	    sync_warn_load(s) == -1)
		return -1;
	if (sync_scan(s) == -1 || sync_check_claims(s) == -1 ||
	    sync_check_emptied(s, s->cfg->force_delete) == -1)
		return -1;
	return 0;
}

int
sync_folder(const struct sync_env *env, const char *dir)
{
	struct sync s = { .st = env->st, .now = env->now, .out = env->out,
	    .cfg = env, .fo = { .shown = dir, .dfd = -1, .now = env->now } };
	int rc = -1;

	if (env->resolved_within)
		s.cutoff = env->now - env->resolved_within;
	if (folder_open(&s.fo, dir, 0, "synced") == -1)
		return -1;
	if (sync_start(&s, s.fo.path) == -1 || walk_records(&s) == -1 ||
	    keep_or_delete(&s) == -1)
		goto out;
	for (size_t k = 0; k < 3; k++)
		if (sync_add_remote_only(&s, order[k]) == -1)
			goto out;
	if (sync_remove_deleted(&s) == -1 || sync_remove_leaving(&s) == -1 ||
	    sync_apply_actions(&s) == -1 || sync_attach_apply(&s) == -1 ||
	    sync_warn_prune(&s) == -1)
		goto out;
	/* Counted as named: a case takes its calls and events with it. */
	s.here_deleted = s.named;
	/* Every file written reaches the disk before the journal says so. */
	if ((s.written || s.there_deleted || s.nleaving) &&
	    folder_flush(&s.fo) == -1)
		goto out;
	rc = say_done(&s);
out:
	sync_release(&s);
	return rc;
}
