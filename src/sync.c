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

/* A change to the journal, made after the records were walked. */
struct action {
	int del;
	int added;			/* counted in added_here, taken back
					   if it cannot be applied */
	struct sync_rec rec;		/* del: kind and uuid only */
	struct sync_rec lost;		/* the losing values first, so the
					   history keeps them; kind -1: none */
};

/* The state's item of a record, or of a file, into *it; 0, 1 none, -1. */
static int
state_get(struct sync *s, const char *name, const char *rec,
    struct sync_item *it)
{
	return store_sync_get(s->st, s->dir, name, rec, it);
}

/*
 * Write record r to the folder and remember it as agreed: under the name
 * and UID it has there (a new record: UUID.ics), its SEQUENCE one past
 * any seen.
 */
static int
write_item(struct sync *s, const struct sync_rec *r, struct sync_item *old,
    const struct remote *rm, const char *extra)
{
	struct sync_item it = { 0 };
	char name[UUID_BUFSZ + 4];
	char *text, *clean = cal_sync_extra_redact(extra);
	int seq = old ? old->sequence : 0, rc;

	if (rm && rm->item.sequence > seq)
		seq = rm->item.sequence;
	snprintf(name, sizeof(name), "%s.ics", r->uuid);
	/* The file the record came from, when it came from one: its state
	 * row may name another that is gone (the item moved). */
	it.name = rm ? rm->name : old ? old->name : name;
	it.uid = old ? old->uid : rm ? (char *)rm->item.uid : (char *)r->uuid;
	memcpy(it.rec, r->uuid, UUID_BUFSZ);
	it.kind = r->kind;
	it.sequence = seq + 1;
	/* What it keeps of other clients' lines is kept redacted. */
	if ((text = cal_sync_write(r, it.uid, it.sequence, clean)) == NULL) {
		free(clean);
		return -1;
	}
	if (sync_attach_write(s, r, rm, &text) == -1) {
		free(text);
		free(clean);
		return -1;
	}
	rc = folder_put(s, it.name, text, &it);
	free(text);
	if (rc == 0)
		rc = store_sync_put(s->st, s->dir, &it, r, clean);
	if (rc == 0)
		rc = sync_attach_settle(s, r, rm, it.name);
	free(clean);
	s->written += rc == 0;
	return rc;
}

/* Remember a remote item as agreed, its file as it is. */
static int
keep_remote(struct sync *s, const struct remote *rm, const struct sync_item
    *old, const struct sync_rec *base)
{
	struct sync_item it = { 0 };

	it.name = rm->name;
	it.uid = (char *)rm->item.uid;
	memcpy(it.rec, rm->item.rec.uuid, UUID_BUFSZ);
	it.kind = rm->item.kind;
	it.mtime = rm->mtime;
	it.size = rm->size;
	it.inode = rm->inode;
	it.sequence = rm->item.sequence > (old ? old->sequence : 0) ?
	    rm->item.sequence : old ? old->sequence : 0;
	return store_sync_put(s->st, s->dir, &it, base, rm->extra);
}

static struct action *
new_action(struct sync *s)
{
	struct action *a;

	if (s->nact == s->cap_act) {
		s->cap_act = s->cap_act ? s->cap_act * 2 : 64;
		s->act = xrealloc(s->act, s->cap_act * sizeof(*s->act));
	}
	a = memset(&s->act[s->nact++], 0, sizeof(*a));
	a->lost.kind = -1;
	return a;
}

static struct action *
apply_later(struct sync *s, const struct sync_rec *r,
    const struct sync_rec *lost)
{
	struct action *a = new_action(s);

	sync_rec_copy(&a->rec, r);
	if (lost)
		sync_rec_copy(&a->lost, lost);
	return a;
}

static void
delete_later(struct sync *s, int kind, const char *uuid)
{
	struct action *a = new_action(s);

	a->del = 1;
	a->rec.kind = kind;
	snprintf(a->rec.uuid, sizeof(a->rec.uuid), "%s", uuid);
}

