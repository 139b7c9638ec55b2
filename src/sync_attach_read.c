/*
 * sync_attach_read.c: the ATTACH lines of a folder's item, taken out of
 * it before it is read and kept as attachments once the sync applied the
 * item (sync_attach.c says the rules).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exhibit.h"
#include "field.h"
#include "mediatype.h"
#include "redact.h"
#include "sha256.h"
#include "store.h"
#include "sync_int.h"
#include "util.h"


/* Whether bytes that are no text hold a card number (or another number
 * calllog redacts) in plain sight: a file from the folder that does is
 * refused, as calllog cannot take it out of a PDF or an image. */
static int
holds_number(const unsigned char *p, size_t n)
{
	struct redact_counts found = { 0 };
	char *raw = xmalloc(n + 1), *text;

	for (size_t i = 0; i < n; i++)
		raw[i] = p[i] ? (char)p[i] : '\n';
	raw[n] = '\0';
	text = redact_text(raw, &found);
	free(raw);
	free(text);
	return redact_any(&found);
}

/* The media type of f's bytes; a text's redacted like a note's (its
 * bytes replaced).  1 when something was taken out, 0 when not, -1 when
 * it cannot be kept. */
static int
att_check(struct sync_att *f, struct redact_counts *found)
{
	struct redact_counts none = { 0 };
	char *raw, *text;

	f->type = mediatype_of(f->data, f->size);
	if (strncmp(f->type, "text/", 5) == 0 &&
	    memchr(f->data, '\0', f->size)) {
		/* Not text after all: kept as given, like any binary. */
		free(f->type);
		f->type = xstrdup("application/octet-stream");
	}
	if (strncmp(f->type, "text/", 5) != 0)
		return holds_number(f->data, f->size) ? -1 : 0;
	raw = xstrndup((const char *)f->data, f->size);
	text = redact_text(raw, &none);
	free(raw);
	if (!redact_any(&none)) {
		free(text);
		return 0;
	}
	redact_add(found, &none);
	free(f->data);
	f->size = strlen(text);
	f->data = (unsigned char *)text;
	return 1;
}

/* The name calllog keeps for f (a plain file name, redacted, removals
 * counted in found; else "attachment": a client's name is no reason to
 * refuse its file) and the hash of the bytes it keeps.  1 when the name
 * lost something to redaction (the item is written again). */
static int
finish(struct sync_att *f, struct redact_counts *found)
{
	struct sha256 *h = sha256_new();
	struct redact_counts c = { 0 };
	char *name = NULL, why[FIELD_WHY_BUFSZ];

	if (f->name && *f->name && !strchr(f->name, '/'))
		name = exhibit_name_check(f->name, &c, why, sizeof(why));
	redact_add(found, &c);
	free(f->name);
	f->name = name ? name : xstrdup("attachment");
	sha256_update(h, f->data, f->size);
	sha256_finish(h, f->sha256);	/* frees h */
	return redact_any(&c);
}

/* The value of parameter name in params (unfolded, up to the value's
 * ':'), newly allocated, or NULL. */
static char *
param(const char *params, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = strchr(params, ';'); p; ) {
		const char *v, *e;

		p++;
		if (strncasecmp(p, name, n) == 0 && p[n] == '=') {
			v = p + n + 1;
			if (*v == '"')
				return (e = strchr(++v, '"')) ?
				    xstrndup(v, (size_t)(e - v)) : NULL;
			e = v + strcspn(v, ";:");
			return xstrndup(v, (size_t)(e - v));
		}
		while (*p && *p != ';' && *p != ':')
			if (*p++ == '"')
				while (*p && *p++ != '"')
					;
		p = *p == ';' ? p : NULL;
	}
	return NULL;
}

/* The value's start: after the first ':' outside quotes. */
static char *
value_of(char *line)
{
	for (char *p = line; *p; p++) {
		if (*p == '"')
			while (p[1] && *++p != '"')
				;
		else if (*p == ':')
			return p + 1;
	}
	return NULL;
}

/* One logical line (unfolded, newly allocated) starting at p, its end
 * (the next line's start) into *next. */
