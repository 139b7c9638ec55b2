/*
 * test_field.c: the fields' declarations are one consistent table (names,
 * item properties, export keys, options and columns unique in a kind; a
 * limit wherever a type needs one), and field_check holds each field to
 * its declaration: a value at its limit passes, one past it is refused
 * with a message that never quotes it, and a card number is no phone
 * number.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "tap.h"
#include "when.h"

/* No two fields of a kind share the string at member m. */
static void
unique(int kind, const char *what, size_t m)
{
	const struct field_kind *k = &field_kinds[kind];
	char name[96];

	for (int i = 0; i < k->nfields; i++)
		for (int j = i + 1; j < k->nfields; j++) {
			const char *a = *(const char *const *)(const void *)
			    ((const char *)&k->fields[i] + m);
			const char *b = *(const char *const *)(const void *)
			    ((const char *)&k->fields[j] + m);

			if (a && b && strcmp(a, b) == 0) {
				snprintf(name, sizeof(name), "%s: %s '%s' is "
				    "declared twice", k->name, what, a);
				ok(0, name);
				return;
			}
		}
	snprintf(name, sizeof(name), "%s: every %s is unique", k->name, what);
	ok(1, name);
}

static void
props_unique(int kind)
{
	const struct field_kind *k = &field_kinds[kind];
	char a[64], b[64], name[96];
	int dup = 0;

	for (int i = 0; i < k->nfields; i++)
		for (int j = i + 1; j < k->nfields; j++)
			dup |= strcmp(field_prop(kind, i, a, sizeof(a)),
			    field_prop(kind, j, b, sizeof(b))) == 0;
	snprintf(name, sizeof(name), "%s: every item property is unique",
	    k->name);
	ok(!dup, name);
}

/* Each type has what its check needs: a length, a range, names. */
static void
complete(int kind)
{
	const struct field_kind *k = &field_kinds[kind];
	char name[128];

	for (int i = 0; i < k->nfields; i++) {
		const struct field *f = &k->fields[i];
		int good = f->name && f->column != NULL ? 1 : f->type == FT_LIST;

		switch (f->type) {
		case FT_LINE: case FT_TEXT: case FT_ACCOUNT: case FT_PHONE:
			good = good && f->max > 0;
			break;
		case FT_LIST:
			good = good && f->max > 0 && f->max_values > 0;
			break;
		case FT_INT: case FT_MONEY:
			good = good && f->min <= f->max_num;
			break;
		case FT_ENUM:
			good = good && f->names != NULL;
			break;
		default:
			break;
		}
		if (!good) {
			snprintf(name, sizeof(name), "%s.%s: declared whole",
			    k->name, f->name);
			ok(0, name);
		}
	}
	snprintf(name, sizeof(name), "%s: every field is declared whole",
	    k->name);
	ok(1, name);
}

static int
refused(int kind, int i, const char *v, const char *want)
{
	char why[FIELD_WHY_BUFSZ] = "";
	int rc = field_check(kind, i, v, NULL, NULL, why, sizeof(why));

	return rc == -1 && strstr(why, want) != NULL &&
	    (strlen(v) < 4 || strstr(why, v) == NULL);
}

static int
passes(int kind, int i, const char *v)
{
	char why[FIELD_WHY_BUFSZ];
	char *out = NULL;
	int rc = field_check(kind, i, v, &out, NULL, why, sizeof(why));

	free(out);
	return rc == 0;
}

/* For every line and text field: at its limit passes, one byte past is
 * refused, naming the limit. */
static void
lengths(void)
{
	for (int k = 0; k < SYNC_KINDS; k++)
		for (int i = 0; i < field_kinds[k].nfields; i++) {
			const struct field *f = &field_kinds[k].fields[i];
			char name[128], *v;

			if (f->type != FT_LINE && f->type != FT_TEXT &&
			    f->type != FT_LIST)
				continue;
			v = malloc(f->max + 2);
			memset(v, 'x', f->max + 1);
			v[f->max + 1] = '\0';
			snprintf(name, sizeof(name), "%s.%s: %zu bytes refused",
			    field_kinds[k].name, f->name, f->max + 1);
			ok(refused(k, i, v, "too long"), name);
			v[f->max] = '\0';
			snprintf(name, sizeof(name), "%s.%s: %zu bytes pass",
			    field_kinds[k].name, f->name, f->max);
			ok(passes(k, i, v), name);
			free(v);
		}
}