static int
same_fields(const struct sync_rec *a, const struct sync_rec *b)
{
	char fa[17], fb[17];

	sync_rec_fingerprint(a, fa);
	sync_rec_fingerprint(b, fb);
	return strcmp(fa, fb) == 0;
}

/* Whether a and b hold the same fields, whatever their times. */
static int
same_values(const struct sync_rec *a, const struct sync_rec *b)
{
	struct sync_rec c = { 0 };
	int same;

	sync_rec_copy(&c, a);
	c.updated = b->updated;
	same = same_fields(&c, b);
	sync_rec_clear(&c);
	return same;
}

/* Say which side's value of each conflicting field was kept. */
static void
report_conflicts(struct sync *s, const struct sync_rec *r, unsigned lost,
    const char *kept, const char *lost_where)
{
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		if (lost & (1u << i))
			sync_report(s, "%s %.8s: %s changed on both sides; the later"
			    " (%s) kept, the other (%s) is in the history",
			    sync_kind_name(r->kind), r->uuid,
			    sync_kinds[r->kind].fields[i].name, kept,
			    lost_where);
}

/* A record changed in the folder, and perhaps here too. */
static int
pair(struct sync *s, struct sync_rec *local, struct remote *rm,
    struct sync_item *old, int local_changed)
{
	struct sync_rec base = { .kind = local->kind }, merged = { 0 };
	struct sync_rec *remote = &rm->item.rec;
	char *extra = NULL;
	unsigned lost_local = 0, lost_remote = 0;
	int have_base = 0, rc = 0;

	rm->done = 1;
	s->read++;
	/* A field of the folder's that failed its check keeps the journal's
	 * value: as if the item had it (reported when it was read). */
	for (int i = 0; i < SYNC_FIELDS_MAX; i++)
		if (rm->bad & (1u << i))
			sync_rec_set(remote, i, local->f[i]);
	if (old && (have_base = store_sync_base(s->st, s->dir,
	    old->name, &base, &extra)) == -1)
		return -1;
	free(extra);
	have_base = old && have_base == 0;
	/* Decided field by field on the times, even when nothing changed
	 * here: the folder may hold an older version of the whole item (a
	 * server's, kept by vdirsyncer's conflict resolution). */
	sync_rec_local_times(local, have_base ? &base : NULL);
	sync_merge(have_base ? &base : NULL, local, remote, &merged,
	    &lost_local, &lost_remote);
	if (local_changed || !have_base)
		s->merged += lost_local || lost_remote || !same_fields(local,
		    remote);
	else if (same_values(&merged, remote))
		merged.updated = remote->updated;	/* as the folder has it,
							   a clock once ahead
							   corrected */
	if (lost_local)
		report_conflicts(s, local, lost_local, "from the folder",
		    "this journal's");
	if (lost_remote)
		report_conflicts(s, local, lost_remote, "this journal's",
		    "from the folder");
	if (!same_fields(&merged, local) || lost_remote) {
		struct sync_rec losing = { 0 };

		/* A value from the folder that lost is written first, so that
		 * the history keeps it as this journal's own lost ones. */
		if (lost_remote) {
			sync_rec_copy(&losing, local);
			for (int i = 0; i < SYNC_FIELDS_MAX; i++)
				if (lost_remote & (1u << i))
					sync_rec_set(&losing, i, remote->f[i]);
		}
		apply_later(s, &merged, lost_remote ? &losing : NULL);
		sync_rec_clear(&losing);
	}
	if (!same_fields(&merged, remote) || rm->redacted || rm->bare ||
	    sync_rec_times_differ(&merged, remote))
		rc = write_item(s, &merged, old, rm, rm->extra);
	else
		rc = keep_remote(s, rm, old, &merged);
	sync_rec_clear(&merged);
	sync_rec_clear(&base);
	return rc;
}

