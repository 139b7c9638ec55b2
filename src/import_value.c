/*
 * import_value.c: one value of an export file's record, read by the type
 * its field declares (xfer.c) into the C record: a uuid, a UTC time, an
 * enumeration's name, a count, an amount in its currency, text redacted
 * and within add's limits.  import_check.c walks a record's fields and
 * calls this for each; every import_*.c reports through import_error.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "money.h"
#include "store.h"
#include "when.h"

/* The member at f's offset in rec, as type T. */
#define MEMBER(T, rec, f) ((T *)(void *)((char *)(rec) + (f)->offset))

int
import_error(const struct import_reader *r, const char *path,
    const char *key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error("import %s: %s%s%s%s%s", r->file, path,
	    *path && key ? "." : "", key ? key : "", *path || key ? ": " : "",
	    msg);
}

/* Enough of a value to recognise it in a message, cut at a character
 * boundary so that the message stays UTF-8. */
#define SHOWN_BUFSZ 48

static const char *
shown(const char *s, char buf[SHOWN_BUFSZ])
{
	size_t n = strlen(s);

	if (n < SHOWN_BUFSZ)
		return s;
	n = SHOWN_BUFSZ - 4;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	snprintf(buf, SHOWN_BUFSZ, "%.*s...", (int)n, s);
	return buf;
}

/* "expected a string", or "... or null" where null is allowed. */
static int
type_error(const struct import_reader *r, const char *path,
    const struct xfer_field *f, const char *what)
{
	return import_error(r, path, f->key, "expected %s%s", what,
	    f->flags & XF_NULL ? " or null" : "");
}

/* The names of an enumeration, for the message that lists them. */
static void
enum_list(const struct enum_names *e, int skip, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int i = 0; i < e->count && len < size; i++)
		if (i != skip)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len ? ", " : "", e->names[i]);
}

/* A lower-case uuid, as uuid_new writes them. */
static int
uuid_ok(const char *s)
{
	for (int i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? s[i] != '-' : !s[i] || !strchr("0123456789abcdef",
		    s[i]))
			return 0;
	}
	return s[36] == '\0';
}

/*
 * A time exactly as export writes it, "2026-11-20T15:00:00Z".  Relative
 * and local forms, which when_parse reads for people, are refused: a
 * file's meaning must not depend on when or where it is imported.
 * Writing the time back and comparing catches every out-of-range field.
 */
static int
time_ok(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	char back[WHEN_BUFSZ];
	int n = 0;

	if (strlen(s) != 20 || sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ%n",
	    &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min,
	    &tm.tm_sec, &n) != 6 || n != 20)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	/* 0 is "not set" in the records, so the epoch itself is refused. */
	if ((*out = timegm(&tm)) <= 0 || (long long)*out > WHEN_MAX_TIME)
		return 0;
	when_format_utc(*out, back);
	return strcmp(back, s) == 0;
}

/* A record's field checked by its declaration (field.h), as every door
 * checks it (a list's, one value: import reads the array itself); the
 * message names the record and the key, never the value. */
static int
check_decl(const struct import_reader *r, const char *path, const char *key,
    const struct field *decl, const char *s)
{
	char why[FIELD_WHY_BUFSZ];

	if (field_check_value_at(decl, s, NULL, NULL, why, sizeof(why)) == -1)
		return error("import %s: %s%s%s %s", r->file, path,
		    *path ? "." : "", key, why);
	return 0;
}

static int
check_decl_num(const struct import_reader *r, const char *path,
    const struct xfer_field *f, long long n)
{
	char why[FIELD_WHY_BUFSZ];

	if (f->decl && field_check_num_at(f->decl, n, why, sizeof(why)) == -1)
		return error("import %s: %s%s%s %s", r->file, path,
		    *path ? "." : "", f->key, why);
	return 0;
}

/* Check a one-line field or free text, the JSON string v, by its
 * declaration (or, for the directory's, its own limit max); when the
 * reader redacts, redact it, there and in v.  *out is a copy the record
 * owns. */
