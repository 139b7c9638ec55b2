/*
 * syncrec.c: the fields `calllog sync` carries for each kind of record,
 * their checks, their encoding, and the three-way merge.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syncrec.h"
#include "util.h"
#include "when.h"

const struct field_kind *const sync_kinds = field_kinds;

void
sync_rec_clear(struct sync_rec *r)
{
	for (int i = 0; i < SYNC_FIELDS_MAX; i++)
		free(r->f[i]);
	memset(r, 0, sizeof(*r));
}

void
sync_rec_set(struct sync_rec *r, int i, const char *v)
{
	free(r->f[i]);
	r->f[i] = v ? xstrdup(v) : NULL;
}

void
sync_rec_copy(struct sync_rec *dst, const struct sync_rec *src)
{
	sync_rec_clear(dst);
	dst->kind = src->kind;
	memcpy(dst->uuid, src->uuid, sizeof(dst->uuid));
	dst->updated = src->updated;
	for (int i = 0; i < SYNC_FIELDS_MAX; i++)
		dst->f[i] = src->f[i] ? xstrdup(src->f[i]) : NULL;
	memcpy(dst->t, src->t, sizeof(dst->t));
}

time_t
sync_rec_time(const struct sync_rec *r, int i)
{
	return r->f[i] ? (time_t)strtoll(r->f[i], NULL, 10) : 0;
}

char *
sync_rec_encode(const struct sync_rec *r)
{
	size_t len = 2, n = (size_t)sync_kinds[r->kind].nfields;
	char *out, *p;
	int times = 0;

	for (size_t i = 0; i < n; i++) {
		len += (r->f[i] ? strlen(r->f[i]) + 22 : 2) + 22;
		times |= r->t[i] != 0;
	}
	p = out = xmalloc(len);
	for (size_t i = 0; i < n; i++)
		if (r->f[i])
			p += sprintf(p, "%zu:%s,", strlen(r->f[i]), r->f[i]);
		else
			p += sprintf(p, "-,");
	if (times) {
		*p++ = '@';
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "%lld,", (long long)r->t[i]);
	}
	*p = '\0';
	return out;
}

/* The change times after the fields ("@T,T,...,"): 0, or -1. */
static int
decode_times(const char *text, struct sync_rec *r)
{
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++) {
		char *end;
		long long t;

		errno = 0;
		t = strtoll(text, &end, 10);
		if (errno || end == text || *end != ',' || t < 0)
			return -1;
		r->t[i] = (time_t)t;
		text = end + 1;
	}
	return *text ? -1 : 0;
}

int
sync_rec_decode(const char *text, struct sync_rec *r)
{
	int n = sync_kinds[r->kind].nfields;

	for (int i = 0; i < n; i++) {
		char *end;
		unsigned long long len;

		if (text[0] == '-' && text[1] == ',') {
			sync_rec_set(r, i, NULL);
			text += 2;
			continue;
		}
		if (text[0] < '0' || text[0] > '9')
			return -1;
		errno = 0;
		len = strtoull(text, &end, 10);
		if (errno || *end != ':' || strnlen(end + 1, len + 1) < len + 1 ||
		    end[1 + len] != ',')
			return -1;
		free(r->f[i]);
		r->f[i] = xstrndup(end + 1, len);
		text = end + 2 + len;
	}
	memset(r->t, 0, sizeof(r->t));
	if (*text == '@')
		return decode_times(text + 1, r);
	return *text ? -1 : 0;
}

/* FNV-1a over the bytes sync_rec_encode would write, without writing
 * them: the fingerprint of every record is taken on every sync. */
static void
fnv(unsigned long long *h, const void *p, size_t n)
{
	for (const unsigned char *c = p; n--; c++)
		*h = (*h ^ *c) * 1099511628211ULL;
}

void
sync_fp_init(struct sync_fp *fp)
{
	fp->h = 14695981039346656037ULL;
}

void
sync_fp_field(struct sync_fp *fp, const char *v, size_t len)
{
	char num[24], *p = num + sizeof(num);
	size_t n = len;

	if (v == NULL) {
		fnv(&fp->h, "-,", 2);
		return;
	}
	/* "LEN:", written by hand: this runs for every field of every
	 * record on every sync. */
	*--p = ':';
	do
		*--p = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	fnv(&fp->h, p, (size_t)(num + sizeof(num) - p));
	fnv(&fp->h, v, len);
	fnv(&fp->h, ",", 1);
}

void
sync_fp_end(struct sync_fp *fp, time_t updated, char out[17])
{
	char when[24];

	/* The time of the last change counts: a record touched on both
	 * sides converges on the later time like any field. */
	fnv(&fp->h, when, (size_t)snprintf(when, sizeof(when), "@%lld",
	    (long long)updated));
	snprintf(out, 17, "%016llx", (unsigned long long)fp->h);
}

void
sync_rec_fingerprint(const struct sync_rec *r, char out[17])
{
	struct sync_fp fp;

	sync_fp_init(&fp);
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		sync_fp_field(&fp, r->f[i], r->f[i] ? strlen(r->f[i]) : 0);
	sync_fp_end(&fp, r->updated, out);
}

int
sync_uuid_valid(const char *u)
{
	return field_uuid_valid(u);
}

/* Check (and redact) field i; 0, or -1 with why filled. */
static int
check_field(struct sync_rec *r, int i, int *redacted, char *why,
    size_t size)
{
	char msg[FIELD_WHY_BUFSZ], prop[64], *clean;
	struct redact_counts c = { 0 };

	if (field_check(r->kind, i, r->f[i], &clean, &c, msg,
	    sizeof(msg)) == -1)
		return snprintf(why, size, "bad %s (%s): %s",
		    sync_kinds[r->kind].fields[i].name,
		    field_prop(r->kind, i, prop, sizeof(prop)), msg), -1;
	if (redact_any(&c))
		*redacted = 1;
	free(r->f[i]);
	r->f[i] = clean;
	return 0;
}

