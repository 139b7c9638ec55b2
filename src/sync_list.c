/*
 * sync_list.c: the folder's directory beside the sync state, in one
 * ordered pass.  The directory is listed once, compactly (a file named
 * as calllog names items, UUID.ics, is 16 bytes), and sorted by name;
 * the sync state is read as a stream in the same order; the two are
 * walked together, merge-join style.  So a sync holds no row of the state
 * and no copy of a name per file, whatever the size of the journal, and
 * only the files whose modification time, size or inode changed are
 * read (sync_read.c).
 */
#include <stdlib.h>
#include <string.h>

#include "folder.h"
#include "store.h"
#include "sync_int.h"
#include "util.h"

#define PACKED_LEN 40		/* "8-4-4-4-12.ics" */

struct listing {
	unsigned char (*packed)[16];	/* lower-case UUID.ics names */
	size_t npacked, cap;
	char **odd;			/* every other name */
	size_t nodd, cap_odd;
	size_t i, j;			/* the walk's place in each */
	char cur[PATH_MAX];
};

/* A file read after the walk: the state is not written while read. */
struct toread {
	char *name;
	long long mtime, size, inode;
	struct sync_item old;		/* name NULL: new to the state */
};

struct walk {
	struct sync *s;
	struct listing *l;
	struct toread *rd;
	size_t nrd, cap_rd;
};

static int
hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : -1;
}

/* name as 16 bytes when it is a lower-case UUID.ics, whose byte order is
 * then its name's order. */
static int
pack(const char *name, unsigned char out[16])
{
	int k = 0;

	if (strlen(name) != PACKED_LEN || strcmp(name + 36, ".ics") != 0)
		return -1;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23, v;

		if (dash) {
			if (name[i] != '-')
				return -1;
			continue;
		}
		if ((v = hexval((unsigned char)name[i])) < 0)
			return -1;
		if (k % 2 == 0)
			out[k / 2] = (unsigned char)(v << 4);
		else
			out[k / 2] |= (unsigned char)v;
		k++;
	}
	return 0;
}

static void
unpack(const unsigned char in[16], char out[PACKED_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	char *p = out;

	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[in[i] >> 4];
		*p++ = hex[in[i] & 15];
	}
	memcpy(p, ".ics", 5);
}

/* In place (qsort may take a copy of the whole array to sort it). */
static void
sort_packed(unsigned char (*v)[16], size_t n)
{
	unsigned char t[16], pivot[16];

	while (n > 16) {
		size_t i = 0, j = n - 1;

		memcpy(pivot, v[n / 2], 16);
		for (;;) {
			while (memcmp(v[i], pivot, 16) < 0)
				i++;
			while (memcmp(v[j], pivot, 16) > 0)
				j--;
			if (i >= j)
				break;
			memcpy(t, v[i], 16);
			memcpy(v[i], v[j], 16);
			memcpy(v[j], t, 16);
			i++;
			j--;
		}
		/* The smaller side by recursion, the larger by the loop. */
		if (j + 1 < n - j - 1) {
			sort_packed(v, j + 1);
			v += j + 1;
			n -= j + 1;
		} else {
			sort_packed(v + j + 1, n - j - 1);
			n = j + 1;
		}
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && memcmp(v[k - 1], v[k], 16) > 0;
		    k--) {
			memcpy(t, v[k], 16);
			memcpy(v[k], v[k - 1], 16);
			memcpy(v[k - 1], t, 16);
		}
}

static int
by_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One entry of the folder (folder_each) into the listing. */
static int
list_one(const char *name, void *arg)
{
	struct walk *w = arg;
	struct listing *l = w->l;

	/* Its warnings are kept while it is there (sync_warn.c). */
	sync_warn_seen(w->s, name);
	if (l->npacked == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		l->packed = xrealloc(l->packed, l->cap * sizeof(*l->packed));
	}
	if (pack(name, l->packed[l->npacked]) == 0) {
		l->npacked++;
		return 0;
	}
	if (l->nodd == l->cap_odd) {
		l->cap_odd = l->cap_odd ? l->cap_odd * 2 : 64;
		l->odd = xrealloc(l->odd, l->cap_odd * sizeof(*l->odd));
	}
	l->odd[l->nodd++] = xstrdup(name);
	return 0;
}

