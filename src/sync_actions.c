/*
 * sync_actions.c: the changes a sync makes to the journal, gathered while
 * the records are walked and applied after, in one order: cases first
 * when written, last when deleted, new records in the order they
 * happened; each record deleted here is named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "sync_int.h"
#include "syncrec.h"
#include "util.h"

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

struct action *
sync_apply_later(struct sync *s, const struct sync_rec *r,
    const struct sync_rec *lost)
{
	struct action *a = new_action(s);

	sync_rec_copy(&a->rec, r);
	if (lost)
		sync_rec_copy(&a->lost, lost);
	return a;
}

void
sync_delete_later(struct sync *s, int kind, const char *uuid)
{
	struct action *a = new_action(s);

	a->del = 1;
	a->rec.kind = kind;
	snprintf(a->rec.uuid, sizeof(a->rec.uuid), "%s", uuid);
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

int
sync_apply_actions(struct sync *s)
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
			const struct remote *rm = sync_remote_find(s,
			    a->rec.uuid);

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

void
sync_actions_free(struct sync *s)
{
	for (size_t i = 0; i < s->nact; i++) {
		sync_rec_clear(&s->act[i].rec);
		sync_rec_clear(&s->act[i].lost);
	}
	free(s->act);
}