static int write_record(struct sync *s, const struct sync_rec *r,
    struct sync_item *old);

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
		return pair(s, local, rm, old, changed);
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
			delete_later(s, local->kind, local->uuid);
			s->here_deleted++;
			return store_sync_forget(s->st, s->dir, old->name);
		}
		sync_report(s, "%s %.8s: deleted in the folder but changed here:"
		    " kept", sync_kind_name(local->kind), local->uuid);
		if (store_sync_forget(s->st, s->dir, old->name) == -1)
			return -1;
		old = NULL;		/* written anew */
	}
	if (!changed)
		return 0;
	return write_record(s, local, old);
}

/* Write a record changed here, keeping what other clients added to its
 * item. */
static int
write_record(struct sync *s, const struct sync_rec *r, struct sync_item *old)
{
	struct sync_rec base = { .kind = r->kind }, timed = { 0 };
	char *extra = NULL;
	int rc;

	if (old && (rc = store_sync_base(s->st, s->dir, old->name, &base,
	    &extra)) == -1)
		return -1;
	sync_rec_copy(&timed, r);
	sync_rec_local_times(&timed, old && rc == 0 ? &base : NULL);
	sync_rec_clear(&base);
	rc = write_item(s, &timed, old, NULL, extra);
	sync_rec_clear(&timed);
	free(extra);
	return rc;
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
			delete_later(s, SYNC_CASE, p->uuid);
			s->here_deleted++;
			continue;
		}
		sync_report(s, "case %.8s: deleted in the folder but has calls new"
		    " or changed: kept", p->uuid);
		if ((rc = store_sync_record_get(s->st, SYNC_CASE,
		    p->uuid, &r)) == 0) {
			sync_rec_local_times(&r, NULL);
			rc = write_item(s, &r, NULL, NULL, NULL);
		}
		sync_rec_clear(&r);
		if (rc)
			return -1;
	}
	return 0;
}

/* A record new here whose item has a required field that failed its
 * check has no value of the journal's to keep: skipped, said once per
 * version of its file.  1 when skipped (s->failed set on an error). */
static int
new_without_required(struct sync *s, const struct remote *rm)
{
	const struct field_kind *k = &sync_kinds[rm->item.kind];
	char *path;
	int i;

	for (i = 0; i < k->nfields; i++)
		if ((rm->bad & (1u << i)) && k->fields[i].required)
			break;
	if (i == k->nfields)
		return 0;
	path = folder_shown_path(s, rm->name);
	s->failed = sync_warn(s, rm->name, rm->mtime, rm->size, rm->inode,
	    "%s: skipped: a new %s without its %s", path,
	    sync_kind_name(rm->item.kind), k->fields[i].name) == -1;
	free(path);
	s->skipped++;
	return 1;
}

/* A call or event new here whose case is neither in the journal nor
 * among the folder's items read: skipped, and neither written nor
 * remembered (it is read again, and taken once its case comes), said once
 * per version of its file.  1 when skipped (s->failed set on an error). */
static int
orphan(struct sync *s, const struct remote *rm)
{
	const char *c = rm->item.rec.f[0];
	const struct remote *cr = c ? sync_remote_find(s, c) : NULL;
	int k;

	if (c == NULL || (cr && cr->item.kind == SYNC_CASE))
		return 0;
	if ((k = store_sync_kind_of(s->st, c)) == SYNC_CASE)
		return 0;
	s->failed = k == -2 || sync_warn(s, rm->name, rm->mtime, rm->size,
	    rm->inode, "%s %.8s: skipped: its case %.8s is not in the"
	    " journal", sync_kind_name(rm->item.kind), rm->item.rec.uuid,
	    c) == -1;
	s->skipped++;
	return 1;
}

/* Records only the folder has: new there, or deleted here after a change
 * there (kept: the change wins). */