static int
read_text(struct import_reader *r, const char *path, const char *key,
    const struct xfer_field *f, json_t *v, char **out)
{
	const char *s = json_string_value(v);
	char *what = xasprintf("import %s: %s%s%s", r->file, path,
	    *path ? "." : "", key);
	int rc = f->decl ? check_decl(r, path, key, f->decl, s) :
	    f->type == XF_TEXT ? check_text(what, s, f->max) :
	    check_line(what, s, f->max);

	free(what);
	if (rc == -1)
		return -1;
	if (r->redacted == NULL || (f->decl && !f->decl->redact)) {
		*out = xstrdup(s);
		return 0;
	}
	*out = redact_text(s, r->redacted);
	if (strcmp(*out, s) != 0) {
		if (!r->first_redacted[0])
			snprintf(r->first_redacted, sizeof(r->first_redacted),
			    "%s.%s", path, key);
		if (json_string_set(v, *out) == -1)
			fatal("out of memory");
	}
	return 0;
}

static int
read_string(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, void *rec)
{
	const char *s = json_string_value(v);
	char **out = MEMBER(char *, rec, f);
	char quoted[SHOWN_BUFSZ];

	if (s == NULL)
		return type_error(r, path, f, "a string");
	if (*s == '\0')
		return import_error(r, path, f->key, "is empty; %s",
		    f->flags & XF_NULL ? "give null for none" : "give a value");
	if (f->decl && f->type != XF_LINE && f->type != XF_TEXT) {
		if (check_decl(r, path, f->key, f->decl, s) == -1)
			return -1;
		*out = xstrdup(s);
		return 0;
	}
	switch (f->type) {
	case XF_PHONE:
		if (!field_phone_valid(s))
			return import_error(r, path, f->key, "'%s' is not an "
			    "E.164 number such as +18005282122 (with an "
			    "extension, +18005282122;ext=5)", shown(s, quoted));
		*out = xstrdup(s);
		return 0;
	case XF_ACCOUNT:
		if (strlen(s) > 4 || strspn(s, "0123456789") != strlen(s))
			return import_error(r, path, f->key, "must be one to "
			    "four digits, the last of the card or account");
		*out = xstrdup(s);
		return 0;
	default:
		return read_text(r, path, f->key, f, v, out);
	}
}

static int
read_enum(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, void *rec)
{
	const char *s = json_string_value(v);
	int null_value = f->flags & XF_NULL ? f->null_value : -2;
	int value;
	char names[256], quoted[SHOWN_BUFSZ];

	if (s == NULL)
		return type_error(r, path, f, "a string");
	value = enum_lookup(f->names, s);
	if (value >= 0 && value == null_value)
		return import_error(r, path, f->key, "give null, not '%s'", s);
	if (value < 0) {
		enum_list(f->names, null_value, names, sizeof(names));
		return import_error(r, path, f->key, "unknown %s '%s'; use one "
		    "of: %s%s", f->names->what, shown(s, quoted), names,
		    f->flags & XF_NULL ? ", or null" : "");
	}
	*MEMBER(int, rec, f) = value;
	return 0;
}

static int
read_integer(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, void *rec)
{
	long long n = json_integer_value(v);
	long long min = f->type == XF_ID ? 1 : 0;
	long long max = f->type == XF_ID ? LLONG_MAX : INT_MAX;

	if (!json_is_integer(v))
		return type_error(r, path, f, "a whole number");
	if (f->decl)
		min = f->decl->min, max = f->decl->max_num;
	if (n < min || n > max)
		return import_error(r, path, f->key, "%lld is out of range "
		    "(%lld to %lld)", n, min, max);
	if (f->type == XF_ID)
		*MEMBER(long long, rec, f) = n;
	else if (f->type == XF_COUNT)
		*MEMBER(int, rec, f) = (int)n;
	else
		*MEMBER(long, rec, f) = (long)n;
	return 0;
}