int
main(void)
{
	char num[32];

	for (int k = 0; k < SYNC_KINDS; k++) {
		unique(k, "name", offsetof(struct field, name));
		unique(k, "export key", offsetof(struct field, json));
		unique(k, "option", offsetof(struct field, option));
		unique(k, "column", offsetof(struct field, column));
		props_unique(k);
		complete(k);
	}
	is_long(field_by_option(SYNC_CALL, "when"), KF_STARTED,
	    "by option: --when is a call's started");
	is_long(field_by_json(SYNC_CALL, "hold_seconds"), KF_HOLD,
	    "by export key: hold_seconds is a call's hold");
	is_long(field_by_name(SYNC_CASE, "follow-up"), CF_FOLLOWUP,
	    "by name: follow-up");
	lengths();

	ok(refused(SYNC_CALL, KF_NUMBER, "4111111111111111", "E.164"),
	    "phone: a card number is refused, and not quoted");
	ok(refused(SYNC_CALL, KF_NUMBER, "+4111111111111111", "E.164"),
	    "phone: sixteen digits after + are no phone number");
	ok(passes(SYNC_CALL, KF_NUMBER, "+18005282122;ext=5"),
	    "phone: E.164 with an extension passes");
	ok(refused(SYNC_CALL, KF_NUMBER, "+1800528212", "E.164"),
	    "phone: a short NANP number is refused");
	ok(passes(SYNC_CALL, KF_HOLD, "604800"), "hold: a week passes");
	ok(refused(SYNC_CALL, KF_HOLD, "604801", "0 to 604800"),
	    "hold: a week and a second is out of range, the range named");
	ok(refused(SYNC_CALL, KF_DURATION, "999999999999999999", "range"),
	    "duration: 18 digits are out of range");
	snprintf(num, sizeof(num), "%lld", WHEN_MAX_TIME + 1);
	ok(refused(SYNC_CASE, CF_FOLLOWUP, num, "range"),
	    "time: after 2999 refused");
	ok(refused(SYNC_CALL, KF_CREDITED, "0", "zero"),
	    "money: zero is no credit");
	ok(passes(SYNC_CALL, KF_CREDITED, "-20000"),
	    "money: a credit reversed is negative");
	ok(refused(SYNC_CALL, KF_CREDITED, "-0", "whole number"),
	    "money: -0 is no number");
	ok(refused(SYNC_CASE, CF_AMOUNT, "-5", "whole number"),
	    "money: an amount in dispute is never negative");
	ok(refused(SYNC_CASE, CF_AMOUNT, "100000000000001", "range"),
	    "money: past MONEY_MAX refused");
	ok(refused(SYNC_CASE, CF_ACCOUNT, "41111", "digits"),
	    "account: five digits refused");
	ok(passes(SYNC_CASE, CF_ACCOUNT, "1111"), "account: four pass");
	ok(refused(SYNC_CASE, CF_CURRENCY, "usd", "4217"),
	    "currency: lower case refused");
	ok(refused(SYNC_CALL, KF_PROMISE_STATUS, "open", "promise"),
	    "enum: the unstored value is refused");
	ok(refused(SYNC_CALL, KF_REP, "a\tb", "control"),
	    "line: a tab is a control character");
	ok(passes(SYNC_CALL, KF_NOTES, "a\tb\nc"), "text: tabs and lines");
	ok(refused(SYNC_CALL, KF_REP, "caf\xe9", "UTF-8"), "not UTF-8");
	{
		char *refs = malloc(51 * 2 + 1), *p = refs;

		for (int i = 0; i < 51; i++)
			p += sprintf(p, "%s%c", i ? "\n" : "", 'a');
		ok(refused(SYNC_CALL, KF_REFS, refs, "more than 50"),
		    "list: 51 values refused");
		refs[strlen(refs) - 2] = '\0';
		ok(passes(SYNC_CALL, KF_REFS, refs), "list: 50 values pass");
		free(refs);
	}
	{
		char *out = NULL;
		struct redact_counts rc = { 0 };
		char why[FIELD_WHY_BUFSZ];

		field_check(SYNC_CALL, KF_REP, "card 4111 1111 1111 1111", &out,
		    &rc, why, sizeof(why));
		ok(out && strstr(out, "4111 1111") == NULL && redact_any(&rc),
		    "a redacted field's card number is removed");
		free(out);
	}
	return tap_done();
}