static int
add_remote_only(struct sync *s, int kind)
{
	for (size_t i = 0; i < s->nrm; i++) {
		struct remote *rm = &s->rm[i];
		struct sync_item it, *old;
		int rc;

		if (rm->done || rm->item.kind != kind)
			continue;
		rm->done = 1;
		if (new_without_required(s, rm) != 0 ||
		    (kind != SYNC_CASE && orphan(s, rm) != 0)) {
			if (s->failed)
				return -1;
			continue;
		}
		s->read++;
		if ((rc = state_get(s, rm->name, NULL, &it)) == -1)
			return -1;
		old = rc == 0 ? &it : NULL;
		if (old && old->fp[0])
			sync_report(s, "%s %.8s: deleted here but changed in the"
			    " folder: restored", sync_kind_name(kind),
			    rm->item.rec.uuid);
		apply_later(s, &rm->item.rec, NULL)->added = 1;
		s->added_here++;
		rc = rm->redacted || rm->bare ? write_item(s, &rm->item.rec,
		    old, rm, rm->extra) : keep_remote(s, rm, old,
		    &rm->item.rec);
		store_sync_item_clear(&it);
		if (rc)
			return -1;
	}
	return 0;
}

/* An item calllog wrote whose record is gone here: removed from the
 * folder, unless it changed there (add_remote_only) or could not be
 * read. */
static int
remove_orphan(const struct sync_item *it, void *arg)
{
	struct sync *s = arg;
	int gone = sync_file_gone(s, it->name);
	char **o;

	if (sync_file_bad(s, it->name) || sync_remote_find(s, it->rec))
		return 0;
	if (!gone && unlinkat(s->dfd, it->name, 0) == -1 && errno != ENOENT)
		return error("cannot remove '%s/%s': %s", s->shown, it->name,
		    strerror(errno));
	s->there_deleted += !gone;
	/* Forgotten once the stream is closed. */
	o = xrealloc(s->orphans, (s->norphans + 1) * sizeof(*o));
	s->orphans = o;
	o[s->norphans++] = xstrdup(it->name);
	return 0;
}

/* Items calllog wrote whose record is gone here, unchanged there; and
 * other clients' items whose file is gone. */
static int
remove_deleted(struct sync *s)
{
	for (size_t i = 0; i < s->ngone; i++)
		if (s->gone[i].kind < 0 && store_sync_forget(s->st,
		    s->dir, s->gone[i].name))
			return -1;
	/* An item whose record is gone here leaves its bucket's sums
	 * apart: only those buckets are looked at. */
	if (s->all_dirty) {
		if (store_sync_orphans(s->st, s->dir, NULL, NULL,
		    remove_orphan, s) == -1)
			return -1;
	} else
		for (int b = 0; b < SYNC_BUCKETS; b++) {
			char lo[8], hi[8];

			if (!s->dirty[b])
				continue;
			sync_bucket_range(b, lo, hi);
			if (store_sync_orphans(s->st, s->dir, lo, hi,
			    remove_orphan, s) == -1)
				return -1;
		}
	for (size_t i = 0; i < s->norphans; i++)
		if (store_sync_forget(s->st, s->dir, s->orphans[i]))
			return -1;
	return 0;
}

/* The files of records that left the folder's bound: not deletions. */
static int
remove_leaving(struct sync *s)
{
	for (size_t i = 0; i < s->nleaving; i++)
		if (unlinkat(s->dfd, s->leaving[i], 0) == -1 &&
		    errno != ENOENT)
			return error("cannot remove '%s/%s': %s", s->shown,
			    s->leaving[i], strerror(errno));
	return 0;
}

