/*
 * dossier_exhibits.c: the case's kept files as the dossier's exhibits
 * (DESIGN.md, "Evidence"), numbered in timeline order, each named with its
 * date, size and SHA-256 so that whoever reads the dossier can check the
 * file they were given is the one that was attached.  HTML shows small
 * images inline (read here, bounded one by one and in all: a huge photo
 * is listed, never copied into the page) and links the rest when a bundle
 * carries them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dossier.h"
#include "dossier_text.h"
#include "exhibit.h"
#include "store.h"
#include "util.h"

struct load {
	struct dossier *d;
	struct store *st;
	long inline_total;
};

/* The image types every browser shows, and nothing that runs (SVG). */
static int
inline_type(const char *t)
{
	return !strcmp(t, "image/png") || !strcmp(t, "image/jpeg") ||
	    !strcmp(t, "image/gif") || !strcmp(t, "image/webp");
}

struct membuf {
	char *p;
	size_t n, cap;
};

static int
to_mem(const void *p, size_t n, void *arg)
{
	struct membuf *m = arg;

	if (m->n + n > m->cap)
		return error("internal error: an exhibit grew as it was read");
	memcpy(m->p + m->n, p, n);
	m->n += n;
	return 0;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* "data:TYPE;base64,..." of the blob, or NULL after reporting. */
static char *
data_uri(struct store *st, const struct cl_attachment *a)
{
	struct membuf m = { xmalloc((size_t)a->size), 0, (size_t)a->size };
	size_t head = strlen("data:;base64,") + strlen(a->media_type);
	char *uri, *o;

	if (store_blob_read(st, a->sha256, to_mem, &m) != 0) {
		free(m.p);
		return NULL;
	}
	uri = xmalloc(head + (m.n + 2) / 3 * 4 + 1);
	o = uri + sprintf(uri, "data:%s;base64,", a->media_type);
	for (size_t i = 0; i < m.n; i += 3) {
		unsigned v = (unsigned char)m.p[i] << 16 |
		    (i + 1 < m.n ? (unsigned char)m.p[i + 1] << 8 : 0) |
		    (i + 2 < m.n ? (unsigned char)m.p[i + 2] : 0);

		*o++ = b64[v >> 18 & 63];
		*o++ = b64[v >> 12 & 63];
		*o++ = i + 1 < m.n ? b64[v >> 6 & 63] : '=';
		*o++ = i + 2 < m.n ? b64[v & 63] : '=';
	}
	*o = '\0';
	free(m.p);
	return uri;
}

static int
keep(struct cl_attachment *a, void *arg)
{
	struct load *l = arg;
	struct dossier *d = l->d;
	struct dossier_exhibit *x;

	d->exhibits = xrealloc(d->exhibits, (d->nexhibits + 1) *
	    sizeof(*d->exhibits));
	x = &d->exhibits[d->nexhibits++];
	memset(x, 0, sizeof(*x));
	x->a = *a;
	memset(a, 0, sizeof(*a));	/* the exhibit owns its strings now */
	x->number = (int)d->nexhibits;
	x->at = x->a.added;
	for (size_t i = 0; x->a.call_id && i < d->ncalls; i++)
		if (d->calls[i].id == x->a.call_id)
			x->at = d->calls[i].started;
	if (inline_type(x->a.media_type) && x->a.size <= DOSSIER_INLINE_MAX &&
	    l->inline_total + x->a.size <= DOSSIER_INLINE_TOTAL) {
		if ((x->data_uri = data_uri(l->st, &x->a)) == NULL)
			return -1;
		l->inline_total += (long)x->a.size;
	}
	return 0;
}

int
dossier_load_exhibits(struct store *st, struct dossier *d)
{
	struct load l = { d, st, 0 };

	return store_attachments_each(st, d->c.id, keep, &l) == 0 ? 0 : -1;
}

void
dossier_exhibits_clear(struct dossier *d)
{
	for (size_t i = 0; i < d->nexhibits; i++) {
		attachment_clear(&d->exhibits[i].a);
		free(d->exhibits[i].data_uri);
		free(d->exhibits[i].file);
	}
	free(d->exhibits);
	d->exhibits = NULL;
	d->nexhibits = 0;
}

/* "Exhibit 3: receipt.pdf" */
static char *
title(const struct dossier_exhibit *x)
{
	return xasprintf("Exhibit %d: %s", x->number, x->a.name);
}

/* "application/pdf, 12.3 KB, attached 2026-11-20 10:00 EST, on call 4" */
static char *
facts(const struct dossier_exhibit *x)
{
	char size[EXHIBIT_SIZE_BUFSZ], t[DOSSIER_TIMEBUF], call[40] = "";

	exhibit_size(x->a.size, size);
	dossier_format_time(x->a.added, t);
	if (x->a.call_id)
		snprintf(call, sizeof(call), ", on call %lld", x->a.call_id);
	return xasprintf("%s, %s, attached %s%s", x->a.media_type, size, t,
	    call);
}

void
dossier_exhibit_txt(const struct dossier_exhibit *x, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], *ti = title(x), *f = facts(x);

	dossier_format_time(x->at, t);
	dossier_txt_field(fp, 2, 23, t, ti);
	dossier_txt_field(fp, 6, 17, "File", f);
	dossier_txt_field(fp, 6, 17, "SHA-256", x->a.sha256);
	if (x->a.note)
		dossier_txt_field(fp, 6, 17, "Note", x->a.note);
	free(ti);
	free(f);
}

