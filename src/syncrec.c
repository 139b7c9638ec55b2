/*
 * syncrec.c: the fields `calllog sync` carries for each kind of record,
 * their checks, their encoding, and the three-way merge.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "redact.h"
#include "syncrec.h"
#include "util.h"
#include "when.h"

/* In the order of the CF_ numbers, which store_sync.c's columns follow. */
static const struct sync_field case_fields[CF_COUNT] = {
	{ "org", SF_LINE, LIMIT_NAME, NULL, 1 },
	{ "reason", SF_ENUM, 0, &reason_names, 0 },
	{ "title", SF_LINE, LIMIT_NAME, NULL, 1 },
	{ "account", SF_LINE, 4, NULL, 0 },
	{ "status", SF_ENUM, 0, &status_names, 0 },
	{ "priority", SF_ENUM, 0, &priority_names, 0 },
	{ "opened", SF_TIME, 0, NULL, 0 },
	{ "follow-up", SF_TIME, 0, NULL, 0 },
	{ "escalation", SF_ENUM, 0, &level_names, 0 },
	{ "stage-at", SF_TIME, 0, NULL, 0 },
	{ "resolved-at", SF_TIME, 0, NULL, 0 },
	{ "resolution", SF_TEXT, LIMIT_NOTE, NULL, 1 },
	{ "amount", SF_INT, 0, NULL, 0 },
	{ "currency", SF_LINE, 3, NULL, 0 },
	{ "merchant", SF_LINE, LIMIT_NAME, NULL, 1 },
	{ "charged", SF_TIME, 0, NULL, 0 },
};

static const struct sync_field call_fields[KF_COUNT] = {
	{ "case", SF_UUID, 0, NULL, 0 },
	{ "started", SF_TIME, 0, NULL, 0 },
	{ "channel", SF_ENUM, 0, &channel_names, 0 },
	{ "direction", SF_ENUM, 0, &direction_names, 0 },
	{ "number", SF_LINE, 32, NULL, 0 },
	{ "department", SF_LINE, LIMIT_NAME, NULL, 1 },
	{ "ivr", SF_LINE, LIMIT_LINE, NULL, 1 },
	{ "rep", SF_LINE, LIMIT_NAME, NULL, 1 },
	{ "ref", SF_LIST, LIMIT_LINE, NULL, 1 },
	{ "hold", SF_INT, 0, NULL, 0 },
	{ "duration", SF_INT, 0, NULL, 0 },
	{ "outcome", SF_ENUM, 0, &outcome_names, 0 },
	{ "promise", SF_LINE, LIMIT_LINE, NULL, 1 },
	{ "promised-by", SF_TIME, 0, NULL, 0 },
	{ "notes", SF_TEXT, LIMIT_NOTE, NULL, 1 },
	{ "created", SF_TIME, 0, NULL, 0 },
	{ "credited", SF_INT, 0, NULL, 0 },
	{ "promise-status", SF_ENUM, 0, &promise_names, 0 },
	{ "promise-marked", SF_TIME, 0, NULL, 0 },
	{ "promise-note", SF_TEXT, LIMIT_LINE, NULL, 1 },
};

static const struct sync_field event_fields[EF_COUNT] = {
	{ "case", SF_UUID, 0, NULL, 0 },
	{ "at", SF_TIME, 0, NULL, 0 },
	{ "event", SF_ENUM, 0, &event_names, 0 },
	{ "level", SF_ENUM, 0, &level_names, 0 },
	{ "due", SF_TIME, 0, NULL, 0 },
	{ "note", SF_TEXT, LIMIT_NOTE, NULL, 1 },
};

const struct sync_kind_info sync_kinds[SYNC_KINDS] = {
	[SYNC_CASE] = { "case", CF_COUNT, case_fields },
	[SYNC_CALL] = { "call", KF_COUNT, call_fields },
	[SYNC_EVENT] = { "event", EF_COUNT, event_fields },
};

