/*
 * import_keys.c: what the records of an import file must not share (uuids,
 * ids, a directory entry's number) and what they refer to (a reminder's
 * case), checked once the whole file has been read.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"

struct import_key {
	char *key;		/* a kind letter and the values, joined by US */
	char *path;		/* the record it belongs to */
	const char *field;	/* the field a message names; NULL: the record */
	const char *what;	/* KEY_UNIQUE: what duplicates share;
				   KEY_REFERS: what is missing */
	int role;
	size_t seq;		/* file order */
};

void
import_keys_add(struct import_keys *k, int role, char *key, const char *path,
    const char *field, const char *what)
{
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->v = xrealloc(k->v, k->cap * sizeof(*k->v));
	}
	k->v[k->n] = (struct import_key){ key, xstrdup(path), field, what,
	    role, k->n };
	k->n++;
}

void
import_keys_clear(struct import_keys *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->v[i].key);
		free(k->v[i].path);
	}
	free(k->v);
	memset(k, 0, sizeof(*k));
}

/* Keys in order, and equal keys in file order. */
static int
cmp_key(const void *a, const void *b)
{
	const struct import_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

/*
 * Sorted, equal keys stand together: a second KEY_UNIQUE in a group is a
 * duplicate of the first, and a KEY_REFERS in a group without KEY_DEFINES
 * refers to nothing.  Of several problems the one reported is the earliest
 * in the file, as a reader going through it would meet it.
 */
int
import_keys_check(const struct import_reader *r, struct import_keys *k)
{
	const struct import_key *bad = NULL, *twin = NULL;
	size_t a, b;

	qsort(k->v, k->n, sizeof(*k->v), cmp_key);
	for (a = 0; a < k->n; a = b) {
		const struct import_key *first = NULL, *refers = NULL;
		int defined = 0;

		for (b = a; b < k->n && !strcmp(k->v[b].key, k->v[a].key); b++) {
			const struct import_key *e = &k->v[b];

			if (e->role == KEY_DEFINES)
				defined = 1;
			else if (e->role == KEY_REFERS && refers == NULL)
				refers = e;
			else if (e->role == KEY_UNIQUE && first == NULL)
				first = e;
			else if (e->role == KEY_UNIQUE &&
			    (bad == NULL || e->seq < bad->seq)) {
				bad = e;
				twin = first;
			}
		}
		if (refers && !defined && (bad == NULL || refers->seq < bad->seq)) {
			bad = refers;
			twin = NULL;
		}
	}
	if (bad == NULL)
		return 0;
	if (twin)
		return import_error(r, bad->path, bad->field, "the same %s as %s",
		    bad->what, twin->path);
	return import_error(r, bad->path, bad->field, "%s", bad->what);
}