static char *
logical_line(const char *p, const char **next)
{
	struct strbuf b = { 0 };
	const char *e;

	strbuf_add(&b, "", 0);
	for (;;) {
		e = p + strcspn(p, "\r\n");
		strbuf_add(&b, p, (size_t)(e - p));
		if (*e == '\r')
			e++;
		if (*e == '\n')
			e++;
		p = e;
		if (*p != ' ' && *p != '\t')
			break;
		p++;
	}
	*next = p;
	return b.s;
}

static int
is_ours(const char *line)
{
	if (strncasecmp(line, "X-CALLLOG-ATTACHMENT", 20) == 0 &&
	    (line[20] == ';' || line[20] == ':'))
		return 2;
	if (strncasecmp(line, "ATTACH", 6) != 0 ||
	    (line[6] != ';' && line[6] != ':'))
		return 0;
	/* By URI: a client's line, kept. */
	{
		char *v = param(line, "VALUE"), *e = param(line, "ENCODING");
		int bin = (v && !strcasecmp(v, "BINARY")) ||
		    (e && !strcasecmp(e, "BASE64"));

		free(v);
		free(e);
		return bin;
	}
}

int
sync_attach_take(struct sync *s, char *text, struct remote *rm)
{
	long long max = s->cfg->attach_max, total = 0;
	char *w = text;
	const char *p = text, *next;

	while (*p) {
		char *line = logical_line(p, &next);
		int kind = is_ours(line);

		if (kind == 0) {
			memmove(w, p, (size_t)(next - p));
			w += next - p;
		} else if (kind == 1) {
			struct sync_att a = { 0 };
			const char *why = NULL;
			char *v = value_of(line);

			a.name = param(line, "FILENAME");
			if (a.name == NULL)
				a.name = param(line, "X-FILENAME");
			if (v == NULL)
				why = "it has no value";
			else if (sync_b64_decode(v, max - total, &a.data, &a.size,
			    &why) == 0)
				total += (long long)a.size;
			if (why == NULL) {
				int c = att_check(&a, &rm->att_found);

				rm->redacted |= c != 0;
				if (c == -1)
					why = "it holds a number calllog"
					    " does not keep, in a file it"
					    " cannot redact";
				else if (a.size == 0)
					why = "it holds nothing once redacted";
				else
					rm->redacted |= finish(&a,
					    &rm->att_found);
			}
			if (why) {
				/* The item is written again without it; said
				 * once it is read (sync_attach_report). */
				rm->redacted = 1;
				free(a.data);
				a.data = NULL;
				a.why = why;
				rm->att = xrealloc(rm->att, (rm->natt + 1) *
				    sizeof(*rm->att));
				rm->att[rm->natt++] = a;
			} else {
				rm->att = xrealloc(rm->att, (rm->natt + 1) *
				    sizeof(*rm->att));
				rm->att[rm->natt++] = a;
			}
		}
		else {
			/* A large file's line: the journal that holds the
			 * file writes it; here it only says that one exists. */
			struct sync_att a = { 0 };
			const char *v = value_of(line);
			char *size = param(line, "X-CALLLOG-SIZE");

			if (v && strlen(v) == 64 && strspn(v,
			    "0123456789abcdef") == 64) {
				memcpy(a.sha256, v, 65);
				a.name = param(line, "FILENAME");
				a.size = size ? strtoull(size, NULL, 10) : 0;
				rm->att = xrealloc(rm->att, (rm->natt + 1) *
				    sizeof(*rm->att));
				rm->att[rm->natt++] = a;
			}
			free(size);
		}
		free(line);
		p = next;
	}
	*w = '\0';
	return 0;
}

int
sync_attach_news(const struct remote *rm)
{
	for (size_t i = 0; i < rm->natt; i++)
		if (rm->att[i].why)
			return 1;
	return redact_any(&rm->att_found);
}

void
sync_attach_report(const struct remote *rm, const char *path)
{
	for (size_t i = 0; i < rm->natt; i++)
		if (rm->att[i].why)
			warning("%s: ATTACH: not taken: %s", path,
			    rm->att[i].why);
	if (redact_any(&rm->att_found)) {
		char *where = xasprintf("%s (ATTACH)", path);

		redact_report(&rm->att_found, where);
		free(where);
	}
}