/* Fields a record of each kind cannot be without. */
static const int case_required[] = { CF_ORG, CF_REASON, CF_STATUS,
	CF_PRIORITY, CF_OPENED, CF_ESCALATION, CF_STAGE_AT, -1 };
static const int call_required[] = { KF_CASE, KF_STARTED, KF_CHANNEL,
	KF_DIRECTION, KF_CREATED, -1 };
static const int event_required[] = { EF_CASE, EF_AT, EF_KIND, -1 };
static const int *const required[SYNC_KINDS] = {
	case_required, call_required, event_required
};

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
}

time_t
sync_rec_time(const struct sync_rec *r, int i)
{
	return r->f[i] ? (time_t)strtoll(r->f[i], NULL, 10) : 0;
}

char *
sync_rec_encode(const struct sync_rec *r)
{
	size_t len = 1, n = (size_t)sync_kinds[r->kind].nfields;
	char *out, *p;

	for (size_t i = 0; i < n; i++)
		len += r->f[i] ? strlen(r->f[i]) + 22 : 2;
	p = out = xmalloc(len);
	for (size_t i = 0; i < n; i++)
		if (r->f[i])
			p += sprintf(p, "%zu:%s,", strlen(r->f[i]), r->f[i]);
		else
			p += sprintf(p, "-,");
	*p = '\0';
	return out;
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
	if (strlen(u) != 36)
		return 0;
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? u[i] != '-' : !strchr("0123456789abcdef", u[i]))
			return 0;
	}
	return 1;
}

/* A decimal integer of at most 18 digits (no sign, no leading zero but
 * "0"), so that it fits the column and reads back the same. */
static int
is_decimal(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && n <= 18 && s[n] == '\0' && (s[0] != '0' || n == 1);
}

static int
no_controls(const char *s, int lines)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(lines && (*p == '\n' || *p == '\t'))) ||
		    *p == 0x7f)
			return 0;
	return 1;
}

/* Check (and redact) field i; 0, or -1 with why filled. */
static int
check_field(struct sync_rec *r, int i, int *redacted, char *why,
    size_t size)
{
	const struct sync_field *f = &sync_kinds[r->kind].fields[i];
	const char *v = r->f[i];
	size_t len = strlen(v);
	int ok = 1;

	if (!utf8_valid(v, len))
		return snprintf(why, size, "%s is not UTF-8", f->name), -1;
	switch (f->type) {
	case SF_LINE:
		ok = len > 0 && len <= f->max && no_controls(v, 0);
		break;
	case SF_TEXT:
		ok = len <= f->max && no_controls(v, 1);
		break;
	case SF_LIST:
		ok = len > 0 && v[len - 1] != '\n' && no_controls(v, 1) &&
		    !strchr(v, '\t');
		for (const char *p = v; ok && *p; ) {
			size_t n = strcspn(p, "\n");

			ok = n > 0 && n <= f->max;
			p += n + (p[n] == '\n');
		}
		break;
	case SF_TIME:
		/* 0 is "not set" to the journal; the end of 2999 is the
		 * last time libical writes (WHEN_MAX_TIME). */
		ok = is_decimal(v) && strtoll(v, NULL, 10) > 0 &&
		    strtoll(v, NULL, 10) <= 32503679999LL;
		break;
	case SF_INT:
		ok = is_decimal(v);
		break;
	case SF_ENUM:
		ok = enum_lookup(f->names, v) >= 0;
		break;
	case SF_UUID:
		ok = sync_uuid_valid(v);
		break;
	}
	if (!ok)
		return snprintf(why, size, "bad %s", f->name), -1;
	if (f->redact) {
		struct redact_counts c = { 0 };
		char *clean = redact_text(v, &c);

		if (redact_any(&c)) {
			*redacted = 1;
			free(r->f[i]);
			r->f[i] = clean;
		} else
			free(clean);
	}
	return 0;
}

