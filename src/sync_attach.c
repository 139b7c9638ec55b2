/*
 * sync_attach.c: attachments on sync items (DESIGN.md "Evidence").
 *
 * Writing: each file on a call (or on its case, on no call) is an
 *	ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=T;FILENAME="N":<base64>
 * on the record's item when it is at most [sync] attach_max and the item
 * carries no more than SYNC_ATTACH_ITEM_MAX of files inline with it (the
 * first by id go inline), else an
 *	X-CALLLOG-ATTACHMENT;FMTTYPE=T;FILENAME="N";X-CALLLOG-SIZE=S:<sha256>
 * (no ATTACH without its value: that is no valid iCalendar).  FILENAME is
 * RFC 8607's, which Thunderbird and Google write; X-FILENAME is read too.
 * The lines follow the files by id and are folded at 75 octets, so an
 * item with nothing changed is written the same.
 *
 * Reading: these lines are taken out of the item before it is read, so
 * that they are never kept as a client's lines (nor count against their
 * bound).  A binary ATTACH is the folder's, so untrusted: bounded by
 * [attach] max_size (each, and all of an item's together), its base64
 * checked, its name through exhibit_name, its type from its bytes, its
 * text redacted like a note.  Once redacted it is other bytes: those are
 * the attachment here and what this journal writes from then on, and the
 * device that sent it takes them as another file (two devices settle,
 * the card number gone from both).  A file this record already holds (by
 * sha256) changes nothing.  An item that lacks a file never removes it
 * here: a client that drops lines it does not show would otherwise
 * delete evidence.  A large file's line says only that it exists: the
 * sync reports it, and nothing is recorded here.  ATTACH by URI is a
 * client's line like any other, kept, never fetched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "exhibit.h"
#include "mediatype.h"
#include "redact.h"
#include "sha256.h"
#include "store.h"
#include "sync_int.h"
#include "util.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* Add the content line text to b folded at 75 octets, never inside a
 * UTF-8 sequence. */
static void
add_folded(struct strbuf *b, const char *text, size_t len)
{
	size_t col = 75;

	while (len > col) {
		size_t n = col;

		while (n > 1 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
		strbuf_add(b, text, n);
		strbuf_add(b, "\r\n ", 3);
		text += n;
		len -= n;
		col = 74;
	}
	strbuf_add(b, text, len);
	strbuf_add(b, "\r\n", 2);
}

/* A parameter value: quoted, a DQUOTE (which no value may hold) as '. */
static void
add_param(struct strbuf *b, const char *name, const char *v)
{
	strbuf_addstr(b, ";");
	strbuf_addstr(b, name);
	strbuf_addstr(b, "=\"");
	for (; *v; v++)
		strbuf_add(b, *v == '"' ? "'" : v, 1);
	strbuf_addstr(b, "\"");
}

static int
b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

int
sync_b64_decode(const char *v, long long max, unsigned char **out, size_t *n,
    const char **why)
{
	size_t len = strlen(v), o = 0, pad = 0;
	unsigned char *d;

	while (pad < 2 && len > pad && v[len - 1 - pad] == '=')
		pad++;
	if (len == 0 || len % 4 != 0)
		return *why = "its base64 is cut short", -1;
	if ((long long)(len / 4 * 3 - pad) > max)
		return *why = "it is larger than [attach] max_size", -1;
	d = xmalloc(len / 4 * 3 + 1);
	for (size_t i = 0; i < len - pad; i += 4) {
		int q[4] = { 0 };
		size_t k;

		for (k = 0; k < 4; k++) {
			if (i + k >= len - pad)
				break;
			if ((q[k] = b64val((unsigned char)v[i + k])) < 0) {
				free(d);
				return *why = "it is not base64", -1;
			}
		}
		d[o++] = (unsigned char)(q[0] << 2 | q[1] >> 4);
		if (k > 2)
			d[o++] = (unsigned char)(q[1] << 4 | q[2] >> 2);
		if (k > 3)
			d[o++] = (unsigned char)(q[2] << 6 | q[3]);
	}
	if (o == 0) {
		free(d);
		return *why = "it is empty", -1;
	}
	*out = d;
	*n = o;
	return 0;
}

struct b64sink {
	struct strbuf *b;
	unsigned char q[3];
	size_t nq;
};

static void
b64_quad(struct strbuf *b, const unsigned char *q, size_t n)
{
	char o[4];

	o[0] = b64[q[0] >> 2];
	o[1] = b64[((q[0] & 3) << 4) | (n > 1 ? q[1] >> 4 : 0)];
	o[2] = n > 1 ? b64[((q[1] & 15) << 2) | (n > 2 ? q[2] >> 6 : 0)] : '=';
	o[3] = n > 2 ? b64[q[2] & 63] : '=';
	strbuf_add(b, o, 4);
}

static int
b64_sink(const void *p, size_t n, void *arg)
{
	struct b64sink *k = arg;
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++) {
		k->q[k->nq++] = c[i];
		if (k->nq == 3) {
			b64_quad(k->b, k->q, 3);
			k->nq = 0;
		}
	}
	return 0;
}

/* A file on an item: one of the record's (data NULL: its bytes are in
 * the journal) or one the folder's item brings. */
struct one {
	const char *name, *type, *sha256;
	long long size;
	const unsigned char *data;
};

/* Each file of record (kind, uuid): its own by id, then those rm brings
 * that it does not hold (each once), as the sync will keep them. */
struct walk {
	int (*fn)(const struct one *, void *);
	void *arg;
	char (*held)[65];
	size_t nheld;
};