static int
list_dir(struct walk *w)
{
	struct listing *l = w->l;

	if (folder_each(&w->s->fo, list_one, w) == -1)
		return -1;
	sort_packed(l->packed, l->npacked);
	if (l->nodd)
		qsort(l->odd, l->nodd, sizeof(*l->odd), by_str);
	return 0;
}

/* The listing's next name in order (l->cur), or NULL at its end. */
static const char *
peek(struct listing *l)
{
	char p[PACKED_LEN + 1];

	if (l->i < l->npacked)
		unpack(l->packed[l->i], p);
	if (l->i < l->npacked && (l->j == l->nodd || strcmp(p,
	    l->odd[l->j]) < 0))
		memcpy(l->cur, p, sizeof(p));
	else if (l->j < l->nodd)
		snprintf(l->cur, sizeof(l->cur), "%s", l->odd[l->j]);
	else
		return NULL;
	return l->cur;
}

static void
advance(struct listing *l)
{
	char p[PACKED_LEN + 1];

	if (l->i < l->npacked) {
		unpack(l->packed[l->i], p);
		if (strcmp(p, l->cur) == 0) {
			l->i++;
			return;
		}
	}
	l->j++;
}

/* The file name of the listing, known to the state as old (NULL: new):
 * read later when it changed; remembered as gone when it is no longer a
 * regular file or a link.  The entry itself is looked at: a symbolic
 * link is never followed, and reading one is refused, said once per
 * version of it (sync_read_file). */
static void
visit_file(struct walk *w, const char *name, const struct sync_item *old)
{
	struct folder_ver v;
	struct toread *r;

	if (folder_stat(&w->s->fo, name, &v) == -1) {
		if (old)
			sync_note_gone(w->s, old);
		return;
	}
	if (old && old->mtime == v.mtime && old->size == v.size &&
	    old->inode == v.inode)
		return;
	if (w->nrd == w->cap_rd) {
		w->cap_rd = w->cap_rd ? w->cap_rd * 2 : 64;
		w->rd = xrealloc(w->rd, w->cap_rd * sizeof(*w->rd));
	}
	r = memset(&w->rd[w->nrd++], 0, sizeof(*r));
	r->name = xstrdup(name);
	r->mtime = v.mtime;
	r->size = v.size;
	r->inode = v.inode;
	if (old) {
		r->old = *old;
		r->old.name = r->name;
		r->old.uid = xstrdup(old->uid ? old->uid : "");
	}
}

/* One state row, in name order, against the listing. */
static int
visit_state(const struct sync_item *it, void *arg)
{
	struct walk *w = arg;
	const char *name;
	int c = 1;

	if (it->kind >= 0) {
		w->s->nstate++;
		sync_sum_state(w->s, it->rec, it->fp);
	}
	while ((name = peek(w->l)) != NULL && (c = strcmp(name,
	    it->name)) < 0) {
		visit_file(w, name, NULL);
		advance(w->l);
	}
	if (name && c == 0) {
		visit_file(w, name, it);
		advance(w->l);
	} else
		sync_note_gone(w->s, it);
	return 0;
}

int
sync_scan(struct sync *s)
{
	struct listing l = { 0 };
	struct walk w = { .s = s, .l = &l };
	const char *name;
	int rc;

	rc = list_dir(&w);
	if (rc == 0)
		rc = store_sync_state_each(s->st, s->dir, visit_state, &w);
	for (; rc == 0 && (name = peek(&l)) != NULL; advance(&l))
		visit_file(&w, name, NULL);
	free(l.packed);
	for (size_t i = 0; i < l.nodd; i++)
		free(l.odd[i]);
	free(l.odd);
	/* Read once the state's stream is closed: reading writes it. */
	for (size_t i = 0; i < w.nrd; i++) {
		struct toread *r = &w.rd[i];

		if (rc == 0)
			rc = sync_read_file(s, r->name, r->mtime, r->size,
			    r->inode, r->old.name ? &r->old : NULL);
		free(r->old.uid);
		free(r->name);
	}
	free(w.rd);
	return rc;
}
