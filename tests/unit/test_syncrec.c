/*
 * test_syncrec.c: the record `calllog sync` carries: the three-way field
 * merge (one side changed, both changed and the later wins, a tie to the
 * greater value, which values lost), the encoding the sync state keeps
 * (an empty string is not an unset field), and the checks a record read
 * from a folder passes (enumerations, times, control characters, a card
 * number redacted, "open" never stored as a promise status).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syncrec.h"
#include "tap.h"

#define UUID_A "0f8fad5b-d9cb-469f-a165-70867728950e"
#define UUID_C "7c9e6679-7425-40de-944b-e07fc1f90ae7"

/* A case record with the fields a case cannot be without. */
static void
make_case(struct sync_rec *r, time_t updated, const char *title)
{
	sync_rec_clear(r);
	r->kind = SYNC_CASE;
	memcpy(r->uuid, UUID_A, sizeof(UUID_A));
	r->updated = updated;
	sync_rec_set(r, CF_ORG, "Chase");
	sync_rec_set(r, CF_REASON, "billing");
	sync_rec_set(r, CF_TITLE, title);
	sync_rec_set(r, CF_STATUS, "open");
	sync_rec_set(r, CF_PRIORITY, "normal");
	sync_rec_set(r, CF_OPENED, "1795000000");
	sync_rec_set(r, CF_ESCALATION, "none");
	sync_rec_set(r, CF_STAGE_AT, "1795000000");
}

static void
make_call(struct sync_rec *r)
{
	sync_rec_clear(r);
	r->kind = SYNC_CALL;
	memcpy(r->uuid, UUID_C, sizeof(UUID_C));
	r->updated = 1795000000;
	sync_rec_set(r, KF_CASE, UUID_A);
	sync_rec_set(r, KF_STARTED, "1795000000");
	sync_rec_set(r, KF_CHANNEL, "phone");
	sync_rec_set(r, KF_DIRECTION, "outbound");
	sync_rec_set(r, KF_CREATED, "1795000000");
}