static int
walk_own(struct cl_attachment *a, void *arg)
{
	struct walk *w = arg;
	struct one o = { a->name, a->media_type, a->sha256, a->size, NULL };

	w->held = xrealloc(w->held, (w->nheld + 1) * sizeof(*w->held));
	memcpy(w->held[w->nheld++], a->sha256, 65);
	return w->fn(&o, w->arg);
}

static int
walk_files(struct sync *s, int kind, const char *uuid,
    const struct remote *rm, int (*fn)(const struct one *, void *), void *arg)
{
	struct walk w = { fn, arg, NULL, 0 };
	int rc = 0;

	for (int k = SYNC_CASE; k <= SYNC_CALL && rc == 0; k++)
		if (kind < 0 || kind == k)
			rc = store_record_attachments(s->st, k, uuid,
			    walk_own, &w);
	for (size_t i = 0; rm && rc == 0 && i < rm->natt; i++) {
		const struct sync_att *f = &rm->att[i];
		struct one o = { f->name, f->type, f->sha256,
		    (long long)f->size, f->data };
		size_t j = 0;

		if (f->data == NULL)	/* not carried, or refused */
			continue;
		while (j < w.nheld && strcmp(w.held[j], f->sha256) != 0)
			j++;
		if (j < w.nheld)
			continue;
		w.held = xrealloc(w.held, (w.nheld + 1) * sizeof(*w.held));
		memcpy(w.held[w.nheld++], f->sha256, 65);
		rc = fn(&o, arg);
	}
	free(w.held);
	return rc;
}

struct writer {
	struct store *st;
	long long max;		/* what one file may be to go inline */
	long long left;		/* what the item may carry yet */
	struct strbuf lines;
};

static int
write_one(const struct one *a, void *arg)
{
	struct writer *w = arg;
	struct strbuf l = { 0 };
	char size[32];

	if (a->size > w->max || a->size > w->left) {
		strbuf_addstr(&l, "X-CALLLOG-ATTACHMENT;FMTTYPE=");
		strbuf_addstr(&l, a->type);
		add_param(&l, "FILENAME", a->name);
		snprintf(size, sizeof(size), ";X-CALLLOG-SIZE=%lld", a->size);
		strbuf_addstr(&l, size);
		strbuf_addstr(&l, ":");
		strbuf_addstr(&l, a->sha256);
	} else {
		struct b64sink k = { .b = &l };

		/* A media type is a token: no quotes, as clients write it. */
		strbuf_addstr(&l, "ATTACH;ENCODING=BASE64;VALUE=BINARY;FMTTYPE=");
		strbuf_addstr(&l, a->type);
		add_param(&l, "FILENAME", a->name);
		strbuf_addstr(&l, ":");
		if (a->data)
			b64_sink(a->data, (size_t)a->size, &k);
		else if (store_blob_read(w->st, a->sha256, b64_sink, &k) == -1) {
			free(l.s);
			return -1;
		}
		if (k.nq)
			b64_quad(&l, k.q, k.nq);
		w->left -= a->size;
	}
	add_folded(&w->lines, l.s, l.len);
	free(l.s);
	return 0;
}

int
sync_attach_write(struct sync *s, const struct sync_rec *r,
    const struct remote *rm, char **text)
{
	struct writer w = { .st = s->st,
	    .max = s->cfg->sync_attach_max, .left = SYNC_ATTACH_ITEM_MAX };
	const char *endtag = r->kind == SYNC_CASE ? "\r\nEND:VTODO\r\n" :
	    "\r\nEND:VJOURNAL\r\n";
	struct strbuf b = { 0 };
	char *end;

	if ((!s->attachments && !(rm && rm->natt)) || r->kind == SYNC_EVENT)
		return 0;
	if (walk_files(s, r->kind, r->uuid, rm, write_one, &w) == -1) {
		free(w.lines.s);
		return -1;
	}
	if (w.lines.len == 0 || (end = strstr(*text, endtag)) == NULL) {
		free(w.lines.s);
		return 0;
	}
	end += 2;
	strbuf_add(&b, *text, (size_t)(end - *text));
	strbuf_add(&b, w.lines.s, w.lines.len);
	strbuf_addstr(&b, end);
	free(w.lines.s);
	free(*text);
	*text = b.s;
	return 0;
}

struct mix {
	struct sync_fp h;
	int any;
};

static int
fp_one(const struct one *a, void *arg)
{
	struct mix *m = arg;

	sync_fp_field(&m->h, a->sha256, strlen(a->sha256));
	sync_fp_field(&m->h, a->name, strlen(a->name));
	m->any = 1;
	return 0;
}

int
sync_attach_fp(struct sync *s, int kind, const char *uuid,
    const struct remote *rm, char fp[17])
{
	struct mix m = { .any = 0 };

	if (!s->attachments && !(rm && rm->natt))
		return 0;
	sync_fp_init(&m.h);
	sync_fp_field(&m.h, fp, 16);
	if (walk_files(s, kind, uuid, rm, fp_one, &m) == -1)
		return -1;
	/* A record with no files keeps its plain fingerprint. */
	if (m.any)
		sync_fp_end(&m.h, 0, fp);
	return 0;
}

int
sync_attach_settle(struct sync *s, const struct sync_rec *r,
    const struct remote *rm, const char *name)
{
	char fp[17], plain[17];

	if (!s->attachments && !(rm && rm->natt))
		return 0;
	sync_rec_fingerprint(r, plain);
	memcpy(fp, plain, sizeof(fp));
	if (sync_attach_fp(s, r->kind, r->uuid, rm, fp) == -1)
		return -1;
	if (strcmp(fp, plain) == 0)
		return 0;
	return store_sync_set_fp(s->st, s->dir, name, plain, fp);
}