void
dossier_exhibits_txt(const struct dossier *d, FILE *fp)
{
	if (d->nexhibits == 0)
		return;
	fputs("\nExhibits\n--------\n", fp);
	for (size_t i = 0; i < d->nexhibits; i++) {
		const struct dossier_exhibit *x = &d->exhibits[i];
		char label[24], *f = facts(x), *line;

		snprintf(label, sizeof(label), "Exhibit %d", x->number);
		line = xasprintf("%s; %s; SHA-256 %s", x->a.name, f,
		    x->a.sha256);
		dossier_txt_field(fp, 2, 13, label, line);
		free(line);
		free(f);
	}
}

void
dossier_exhibit_md(const struct dossier_exhibit *x, FILE *fp)
{
	char t[DOSSIER_TIMEBUF], *ti = title(x), *f = facts(x);

	dossier_format_time(x->at, t);
	fprintf(fp, "\n### %s \xc2\xb7 ", t);
	dossier_md_text(fp, ti);
	fputs("\n\n- ", fp);
	dossier_md_text(fp, f);
	fprintf(fp, "\n- SHA-256 `%s`\n", x->a.sha256);
	if (x->a.note) {
		fputs("- Note: ", fp);
		dossier_md_text(fp, x->a.note);
		fputc('\n', fp);
	}
	free(ti);
	free(f);
}

void
dossier_exhibits_md(const struct dossier *d, FILE *fp)
{
	if (d->nexhibits == 0)
		return;
	fputs("\n## Exhibits\n\n", fp);
	for (size_t i = 0; i < d->nexhibits; i++) {
		const struct dossier_exhibit *x = &d->exhibits[i];
		char *ti = title(x), *f = facts(x);

		fprintf(fp, "%zu. ", i + 1);
		dossier_md_text(fp, x->a.name);
		fputs(" \xe2\x80\x94 ", fp);
		dossier_md_text(fp, f);
		fprintf(fp, "; SHA-256 `%s`\n", x->a.sha256);
		free(ti);
		free(f);
	}
}

/* The exhibit's file in a bundle, as a URL: the bytes outside the
 * unreserved set percent-encoded. */
static void
href(FILE *fp, const char *s)
{
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~/", ch))
			fputc(ch, fp);
		else
			fprintf(fp, "%%%02X", ch);
	}
}

static void
html_name(const struct dossier_exhibit *x, FILE *fp)
{
	char *ti = title(x);

	if (x->file) {
		fputs("<a href=\"", fp);
		href(fp, x->file);
		fputs("\">", fp);
	}
	dossier_html_text(fp, ti);
	if (x->file)
		fputs("</a>", fp);
	free(ti);
}

void
dossier_exhibit_html(const struct dossier_exhibit *x, FILE *fp)
{
	char *f = facts(x);

	fprintf(fp, "<li class=\"exhibit\" id=\"exhibit-%d\">", x->number);
	dossier_html_when(fp, x->at);
	fputs("<div class=\"entry\"><h3>", fp);
	html_name(x, fp);
	fputs("</h3><dl><dt>File</dt><dd>", fp);
	dossier_html_text(fp, f);
	fprintf(fp, "</dd><dt>SHA-256</dt><dd><code>%s</code></dd>",
	    x->a.sha256);
	if (x->a.note) {
		fputs("<dt>Note</dt><dd>", fp);
		dossier_html_text(fp, x->a.note);
		fputs("</dd>", fp);
	}
	fputs("</dl>", fp);
	if (x->data_uri) {
		fputs("<figure><img style=\"max-width:100%\" alt=\"", fp);
		dossier_html_text(fp, x->a.name);
		fprintf(fp, "\" src=\"%s\" /></figure>", x->data_uri);
	}
	fputs("</div></li>\n", fp);
	free(f);
}

void
dossier_exhibits_html(const struct dossier *d, FILE *fp)
{
	if (d->nexhibits == 0)
		return;
	fputs("<h2>Exhibits</h2>\n<ol class=\"exhibits\">\n", fp);
	for (size_t i = 0; i < d->nexhibits; i++) {
		const struct dossier_exhibit *x = &d->exhibits[i];
		char *f = facts(x);

		fputs("<li>", fp);
		html_name(x, fp);
		fputs(" \xe2\x80\x94 ", fp);
		dossier_html_text(fp, f);
		fprintf(fp, "; SHA-256 <code>%s</code></li>\n", x->a.sha256);
		free(f);
	}
	fputs("</ol>\n", fp);
}