int
sync_rec_check_each(struct sync_rec *r, int *redacted, unsigned *bad,
    void (*say)(void *arg, const char *why), void *arg, char *why,
    size_t size)
{
	const struct field_kind *k = &sync_kinds[r->kind];
	char msg[256];

	*bad = 0;
	if (r->updated < 0 || r->updated > 32503679999LL)
		return snprintf(why, size, "bad last-modified"), -1;
	for (int i = 0; i < k->nfields; i++)
		if (r->f[i] == NULL && k->fields[i].required)
			return snprintf(why, size, "no %s", k->fields[i].name),
			    -1;
	/* One bad field is not the item's: it is left out (the caller keeps
	 * the journal's value), and the others are read. */
	for (int i = 0; i < k->nfields; i++)
		if (r->f[i] && check_field(r, i, redacted, msg,
		    sizeof(msg)) == -1) {
			say(arg, msg);
			sync_rec_set(r, i, NULL);
			*bad |= 1u << i;
		}
	/* An amount's decimals are its currency's: without one it has
	 * none to be shown by (a rule across two fields, so not field's). */
	if (r->kind == SYNC_CASE && r->f[CF_AMOUNT] && !r->f[CF_CURRENCY]) {
		char prop[64];

		snprintf(msg, sizeof(msg), "bad %s (%s): without a currency",
		    k->fields[CF_AMOUNT].name, field_prop(r->kind, CF_AMOUNT,
		    prop, sizeof(prop)));
		say(arg, msg);
		sync_rec_set(r, CF_AMOUNT, NULL);
		*bad |= 1u << CF_AMOUNT;
	}
	return 0;
}

struct first_why {
	char *why;
	size_t size;
	int said;
};

static void
keep_first(void *arg, const char *why)
{
	struct first_why *f = arg;

	if (!f->said++)
		snprintf(f->why, f->size, "%s", why);
}

int
sync_rec_check(struct sync_rec *r, int *redacted, char *why, size_t size)
{
	struct first_why f = { why, size, 0 };
	unsigned bad;

	if (sync_rec_check_each(r, redacted, &bad, keep_first, &f, why,
	    size) == -1)
		return -1;
	return bad ? -1 : 0;
}

static int
same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* Which of two differing values wins a tie: the greater, unset least. */
static int
local_wins_tie(const char *l, const char *r)
{
	if (l == NULL || r == NULL)
		return l != NULL;
	return strcmp(l, r) > 0;
}

/* The time of a value from the folder that won without a known later
 * time: a client changed the property and not the times line, so the
 * change is its item's last one, and no earlier than the version it
 * edited. */
static time_t
remote_won_at(const struct sync_rec *remote, const struct sync_rec *base,
    int i)
{
	time_t t = remote->t[i] > remote->updated ? remote->t[i] :
	    remote->updated;

	if (base && base->t[i] && t <= base->t[i])
		t = base->t[i] + 1;
	return t;
}

/* Whether a side's value of field i is a change since base: it differs,
 * and is not older than base's (a whole-file replacement brought back an
 * older version). */
static int
changed_since(const struct sync_rec *side, const struct sync_rec *base,
    int i)
{
	if (base == NULL)
		return 1;
	if (same(side->f[i], base->f[i]))
		return 0;
	return !(side->t[i] && base->t[i] && side->t[i] < base->t[i]);
}

void
sync_merge(const struct sync_rec *base, const struct sync_rec *local,
    const struct sync_rec *remote, struct sync_rec *out,
    unsigned *lost_local, unsigned *lost_remote)
{
	int n = sync_kinds[local->kind].nfields;

	sync_rec_copy(out, local);
	out->updated = local->updated > remote->updated ? local->updated :
	    remote->updated;
	*lost_local = *lost_remote = 0;
	for (int i = 0; i < n; i++) {
		const char *l = local->f[i], *r = remote->f[i];
		time_t lt = local->t[i], rt = remote->t[i];
		int take_remote, by_time = lt && rt && lt != rt;
		int lch, rch;

		if (same(l, r)) {
			out->t[i] = lt > rt ? lt : rt;
			continue;
		}
		lch = changed_since(local, base, i);
		rch = changed_since(remote, base, i);
		if (by_time)
			take_remote = rt > lt;
		else if (!rch)
			take_remote = 0;
		else if (!lch)
			take_remote = 1;
		else
			take_remote = remote->updated != local->updated ?
			    remote->updated > local->updated :
			    !local_wins_tie(l, r);
		if (lch && rch)
			*(take_remote ? lost_local : lost_remote) |= 1u << i;
		if (!take_remote)
			out->t[i] = lt ? lt : local->updated;
		else
			out->t[i] = by_time ? rt : remote_won_at(remote, base,
			    i);
		if (take_remote)
			sync_rec_set(out, i, r);
	}
}

void
sync_rec_local_times(struct sync_rec *local, const struct sync_rec *base)
{
	for (int i = 0; i < sync_kinds[local->kind].nfields; i++) {
		time_t bt = base ? base->t[i] : 0;

		if (base && same(local->f[i], base->f[i]) && bt)
			local->t[i] = bt;
		else	/* changed after the version agreed, whatever a
			 * clock set ahead said then */
			local->t[i] = local->updated > bt ? local->updated :
			    bt + 1;
	}
}

int
sync_rec_times_differ(const struct sync_rec *a, const struct sync_rec *b)
{
	for (int i = 0; i < sync_kinds[a->kind].nfields; i++)
		if (a->t[i] != b->t[i])
			return 1;
	return 0;
}
