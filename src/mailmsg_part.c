/*
 * mailmsg_part.c: a MIME part's bytes made text for mailmsg.c: the
 * transfer encoding undone, base64 checked whole first (GMime would
 * decode a part cut off to a shorter file), and the declared charset
 * converted to UTF-8, refused when the text is not in it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "mailmsg_int.h"

int
mail_fail(char err[MAIL_ERRSZ], const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, MAIL_ERRSZ, fmt, ap);
	va_end(ap);
	return -1;
}

/* The bytes of a stream, whole. */
static GByteArray *
slurp(GMimeStream *s, int decode, GMimeDataWrapper *wrap)
{
	GMimeStream *mem = g_mime_stream_mem_new();
	GByteArray *ba, *out = g_byte_array_new();

	if (decode)
		g_mime_data_wrapper_write_to_stream(wrap, mem);
	else {
		g_mime_stream_reset(s);
		g_mime_stream_write_to_stream(s, mem);
		g_mime_stream_reset(s);
	}
	ba = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
	g_byte_array_append(out, ba->data, ba->len);
	g_object_unref(mem);
	return out;
}

/* Base64 as sent: the alphabet, blanks, and '=' only at the end, in
 * groups of four.  GMime would decode a cut-off part to a shorter file. */
static int
base64_whole(const GByteArray *raw)
{
	size_t n = 0, pad = 0;

	for (guint i = 0; i < raw->len; i++) {
		unsigned char c = raw->data[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		if (pad || !(g_ascii_isalnum(c) || c == '+' || c == '/'))
			return 0;
		n++;
	}
	return pad <= 2 && (n + pad) % 4 == 0;
}

GByteArray *
mail_part_bytes(GMimePart *part, char err[MAIL_ERRSZ])
{
	GMimeDataWrapper *wrap = g_mime_part_get_content(part);
	const char *name = g_mime_part_get_filename(part);

	if (wrap == NULL)
		return g_byte_array_new();
	if (g_mime_part_get_content_encoding(part) ==
	    GMIME_CONTENT_ENCODING_BASE64) {
		GByteArray *raw = slurp(g_mime_data_wrapper_get_stream(wrap),
		    0, NULL);
		int ok = base64_whole(raw);

		g_byte_array_unref(raw);
		if (!ok)
			return mail_fail(err, "its base64 part%s%s%s is cut "
			    "short or damaged", name ? " '" : "",
			    name ? name : "", name ? "'" : ""), NULL;
	}
	return slurp(NULL, 1, wrap);
}

char *
mail_part_text(const GByteArray *b, const char *charset,
    char err[MAIL_ERRSZ])
{
	GError *e = NULL;
	gsize n = 0;
	char *out;

	if (b->len == 0)
		return g_strdup("");
	if (charset == NULL || !g_ascii_strcasecmp(charset, "us-ascii") ||
	    !g_ascii_strcasecmp(charset, "utf-8") ||
	    !g_ascii_strcasecmp(charset, "utf8")) {
		if (!g_utf8_validate((const char *)b->data, b->len, NULL))
			return mail_fail(err, "its text is not valid %s; its "
			    "charset is declared wrong", charset ? charset :
			    "UTF-8"), NULL;
		out = g_malloc(b->len + 1);
		memcpy(out, b->data, b->len), out[b->len] = '\0';
		n = b->len;
	} else {
		const char *name = g_mime_charset_iconv_name(charset);
		GIConv cd = g_iconv_open("UTF-8", name);

		if (cd == (GIConv)-1)
			return mail_fail(err, "its text is in charset '%.60s', "
			    "which this system cannot read", charset), NULL;
		g_iconv_close(cd);
		out = g_convert((const char *)b->data, b->len, "UTF-8", name,
		    NULL, &n, &e);
		if (out == NULL) {
			g_error_free(e);
			return mail_fail(err, "its text is not valid %.60s; "
			    "its charset is declared wrong", charset), NULL;
		}
	}
	n = mail_text_clean(out, n);
	out[n] = '\0';
	return out;
}
