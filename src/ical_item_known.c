/*
 * ical_item_known.c: what an item says of what its journal knows: when
 * each field last changed (X-CALLLOG-CHANGED, written and read), and an
 * item a client saved back without calllog's lines, read as the record
 * its UID names (DESIGN.md, "Servers, vdirsyncer and apps replace files
 * whole").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "ical.h"
#include "ical_int.h"
#include "syncrec.h"
#include "util.h"

/*
 * X-CALLLOG-CHANGED: when each field last changed, as "NAME=SECONDS"
 * (UTC seconds since 1970, the field's declared name) separated by
 * spaces, for every field whose time is known: one line with nothing a
 * client re-escapes (no comma, no semicolon), which the merge of every
 * journal decides on, field by field (DESIGN.md, "Servers, vdirsyncer
 * and apps replace files whole").
 */
char *
item_changed_line(const struct sync_rec *r)
{
	struct strbuf v = { 0 };
	char one[96];

	strbuf_add(&v, XPREFIX "CHANGED:", strlen(XPREFIX "CHANGED:"));
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++) {
		if (r->t[i] <= 0)
			continue;
		snprintf(one, sizeof(one), "%s%s=%lld", v.s[v.len - 1] == ':' ?
		    "" : " ", sync_kinds[r->kind].fields[i].name,
		    (long long)r->t[i]);
		strbuf_add(&v, one, strlen(one));
	}
	if (v.s[v.len - 1] == ':') {
		free(v.s);
		return NULL;
	}
	return v.s;
}

/* The fields' change times from X-CALLLOG-CHANGED ("NAME=SECONDS ...",
 * ical_item.c).  A time is a hint: one that is not a field's, or not a
 * time, is not known, and the rest of the item is read. */
void
item_read_changed(struct sync_rec *r, const char *value)
{
	while (*value) {
		size_t n = strcspn(value, " ="), len;
		int i = -1;

		for (int k = 0; k < sync_kinds[r->kind].nfields && i < 0; k++)
			if (strlen(sync_kinds[r->kind].fields[k].name) == n &&
			    strncasecmp(sync_kinds[r->kind].fields[k].name,
			    value, n) == 0)
				i = k;
		len = n + strcspn(value + n, " ");
		if (i >= 0 && value[n] == '=' && len - n - 1 > 0 &&
		    len - n - 1 <= 11 && strspn(value + n + 1,
		    "0123456789") == len - n - 1) {
			long long t = strtoll(value + n + 1, NULL, 10);

			if (t > 0 && t <= 32503679999LL)
				r->t[i] = (time_t)t;
		}
		value += len;
		value += strspn(value, " ");
	}
}

/*
 * Whether an item that has none of calllog's lines is still the record
 * known: a to-do always is (its UID is a case's); a journal entry is when
 * calllog wrote it (known has the times of one it wrote, or the entry
 * still has the SUMMARY calllog gives it), not a note another client
 * wrote under the case, which is read as such.
 */
int
item_still_known(icalcomponent *c, const struct sync_rec *known)
{
	const char *summary = p_icalcomponent_get_summary(c);
	char gen[LIMIT_NAME + 64];

	if (known->kind == SYNC_CASE)
		return p_icalcomponent_isa(c) == ICAL_VTODO_COMPONENT;
	if (p_icalcomponent_isa(c) != ICAL_VJOURNAL_COMPONENT)
		return 0;
	for (int i = 0; i < sync_kinds[known->kind].nfields; i++)
		if (known->t[i])
			return 1;
	return summary && strcmp(summary, item_summary(known, gen,
	    sizeof(gen))) == 0;
}

/* What a client that dropped calllog's lines left is not known: the
 * fields they carried are known's, and what the standard properties say
 * is read over them. */
void
item_fill_known(struct sync_rec *r, const struct sync_rec *known)
{
	for (int i = 0; i < sync_kinds[r->kind].nfields; i++)
		if (!item_standard(r->kind, i))
			sync_rec_set(r, i, known->f[i]);
}
