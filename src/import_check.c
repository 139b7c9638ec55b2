/*
 * import_check.c: one record of an export file, from parsed JSON to the
 * journal's C records, refusing anything `add` would refuse: every field
 * its table declares present (or null where it may be), no other, each
 * value read by import_value.c.
 */
#include <string.h>

#include "import.h"
#include "money.h"

/* The member at f's offset in rec, as type T (as import_value.c has it). */
#define MEMBER(T, rec, f) ((T *)(void *)((char *)(rec) + (f)->offset))

/* What null means in a record: "not set". */
static void
set_null(const struct xfer_field *f, void *rec)
{
	if (f->type == XF_TIME)
		*MEMBER(time_t, rec, f) = 0;
	else if (f->type == XF_SECONDS)
		*MEMBER(long, rec, f) = -1;
	else if (f->type == XF_ENUM)
		*MEMBER(int, rec, f) = f->null_value;
	else if (f->type == XF_MONEY)
		*MEMBER(long long, rec, f) = 0;
	else if (f->type == XF_CURRENCY)
		*MEMBER(char, rec, f) = '\0';
	/* strings stay NULL */
}

int
import_record(struct import_reader *r, const char *path, json_t *v,
    const struct xfer_field *fields, void *rec)
{
	const struct xfer_field *f;
	const char *key, *cur = r->currency ? r->currency : "";
	json_t *member;

	if (!json_is_object(v))
		return import_error(r, path, NULL, "expected an object");
	json_object_foreach(v, key, member) {
		for (f = fields; f->key && strcmp(f->key, key) != 0; f++)
			;
		if (f->key == NULL)
			return import_error(r, path, key, "unknown field; "
			    "remove it");
		/* Its money's decimals, whichever comes first in the file. */
		if (f->type == XF_CURRENCY)
			cur = json_is_string(member) &&
			    money_code_valid(json_string_value(member)) ?
			    json_string_value(member) : "";
	}
	for (f = fields; f->key; f++) {
		member = json_object_get(v, f->key);
		if (member == NULL && f->flags & XF_OPTIONAL) {
			set_null(f, rec);
			continue;
		} else if (member == NULL)
			return import_error(r, path, f->key, "missing%s",
			    f->flags & XF_NULL ? " (null when there is none)" :
			    "");
		if (json_is_null(member) && f->flags & XF_NULL)
			set_null(f, rec);
		else if (import_value_read(r, path, f, member, rec,
		    cur) == -1)
			return -1;
	}
	return 0;
}