/* Money as export writes it: digits with the decimals of cur, the
 * record's currency (money_read_decimal).  An amount without a currency
 * has no decimals to be read by, and is refused. */
static int
read_money(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, void *rec, const char *cur)
{
	const char *s = json_string_value(v), *why;

	if (s == NULL)
		return type_error(r, path, f, "a decimal string such as "
		    "\"418.20\"");
	if (*cur == '\0')
		return import_error(r, path, f->key, "an amount needs a "
		    "currency, but %s", r->currency ? "its case's \"currency\" "
		    "is null" : "\"currency\" is null or missing");
	if ((f->flags & XF_SIGNED ? money_read_credit : money_read_decimal)(s,
	    cur, MEMBER(long long, rec, f), &why) == -1)
		return import_error(r, path, f->key, "%s (%s)", why, cur);
	if (check_decl_num(r, path, f, *MEMBER(long long, rec, f)) == -1)
		return -1;
	return 0;
}

/* A call's reference numbers: one-line texts, as many as add takes. */
static int
read_refs(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, struct cl_call *k)
{
	json_t *ref;
	size_t i;

	if (!json_is_array(v))
		return type_error(r, path, f, "an array");
	if (json_array_size(v) > (size_t)f->decl->max_values)
		return import_error(r, path, f->key, "has %zu reference "
		    "numbers, at most %d", json_array_size(v),
		    f->decl->max_values);
	json_array_foreach(v, i, ref) {
		char key[32], *text;

		snprintf(key, sizeof(key), "%s[%zu]", f->key, i);
		if (!json_is_string(ref) || !*json_string_value(ref))
			return import_error(r, path, key, "expected a "
			    "reference number (a string, not empty)");
		if (read_text(r, path, key, f, ref, &text) == -1)
			return -1;
		call_add_ref(k, text);
		free(text);
	}
	return 0;
}

int
import_value_read(struct import_reader *r, const char *path,
    const struct xfer_field *f, json_t *v, void *rec, const char *cur)
{
	char quoted[SHOWN_BUFSZ];

	switch (f->type) {
	case XF_UUID:
		if (!json_is_string(v))
			return type_error(r, path, f, "a string");
		if (!uuid_ok(json_string_value(v)))
			return import_error(r, path, f->key, "'%s' is not a "
			    "lower-case uuid", shown(json_string_value(v),
			    quoted));
		memcpy(MEMBER(char, rec, f), json_string_value(v), UUID_BUFSZ);
		return 0;
	case XF_TIME:
		if (!json_is_string(v))
			return type_error(r, path, f, "a time");
		if (!time_ok(json_string_value(v), MEMBER(time_t, rec, f)))
			return import_error(r, path, f->key, "cannot read time "
			    "'%s'; give UTC as 2026-11-20T15:00:00Z",
			    shown(json_string_value(v), quoted));
		return check_decl_num(r, path, f, *MEMBER(time_t, rec, f));
	case XF_ENUM:
		return read_enum(r, path, f, v, rec);
	case XF_ID:
	case XF_COUNT:
	case XF_SECONDS:
		return read_integer(r, path, f, v, rec);
	case XF_REFS:
		return read_refs(r, path, f, v, rec);
	case XF_LIST:
		return json_is_array(v) ? 0 : type_error(r, path, f,
		    "an array");
	case XF_MONEY:
		return read_money(r, path, f, v, rec, cur);
	case XF_CURRENCY:
		if (!json_is_string(v) || !money_code_valid(json_string_value(v)))
			return import_error(r, path, f->key, "expected an ISO "
			    "4217 code such as \"USD\"");
		if (check_decl(r, path, f->key, f->decl, json_string_value(v)))
			return -1;
		memcpy(MEMBER(char, rec, f), json_string_value(v), 4);
		return 0;
	default:
		return read_string(r, path, f, v, rec);
	}
}