static int
by_order(const void *a, const void *b)
{
	const struct action *x = a, *y = b;

	/* Cases first when written, last when deleted. */
	if (x->del != y->del)
		return x->del - y->del;
	if (x->rec.kind != y->rec.kind)
		return x->del ? y->rec.kind - x->rec.kind :
		    x->rec.kind - y->rec.kind;
	/* New records get ids in the order they happened. */
	if (!x->del) {
		time_t tx = sync_rec_time(&x->rec, x->rec.kind == SYNC_CASE ?
		    CF_OPENED : 1), ty = sync_rec_time(&y->rec,
		    y->rec.kind == SYNC_CASE ? CF_OPENED : 1);

		if (tx != ty)
			return tx < ty ? -1 : 1;
	}
	return strcmp(x->rec.uuid, y->rec.uuid);
}

/* Name a record this sync deletes here, so that a deletion made
 * elsewhere (an app's "clear completed") is seen, not just counted. */
static int
name_deleted(const struct sync_named *n, void *arg)
{
	struct sync *s = arg;
	/* Shown whole (titles are bounded): cut, it could split a
	 * character. */
	const char *t = n->title && *n->title ? n->title : NULL;
	const char *q = t ? "\"" : "(";

	if (n->kind == SYNC_CASE)
		sync_report(s, "deleted here: case %lld %s%s%s", n->id, q,
		    t ? t : n->org ? n->org : "", t ? q : ")");
	else
		sync_report(s, "deleted here: %s %lld of case %lld %s%s%s",
		    sync_kind_name(n->kind), n->id, n->case_id, q,
		    t ? t : n->org ? n->org : "", t ? q : ")");
	s->named++;
	return 0;
}