/* Amounts and seconds within the limits typed input has (money.h,
 * when.h): an 18-digit credit would overflow a case's sum of credits. */
static int
check_numbers(const struct sync_rec *r, char *why, size_t size)
{
	static const struct {
		int kind, field;
		long long max;	/* 0: an amount (money_read_minor) */
	} num[] = {
		{ SYNC_CASE, CF_AMOUNT, 0 },
		{ SYNC_CALL, KF_CREDITED, 0 },
		{ SYNC_CALL, KF_HOLD, WHEN_MAX_DURATION },
		{ SYNC_CALL, KF_DURATION, WHEN_MAX_DURATION },
	};
	long long v;

	for (size_t i = 0; i < sizeof(num) / sizeof(*num); i++) {
		const char *s = r->f[num[i].field];

		if (r->kind != num[i].kind || s == NULL)
			continue;
		if (num[i].max ? strtoll(s, NULL, 10) > num[i].max :
		    money_read_minor(s, &v) == -1)
			return snprintf(why, size, "bad %s", sync_kinds[r->kind]
			    .fields[num[i].field].name), -1;
	}
	/* An amount's decimals are its currency's: without one it has
	 * none to be shown by. */
	if (r->kind == SYNC_CASE && r->f[CF_AMOUNT] && !r->f[CF_CURRENCY])
		return snprintf(why, size, "amount without a currency"), -1;
	return 0;
}

int
sync_rec_check(struct sync_rec *r, int *redacted, char *why, size_t size)
{
	const struct sync_kind_info *k = &sync_kinds[r->kind];
	size_t refs = 0;

	if (r->updated < 0 || r->updated > 32503679999LL)
		return snprintf(why, size, "bad last-modified"), -1;
	for (const int *q = required[r->kind]; *q >= 0; q++)
		if (r->f[*q] == NULL)
			return snprintf(why, size, "no %s", k->fields[*q].name),
			    -1;
	for (int i = 0; i < k->nfields; i++)
		if (r->f[i] && check_field(r, i, redacted, why, size) == -1)
			return -1;
	if (r->kind == SYNC_CASE && r->f[CF_ACCOUNT] &&
	    strspn(r->f[CF_ACCOUNT], "0123456789") != strlen(r->f[CF_ACCOUNT]))
		return snprintf(why, size, "bad account"), -1;
	if (r->kind == SYNC_CASE && r->f[CF_CURRENCY] &&
	    (strlen(r->f[CF_CURRENCY]) != 3 ||
	    strspn(r->f[CF_CURRENCY], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3))
		return snprintf(why, size, "bad currency"), -1;
	if (r->kind == SYNC_CALL && r->f[KF_REFS]) {
		for (const char *p = r->f[KF_REFS]; *p; p++)
			refs += *p == '\n';
		if (refs + 1 > LIMIT_REFS)
			return snprintf(why, size, "too many refs"), -1;
	}
	/* "open" and "none" are what an unset column means: never stored. */
	if (r->kind == SYNC_CALL && r->f[KF_PROMISE_STATUS] &&
	    enum_lookup(&promise_names, r->f[KF_PROMISE_STATUS]) == PMARK_NONE)
		return snprintf(why, size, "bad promise-status"), -1;
	if (r->kind == SYNC_EVENT && r->f[EF_LEVEL] &&
	    enum_lookup(&level_names, r->f[EF_LEVEL]) == LEVEL_NONE)
		return snprintf(why, size, "bad level"), -1;
	return check_numbers(r, why, size);
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
		int take_remote;

		if (same(l, r))
			continue;
		if (base && same(l, base->f[i]))
			take_remote = 1;
		else if (base && same(r, base->f[i]))
			take_remote = 0;
		else {
			take_remote = remote->updated != local->updated ?
			    remote->updated > local->updated :
			    !local_wins_tie(l, r);
			*(take_remote ? lost_local : lost_remote) |= 1u << i;
		}
		if (take_remote)
			sync_rec_set(out, i, r);
	}
}
