/*
 * mailmsg.c: an email read with GMime (mailmsg.h); with mailmsg_part.c,
 * the only file that includes it.  GMime parses MIME as mail clients meet
 * it, leniently; what calllog keeps as evidence must not be a guess, so
 * the checks GMime leaves to its caller are made here: a Date and a
 * sender, a charset that converts, base64 that is whole (both
 * mailmsg_part.c), bounded depth and part count.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mailmsg_int.h"

struct walk {
	struct strbuf text;
	struct mail_msg *m;
	int parts;
	char *err;
};

/* One part's text, apart from the one before by a blank line. */
static void
add_text(struct walk *w, const char *s)
{
	size_t n = strlen(s);

	while (*s == '\n')
		s++, n--;
	while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return;
	if (w->text.len)
		strbuf_addstr(&w->text, "\n\n");
	strbuf_add(&w->text, s, n);
}

static char *one_line(const char *s);

static void
add_file(struct walk *w, GMimePart *part, size_t size)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	const char *name = g_mime_part_get_filename(part);
	struct mail_file *f;
	char *type = g_mime_content_type_get_mime_type(ct);

	w->m->files = xrealloc(w->m->files, (w->m->nfiles + 1) *
	    sizeof(*w->m->files));
	f = &w->m->files[w->m->nfiles++];
	/* Shown in the notes and the report: one clean line, like a header. */
	f->name = one_line(name && *name ? name : "(no name)");
	f->type = one_line(type);
	f->size = size;
	g_free(type);
}

static int walk(struct walk *w, GMimeObject *o, int depth);
static int sender(GMimeMessage *msg, char **addr, char **name);

/* A leaf: the message's text, or a file attached to it. */
static int
walk_part(struct walk *w, GMimePart *part)
{
	GMimeContentType *ct = g_mime_object_get_content_type(GMIME_OBJECT(part));
	int plain = g_mime_content_type_is_type(ct, "text", "plain");
	int html = g_mime_content_type_is_type(ct, "text", "html");
	GByteArray *b;
	char *t, meta[41];
	const char *charset;

	if (!(b = mail_part_bytes(part, w->err)))
		return -1;
	if (g_mime_part_is_attachment(part) || (!plain && !html)) {
		add_file(w, part, b->len);
		g_byte_array_unref(b);
		return 0;
	}
	charset = g_mime_content_type_get_parameter(ct, "charset");
	if (charset == NULL && html)
		charset = mail_html_charset((const char *)b->data, b->len,
		    meta, sizeof(meta));
	t = mail_part_text(b, charset, w->err);
	g_byte_array_unref(b);
	if (t == NULL)
		return -1;
	if (html) {
		char *h = mail_html_text(t, strlen(t));

		/* An entity may name a control character (&#27;). */
		h[mail_text_clean(h, strlen(h))] = '\0';
		add_text(w, h);
		free(h);
	} else {
		add_text(w, t);
	}
	g_free(t);
	return 0;
}

/* The alternative a reader of text wants: text/plain, else HTML. */
static GMimeObject *
best_alternative(GMimeMultipart *mp)
{
	GMimeObject *html = NULL;
	int n = g_mime_multipart_get_count(mp);

	for (int i = 0; i < n; i++) {
		GMimeObject *o = g_mime_multipart_get_part(mp, i);
		GMimeContentType *ct = g_mime_object_get_content_type(o);

		if (g_mime_content_type_is_type(ct, "text", "plain"))
			return o;
		if (!html && (g_mime_content_type_is_type(ct, "text", "html") ||
		    GMIME_IS_MULTIPART(o)))
			html = o;
	}
	return html ? html : n ? g_mime_multipart_get_part(mp, 0) : NULL;
}

/* A forwarded message: its own headers, then its text, as a mail client
 * quotes it. */
static int
walk_forwarded(struct walk *w, GMimeMessage *msg, int depth)
{
	const char *subj = g_mime_message_get_subject(msg);
	const char *from = g_mime_object_get_header(GMIME_OBJECT(msg), "From");
	const char *date = g_mime_object_get_header(GMIME_OBJECT(msg), "Date");
	char *hdr = xasprintf("---------- Forwarded message ----------\n"
	    "From: %s\nDate: %s\nSubject: %s", from ? from : "",
	    date ? date : "", subj ? subj : "");

	hdr[mail_text_clean(hdr, strlen(hdr))] = '\0';
	if (!g_utf8_validate(hdr, -1, NULL)) {
		char *v = g_utf8_make_valid(hdr, -1);

		free(hdr);
		hdr = xstrdup(v);
		g_free(v);
	}
	add_text(w, hdr);
	free(hdr);
	if (w->m->fwd_from_addr == NULL)
		sender(msg, &w->m->fwd_from_addr, &w->m->fwd_from_name);
	return walk(w, g_mime_message_get_mime_part(msg), depth + 1);
}

