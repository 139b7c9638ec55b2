/*
 * sync_base.c: the words every part of `calllog sync` shares, beneath
 * them all: a kind's name, the order of the folder's items read and the
 * lookup by it, and the report's line.  It calls nothing of the sync's,
 * so the folder's reader below the engine never reaches up into it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync_int.h"
#include "syncrec.h"

const char *
sync_kind_name(int kind)
{
	return kind >= 0 ? sync_kinds[kind].name : "item";
}

int
sync_remote_by_uuid(const void *a, const void *b)
{
	return strcmp(((const struct remote *)a)->item.rec.uuid,
	    ((const struct remote *)b)->item.rec.uuid);
}

struct remote *
sync_remote_find(const struct sync *s, const char *uuid)
{
	struct remote key;

	if (s->nrm == 0)
		return NULL;
	snprintf(key.item.rec.uuid, sizeof(key.item.rec.uuid), "%s", uuid);
	return bsearch(&key, s->rm, s->nrm, sizeof(*s->rm),
	    sync_remote_by_uuid);
}

void
sync_report(const struct sync *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(s->out, fmt, ap);
	va_end(ap);
	fputc('\n', s->out);
}