void
sync_attach_free(struct remote *rm)
{
	for (size_t i = 0; i < rm->natt; i++) {
		free(rm->att[i].name);
		free(rm->att[i].data);
		free(rm->att[i].type);
	}
	free(rm->att);
	rm->att = NULL;
	rm->natt = 0;
	memset(&rm->att_found, 0, sizeof(rm->att_found));
}

struct held {
	const char *sha;
	int found;
};

static int
holds(struct cl_attachment *a, void *arg)
{
	struct held *h = arg;

	if (strcmp(a->sha256, h->sha) == 0)
		h->found = 1;
	return 0;
}

/* A file too large for an item: said, once per item read, unless this
 * journal holds it. */
static int
not_carried(struct sync *s, const struct remote *rm, const struct sync_att *f)
{
	struct held h = { .sha = f->sha256 };
	char size[EXHIBIT_SIZE_BUFSZ], *name, why[FIELD_WHY_BUFSZ];

	if (store_record_attachments(s->st, rm->item.kind,
	    rm->item.rec.uuid, holds, &h) == -1)
		return -1;
	if (h.found)
		return 0;
	/* The name is the folder's: checked before it reaches a terminal. */
	if ((name = exhibit_name_check(f->name ? f->name : "?", NULL, why,
	    sizeof(why))) == NULL)
		name = xstrdup("a file");
	exhibit_size((long long)f->size, size);
	fprintf(s->out, "%s %.8s: %s (%s, sha256 %.12s) is on another"
	    " device: too large for a sync item ([sync] attach_max)\n",
	    sync_kind_name(rm->item.kind), rm->item.rec.uuid, name, size,
	    f->sha256);
	free(name);
	return 0;
}

/* Keep one file of a folder's item with record (kind, uuid). */
static int
keep(struct sync *s, const struct remote *rm, struct sync_att *f)
{
	struct cl_attachment a = { 0 };
	struct attach_src src = { .mem = f->data, .size = (long long)f->size };
	struct held h = { 0 };
	int rc;

	if (store_record_ids(s->st, rm->item.kind, rm->item.rec.uuid,
	    &a.case_id, &a.call_id) != 0)
		return 0;		/* not in the journal (refused) */
	if (f->why)
		return 0;
	if (f->data == NULL)
		return not_carried(s, rm, f);
	a.media_type = xstrdup(f->type);
	h.sha = f->sha256;
	rc = store_record_attachments(s->st, rm->item.kind,
	    rm->item.rec.uuid, holds, &h);
	if (rc == 0 && !h.found && src.size > 0) {
		a.name = xstrdup(f->name);
		a.added = s->now;
		if ((rc = store_attach(s->st, &a, &src)) == 0)
			s->attachments = 1;
	}
	attachment_clear(&a);
	return rc;
}

/* The item of rm, when the journal's record is as agreed, remembered
 * with the files the record now has: the next sync sees it unchanged
 * (the files it brought are on it). */
static int
settle(struct sync *s, const struct remote *rm)
{
	struct sync_rec now = { 0 };
	int rc = store_sync_record_get(s->st, rm->item.kind,
	    rm->item.rec.uuid, &now);

	if (rc == 0)
		rc = sync_attach_settle(s, &now, NULL, rm->name);
	sync_rec_clear(&now);
	return rc == -1 ? -1 : 0;
}

int
sync_attach_apply(struct sync *s)
{
	for (size_t i = 0; i < s->nrm; i++) {
		struct remote *rm = &s->rm[i];

		if (rm->item.kind != SYNC_CASE && rm->item.kind != SYNC_CALL)
			continue;
		for (size_t j = 0; j < rm->natt; j++)
			if (keep(s, rm, &rm->att[j]) == -1)
				return -1;
		/* An item written in this sync was remembered with the
		 * files it brought (sync_attach_settle): settle() leaves it. */
		if (s->attachments && settle(s, rm) == -1)
			return -1;
	}
	return 0;
}