static int
walk(struct walk *w, GMimeObject *o, int depth)
{
	if (o == NULL)
		return 0;
	if (depth > MAIL_MAX_DEPTH)
		return mail_fail(w->err, "its parts are nested deeper than %d",
		    MAIL_MAX_DEPTH);
	if (++w->parts > MAIL_MAX_PARTS)
		return mail_fail(w->err, "it has more than %d parts",
		    MAIL_MAX_PARTS);
	if (GMIME_IS_MESSAGE_PART(o)) {
		GMimeMessage *sub = g_mime_message_part_get_message(
		    GMIME_MESSAGE_PART(o));

		return sub ? walk_forwarded(w, sub, depth) : 0;
	}
	if (GMIME_IS_MULTIPART(o)) {
		GMimeMultipart *mp = GMIME_MULTIPART(o);
		GMimeContentType *ct = g_mime_object_get_content_type(o);

		if (g_mime_content_type_is_type(ct, "multipart", "alternative"))
			return walk(w, best_alternative(mp), depth + 1);
		for (int i = 0; i < g_mime_multipart_get_count(mp); i++)
			if (walk(w, g_mime_multipart_get_part(mp, i),
			    depth + 1) == -1)
				return -1;
		return 0;
	}
	if (GMIME_IS_PART(o))
		return walk_part(w, GMIME_PART(o));
	return 0;		/* message/partial: nothing to read alone */
}

/* A header's text as one clean line of valid UTF-8. */
static char *
one_line(const char *s)
{
	char *v = g_utf8_make_valid(s ? s : "", -1), *out;

	for (char *p = v; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	v[mail_text_clean(v, strlen(v))] = '\0';
	out = xstrdup(g_strstrip(v));
	g_free(v);
	return out;
}

/* The first mailbox of From, a group's first member; 0, or -1 when
 * there is none. */
static int
sender(GMimeMessage *msg, char **addr, char **name)
{
	InternetAddressList *from = g_mime_message_get_from(msg);
	InternetAddress *a = NULL;

	if (from && internet_address_list_length(from) > 0)
		a = internet_address_list_get_address(from, 0);
	while (a && INTERNET_ADDRESS_IS_GROUP(a)) {
		InternetAddressList *l = internet_address_group_get_members(
		    INTERNET_ADDRESS_GROUP(a));

		a = l && internet_address_list_length(l) > 0 ?
		    internet_address_list_get_address(l, 0) : NULL;
	}
	if (a == NULL || !INTERNET_ADDRESS_IS_MAILBOX(a) ||
	    !*internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a)))
		return -1;
	*addr = one_line(internet_address_mailbox_get_addr(
	    INTERNET_ADDRESS_MAILBOX(a)));
	*name = one_line(internet_address_get_name(a));
	return 0;
}

/* Date, sender, subject and message-id of the outer message. */
static int
read_header(struct walk *w, GMimeMessage *msg)
{
	GDateTime *d;

	if (!g_mime_object_get_header(GMIME_OBJECT(msg), "Date"))
		return mail_fail(w->err, "it has no Date header; without it "
		    "the message cannot be placed in the timeline");
	if ((d = g_mime_message_get_date(msg)) == NULL)
		return mail_fail(w->err, "its Date header cannot be read");
	w->m->date = (time_t)g_date_time_to_unix(d);
	if (sender(msg, &w->m->from_addr, &w->m->from_name) == -1)
		return mail_fail(w->err, "it has no sender (From header)");
	w->m->subject = one_line(g_mime_message_get_subject(msg));
	w->m->message_id = one_line(g_mime_message_get_message_id(msg));
	return 0;
}

int
mail_parse(const char *buf, size_t len, size_t max, struct mail_msg *out,
    char err[MAIL_ERRSZ])
{
	struct walk w = { .m = out, .err = err };
	GMimeStream *s;
	GMimeParser *p;
	GMimeMessage *msg;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	err[0] = '\0';
	if (len == 0)
		return mail_fail(w.err, "it is empty");
	if (len > max)
		return mail_fail(w.err, "it is larger than %zu bytes", max);
	g_mime_init();
	s = g_mime_stream_mem_new_with_buffer(buf, len);
	p = g_mime_parser_new_with_stream(s);
	msg = g_mime_parser_construct_message(p, NULL);
	if (msg == NULL || (!g_mime_object_get_header(GMIME_OBJECT(msg),
	    "From") && !g_mime_object_get_header(GMIME_OBJECT(msg), "Date")))
		mail_fail(w.err, "it is not an email message (no From or Date "
		    "header); save the message from the mail program as .eml");
	else if (read_header(&w, msg) == 0 &&
	    walk(&w, g_mime_message_get_mime_part(msg), 0) == 0)
		rc = 0;
	if (msg)
		g_object_unref(msg);
	g_object_unref(p);
	g_object_unref(s);
	if (rc == 0) {
		out->text = w.text.s ? w.text.s : xstrdup("");
		return 0;
	}
	free(w.text.s);
	mail_msg_clear(out);
	return -1;
}

void
mail_msg_clear(struct mail_msg *m)
{
	free(m->from_addr);
	free(m->from_name);
	free(m->subject);
	free(m->message_id);
	free(m->fwd_from_addr);
	free(m->fwd_from_name);
	free(m->text);
	for (size_t i = 0; i < m->nfiles; i++) {
		free(m->files[i].name);
		free(m->files[i].type);
	}
	free(m->files);
	memset(m, 0, sizeof(*m));
}