static int
apply_actions(struct sync *s)
{
	if (s->nact)
		qsort(s->act, s->nact, sizeof(*s->act), by_order);
	for (size_t i = 0; i < s->nact; i++) {
		struct action *a = &s->act[i];
		int rc;

		if (a->del) {
			if (store_sync_delete_named(s->st, a->rec.kind,
			    a->rec.uuid, name_deleted, s) == -1)
				return -1;
			continue;
		}
		if (a->lost.kind >= 0 &&
		    store_sync_apply(s->st, &a->lost) == -1)
			return -1;
		if ((rc = store_sync_apply(s->st, &a->rec)) == -1)
			return -1;
		/* Its case, touched, is settled in this sync, not the
		 * next. */
		if (rc == 0 && a->rec.kind != SYNC_CASE &&
		    store_sync_rebase(s->st, s->dir, SYNC_CASE,
		    a->rec.f[0]) == -1)
			return -1;
		if (rc == 1) {
			const struct remote *rm = sync_remote_find(s, a->rec.uuid);

			/* Its case is not here (deleted, or its item was
			 * skipped): not remembered, so tried again. */
			if (rm == NULL)
				warning("%s %.8s: skipped: its case %.8s is not"
				    " in the journal", sync_kind_name(
				    a->rec.kind), a->rec.uuid, a->rec.f[0]);
			else if (sync_warn(s, rm->name, rm->mtime, rm->size,
			    rm->inode, "%s %.8s: skipped: its case %.8s is"
			    " not in the journal", sync_kind_name(a->rec.kind),
			    a->rec.uuid, a->rec.f[0]) == -1)
				return -1;
			if (store_sync_forget_rec(s->st, s->dir,
			    a->rec.uuid) == -1)
				return -1;
			s->skipped++;
			s->added_here -= (size_t)a->added;
		}
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

int
sync_folder(const struct sync_env *env, const char *dir)
{
	struct sync s = { .st = env->st, .now = env->now, .out = env->out,
	    .cfg = env, .shown = dir, .dfd = -1 };
	char resolved[PATH_MAX];
	int rc = -1, r;

	if (env->resolved_within)
		s.cutoff = env->now - env->resolved_within;
	if (folder_open(&s, dir, resolved) == -1)
		return -1;
	s.sum_here = xcalloc(SYNC_BUCKETS, sizeof(*s.sum_here));
	s.sum_state = xcalloc(SYNC_BUCKETS, sizeof(*s.sum_state));
	s.dirty = xcalloc(SYNC_BUCKETS, 1);
	if ((r = store_sync_is_reminders(s.st, resolved)) != 0) {
		if (r == 1)
			error("'%s' holds the reminders of `ical --vdir`; give"
			    " sync a folder of its own", dir);
		goto out;
	}
	if ((s.attachments = store_has_attachments(s.st)) == -1 ||
	    store_sync_dir(s.st, resolved, &s.dir) == -1 ||
	    sync_warn_load(&s) == -1)
		goto out;
	if (folder_scan(&s) == -1 || sync_check_claims(&s) == -1 ||
	    folder_check_emptied(&s, env->force_delete) == -1)
		goto out;
	if (walk_records(&s) == -1)
		goto out;
	if (keep_or_delete(&s) == -1)
		goto out;
	for (size_t k = 0; k < 3; k++)
		if (add_remote_only(&s, order[k]) == -1)
			goto out;
	if (remove_deleted(&s) == -1 || remove_leaving(&s) == -1 ||
	    apply_actions(&s) == -1 || sync_attach_apply(&s) == -1 ||
	    sync_warn_prune(&s) == -1)
		goto out;
	/* Counted as named: a case takes its calls and events with it. */
	s.here_deleted = s.named;
	/* Every file written reaches the disk before the journal says so. */
	if ((s.written || s.there_deleted || s.nleaving) && (folder_flush(s.dfd) == -1 ||
	    fsync(s.dfd) == -1)) {
		error("cannot sync '%s': %s", dir, strerror(errno));
		goto out;
	}
	if (s.nleaving)
		sync_report(&s, "%s: %zu items of cases resolved before the bound"
		    " ([sync] resolved_within) left the folder; the journal"
		    " keeps them", dir, s.nleaving);
	if (s.written + s.read + s.here_deleted + s.there_deleted +
	    s.skipped + s.nleaving == 0)
		sync_report(&s, "%s: nothing to do", dir);
	else
		sync_report(&s, "%s: %zu written, %zu read (%zu merged), %zu added"
		    " here, %zu deleted here, %zu deleted there, %zu skipped",
		    dir, s.written, s.read, s.merged, s.added_here,
		    s.here_deleted, s.there_deleted, s.skipped);
	if (s.named)
		sync_report(&s, "`calllog undo` brings back what this sync deleted"
		    " here");
	{
		char what[160];

		snprintf(what, sizeof(what), "synced: %zu written, %zu read,"
		    " %zu deleted here, %zu deleted there", s.written, s.read,
		    s.here_deleted, s.there_deleted);
		rc = store_change_describe(s.st, what);
	}
out:
	for (size_t i = 0; i < s.nrm; i++) {
		free(s.rm[i].name);
		free(s.rm[i].extra);
		sync_attach_free(&s.rm[i]);
		sync_rec_clear(&s.rm[i].item.rec);
	}
	free(s.rm);
	for (size_t i = 0; i < s.nact; i++) {
		sync_rec_clear(&s.act[i].rec);
		sync_rec_clear(&s.act[i].lost);
	}
	free(s.act);
	for (size_t i = 0; i < s.nleaving; i++)
		free(s.leaving[i]);
	free(s.leaving);
	for (size_t i = 0; i < s.npend; i++)
		free(s.pend[i].name);
	free(s.pend);
	free(s.needed);
	for (size_t i = 0; i < s.ngone; i++)
		free(s.gone[i].name);
	free(s.gone);
	for (size_t i = 0; i < s.nbad; i++)
		free(s.bad[i]);
	free(s.bad);
	for (size_t i = 0; i < s.norphans; i++)
		free(s.orphans[i]);
	free(s.orphans);
	free(s.sum_here);
	free(s.sum_state);
	free(s.dirty);
	sync_warn_free(&s);
	if (s.dfd != -1)
		close(s.dfd);
	return rc;
}