static int
same_opt(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static void
test_merge(void)
{
	struct sync_rec base = { 0 }, l = { 0 }, r = { 0 }, out = { 0 };
	unsigned ll, lr;

	/* Only the remote side changed the title: it is taken, nothing lost. */
	make_case(&base, 100, "old");
	make_case(&l, 100, "old");
	make_case(&r, 200, "new there");
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new there", "merge: a field only the folder changed is taken");
	ok(ll == 0 && lr == 0, "merge: one side changed, nothing lost");
	is_long(out.updated, 200, "merge: updated is the later of the two");
	is_str(out.uuid, UUID_A, "merge: the uuid is kept");

	/* Only the local side changed, even though remote is later. */
	sync_rec_set(&l, CF_TITLE, "new here");
	sync_rec_set(&r, CF_TITLE, "old");
	sync_rec_set(&r, CF_PRIORITY, "high");
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new here", "merge: a field only this journal changed is kept, though the folder's record is later");
	is_str(out.f[CF_PRIORITY], "high", "merge: a different field the folder changed is taken beside it");
	ok(ll == 0 && lr == 0, "merge: changes to different fields: nothing lost");

	/* Both changed the title: the later wins, the other is lost. */
	sync_rec_set(&r, CF_TITLE, "new there");
	l.updated = 300;
	r.updated = 200;
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new here", "merge: both changed, the later (here) wins");
	is_long(ll, 0, "merge: the winning side lost nothing");
	is_long(lr, 1u << CF_TITLE, "merge: the folder's title lost, one bit");
	l.updated = 200;
	r.updated = 300;
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new there", "merge: both changed, the later (folder) wins");
	is_long(ll, 1u << CF_TITLE, "merge: this journal's title lost, one bit");
	is_long(lr, 0, "merge: the folder lost nothing");
	is_long(out.updated, 300, "merge: updated is the later one");

	/* A tie: the greater value, whichever side it is on, and the same
	 * result on both devices (local and remote swapped). */
	l.updated = r.updated = 400;
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new there", "merge: a tie goes to the greater value (remote)");
	is_long(ll, 1u << CF_TITLE, "merge: tie: the lesser value's side lost it");
	sync_merge(&base, &r, &l, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new there", "merge: a tie goes to the greater value (local)");
	is_long(lr, 1u << CF_TITLE, "merge: tie, sides swapped: the other side lost");

	/* A value against an unset one in a tie: the value wins (unset is
	 * least), both ways round. */
	sync_rec_set(&l, CF_TITLE, NULL);
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new there", "merge: tie, a value beats an unset field");
	sync_merge(&base, &r, &l, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new there", "merge: tie, a value beats an unset field (swapped)");

	/* Without a base every difference is a conflict. */
	make_case(&l, 500, "here");
	make_case(&r, 600, "there");
	sync_rec_set(&l, CF_ACCOUNT, "1234");
	sync_merge(NULL, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "there", "merge, no base: the later title");
	ok(out.f[CF_ACCOUNT] == NULL, "merge, no base: the later side's unset account wins");
	is_long(ll, (1u << CF_TITLE) | (1u << CF_ACCOUNT), "merge, no base: both of this journal's values lost");
	is_long(lr, 0, "merge, no base: the later side lost nothing");

	/* Same values: nothing to do, with or without a base. */
	make_case(&l, 500, "same");
	make_case(&r, 600, "same");
	sync_merge(NULL, &l, &r, &out, &ll, &lr);
	ok(ll == 0 && lr == 0, "merge: equal records lose nothing");
	{
		int all = 1;

		for (int i = 0; i < CF_COUNT; i++)
			all &= same_opt(out.f[i], l.f[i]);
		ok(all, "merge: equal records merge to the same fields");
	}

	/* Both sides made the same change: not a conflict. */
	make_case(&base, 100, "old");
	make_case(&l, 200, "both");
	make_case(&r, 300, "both");
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	ok(ll == 0 && lr == 0 && strcmp(out.f[CF_TITLE], "both") == 0,
	    "merge: the same change on both sides is no conflict");

	/* A field the base had and one side unset (cleared): the clearing
	 * is a change, and taken. */
	make_case(&l, 200, "old");
	make_case(&r, 300, "old");
	sync_rec_set(&base, CF_ACCOUNT, "4321");
	sync_rec_set(&l, CF_ACCOUNT, "4321");
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	ok(out.f[CF_ACCOUNT] == NULL && ll == 0 && lr == 0,
	    "merge: a field cleared on one side is cleared");

	sync_rec_clear(&base);
	sync_rec_clear(&l);
	sync_rec_clear(&r);
	sync_rec_clear(&out);
}

static void
test_encode(void)
{
	struct sync_rec r = { 0 }, back = { 0 };
	char *e, *e2;
	int all = 1;

	make_call(&r);
	sync_rec_set(&r, KF_NOTES, "");
	sync_rec_set(&r, KF_REFS, "A1\nB,2:3");
	sync_rec_set(&r, KF_REP, "-,");
	e = sync_rec_encode(&r);
	back.kind = SYNC_CALL;
	is_long(sync_rec_decode(e, &back), 0, "decode: what encode wrote");
	for (int i = 0; i < KF_COUNT; i++)
		all &= same_opt(back.f[i], r.f[i]);
	ok(all, "decode: every field back as it was");
	ok(back.f[KF_NOTES] != NULL && back.f[KF_NOTES][0] == '\0',
	    "decode: an empty string stays an empty string");
	ok(back.f[KF_OUTCOME] == NULL, "decode: an unset field stays unset");
	is_str(back.f[KF_REP], "-,", "decode: a value that looks like the unset mark");
	e2 = sync_rec_encode(&back);
	is_str(e2, e, "encode: the same text again");
	{
		char fa[17], fb[17];

		sync_rec_fingerprint(&r, fa);
		sync_rec_set(&r, KF_NOTES, NULL);
		sync_rec_fingerprint(&r, fb);
		ok(strcmp(fa, fb) != 0, "fingerprint: an empty note differs from none");
	}
	free(e2);
	free(e);

	/* Bad text is refused. */
	{
		static const char *const bad[] = {
			"", "-,", "x", "3:ab,", "2:ab", "2:abc,",
			"99999999999999999999999:a,",
			"18446744073709551615:a,",
		};

		for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
			char name[128];

			snprintf(name, sizeof(name), "decode refuses '%s'",
			    bad[i]);
			is_long(sync_rec_decode(bad[i], &back), -1, name);
		}
	}
	{
		/* All event fields, then something more. */
		struct sync_rec ev = { .kind = SYNC_EVENT };

		is_long(sync_rec_decode("-,-,-,-,-,-,", &ev), 0, "decode: six unset event fields");
		is_long(sync_rec_decode("-,-,-,-,-,-,-,", &ev), -1, "decode: trailing text refused");
		sync_rec_clear(&ev);
	}
	sync_rec_clear(&r);
	sync_rec_clear(&back);
}

static int
check(struct sync_rec *r, int *red, char *why)
{
	*red = 0;
	why[0] = '\0';
	return sync_rec_check(r, red, why, 128);
}

static void
test_check(void)
{
	struct sync_rec r = { 0 };
	char why[128];
	int red;

	make_case(&r, 1, "fine");
	is_long(check(&r, &red, why), 0, "check: a good case passes");
	is_long(red, 0, "check: nothing redacted in a clean case");

	sync_rec_set(&r, CF_REASON, "complaining");
	is_long(check(&r, &red, why), -1, "check: an unknown reason is refused");
	is_str(why, "bad reason (X-CALLLOG-REASON): is not a known reason",
	    "check: says which field, its property and why, not the value");
	sync_rec_set(&r, CF_REASON, "billing");

	sync_rec_set(&r, CF_STATUS, "Open");
	is_long(check(&r, &red, why), -1, "check: a status in the wrong case is refused");
	sync_rec_set(&r, CF_STATUS, "open");

	static const char *const bad_times[] = {
		"", "-5", "12a", "0123", "1.5", "32503680000",
		"1234567890123456789",
	};
	for (size_t i = 0; i < sizeof(bad_times) / sizeof(*bad_times); i++) {
		char name[96];

		sync_rec_set(&r, CF_FOLLOWUP, bad_times[i]);
		snprintf(name, sizeof(name), "check: follow-up '%s' refused",
		    bad_times[i]);
		is_long(check(&r, &red, why), -1, name);
	}
	sync_rec_set(&r, CF_FOLLOWUP, "32503679999");
	is_long(check(&r, &red, why), 0, "check: the last second of 2999 is a time");
	sync_rec_set(&r, CF_FOLLOWUP, "0");
	is_long(check(&r, &red, why), -1,
	    "check: 0 is no time (the journal reads it as none)");
	sync_rec_set(&r, CF_FOLLOWUP, NULL);

	sync_rec_set(&r, CF_TITLE, "bad\x1b[31mtitle");
	is_long(check(&r, &red, why), -1, "check: an escape in a title refused");
	sync_rec_set(&r, CF_TITLE, "two\nlines");
	is_long(check(&r, &red, why), -1, "check: a line break in a one-line field refused");
	sync_rec_set(&r, CF_TITLE, "del\x7f");
	is_long(check(&r, &red, why), -1, "check: DEL refused");
	sync_rec_set(&r, CF_TITLE, "bad \xc3");
	is_long(check(&r, &red, why), -1, "check: broken UTF-8 refused");
	sync_rec_set(&r, CF_TITLE, "");
	is_long(check(&r, &red, why), -1, "check: an empty one-line field refused");
	sync_rec_set(&r, CF_TITLE, "ok");
	sync_rec_set(&r, CF_RESOLUTION, "line one\n\tline two");
	is_long(check(&r, &red, why), 0, "check: free text keeps lines and tabs");
	sync_rec_set(&r, CF_RESOLUTION, "bell\a");
	is_long(check(&r, &red, why), -1, "check: a bell in free text refused");
	sync_rec_set(&r, CF_RESOLUTION, NULL);

	sync_rec_set(&r, CF_ORG, NULL);
	is_long(check(&r, &red, why), -1, "check: a case without org refused");
	is_str(why, "no org", "check: says what is missing");
	sync_rec_set(&r, CF_ORG, "Chase");

	sync_rec_set(&r, CF_ACCOUNT, "12a4");
	is_long(check(&r, &red, why), -1, "check: a non-digit account refused");
	sync_rec_set(&r, CF_ACCOUNT, NULL);
	sync_rec_set(&r, CF_CURRENCY, "usd");
	is_long(check(&r, &red, why), -1, "check: a lower-case currency refused");
	sync_rec_set(&r, CF_CURRENCY, NULL);

	sync_rec_set(&r, CF_TITLE, "card 4111 1111 1111 1111 charged");
	is_long(check(&r, &red, why), 0, "check: a card number in a title passes");
	is_long(red, 1, "check: and says it redacted");
	ok(strstr(r.f[CF_TITLE], "4111 1111") == NULL &&
	    strstr(r.f[CF_TITLE], "1111") != NULL,
	    "check: only the last four digits are left");
	is_str(r.f[CF_TITLE], "card ending 1111 charged", "check: the redacted title");
	sync_rec_clear(&r);

	make_call(&r);
	is_long(check(&r, &red, why), 0, "check: a good call passes");
	sync_rec_set(&r, KF_NOTES, "paid with 4111111111111111, cvv 123");
	is_long(check(&r, &red, why), 0, "check: notes with a card pass");
	is_long(red, 1, "check: notes redacted");
	ok(strstr(r.f[KF_NOTES], "4111111111111111") == NULL &&
	    strstr(r.f[KF_NOTES], "123") == NULL,
	    "check: neither the card nor the code is left in the notes");
	sync_rec_set(&r, KF_PROMISE_STATUS, "open");
	is_long(check(&r, &red, why), -1, "check: promise-status open is refused");
	is_str(why, "bad promise-status (X-CALLLOG-PROMISE-STATUS): is not a "
	    "known promise status", "check: says promise-status");
	sync_rec_set(&r, KF_PROMISE_STATUS, "kept");
	is_long(check(&r, &red, why), 0, "check: promise-status kept passes");
	sync_rec_set(&r, KF_CASE, "7C9E6679-7425-40DE-944B-E07FC1F90AE7");
	is_long(check(&r, &red, why), -1, "check: an upper-case case uuid refused");
	sync_rec_set(&r, KF_CASE, UUID_A);
	sync_rec_set(&r, KF_REFS, "A1\n\nB2");
	is_long(check(&r, &red, why), -1, "check: an empty reference refused");
	sync_rec_set(&r, KF_REFS, "A1\nB2");
	is_long(check(&r, &red, why), 0, "check: two references pass");
	sync_rec_set(&r, KF_CREDITED, "0");
	is_long(check(&r, &red, why), -1, "check: credited 0 refused");
	sync_rec_set(&r, KF_CREDITED, NULL);
	sync_rec_set(&r, KF_HOLD, "-1");
	is_long(check(&r, &red, why), -1, "check: a negative hold refused");
	sync_rec_clear(&r);

	ok(sync_uuid_valid(UUID_A), "uuid: lower case valid");
	ok(!sync_uuid_valid("0f8fad5b-d9cb-469f-a165-70867728950"), "uuid: short invalid");
	ok(!sync_uuid_valid("0f8fad5bxd9cb-469f-a165-70867728950e"), "uuid: no dash invalid");
}

/* The fingerprint is FNV-1a of the encoded fields and "@UPDATED", so it
 * tells apart values of the same length, and the store, which hashes a
 * row field by field (sync_fp_*), gets the same as sync_rec_fingerprint. */
static void
test_fingerprint(void)
{
	struct sync_rec a = { 0 }, b = { 0 };
	struct sync_fp fp;
	char fa[17], fb[17], want[17], *enc;
	unsigned long long h = 14695981039346656037ULL;

	make_case(&a, 100, "old");
	make_case(&b, 100, "new");
	sync_rec_fingerprint(&a, fa);
	sync_rec_fingerprint(&b, fb);
	ok(strcmp(fa, fb) != 0, "fingerprint: titles of the same length differ");

	enc = sync_rec_encode(&a);
	for (const unsigned char *p = (const unsigned char *)enc; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	for (const unsigned char *p = (const unsigned char *)"@100"; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	snprintf(want, sizeof(want), "%016llx", h);
	is_str(fa, want, "fingerprint: FNV-1a of the encoding and the time");
	free(enc);

	sync_fp_init(&fp);
	for (int i = 0; i < sync_kinds[SYNC_CASE].nfields; i++)
		sync_fp_field(&fp, a.f[i], a.f[i] ? strlen(a.f[i]) : 0);
	sync_fp_end(&fp, a.updated, fb);
	is_str(fb, fa, "fingerprint: field by field gives the same");

	sync_rec_set(&a, CF_TITLE, "0123456789");
	sync_rec_set(&b, CF_TITLE, "0123456788");
	sync_rec_fingerprint(&a, fa);
	sync_rec_fingerprint(&b, fb);
	ok(strcmp(fa, fb) != 0, "fingerprint: a ten-byte value counts whole");
	sync_rec_clear(&a);
	sync_rec_clear(&b);
}

/* Every field of r changed at t. */
static void
set_times(struct sync_rec *r, time_t t)
{
	for (int i = 0; i < SYNC_FIELDS_MAX; i++)
		r->t[i] = t;
}

static void
test_merge_times(void)
{
	struct sync_rec base = { 0 }, l = { 0 }, r = { 0 }, out = { 0 };
	unsigned ll, lr;
	char *e;

	/* The lost edit: the folder holds an older whole file (title of
	 * 100) with a later priority (300); the journal's title (200) is
	 * the agreed one. */
	make_case(&base, 200, "new here");
	set_times(&base, 100);
	base.t[CF_TITLE] = 200;
	sync_rec_copy(&l, &base);
	sync_rec_local_times(&l, &base);
	ok(l.t[CF_TITLE] == 200 && l.t[CF_ORG] == 100,
	    "local times: unchanged fields keep the agreed times");
	make_case(&r, 300, "old");
	set_times(&r, 100);
	sync_rec_set(&r, CF_PRIORITY, "high");
	r.t[CF_PRIORITY] = 300;
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "new here", "merge times: an older title in the folder is no change");
	is_str(out.f[CF_PRIORITY], "high", "merge times: the folder's later priority is taken");
	ok(ll == 0 && lr == 0, "merge times: nothing reported lost");
	ok(out.t[CF_TITLE] == 200 && out.t[CF_PRIORITY] == 300,
	    "merge times: each field keeps its winner's time");
	sync_rec_clear(&out);

	/* No times in the folder (a client dropped the line): base decides. */
	memset(r.t, 0, sizeof(r.t));
	sync_merge(&base, &l, &r, &out, &ll, &lr);
	is_str(out.f[CF_TITLE], "old", "merge, times not known: a changed field is taken");
	ok(out.t[CF_TITLE] > 200, "merge, times not known: taken as later than the agreed");
	sync_rec_clear(&out);

	/* A local change after a clock once ahead is still later. */
	sync_rec_set(&l, CF_TITLE, "changed");
	l.updated = 150;
	sync_rec_local_times(&l, &base);
	ok(l.t[CF_TITLE] == 201, "local times: a change is after the agreed time");

	/* The times survive the base's encoding; one without them decodes. */
	e = sync_rec_encode(&base);
	sync_rec_clear(&out);
	out.kind = SYNC_CASE;
	is_long(sync_rec_decode(e, &out), 0, "decode: a base with times");
	ok(out.t[CF_TITLE] == 200 && out.t[CF_ORG] == 100, "decode: the times back");
	*strchr(e, '@') = '\0';
	out.kind = SYNC_CASE;
	is_long(sync_rec_decode(e, &out), 0, "decode: a base an older calllog kept");
	ok(out.t[CF_TITLE] == 0, "decode: no times, not known");
	free(e);
	sync_rec_clear(&out);
	sync_rec_clear(&base);
	sync_rec_clear(&l);
	sync_rec_clear(&r);
}

int
main(void)
{
	test_merge();
	test_merge_times();
	test_encode();
	test_check();
	test_fingerprint();
	return tap_done();
}
